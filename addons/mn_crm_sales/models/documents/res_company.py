# res.company is extended once per rule family (models/<family>/res_company.py).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models

# Settings > Sales > Pricing: "Discounts" and "Pricelists" are implied groups of the
# internal user group, exactly as res.config.settings stores them.
PRICING_GROUPS = ("product.group_product_pricelist", "sale.group_discount_per_so_line")


class ResCompany(models.Model):
    _inherit = "res.company"

    mn_document_amount_in_words = fields.Boolean(
        string="Amount in Words on Sales Documents",
        default=True,
        help="Print the total in words (in Mongolian for tögrög) on quotations, sales orders "
        "and invoices.",
    )
    mn_quotation_mail_mongolian = fields.Boolean(
        string="Mongolian Quotation E-mail",
        default=True,
        help="Send quotations to customers whose language is Mongolian with the Mongolian "
        "e-mail template.",
    )

    @api.model
    def _mn_rule_switches(self):
        return super()._mn_rule_switches() + [
            "mn_document_amount_in_words",
            "mn_quotation_mail_mongolian",
        ]

    @api.model
    def _mn_enable_sale_pricing_features(self):
        """Turn on Settings > Sales > Pricing "Discounts" and "Pricelists" (run on install).

        Same effect as ticking both boxes in Settings: the groups become implied by
        ``base.group_user`` (``res.config.settings.set_values``) and, as product's
        ``set_values`` does when Pricelists is switched on, every company gets its default
        pricelist.
        """
        group_user = self.env.ref("base.group_user").sudo()
        for xmlid in PRICING_GROUPS:
            group_user._apply_group(self.env.ref(xmlid).sudo())
        self.env["res.company"].sudo()._activate_or_create_pricelists()


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mn_document_amount_in_words = fields.Boolean(
        related="company_id.mn_document_amount_in_words", readonly=False
    )
    mn_quotation_mail_mongolian = fields.Boolean(
        related="company_id.mn_quotation_mail_mongolian", readonly=False
    )
