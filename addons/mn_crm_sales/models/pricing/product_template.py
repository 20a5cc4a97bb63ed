from odoo import api, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.model
    def _get_configurator_price(
        self, product_or_template, quantity, date, currency, pricelist, **kwargs
    ):
        """Price the configurators show: the order's customer counts, as on the line.

        The configurators' requests carry the order's customer as ``mn_partner_id``
        (static/src/js/configurator_customer.js); a pricelist rule limited to customer
        tiers or tags then matches in the dialog exactly as it will on the order line
        (``sale.order.line._mn_pricelist_kwargs``), so the customer is never shown one
        price and charged another.
        """
        partner_id = kwargs.pop("mn_partner_id", None)
        company = pricelist._mn_company() if pricelist else self.env.company
        if partner_id and pricelist and company.mn_pricelist_tiers:
            kwargs["mn_partner"] = self.env["res.partner"].browse(int(partner_id)).exists()
        return super()._get_configurator_price(
            product_or_template, quantity, date, currency, pricelist, **kwargs
        )
