from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    mn_ebarimt_tin = fields.Char(
        string="E-barimt TIN",
        copy=False,
        help="Taxpayer identification number the e-barimt service gave for the register "
        "number; B2B receipts carry it.",
    )
