# One file per rule family (HELPERS.md): res.company is also extended in res_company.py.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models


class ResCompany(models.Model):
    """The company's own register number and the switch of the uniqueness rule."""

    _inherit = "res.company"

    mn_register_number = fields.Char(
        string="Register Number",
        related="partner_id.mn_register_number",
        readonly=False,
        help="The company's own Mongolian register number, printed on its quotations, "
        "orders and invoices.",
    )
    mn_register_number_unique = fields.Boolean(
        string="Unique Register Numbers",
        default=True,
        help="Refuse a second customer with the register number of another customer "
        "of this company.",
    )

    @api.model
    def _mn_rule_switches(self):
        return super()._mn_rule_switches() + ["mn_register_number_unique"]
