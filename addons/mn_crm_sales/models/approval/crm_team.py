from odoo import api, fields, models

from .res_company import check_max_discount_range


class CrmTeam(models.Model):
    _inherit = "crm.team"

    mn_max_discount = fields.Float(
        string="Maximum discount (%)",
        digits="Discount",
        help="Highest line discount the team's salespeople may give without approval when "
        "neither the product category nor the salesperson has a limit. 0 means no team "
        "limit (the company default applies).",
    )

    _mn_max_discount_range = models.Constraint(
        "CHECK(mn_max_discount >= 0 AND mn_max_discount <= 100)",
        "A maximum discount is a percentage between 0 and 100.",
    )

    @api.constrains("mn_max_discount")
    def _check_mn_max_discount_range(self):
        check_max_discount_range(self)
