import {patch} from "@web/core/utils/patch";
import {SaleOrderLineProductField} from "@sale/js/sale_product_field";
import {ProductConfiguratorDialog} from "@sale/js/product_configurator_dialog/product_configurator_dialog";
import {ComboConfiguratorDialog} from "@sale/js/combo_configurator_dialog/combo_configurator_dialog";

/**
 * The product and combo configurators price a product without knowing the order's
 * customer, so a pricelist rule limited to customer tiers or tags (mn_crm_sales) would
 * be missing from the price they show, and the line would then get another price. The
 * order's customer goes along with every price request; the server turns it into the
 * same pricing argument the order line uses (product.template._get_configurator_price).
 */
patch(SaleOrderLineProductField.prototype, {
    _getAdditionalDialogProps() {
        const props = super._getAdditionalDialogProps(...arguments);
        const partner = this.props.record.model.root.data.partner_id;
        return partner ? {...props, mnPartnerId: partner.id} : props;
    },
});

for (const Dialog of [ProductConfiguratorDialog, ComboConfiguratorDialog]) {
    Dialog.props = {...Dialog.props, mnPartnerId: {type: Number, optional: true}};
    patch(Dialog.prototype, {
        _getAdditionalRpcParams() {
            const params = super._getAdditionalRpcParams(...arguments);
            if (!this.props.mnPartnerId) {
                return params;
            }
            return {...params, mn_partner_id: this.props.mnPartnerId};
        },
    });
}
