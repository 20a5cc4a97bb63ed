"""Rules for marking opportunities lost and restoring them (the CRM lost-reason issue).

Every path that makes an opportunity lost ends in ``crm.lead.write`` (the lost wizard,
``action_set_lost``, ``action_archive`` of a 0% opportunity, a plain RPC ``write``), and
every path that restores one writes ``active = True``. The rules therefore live in
``write``: it works out, before writing, which opportunities will be lost (archived with
0% probability, as core's ``won_status`` says) or restored, and refuses with a
translatable error before anything is written. Each rule is a small ``_check_*`` method
acting only where its company switch is on (``res.company`` ``mn_lost_*`` fields).
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.mail import is_html_empty

# Values an opportunity carries about its loss: writing one of them on a lost
# opportunity re-runs the lost rules.
LOST_DETAIL_FIELDS = (
    "lost_reason_id",
    "mn_lost_note",
    "mn_competitor_partner_id",
    "mn_competitor_name",
)
# Writing any of these can make an opportunity lost or bring it back.
LOST_TRIGGER_FIELDS = {"active", "probability", "stage_id", *LOST_DETAIL_FIELDS}
# Switches of the rules checked when an opportunity is marked lost.
LOST_CHECK_SWITCHES = (
    "mn_lost_reason_required",
    "mn_lost_note_check",
    "mn_lost_reason_team_check",
    "mn_lost_competitor_check",
    "mn_lost_block_confirmed_orders",
)
# Context key carrying why a lost opportunity is restored (RPC callers may set it too).
RESTORE_REASON_KEY = "mn_restore_reason"


def _names(records):
    return ", ".join(records.mapped("display_name"))


class CrmLead(models.Model):
    _inherit = "crm.lead"

    mn_lost_note = fields.Html(
        string="Closing Note",
        readonly=True,
        copy=False,
        sanitize=True,
        help="Why the opportunity was lost, as written when it was marked lost.",
    )
    mn_lost_category_id = fields.Many2one(
        related="lost_reason_id.mn_category_id",
        store=True,
        index=True,
        string="Lost Reason Category",
    )
    mn_competitor_partner_id = fields.Many2one(
        "res.partner",
        string="Lost to Competitor",
        copy=False,
        index="btree_not_null",
        tracking=True,
    )
    mn_competitor_name = fields.Char(
        string="Competitor Name",
        copy=False,
        tracking=True,
        help="Competitor that won the deal, when it is not a contact in the database.",
    )
    mn_restore_log_ids = fields.One2many(
        "crm.lead.restore.log", "lead_id", string="Restore History", readonly=True
    )
    mn_restore_asks_reason = fields.Boolean(compute="_compute_mn_restore_asks_reason")

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_mn_restore_asks_reason(self):
        for lead in self:
            lead.mn_restore_asks_reason = lead._mn_company().mn_lost_restore_log

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _mn_company(self):
        """Company whose switches govern this lead: its own, else the current one."""
        self.ensure_one()
        return (self.company_id or self.env.company).sudo()

    def _mn_rule_on(self, switch):
        """Leads of ``self`` whose company switched the rule ``switch`` on."""
        return self.filtered(lambda lead: lead._mn_company()[switch])

    def _mn_value_after_write(self, vals, fname):
        """Value of ``fname`` on this lead once ``vals`` is written."""
        self.ensure_one()
        if fname not in vals:
            return self[fname]
        field = self._fields[fname]
        return field.convert_to_record(field.convert_to_cache(vals[fname], self), self)

    def _mn_lost_state_after_write(self, vals):
        """Split ``self`` by what ``vals`` does: (leads lost afterwards, leads restored).

        Mirrors core: lost means archived with 0% probability, and a won stage makes
        ``write`` reactivate the lead. Evaluated before writing, so that the rules can
        refuse while nothing is written yet.
        """
        won_stage = (
            bool(vals.get("stage_id")) and self.env["crm.stage"].browse(vals["stage_id"]).is_won
        )
        lost_ids, restored_ids = [], []
        for lead in self:
            active = won_stage or (bool(vals["active"]) if "active" in vals else lead.active)
            probability = vals["probability"] if "probability" in vals else lead.probability
            if not active and not probability:
                lost_ids.append(lead.id)
            elif active and lead.won_status == "lost":
                restored_ids.append(lead.id)
        return self.browse(lost_ids), self.browse(restored_ids)

    # ------------------------------------------------------------------
    # Rules checked when an opportunity is marked lost
    # ------------------------------------------------------------------

    def _mn_check_lost_rules(self, vals):
        """Refuse to make these leads lost with ``vals`` when a lost rule says no.

        ``vals`` are the values about to be written (by ``write``, ``action_set_lost`` or
        the lost wizard); each rule reads the lead as it will be once they are written.
        """
        if not self:
            return
        self._check_lost_reason_required(vals)
        self._check_lost_reason_team(vals)
        self._check_lost_note(vals)
        self._check_lost_competitor(vals)
        self._check_lost_confirmed_orders()

    def _check_lost_reason_required(self, vals):
        """Rule 1: an opportunity is never lost without saying why (a lost reason)."""
        missing = self._mn_rule_on("mn_lost_reason_required").filtered(
            lambda lead: not lead._mn_value_after_write(vals, "lost_reason_id")
        )
        if missing:
            raise ValidationError(
                self.env._(
                    "A lost reason is required to mark an opportunity as lost: %(leads)s",
                    leads=_names(missing),
                )
            )

    def _check_lost_reason_team(self, vals):
        """Rule 4: a lost reason limited to some sales teams serves only those teams."""
        refused = []
        for lead in self._mn_rule_on("mn_lost_reason_team_check"):
            reason = lead._mn_value_after_write(vals, "lost_reason_id")
            team = lead._mn_value_after_write(vals, "team_id")
            if reason and not reason._mn_allowed_for_team(team):
                refused.append(
                    self.env._(
                        "%(lead)s: the lost reason %(reason)s is reserved for the sales "
                        "teams %(teams)s.",
                        lead=lead.display_name,
                        reason=reason.display_name,
                        teams=_names(reason.mn_team_ids),
                    )
                )
        if refused:
            raise ValidationError("\n".join(refused))

    def _check_lost_note(self, vals):
        """Rule 2: reasons flagged "Closing Note Required" need a closing note on the lead."""
        missing = self.browse()
        for lead in self._mn_rule_on("mn_lost_note_check"):
            reason = lead._mn_value_after_write(vals, "lost_reason_id")
            if reason.mn_note_required and is_html_empty(
                lead._mn_value_after_write(vals, "mn_lost_note")
            ):
                missing |= lead
        if missing:
            raise ValidationError(
                self.env._(
                    "The lost reason requires a closing note explaining the loss: %(leads)s",
                    leads=_names(missing),
                )
            )

    def _check_lost_competitor(self, vals):
        """Rule 5: a loss to a competitor names the competitor (contact or free name)."""
        missing = self.browse()
        for lead in self._mn_rule_on("mn_lost_competitor_check"):
            reason = lead._mn_value_after_write(vals, "lost_reason_id")
            if not reason.mn_requires_competitor:
                continue
            partner = lead._mn_value_after_write(vals, "mn_competitor_partner_id")
            name = (lead._mn_value_after_write(vals, "mn_competitor_name") or "").strip()
            if not partner and not name:
                missing |= lead
        if missing:
            raise ValidationError(
                self.env._(
                    "Name the competitor the opportunity was lost to: %(leads)s",
                    leads=_names(missing),
                )
            )

    def _check_lost_confirmed_orders(self):
        """Rule 8: an opportunity with a confirmed sales order is won business, not lost.

        Read as superuser: a salesperson may not see a colleague's order, yet it counts.
        """
        entering = self._mn_rule_on("mn_lost_block_confirmed_orders").filtered(
            lambda lead: lead.won_status != "lost"
        )
        refused = []
        for lead in entering:
            orders = lead.sudo().order_ids.filtered(lambda order: order.state == "sale")
            if orders:
                refused.append(
                    self.env._(
                        "%(lead)s has confirmed sales orders (%(orders)s): cancel them before "
                        "marking the opportunity as lost.",
                        lead=lead.display_name,
                        orders=", ".join(orders.mapped("name")),
                    )
                )
        if refused:
            raise ValidationError("\n".join(refused))

    # ------------------------------------------------------------------
    # After an opportunity is lost
    # ------------------------------------------------------------------

    def _schedule_lost_followup(self):
        """Rule 6: plan the lost reason's follow-up activity on these just-lost leads.

        For the salesperson (else the user marking it lost), N days later, so that losses
        such as "no budget this year" come back on someone's list instead of being lost
        for good.
        """
        today = fields.Date.context_today(self)
        for lead in self._mn_rule_on("mn_lost_followup"):
            reason = lead.lost_reason_id
            if not reason.mn_followup_activity_type_id:
                continue
            lead.activity_schedule(
                activity_type_id=reason.mn_followup_activity_type_id.id,
                date_deadline=today + timedelta(days=reason.mn_followup_days),
                summary=self.env._("Follow up lost opportunity (%(reason)s)", reason=reason.name),
                user_id=lead.user_id.id or self.env.uid,
            )

    # ------------------------------------------------------------------
    # Restoring a lost opportunity (rule 7)
    # ------------------------------------------------------------------

    def _check_lost_restore_allowed(self):
        """Rule 7: with the switch on, only sales managers bring lost opportunities back."""
        if not self or self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        restricted = self._mn_rule_on("mn_lost_restore_managers_only")
        if restricted:
            raise AccessError(
                self.env._(
                    "Only sales managers can restore lost opportunities: %(leads)s",
                    leads=_names(restricted),
                )
            )

    def _mn_restore_snapshots(self):
        """What the restore log keeps of each lost lead, read before it is restored."""
        return {
            lead.id: {
                "previous_lost_reason_id": lead.lost_reason_id.id,
                "previous_lost_note": lead.mn_lost_note,
                "previous_competitor": lead.mn_competitor_partner_id.display_name
                or lead.mn_competitor_name,
            }
            for lead in self._mn_rule_on("mn_lost_restore_log")
        }

    def _log_lost_restore(self, snapshots):
        """Rule 7: record who restored which lost lead, when and why.

        The reason comes from the restore wizard, ``action_restore(reason=...)`` or the
        context key ``mn_restore_reason``; a bare RPC ``write``/``action_unarchive`` is
        still logged, with "(no reason given)".
        """
        if not snapshots:
            return
        reason = (self.env.context.get(RESTORE_REASON_KEY) or "").strip()
        reason = reason or self.env._("(no reason given)")
        self.env["crm.lead.restore.log"].sudo().create(
            [
                {"lead_id": lead_id, "user_id": self.env.uid, "reason": reason, **snapshot}
                for lead_id, snapshot in snapshots.items()
            ]
        )
        for lead in self.browse(list(snapshots)):
            lead._message_log(
                body=Markup("<p>%s</p>")
                % self.env._("Restored from lost. Reason: %(reason)s", reason=reason)
            )

    # ------------------------------------------------------------------
    # ORM and actions
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """Leads created already lost (archived, 0%) obey the lost rules too."""
        leads = super().create(vals_list)
        lost = leads.filtered(lambda lead: lead.won_status == "lost")
        if lost:
            lost._mn_check_lost_rules({})
            lost._schedule_lost_followup()
        return leads

    def write(self, vals):
        if not LOST_TRIGGER_FIELDS.intersection(vals):
            return super().write(vals)
        lost_after, restored = self._mn_lost_state_after_write(vals)
        details_written = any(fname in vals for fname in LOST_DETAIL_FIELDS)
        checked = lost_after.filtered(lambda lead: details_written or lead.won_status != "lost")
        checked._mn_check_lost_rules(vals)
        restored._check_lost_restore_allowed()
        # Follow-ups are planned when a lead becomes lost or changes its lost reason.
        new_reason = vals.get("lost_reason_id") or False
        followup = checked.filtered(
            lambda lead: lead.won_status != "lost"
            or ("lost_reason_id" in vals and lead.lost_reason_id.id != new_reason)
        )
        snapshots = restored._mn_restore_snapshots()
        result = super().write(vals)
        followup.filtered(lambda lead: lead.won_status == "lost")._schedule_lost_followup()
        restored._log_lost_restore(snapshots)
        return result

    def action_set_lost(self, **additional_values):
        """Check the lost rules first, then mark lost as core does.

        Core archives first and writes the lost values afterwards; a lead already at 0%
        is lost as soon as it is archived, so its lost details (reason, note,
        competitor) are written just before. RPC callers pass them as keyword arguments:
        ``action_set_lost(lost_reason_id=..., mn_lost_note=..., mn_competitor_name=...)``.
        """
        self._mn_check_lost_rules({**additional_values, "active": False, "probability": 0})
        details = {f: additional_values[f] for f in LOST_DETAIL_FIELDS if f in additional_values}
        lost_at_archive = self.filtered(lambda lead: lead.active and not lead.probability)
        lost_at_archive = lost_at_archive.filtered(
            lambda lead: any(lead._mn_company()[switch] for switch in LOST_CHECK_SWITCHES)
        )
        if details and lost_at_archive:
            lost_at_archive.write(details)
        result = super().action_set_lost(**additional_values)
        return True if result is None else result

    def action_unarchive(self, reason=None):
        """Restore with an optional ``reason`` (logged); also forget the loss details."""
        leads = self.with_context(**{RESTORE_REASON_KEY: reason}) if reason else self
        activated = self.filtered(lambda lead: not lead.active)
        result = super(CrmLead, leads).action_unarchive()
        stale = activated.filtered(
            lambda lead: lead.active
            and (lead.mn_lost_note or lead.mn_competitor_partner_id or lead.mn_competitor_name)
        )
        if stale:
            stale.write(
                {
                    "mn_lost_note": False,
                    "mn_competitor_partner_id": False,
                    "mn_competitor_name": False,
                }
            )
        return True if result is None else result

    def action_restore(self, reason=None):
        """Restore lost leads; ``reason`` says why (the restore wizard passes it)."""
        leads = self.with_context(**{RESTORE_REASON_KEY: reason}) if reason else self
        result = super(CrmLead, leads).action_restore()
        return True if result is None else result

    def _mn_lost_wizard_action(self):
        """The lost wizard for these leads (offered when their last quotation is cancelled)."""
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_lost_action")
        action["name"] = self.env._("Mark as Lost?")
        action["context"] = {"default_lead_ids": self.ids, "dialog_size": "medium"}
        return action
