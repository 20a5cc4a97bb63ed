from odoo import api, fields, models

from .res_company import check_max_discount_range


class ProductCategory(models.Model):
    _inherit = "product.category"

    mn_max_discount = fields.Float(
        string="Maximum discount (%)",
        digits="Discount",
        help="Highest line discount on products of this category (and its sub-categories "
        "without their own limit) without approval. It takes precedence over salesperson "
        "and team limits, upwards (clearance goods) as well as downwards (thin margins). "
        "0 means no category limit.",
    )

    _mn_max_discount_range = models.Constraint(
        "CHECK(mn_max_discount >= 0 AND mn_max_discount <= 100)",
        "A maximum discount is a percentage between 0 and 100.",
    )

    @api.constrains("mn_max_discount")
    def _check_mn_max_discount_range(self):
        check_max_discount_range(self)

    def _mn_discount_limit_category(self):
        """Return the nearest category (self, then its parents) that sets a limit, or none."""
        self.ensure_one()
        category = self
        while category:
            if category.mn_max_discount:
                return category
            category = category.parent_id
        return self.browse()
