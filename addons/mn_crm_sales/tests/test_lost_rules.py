"""Lost-reason rules of the CRM issue: every rule holds on every path.

Paths that mark an opportunity lost: the lost wizard (``crm.lead.lost``),
``crm.lead.action_set_lost`` (what RPC callers use) and a plain ``write`` of the lost
values. Each rule has a passing and a refused case per path; a refusal leaves the
opportunity untouched.
"""

from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mn_crm_sales.models.lost.res_company import LOST_RULE_SWITCHES

from .common import MnCrmCommon

PATHS = ("wizard", "action_set_lost", "write")


@tagged("post_install", "-at_install")
class TestLostReasonRules(MnCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Reason = cls.env["crm.lost.reason"]
        cls.category_price = cls.env.ref("mn_crm_sales.lost_reason_category_price")
        cls.category_competitor = cls.env.ref("mn_crm_sales.lost_reason_category_competitor")
        cls.reason = Reason.create({"name": "MN Price", "mn_category_id": cls.category_price.id})
        cls.reason_note = Reason.create({"name": "MN Needs note", "mn_note_required": True})
        cls.reason_team_a = Reason.create(
            {"name": "MN Team A only", "mn_team_ids": [(6, 0, cls.team_a.ids)]}
        )
        cls.reason_competitor = Reason.create(
            {"name": "MN Competitor", "mn_category_id": cls.category_competitor.id}
        )
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.reason_followup = Reason.create(
            {
                "name": "MN Later",
                "mn_followup_activity_type_id": cls.todo.id,
                "mn_followup_days": 90,
            }
        )
        cls.competitor = cls.env["res.partner"].create({"name": "MN Rival LLC"})

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _lead(self, **values):
        vals = {
            "name": "MN Opportunity",
            "type": "opportunity",
            "team_id": self.team_a.id,
            "user_id": self.salesman.id,
            "partner_id": self.partner.id,
            "probability": 30,
            **values,
        }
        return self.env["crm.lead"].create(vals).with_user(self.salesman)

    def _mark_lost(self, path, leads, **values):
        """Mark ``leads`` lost through ``path`` with the lost ``values``."""
        if path == "wizard":
            wizard = (
                self.env["crm.lead.lost"]
                .with_user(leads.env.user)
                .create(
                    {
                        "lead_ids": leads.ids,
                        "lost_reason_id": values.get("lost_reason_id", False),
                        "lost_feedback": values.get("mn_lost_note", False),
                        "mn_competitor_partner_id": values.get("mn_competitor_partner_id"),
                        "mn_competitor_name": values.get("mn_competitor_name"),
                    }
                )
            )
            return wizard.action_lost_reason_apply()
        if path == "action_set_lost":
            return leads.action_set_lost(**values)
        return leads.write({**values, "active": False, "probability": 0})

    def _assert_lost_each_path(self, lead_values=None, **values):
        leads = {}
        for path in PATHS:
            with self.subTest(path=path):
                lead = self._lead(**(lead_values or {}))
                self._mark_lost(path, lead, **values)
                self.assertEqual(lead.won_status, "lost")
                leads[path] = lead
        return leads

    def _assert_refused_each_path(self, message, lead_values=None, **values):
        for path in PATHS:
            with self.subTest(path=path):
                lead = self._lead(**(lead_values or {}))
                with self.assertRaisesRegex(ValidationError, message):
                    self._mark_lost(path, lead, **values)
                lead.invalidate_recordset()
                self.assertTrue(lead.active)
                self.assertEqual(lead.won_status, "pending")

    def _lost_lead(self, **values):
        lead = self._lead(**values)
        lead.action_set_lost(lost_reason_id=self.reason.id)
        return lead

    # ------------------------------------------------------------------
    # switches
    # ------------------------------------------------------------------

    def test_switches_registered_and_switched_off(self):
        switches = self.env["res.company"]._mn_rule_switches()
        self.assertTrue(set(LOST_RULE_SWITCHES) <= set(switches))
        self.company._mn_switch_off_rules()
        self.assertFalse(any(self.company[name] for name in LOST_RULE_SWITCHES))

    # ------------------------------------------------------------------
    # Rule 1: a lost reason is required
    # ------------------------------------------------------------------

    def test_reason_required_passes(self):
        leads = self._assert_lost_each_path(lost_reason_id=self.reason.id)
        for lead in leads.values():
            self.assertEqual(lead.lost_reason_id, self.reason)

    def test_reason_required_refused(self):
        self._assert_refused_each_path("A lost reason is required")

    def test_reason_required_refused_on_archive_at_zero_probability(self):
        """Archiving a 0% opportunity makes it lost: no reason, no archive."""
        lead = self._lead(probability=0)
        with self.assertRaisesRegex(ValidationError, "A lost reason is required"):
            lead.action_archive()
        lead.action_set_lost(lost_reason_id=self.reason.id)
        self.assertEqual(lead.won_status, "lost")
        self.assertEqual(lead.lost_reason_id, self.reason)

    def test_reason_required_refused_when_cleared_on_lost_lead(self):
        lead = self._lost_lead()
        with self.assertRaisesRegex(ValidationError, "A lost reason is required"):
            lead.write({"lost_reason_id": False})
        lead.write({"lost_reason_id": self.reason_followup.id})
        self.assertEqual(lead.lost_reason_id, self.reason_followup)

    def test_reason_required_switch_off_keeps_core_behaviour(self):
        self.company.mn_lost_reason_required = False
        lead = self._lead()
        self.assertTrue(lead.action_set_lost())
        self.assertEqual(lead.won_status, "lost")
        self.assertFalse(lead.lost_reason_id)

    # ------------------------------------------------------------------
    # Rule 2: closing note
    # ------------------------------------------------------------------

    def test_note_required_passes_and_is_stored(self):
        leads = self._assert_lost_each_path(
            lost_reason_id=self.reason_note.id, mn_lost_note="<p>Budget moved to 2026</p>"
        )
        for lead in leads.values():
            self.assertIn("Budget moved to 2026", lead.mn_lost_note)

    def test_note_required_refused(self):
        self._assert_refused_each_path(
            "requires a closing note", lost_reason_id=self.reason_note.id, mn_lost_note="<p></p>"
        )

    def test_note_of_wizard_stored_for_any_reason(self):
        lead = self._lead()
        self._mark_lost(
            "wizard", lead, lost_reason_id=self.reason.id, mn_lost_note="<p>Too far</p>"
        )
        self.assertIn("Too far", lead.mn_lost_note)

    def test_note_required_refused_when_reason_changed_on_lost_lead(self):
        lead = self._lost_lead()
        with self.assertRaisesRegex(ValidationError, "requires a closing note"):
            lead.write({"lost_reason_id": self.reason_note.id})
        lead.write({"lost_reason_id": self.reason_note.id, "mn_lost_note": "<p>Why</p>"})
        self.assertEqual(lead.lost_reason_id, self.reason_note)

    def test_note_switch_off(self):
        self.company.mn_lost_note_check = False
        self._assert_lost_each_path(lost_reason_id=self.reason_note.id)

    # ------------------------------------------------------------------
    # Rule 3: categories
    # ------------------------------------------------------------------

    def test_categories_data_in_mongolian(self):
        names = {
            "price": "Үнэ",
            "product_fit": "Бүтээгдэхүүний тохироо",
            "competitor": "Өрсөлдөгч",
            "timing": "Хугацаа",
            "no_response": "Хариу өгөөгүй",
            "other": "Бусад",
        }
        categories = self.env["mn.lost.reason.category"].search([("code", "in", list(names))])
        self.assertEqual({c.code: c.name for c in categories}, names)
        self.assertEqual(
            categories.filtered("mn_requires_competitor").mapped("code"), ["competitor"]
        )
        for xmlid in ("crm.lost_reason_1", "crm.lost_reason_2", "crm.lost_reason_3"):
            self.assertTrue(self.env.ref(xmlid).mn_category_id, xmlid)

    def test_category_defaults_to_other_and_lead_category_is_stored(self):
        other = self.env.ref("mn_crm_sales.lost_reason_category_other")
        self.assertEqual(self.reason_note.mn_category_id, other)
        lead = self._lost_lead()
        self.assertEqual(lead.mn_lost_category_id, self.category_price)
        found = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("mn_lost_category_id", "=", self.category_price.id), ("id", "=", lead.id)])
        )
        self.assertEqual(found, lead)
        # recategorising the reason moves its leads in reports
        self.reason.mn_category_id = other
        self.assertEqual(lead.mn_lost_category_id, other)

    def test_category_code_unique_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["mn.lost.reason.category"].create({"name": "Dup", "code": "price"})
            self.env.flush_all()

    # ------------------------------------------------------------------
    # Rule 4: reasons limited to sales teams
    # ------------------------------------------------------------------

    def test_team_reason_passes_for_its_team(self):
        self._assert_lost_each_path(lost_reason_id=self.reason_team_a.id)

    def test_team_reason_refused_for_other_team(self):
        self._assert_refused_each_path(
            "reserved for the sales teams",
            lead_values={"team_id": self.team_b.id},
            lost_reason_id=self.reason_team_a.id,
        )

    def test_team_reason_refused_when_set_on_lost_lead(self):
        lead = self._lost_lead(team_id=self.team_b.id)
        with self.assertRaisesRegex(ValidationError, "reserved for the sales teams"):
            lead.write({"lost_reason_id": self.reason_team_a.id})

    def test_team_wizard_offers_only_valid_reasons(self):
        wizard_b = self.env["crm.lead.lost"].create(
            {"lead_ids": self._lead(team_id=self.team_b.id).ids}
        )
        self.assertNotIn(self.reason_team_a, wizard_b.mn_allowed_reason_ids)
        self.assertIn(self.reason, wizard_b.mn_allowed_reason_ids)
        wizard_a = self.env["crm.lead.lost"].create({"lead_ids": self._lead().ids})
        self.assertIn(self.reason_team_a, wizard_a.mn_allowed_reason_ids)
        both = self._lead() | self._lead(team_id=self.team_b.id)
        wizard_both = self.env["crm.lead.lost"].create({"lead_ids": both.ids})
        self.assertNotIn(self.reason_team_a, wizard_both.mn_allowed_reason_ids)

    def test_team_reason_limited_after_creation(self):
        """The reason's teams are read only when some are linked: the flag follows them."""
        reason = self.env["crm.lost.reason"].create({"name": "MN Open at first"})
        self.assertFalse(reason.mn_team_limited)
        reason.mn_team_ids = self.team_a
        self.assertTrue(reason.mn_team_limited)
        self._assert_refused_each_path(
            "reserved for the sales teams",
            lead_values={"team_id": self.team_b.id},
            lost_reason_id=reason.id,
        )
        reason.mn_team_ids = False
        self.assertFalse(reason.mn_team_limited)
        self._assert_lost_each_path(
            lead_values={"team_id": self.team_b.id}, lost_reason_id=reason.id
        )

    def test_reason_flags_not_writable(self):
        """The flags the rules read with the reason follow its teams and category only."""
        reason = self.reason_competitor.with_user(self.manager)
        self.assertTrue(reason.mn_requires_competitor)
        for values in ({"mn_requires_competitor": False}, {"mn_team_limited": True}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "computed"):
                reason.write(values)
        with self.assertRaisesRegex(UserError, "computed"):
            reason.create({"name": "MN Forged", "mn_team_limited": False})
        self.category_competitor.mn_requires_competitor = False
        self.assertFalse(reason.mn_requires_competitor)

    def test_team_reason_of_archived_team_stays_flagged(self):
        """An archived team still limits the flag (the teams are read, as before)."""
        team = self.env["crm.team"].create({"name": "MN Team C", "use_opportunities": True})
        reason = self.env["crm.lost.reason"].create(
            {"name": "MN Team C only", "mn_team_ids": [(6, 0, team.ids)]}
        )
        team.action_archive()
        self.assertTrue(reason.mn_team_limited)
        # an archived team is not among the reason's teams: open to all, as without the flag
        self.assertTrue(reason._mn_allowed_for_team(self.team_b))

    def test_team_switch_off(self):
        self.company.mn_lost_reason_team_check = False
        wizard = self.env["crm.lead.lost"].create(
            {"lead_ids": self._lead(team_id=self.team_b.id).ids}
        )
        self.assertIn(self.reason_team_a, wizard.mn_allowed_reason_ids)
        self._assert_lost_each_path(
            lead_values={"team_id": self.team_b.id}, lost_reason_id=self.reason_team_a.id
        )

    # ------------------------------------------------------------------
    # Rule 5: name the competitor
    # ------------------------------------------------------------------

    def test_competitor_passes_with_partner_or_name(self):
        leads = self._assert_lost_each_path(
            lost_reason_id=self.reason_competitor.id, mn_competitor_partner_id=self.competitor.id
        )
        for lead in leads.values():
            self.assertEqual(lead.mn_competitor_partner_id, self.competitor)
        leads = self._assert_lost_each_path(
            lost_reason_id=self.reason_competitor.id, mn_competitor_name="Номин Тавилга"
        )
        for lead in leads.values():
            self.assertEqual(lead.mn_competitor_name, "Номин Тавилга")

    def test_competitor_refused_without_one(self):
        self._assert_refused_each_path(
            "Name the competitor", lost_reason_id=self.reason_competitor.id
        )
        self._assert_refused_each_path(
            "Name the competitor",
            lost_reason_id=self.reason_competitor.id,
            mn_competitor_name="   ",
        )

    def test_competitor_data_reason_requires_it(self):
        reason = self.env.ref("mn_crm_sales.lost_reason_mn_competitor")
        self.assertEqual(reason.name, "Өрсөлдөгчийг сонгосон")
        self.assertTrue(reason.mn_requires_competitor)

    # ------------------------------------------------------------------
    # Rule 6: follow-up activity
    # ------------------------------------------------------------------

    def _followups(self, lead):
        return self.env["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )

    def test_competitor_of_another_company_refused(self):
        """Bad input: the competitor is a contact the lead's company may use."""
        other = self.env["res.company"].create({"name": "MN Other Company"})
        foreign = self.env["res.partner"].create(
            {"name": "MN Foreign Rival", "company_id": other.id}
        )
        lead = self._lead()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            lead.write({"mn_competitor_partner_id": foreign.id})
        self.assertFalse(lead.mn_competitor_partner_id)
        lead.write({"mn_competitor_partner_id": self.competitor.id})
        self.assertEqual(lead.mn_competitor_partner_id, self.competitor)

    def test_competitor_name_is_short(self):
        """Bad input: a 10,000-character competitor name is refused; 256 characters pass."""
        lead = self._lead()
        with self.assertRaisesRegex(ValidationError, "at most 256 characters"):
            with self.env.cr.savepoint():
                lead.write({"mn_competitor_name": "Ж" * 10_000})
        self.assertFalse(lead.mn_competitor_name)
        lead.write({"mn_competitor_name": "Ж" * 256})
        self.assertEqual(len(lead.mn_competitor_name), 256)

    def test_followup_days_bounded(self):
        """Bad input: a follow-up delay past ten years (or past the integer column) is refused."""
        for days, message in (
            (-1, "cannot be negative"),
            (3651, "at most 3650 days"),
            (10**12, "at most 3650 days"),
        ):
            with self.subTest(days=days):
                with self.assertRaisesRegex(ValidationError, message):
                    with self.env.cr.savepoint():
                        self.reason_followup.write({"mn_followup_days": days})
                self.assertEqual(self.reason_followup.mn_followup_days, 90)
        self.reason_followup.mn_followup_days = 3650

    def test_category_code_is_short(self):
        """Bad input: a category code is a key of at most 64 characters."""
        with self.assertRaisesRegex(ValidationError, "at most 64 characters"):
            with self.env.cr.savepoint():
                self.category_price.write({"code": "c" * 10_000})
        self.assertEqual(self.category_price.code, "price")
        with self.assertRaisesRegex(ValidationError, "at most 64 characters"):
            with self.env.cr.savepoint():
                self.env["mn.lost.reason.category"].create({"name": "MN Long", "code": "c" * 65})
        self.assertFalse(self.env["mn.lost.reason.category"].search([("name", "=", "MN Long")]))

    def test_followup_scheduled_on_each_path(self):
        leads = self._assert_lost_each_path(lost_reason_id=self.reason_followup.id)
        for path, lead in leads.items():
            with self.subTest(path=path):
                # "Today" of the user who marked it lost (Ulaanbaatar is UTC+8).
                deadline = fields.Date.context_today(lead) + timedelta(days=90)
                activity = self._followups(lead)
                self.assertEqual(len(activity), 1)
                self.assertEqual(activity.activity_type_id, self.todo)
                self.assertEqual(activity.user_id, self.salesman)
                self.assertEqual(activity.date_deadline, deadline)

    def test_followup_for_current_user_and_at_zero_probability(self):
        lead = self._lead(user_id=False, probability=0)
        lead.action_set_lost(lost_reason_id=self.reason_followup.id)
        self.assertEqual(self._followups(lead).user_id, self.salesman)

    def test_followup_not_scheduled_without_type_or_switch(self):
        lead = self._lost_lead()
        self.assertFalse(self._followups(lead))
        self.company.mn_lost_followup = False
        lead = self._lead()
        lead.action_set_lost(lost_reason_id=self.reason_followup.id)
        self.assertFalse(self._followups(lead))

    def test_followup_data_for_timing_reasons(self):
        timing = self.env.ref("mn_crm_sales.lost_reason_category_timing")
        reasons = self.env["crm.lost.reason"].search([("mn_category_id", "=", timing.id)])
        data = reasons.filtered(lambda r: r.get_external_id()[r.id].startswith("mn_crm_sales."))
        self.assertIn("Одоогоор төсөвгүй", data.mapped("name"))
        for reason in data:
            self.assertEqual(reason.mn_followup_days, 90)
            self.assertTrue(reason.mn_followup_activity_type_id)

    # ------------------------------------------------------------------
    # Rule 7: restoring lost opportunities
    # ------------------------------------------------------------------

    def _restore_paths(self):
        return {
            "wizard": lambda lead: self.env["mn.lead.restore"]
            .with_user(lead.env.user)
            .create({"lead_ids": lead.ids, "reason": "Customer called back"})
            .action_restore_apply(),
            "action_restore": lambda lead: lead.action_restore(reason="Customer called back"),
            "action_unarchive": lambda lead: lead.action_unarchive(),
            "write": lambda lead: lead.write({"active": True}),
        }

    def test_restore_logged_on_each_path(self):
        for path, restore in self._restore_paths().items():
            with self.subTest(path=path):
                lead = self._lost_lead(mn_competitor_name="X")
                restore(lead)
                self.assertTrue(lead.active)
                log = lead.mn_restore_log_ids
                self.assertEqual(len(log), 1)
                self.assertEqual(log.user_id, self.salesman)
                self.assertEqual(log.previous_lost_reason_id, self.reason)
                self.assertTrue(log.date)
                expected = (
                    "(no reason given)"
                    if path in ("action_unarchive", "write")
                    else ("Customer called back")
                )
                self.assertEqual(log.reason, expected)
        lead = self._lost_lead()
        lead.action_unarchive(reason="Unarchived with a reason")
        self.assertEqual(lead.mn_restore_log_ids.reason, "Unarchived with a reason")
        # a plain context key (what a JSON caller can send) does not reach the log
        lead = self._lost_lead()
        lead.with_context(mn_restore_reason="Context reason").action_unarchive()
        self.assertEqual(lead.mn_restore_log_ids.reason, "(no reason given)")

    def test_restore_log_follows_the_opportunity_access_rules(self):
        lead = self._lost_lead()
        lead.action_restore(reason="Back")
        log = lead.sudo().mn_restore_log_ids
        self.assertEqual(len(log), 1)
        Log = self.env["mn.lead.restore.log"]
        own_only = new_test_user(
            self.env, login="mn_lost_own_only", groups="sales_team.group_sale_salesman"
        )
        # a salesperson who sees only their own opportunities does not see a colleague's log
        self.assertFalse(Log.with_user(own_only).search([("id", "=", log.id)]))
        lead.sudo().user_id = own_only
        self.assertEqual(Log.with_user(own_only).search([("id", "=", log.id)]), log)
        # another company's opportunity: hidden even from users who see all opportunities
        self.assertEqual(Log.with_user(self.salesman).search([("id", "=", log.id)]), log)
        other = self.env["res.company"].create({"name": "MN other company"})
        lead.sudo().write({"company_id": other.id, "team_id": False, "user_id": False})
        self.assertEqual(log.company_id, other)
        self.assertFalse(Log.with_user(self.salesman).search([("id", "=", log.id)]))

    def test_restore_clears_loss_details(self):
        lead = self._lead()
        lead.action_set_lost(
            lost_reason_id=self.reason_competitor.id,
            mn_competitor_name="Rival",
            mn_lost_note="<p>lost</p>",
        )
        lead.action_restore(reason="Back")
        self.assertFalse(lead.lost_reason_id or lead.mn_competitor_name or lead.mn_lost_note)
        self.assertIn("lost", lead.mn_restore_log_ids.previous_lost_note)

    def test_restore_managers_only_refused_for_salesman(self):
        self.company.mn_lost_restore_managers_only = True
        for path, restore in self._restore_paths().items():
            with self.subTest(path=path):
                lead = self._lost_lead()
                with self.assertRaisesRegex(AccessError, "Only sales managers"):
                    restore(lead)
                lead.invalidate_recordset()
                self.assertEqual(lead.won_status, "lost")
                self.assertFalse(lead.mn_restore_log_ids)

    def test_restore_managers_only_passes_for_manager(self):
        self.company.mn_lost_restore_managers_only = True
        for path, restore in self._restore_paths().items():
            with self.subTest(path=path):
                lead = self._lost_lead().with_user(self.manager)
                restore(lead)
                self.assertTrue(lead.active)
                self.assertEqual(lead.mn_restore_log_ids.user_id, self.manager)

    def test_restore_not_logged_when_switch_off(self):
        self.company.mn_lost_restore_log = False
        lead = self._lost_lead()
        self.assertFalse(lead.mn_restore_asks_reason)
        lead.action_restore()
        self.assertTrue(lead.active)
        self.assertFalse(lead.mn_restore_log_ids)

    # ------------------------------------------------------------------
    # Rule 8: confirmed orders, cancelled quotations
    # ------------------------------------------------------------------

    def _order(self, lead, confirm=False):
        product = self.env["product.product"].create(
            {"name": "MN Service", "type": "service", "list_price": 100}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "opportunity_id": lead.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def test_confirmed_order_refused(self):
        for path in PATHS:
            with self.subTest(path=path):
                lead = self._lead()
                self._order(lead, confirm=True)
                with self.assertRaisesRegex(ValidationError, "has confirmed sales orders"):
                    self._mark_lost(path, lead, lost_reason_id=self.reason.id)
                lead.invalidate_recordset()
                self.assertTrue(lead.active)

    def test_confirmed_order_followed_by_the_lead_flag(self):
        """The leads' stored flag follows their orders: confirmed, moved, cancelled."""
        lead, other = self._lead(), self._lead()
        order = self._order(lead)
        self.assertFalse(lead.mn_has_confirmed_order)
        order.action_confirm()
        self.assertTrue(lead.mn_has_confirmed_order)
        # the order moves to another opportunity: that one is refused, this one passes
        order.opportunity_id = other
        self.assertFalse(lead.mn_has_confirmed_order)
        self.assertTrue(other.mn_has_confirmed_order)
        with self.assertRaisesRegex(ValidationError, "has confirmed sales orders"):
            other.action_set_lost(lost_reason_id=self.reason.id)
        lead.action_set_lost(lost_reason_id=self.reason.id)
        self.assertEqual(lead.won_status, "lost")
        order._action_cancel()
        self.assertFalse(other.mn_has_confirmed_order)
        other.action_set_lost(lost_reason_id=self.reason.id)
        self.assertEqual(other.won_status, "lost")

    def test_confirmed_order_flag_not_writable(self):
        lead = self._lead()
        self._order(lead, confirm=True)
        with self.assertRaisesRegex(UserError, "computed by the system"):
            lead.write({"mn_has_confirmed_order": False})
        with self.assertRaisesRegex(ValidationError, "has confirmed sales orders"):
            lead.action_set_lost(lost_reason_id=self.reason.id)

    def test_quotation_only_passes(self):
        for path in PATHS:
            with self.subTest(path=path):
                lead = self._lead()
                self._order(lead)
                self._mark_lost(path, lead, lost_reason_id=self.reason.id)
                self.assertEqual(lead.won_status, "lost")

    def test_confirmed_order_switch_off(self):
        self.company.mn_lost_block_confirmed_orders = False
        lead = self._lead()
        self._order(lead, confirm=True)
        lead.action_set_lost(lost_reason_id=self.reason.id)
        self.assertEqual(lead.won_status, "lost")

    def _suggestion_notes(self, lead):
        return lead.message_ids.filtered(lambda m: "was cancelled" in (m.body or ""))

    def test_cancel_last_quotation_posts_note_and_offers_wizard(self):
        """A script finds the note; the web client opens the returned lost wizard."""
        lead = self._lead()
        order = self._order(lead)
        action = order.action_cancel()
        self.assertTrue(lead.active)
        self.assertEqual(len(self._suggestion_notes(lead)), 1)
        self.assertEqual(action["res_model"], "crm.lead.lost")
        self.assertEqual(action["context"]["default_lead_ids"], lead.ids)
        self.env["crm.lead.lost"].with_context(**action["context"]).create(
            {"lost_reason_id": self.reason.id}
        ).action_lost_reason_apply()
        self.assertEqual(lead.won_status, "lost")

    def test_cancel_not_last_quotation_offers_nothing(self):
        lead = self._lead()
        order = self._order(lead)
        self._order(lead)
        self.assertIs(order.action_cancel(), True)
        self.assertFalse(self._suggestion_notes(lead))

    def test_cancel_offer_switch_off(self):
        self.company.mn_offer_lost_on_cancel = False
        lead = self._lead()
        order = self._order(lead)
        self.assertIs(order.action_cancel(), True)
        self.assertFalse(self._suggestion_notes(lead))
