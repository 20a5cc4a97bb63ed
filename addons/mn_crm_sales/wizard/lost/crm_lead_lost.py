from odoo import api, fields, models
from odoo.tools.mail import is_html_empty


class CrmLeadLost(models.TransientModel):
    """The lost wizard with the suite's rules: team-valid reasons, note, competitor.

    The wizard only helps the user fill what the rules ask; the rules themselves are
    enforced by ``crm.lead`` (``action_set_lost``/``write``) for every other path too.
    """

    _inherit = "crm.lead.lost"

    mn_allowed_reason_ids = fields.Many2many(
        "crm.lost.reason", compute="_compute_mn_allowed_reason_ids"
    )
    mn_reason_required = fields.Boolean(compute="_compute_mn_rule_flags")
    mn_note_required = fields.Boolean(compute="_compute_mn_rule_flags")
    mn_requires_competitor = fields.Boolean(compute="_compute_mn_rule_flags")
    mn_competitor_partner_id = fields.Many2one("res.partner", string="Competitor")
    mn_competitor_name = fields.Char(string="Competitor Name")

    @api.depends("lead_ids")
    def _compute_mn_allowed_reason_ids(self):
        """Rule 4: offer only the reasons every selected opportunity's team may use."""
        # Every active reason: an administrator's short list, not a growing table.
        reasons = self.env["crm.lost.reason"].search([])  # pylint: disable=no-search-all
        for wizard in self:
            leads = wizard.lead_ids._mn_rule_on("mn_lost_reason_team_check")
            wizard.mn_allowed_reason_ids = reasons.filtered(
                lambda reason, leads=leads: all(
                    reason._mn_allowed_for_team(lead.team_id) for lead in leads
                )
            )

    @api.depends("lead_ids", "lost_reason_id")
    def _compute_mn_rule_flags(self):
        for wizard in self:
            leads, reason = wizard.lead_ids, wizard.lost_reason_id
            wizard.mn_reason_required = bool(leads._mn_rule_on("mn_lost_reason_required"))
            wizard.mn_note_required = reason.mn_note_required and bool(
                leads._mn_rule_on("mn_lost_note_check")
            )
            wizard.mn_requires_competitor = reason.mn_requires_competitor and bool(
                leads._mn_rule_on("mn_lost_competitor_check")
            )

    def _mn_lost_details(self):
        """Loss details the wizard stores on the opportunities (rules 2 and 5)."""
        self.ensure_one()
        details = {}
        if not is_html_empty(self.lost_feedback):
            details["mn_lost_note"] = self.lost_feedback
        if self.mn_competitor_partner_id:
            details["mn_competitor_partner_id"] = self.mn_competitor_partner_id.id
        if self.mn_competitor_name and self.mn_competitor_name.strip():
            details["mn_competitor_name"] = self.mn_competitor_name.strip()
        return details

    def action_lost_reason_apply(self):
        """Check the rules, store the note and competitor, then let core mark lost.

        The closing note is kept on the opportunity (``mn_lost_note``), not only in the
        chatter. It is written before core's ``action_set_lost`` so that the rules see it;
        leads already lost get their new reason in the same write.
        """
        self.ensure_one()
        details = self._mn_lost_details()
        lost_values = {"lost_reason_id": self.lost_reason_id.id, **details}
        self.lead_ids._mn_check_lost_rules({**lost_values, "active": False, "probability": 0})
        if details:
            already_lost = self.lead_ids.filtered(lambda lead: lead._mn_is_lost())
            already_lost.write(lost_values)
            (self.lead_ids - already_lost).write(details)
        return super().action_lost_reason_apply()
