from odoo import fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    mn_ebarimt_tax_type = fields.Selection(
        [
            ("VAT_ABLE", "VAT 10 %"),
            ("VAT_ZERO", "VAT 0 %"),
            ("VAT_FREE", "VAT exempt"),
            ("NO_VAT", "Not subject to VAT"),
        ],
        string="E-barimt Tax Type",
        help="Sub-receipt of the e-barimt a line with this tax goes to. Empty: VAT 10 % for "
        "a tax with an amount, VAT 0 % for a zero tax.",
    )

    def _mn_ebarimt_tax_type(self):
        """The e-barimt tax type of a line with these taxes (NO_VAT without tax)."""
        types = set()
        for tax in self.flatten_taxes_hierarchy():
            if tax.mn_ebarimt_tax_type:
                types.add(tax.mn_ebarimt_tax_type)
            else:
                types.add("VAT_ABLE" if tax.amount else "VAT_ZERO")
        for kind in ("VAT_ABLE", "VAT_FREE", "VAT_ZERO"):
            if kind in types:
                return kind
        return "NO_VAT"
