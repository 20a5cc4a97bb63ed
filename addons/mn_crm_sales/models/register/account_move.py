from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # Not stored: invoices are found by partner (whose name search matches the number),
    # and storing would rewrite posted moves whenever a partner's number changes.
    mn_partner_register_number = fields.Char(
        string="Partner Register Number",
        related="commercial_partner_id.mn_register_number",
        help="Register number of the invoiced company (or person), printed on the invoice.",
    )
