from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    mn_pricelist_tiers = fields.Boolean(related="company_id.mn_pricelist_tiers", readonly=False)
    mn_pricelist_time_windows = fields.Boolean(
        related="company_id.mn_pricelist_time_windows", readonly=False
    )
    mn_pricelist_mix_match = fields.Boolean(
        related="company_id.mn_pricelist_mix_match", readonly=False
    )
    mn_pricelist_rounding = fields.Boolean(
        related="company_id.mn_pricelist_rounding", readonly=False
    )
    mn_price_floor = fields.Boolean(related="company_id.mn_price_floor", readonly=False)
    mn_price_floor_policy = fields.Selection(
        related="company_id.mn_price_floor_policy", readonly=False
    )
    mn_min_margin = fields.Float(related="company_id.mn_min_margin", readonly=False)
