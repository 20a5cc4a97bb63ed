from odoo import fields, models


class MnPartnerTier(models.Model):
    """Customer tier (Энгийн, Мөнгөн, Алтан...) that selects the customer's pricelist.

    Why a small model of our own rather than core ``partnership``'s ``res.partner.grade``:
    partnership is a membership app (grades sold as products, partner assignation, its own
    menus and a ``write`` that copies the grade's pricelist into the partner once). Tiers
    here only need a name, an order and a pricelist, must stay out of the way of Odoo's own
    tests when the rule is off, and their pricelist is read at pricing time (changing a
    tier's pricelist moves all its customers at once) instead of being copied on write.
    Adding an app dependency to the suite for three fields was not worth it.
    """

    _name = "mn.partner.tier"
    _description = "Customer Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        ondelete="restrict",
        help="Pricelist of the customers of this tier. While the Customer Tier Pricing "
        "setting is on, it wins over the pricelist set on the customer.",
    )
    partner_ids = fields.One2many(
        comodel_name="res.partner", inverse_name="mn_tier_id", string="Customers"
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers Count")
    color = fields.Integer()

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("mn_tier_id", "in", self.ids)], ["mn_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)
