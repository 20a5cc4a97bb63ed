from odoo import fields, models


class MnLeadRestore(models.TransientModel):
    """Ask why lost opportunities come back before restoring them (rule 7)."""

    _name = "mn.lead.restore"
    _description = "Restore Lost Opportunities"

    lead_ids = fields.Many2many(
        "crm.lead", string="Opportunities", context={"active_test": False}, required=True
    )
    reason = fields.Text(string="Why", required=True)

    def action_restore_apply(self):
        """Restore the lost leads; ``crm.lead`` checks who may and logs who did it, and why."""
        self.ensure_one()
        lost = self.lead_ids.filtered(lambda lead: lead._mn_is_lost())
        lost.action_restore(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
