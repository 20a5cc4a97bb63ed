from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mn_lost_reason_required = fields.Boolean(
        related="company_id.mn_lost_reason_required", readonly=False
    )
    mn_lost_note_check = fields.Boolean(related="company_id.mn_lost_note_check", readonly=False)
    mn_lost_reason_team_check = fields.Boolean(
        related="company_id.mn_lost_reason_team_check", readonly=False
    )
    mn_lost_competitor_check = fields.Boolean(
        related="company_id.mn_lost_competitor_check", readonly=False
    )
    mn_lost_followup = fields.Boolean(related="company_id.mn_lost_followup", readonly=False)
    mn_lost_restore_log = fields.Boolean(related="company_id.mn_lost_restore_log", readonly=False)
    mn_lost_restore_managers_only = fields.Boolean(
        related="company_id.mn_lost_restore_managers_only", readonly=False
    )
    mn_lost_block_confirmed_orders = fields.Boolean(
        related="company_id.mn_lost_block_confirmed_orders", readonly=False
    )
    mn_offer_lost_on_cancel = fields.Boolean(
        related="company_id.mn_offer_lost_on_cancel", readonly=False
    )
