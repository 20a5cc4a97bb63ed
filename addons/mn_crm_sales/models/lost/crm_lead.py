"""Rules for marking opportunities lost and restoring them (the CRM lost-reason issue).

Every path that makes an opportunity lost ends in ``crm.lead.write`` (the lost wizard,
``action_set_lost``, ``action_archive`` of a 0% opportunity, a plain RPC ``write``), and
every path that brings one back writes ``active``, ``probability`` or ``stage_id``. The
rules therefore live in ``write``: it works out, before writing, which opportunities will
be lost or restored, and refuses with a translatable error before anything is written.
Each rule is a small ``_check_*`` method acting only where its company switch is on
(``res.company`` ``mn_lost_*`` fields).

"Lost" is judged on the real fields, as core defines it: archived (``active`` False) with
0% ``probability``. Never on the stored ``won_status``: it is only a cache of those fields
(and, while a lost rule is on, a caller may not write it, see ``_mn_protected_fields``).
A restore is ANY transition out of lost, whatever field does it (unarchiving, raising the
probability of an archived opportunity, moving it to a won stage): permission checked and
logged each time.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.mail import is_html_empty

from ...tools.context_keys import RESTORE_REASON
from ..rules.protected_fields import derived_field_names, refuse_protected_values

# Longest competitor name accepted (a name, not a note: the closing note holds the story).
COMPETITOR_NAME_SIZE = 256

# Values an opportunity carries about its loss: writing one of them on a lost
# opportunity re-runs the lost rules.
LOST_DETAIL_FIELDS = (
    "lost_reason_id",
    "mn_lost_note",
    "mn_competitor_partner_id",
    "mn_competitor_name",
)
# Writing any of these can make an opportunity lost or bring it back, or (team_id) make
# the lost reason of a lost opportunity one its team may not use.
LOST_TRIGGER_FIELDS = {"active", "probability", "stage_id", "team_id", *LOST_DETAIL_FIELDS}
# Switches of the rules checked when an opportunity is marked lost.
LOST_CHECK_SWITCHES = (
    "mn_lost_reason_required",
    "mn_lost_note_check",
    "mn_lost_reason_team_check",
    "mn_lost_competitor_check",
    "mn_lost_block_confirmed_orders",
)
# Switches of the rules about restoring lost opportunities.
RESTORE_SWITCHES = ("mn_lost_restore_log", "mn_lost_restore_managers_only")
# While one of these is on for a lead's company, the lead's won_status is the server's:
# the rules and reports trust it, so a caller may not write it.
LOST_GUARD_SWITCHES = (*LOST_CHECK_SWITCHES, *RESTORE_SWITCHES)


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
        check_company=True,
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
        "mn.lead.restore.log", "lead_id", string="Restore History", readonly=True
    )
    mn_restore_asks_reason = fields.Boolean(compute="_compute_mn_restore_asks_reason")
    # Rule 8 reads it with the leads: marking many leads lost reads their orders only
    # when one of them has a confirmed order.
    mn_has_confirmed_order = fields.Boolean(
        string="Has Confirmed Orders",
        compute="_compute_mn_has_confirmed_order",
        store=True,
    )

    @api.depends("order_ids.state")
    def _compute_mn_has_confirmed_order(self):
        """Computed as superuser (stored): a colleague's confirmed order counts too."""
        for lead in self:
            lead.mn_has_confirmed_order = any(order.state == "sale" for order in lead.order_ids)

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_mn_restore_asks_reason(self):
        for lead in self:
            lead.mn_restore_asks_reason = lead._mn_company().mn_lost_restore_log

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _mn_company(self):
        """As every record's, read as superuser: a salesperson may not read the company
        whose switches govern a lead they see."""
        return super()._mn_company().sudo()

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

    def _mn_rule_on_any(self, switches):
        """Leads of ``self`` whose company switched on at least one of ``switches``."""
        return self.filtered(lambda lead: any(lead._mn_company()[name] for name in switches))

    def _mn_is_lost(self):
        """Whether this lead is lost, read on the real fields (core's definition).

        Lost means archived with 0% probability; the stored ``won_status`` is not read.
        """
        self.ensure_one()
        return not self.active and not self.probability

    def _mn_status(self):
        """Won, lost or pending, computed from the real fields as core's ``won_status``."""
        self.ensure_one()
        if self.probability == 100 and self.stage_id.is_won:
            return "won"
        return "lost" if self._mn_is_lost() else "pending"

    def _mn_lost_state_after_write(self, vals):
        """Split ``self`` by what ``vals`` does: (leads lost afterwards, leads restored).

        Mirrors core: lost means archived with 0% probability, and a won stage makes
        ``write`` reactivate the lead at 100%. A lead is restored when it is lost now and
        will not be afterwards, whichever field makes it so. Evaluated before writing, so
        that the rules can refuse while nothing is written yet.
        """
        # Core's write: a change to a won stage (of any lead written) forces every lead
        # written active at 100%.
        won_stage = (
            bool(vals.get("stage_id"))
            and any(lead.stage_id.id != vals["stage_id"] for lead in self)
            and self.env["crm.stage"].browse(vals["stage_id"]).is_won
        )
        lost_ids, restored_ids = [], []
        for lead in self:
            if won_stage:
                active, probability = True, 100
            else:
                active = bool(vals["active"]) if "active" in vals else lead.active
                probability = vals["probability"] if "probability" in vals else lead.probability
            if not active and not probability:
                lost_ids.append(lead.id)
            elif lead._mn_is_lost():
                restored_ids.append(lead.id)
        return self.browse(lost_ids), self.browse(restored_ids)

    def _mn_protected_fields(self):
        """Fields a caller may not write on these leads (see ``protected_fields``).

        The suite's derived values always; core's ``won_status`` while a lost or restore
        rule is on for one of the leads' companies (the current company for new leads):
        with every rule off, core behaves as it always did.
        """
        protected = derived_field_names(self)
        companies = {lead._mn_company() for lead in self} or {self.env.company.sudo()}
        if any(company[name] for company in companies for name in LOST_GUARD_SWITCHES):
            protected.add("won_status")
        return protected

    def _mn_refuse_protected_values(self, vals_list, company_ids=()):
        """Refuse protected values in ``vals_list``; return ``self`` for ``create``.

        Protected fields are never writable in the views (computed, related or readonly),
        so a write of writable fields only, the usual case, is let through without reading
        the companies' switches. ``company_ids``: companies of leads being created.
        """
        fields_ = self._fields
        written = {name for vals in vals_list for name in vals}
        written.update(
            key[8:] for key in self.env.context if key.startswith("default_") and key[8:] in fields_
        )
        if not any(fields_[name].readonly for name in written if name in fields_):
            return self
        protected = self._mn_protected_fields()
        companies = self.env["res.company"].sudo().browse(sorted(set(company_ids)))
        if any(company[name] for company in companies for name in LOST_GUARD_SWITCHES):
            protected.add("won_status")
        return refuse_protected_values(self, vals_list, protected)

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
        self._mn_check_lost_reason_required(vals)
        self._mn_check_lost_reason_team(vals)
        self._mn_check_lost_note(vals)
        self._mn_check_lost_competitor(vals)
        self._mn_check_lost_confirmed_orders()

    def _mn_check_lost_reason_required(self, vals):
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

    def _mn_check_lost_reason_team(self, vals):
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

    def _mn_check_lost_note(self, vals):
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

    def _mn_check_lost_competitor(self, vals):
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

    def _mn_check_lost_confirmed_orders(self):
        """Rule 8: an opportunity with a confirmed sales order is won business, not lost.

        Read as superuser: a salesperson may not see a colleague's order, yet it counts.
        """
        entering = self._mn_rule_on("mn_lost_block_confirmed_orders").filtered(
            lambda lead: lead.mn_has_confirmed_order and not lead._mn_is_lost()
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

    def _mn_schedule_lost_followup(self):
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

    def _mn_check_lost_restore_allowed(self):
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

    def _mn_log_lost_restore(self, snapshots):
        """Rule 7: record who restored which lost lead, when and why.

        The reason comes only from the restore wizard, ``action_restore(reason=...)`` or
        ``action_unarchive(reason=...)`` (carried by ``RESTORE_REASON``, which a JSON
        context cannot forge); any other restore (a bare RPC ``write`` of ``active``,
        ``probability`` or ``stage_id``) is still logged, with "(no reason given)".
        """
        if not snapshots:
            return
        reason = RESTORE_REASON.get(self) or ""
        reason = reason.strip() or self.env._("(no reason given)")
        self.env["mn.lead.restore.log"].sudo().create(
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

    @api.constrains("mn_competitor_name")
    def _check_mn_competitor_name(self):
        """A competitor's name, not a document: at most COMPETITOR_NAME_SIZE characters."""
        for lead in self:
            if len(lead.mn_competitor_name or "") > COMPETITOR_NAME_SIZE:
                raise ValidationError(
                    self.env._(
                        "%(lead)s: a competitor name is at most %(size)s characters.",
                        lead=lead.display_name,
                        size=COMPETITOR_NAME_SIZE,
                    )
                )

    # ------------------------------------------------------------------
    # ORM and actions
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """Leads created already lost (archived, 0%) obey the lost rules too.

        Protected fields (``_mn_protected_fields``) are refused first; ``won_status`` is
        protected when the current company or a company in ``vals_list`` has a lost rule on.
        """
        company_ids = [vals["company_id"] for vals in vals_list if vals.get("company_id")]
        leads = self._mn_refuse_protected_values(vals_list, company_ids)
        leads = super(CrmLead, leads).create(vals_list)
        lost = leads.filtered(lambda lead: lead._mn_is_lost())
        if lost:
            lost._mn_check_lost_rules({})
            lost._mn_schedule_lost_followup()
        return leads

    def write(self, vals):
        self._mn_refuse_protected_values([vals])
        if not LOST_TRIGGER_FIELDS.intersection(vals):
            return super().write(vals)
        lost_after, restored = self._mn_lost_state_after_write(vals)
        details_written = any(fname in vals for fname in LOST_DETAIL_FIELDS)
        checked = lost_after.filtered(lambda lead: details_written or not lead._mn_is_lost())
        checked._mn_check_lost_rules(vals)
        if "team_id" in vals:
            # Rule 4 on lost leads moved to another team: a lost lead keeps its reason, which
            # must serve the new team too (a reason of team A may not end up in team B).
            (lost_after - checked)._mn_check_lost_reason_team(vals)
        restored._mn_check_lost_restore_allowed()
        # Follow-ups are planned when a lead becomes lost or changes its lost reason.
        new_reason = vals.get("lost_reason_id") or False
        followup = checked.filtered(
            lambda lead: not lead._mn_is_lost()
            or ("lost_reason_id" in vals and lead.lost_reason_id.id != new_reason)
        )
        snapshots = restored._mn_restore_snapshots()
        result = super().write(vals)
        followup.filtered(lambda lead: lead._mn_is_lost())._mn_schedule_lost_followup()
        restored._mn_log_lost_restore(snapshots)
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
        lost_at_archive = lost_at_archive._mn_rule_on_any(LOST_CHECK_SWITCHES)
        if details and lost_at_archive:
            lost_at_archive.write(details)
        result = super().action_set_lost(**additional_values)
        return True if result is None else result

    def action_unarchive(self, reason=None):
        """Restore with an optional ``reason`` (logged); also forget the loss details."""
        leads = self._mn_with_restore_reason(reason)
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
        leads = self._mn_with_restore_reason(reason)
        result = super(CrmLead, leads).action_restore()
        return True if result is None else result

    # ------------------------------------------------------------------
    # Merging opportunities
    # ------------------------------------------------------------------

    def _merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True, max_length=5):
        """Merging lost opportunities into another deletes them: only who may delete them.

        Core deletes the merged (non-head) leads as superuser, whatever the caller's rights.
        A lost opportunity is part of the win/loss record: while a lost rule is on for its
        company, merging it away needs the right to delete it (sales managers). Merging open
        leads stays as in core (salespeople merge duplicates).
        """
        self._mn_check_merge_lost_allowed()
        return super()._merge_opportunity(
            user_id=user_id, team_id=team_id, auto_unlink=auto_unlink, max_length=max_length
        )

    def _mn_check_merge_lost_allowed(self):
        if self.env.su or len(self) <= 1:
            return
        lost = self.filtered(lambda lead: lead._mn_is_lost())._mn_rule_on_any(LOST_GUARD_SWITCHES)
        if not lost:
            return
        lost &= self._sort_by_confidence_level(reverse=True)[1:]  # the head is kept
        refused = lost - lost._filtered_access("unlink")
        if refused:
            raise AccessError(
                self.env._(
                    "Merging deletes the lost opportunities %(leads)s: only users allowed to "
                    "delete opportunities (sales managers) may merge lost opportunities.",
                    leads=_names(refused),
                )
            )

    def _merge_dependences(self, opportunities):
        """Keep the restore history of the merged leads: it moves to the resulting lead.

        The log's ``ondelete="cascade"`` would otherwise delete it with the merged leads.
        Looked up only for leads whose company has a lost rule on (no query otherwise).
        """
        result = super()._merge_dependences(opportunities)
        guarded = opportunities._mn_rule_on_any(LOST_GUARD_SWITCHES)
        if not guarded:
            return result
        logs = self.env["mn.lead.restore.log"].sudo().search([("lead_id", "in", guarded.ids)])
        if logs:
            logs.write({"lead_id": self.id})
        return result

    def _mn_with_restore_reason(self, reason):
        """These leads carrying the restore ``reason`` down to the restore log."""
        if reason is None or reason is False:
            return self
        if not isinstance(reason, str):
            reason = str(reason)
        return RESTORE_REASON.on(self, reason)

    def _mn_lost_wizard_action(self):
        """The lost wizard for these leads (offered when their last quotation is cancelled)."""
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_lost_action")
        action["name"] = self.env._("Mark as Lost?")
        action["context"] = {"default_lead_ids": self.ids, "dialog_size": "medium"}
        return action
