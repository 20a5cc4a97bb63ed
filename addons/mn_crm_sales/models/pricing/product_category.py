from odoo import fields, models


class ProductCategory(models.Model):
    _name = "product.category"
    _inherit = ["product.category", "mn.min.margin.mixin"]  # pylint: disable=consider-merging-classes-inherited

    mn_min_margin = fields.Float(
        help="Minimum margin over cost, in percent, for products of this category and of its "
        "subcategories (unless they set their own). 0 means: use the parent category's, "
        "else the company's.",
    )

    def _mn_effective_min_margins(self):
        """{category id: margin of the nearest category, itself or an ancestor, that sets one}.

        0.0 when none does. Ancestors come from ``parent_path`` and are read in one batch,
        so the cost does not grow with the number of categories or levels.
        """
        chains = {
            categ.id: [int(cid) for cid in (categ.parent_path or str(categ.id)).split("/") if cid]
            for categ in self
        }
        ancestors = self.browse({cid for chain in chains.values() for cid in chain})
        margins = {categ.id: categ.mn_min_margin for categ in ancestors}
        return {
            categ_id: next((margins[cid] for cid in reversed(chain) if margins[cid]), 0.0)
            for categ_id, chain in chains.items()
        }
