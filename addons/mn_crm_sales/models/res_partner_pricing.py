from odoo import api, fields, models


class ResPartner(models.Model):
    """Customer tier of a partner; its pricelist becomes the partner's pricelist.

    The tier is a commercial field: contacts of a company carry their company's tier.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    mn_tier_id = fields.Many2one(
        comodel_name="res.partner.tier",
        string="Customer Tier",
        index="btree_not_null",
        ondelete="restrict",
        help="With Customer Tier Pricing on, the tier's pricelist is the customer's pricelist "
        "and pricelist rules limited to this tier apply to the customer.",
    )

    def _synced_commercial_fields(self):
        return [*super()._synced_commercial_fields(), "mn_tier_id"]

    # Same dependencies as core, plus the tier: the pricelist follows a change of tier.
    @api.depends("country_id", "specific_property_product_pricelist", "mn_tier_id.pricelist_id")
    @api.depends_context("company", "country_code")
    def _compute_product_pricelist(self):
        return super()._compute_product_pricelist()
