from odoo import api, fields, models

from .res_company import check_max_discount_range


class ResUsers(models.Model):
    _inherit = "res.users"

    mn_max_discount = fields.Float(
        string="Maximum discount (%)",
        digits="Discount",
        help="Highest line discount this salesperson may give without approval, unless the "
        "product category has its own limit. 0 means no personal limit (the sales team's "
        "limit applies).",
    )

    _mn_max_discount_range = models.Constraint(
        "CHECK(mn_max_discount >= 0 AND mn_max_discount <= 100)",
        "A maximum discount is a percentage between 0 and 100.",
    )

    @api.constrains("mn_max_discount")
    def _check_mn_max_discount_range(self):
        check_max_discount_range(self)
