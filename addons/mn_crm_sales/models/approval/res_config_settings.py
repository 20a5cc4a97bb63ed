from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mn_discount_approval = fields.Boolean(
        related="company_id.mn_discount_approval",
        readonly=False,
    )
    mn_max_discount = fields.Float(
        related="company_id.mn_max_discount",
        readonly=False,
    )
