from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mn_partner_register_number = fields.Char(
        string="Customer Register Number",
        related="partner_id.commercial_partner_id.mn_register_number",
        store=True,
        help="Register number of the customer's company (or of the customer), printed on "
        "the quotation and the order.",
    )
