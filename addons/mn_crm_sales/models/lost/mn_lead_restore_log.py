from odoo import api, fields, models

from ..rules.protected_fields import derived_field_names, refuse_protected_values


class MnLeadRestoreLog(models.Model):
    """Who brought a lost opportunity back, when and why (rule 7 of the lost reasons).

    Written by the system (as superuser) whenever a lost lead stops being lost, whatever
    the path: restore wizard, Restore/Unarchive, ``write`` of ``active``, ``probability``
    or ``stage_id`` over RPC. Users only read it: an audit trail that salespeople could
    edit would prove nothing. Merging opportunities moves the log of the merged leads to
    the resulting lead instead of deleting it.
    """

    _name = "mn.lead.restore.log"
    _description = "Restored Lost Opportunity"
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    user_id = fields.Many2one("res.users", string="Restored by", required=True)
    date = fields.Datetime(string="Restored on", required=True, default=fields.Datetime.now)
    reason = fields.Text(string="Why", required=True)
    previous_lost_reason_id = fields.Many2one("crm.lost.reason", ondelete="set null")
    previous_lost_category_id = fields.Many2one(
        related="previous_lost_reason_id.mn_category_id", string="Previous Lost Category"
    )
    previous_lost_note = fields.Html(string="Previous Closing Note", sanitize=True)
    previous_competitor = fields.Char()

    def _mn_protected_fields(self):
        """The company follows the opportunity (the record rules trust it)."""
        return derived_field_names(self) | {"company_id"}

    @api.model_create_multi
    def create(self, vals_list):
        logs = refuse_protected_values(self, vals_list, self._mn_protected_fields())
        return super(MnLeadRestoreLog, logs).create(vals_list)

    def write(self, vals):
        refuse_protected_values(self, [vals], self._mn_protected_fields())
        return super().write(vals)
