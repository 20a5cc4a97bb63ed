from odoo import fields, models


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
