from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mn_register_number_unique = fields.Boolean(
        related="company_id.mn_register_number_unique",
        readonly=False,
    )
