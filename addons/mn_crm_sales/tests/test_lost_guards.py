"""No way around the lost rules: derived values, two-step restores, context keys, merges.

A salesperson is treated as a script author: every value and context key of a call is
theirs. Each refusal test re-reads the records to prove nothing was written.
"""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mn_crm_sales.models.lost.crm_lead import LOST_GUARD_SWITCHES
from odoo.addons.mn_crm_sales.models.lost.res_company import LOST_RULE_SWITCHES

from .common import MnCrmCommon


@tagged("post_install", "-at_install")
class TestLostReasonGuards(MnCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Reason = cls.env["crm.lost.reason"]
        cls.reason = Reason.create({"name": "MN Guard Price"})
        cls.reason_team_a = Reason.create(
            {"name": "MN Guard Team A only", "mn_team_ids": [(6, 0, cls.team_a.ids)]}
        )
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.open_stage = cls.env["crm.stage"].search([("is_won", "=", False)], limit=1)

    def _lead(self, **values):
        vals = {
            "name": "MN Guard Opportunity",
            "type": "opportunity",
            "team_id": self.team_a.id,
            "user_id": self.salesman.id,
            "partner_id": self.partner.id,
            "probability": 30,
            "stage_id": self.open_stage.id,
            **values,
        }
        return self.env["crm.lead"].create(vals).with_user(self.salesman)

    def _lost_lead(self, **values):
        lead = self._lead(**values)
        lead.action_set_lost(lost_reason_id=values.get("lost_reason_id", self.reason.id))
        lead.invalidate_recordset()
        return lead

    def _state(self, lead):
        lead.invalidate_recordset()
        lead = lead.sudo().with_context(active_test=False)
        return (
            lead.active,
            lead.probability,
            lead.won_status,
            lead.stage_id,
            lead.team_id,
            lead.lost_reason_id,
            len(lead.mn_restore_log_ids),
        )

    # ------------------------------------------------------------------
    # 6. Stored computed fields are the server's
    # ------------------------------------------------------------------

    def test_won_status_write_refused(self):
        lead = self._lead()
        before = self._state(lead)
        for value in ("lost", "won"):
            with self.subTest(value=value), self.assertRaisesRegex(UserError, "won_status"):
                lead.write({"won_status": value})
            self.assertEqual(self._state(lead), before)
        lost = self._lost_lead()
        before = self._state(lost)
        with self.assertRaisesRegex(UserError, "computed by the system"):
            lost.write({"won_status": "pending"})
        self.assertEqual(self._state(lost), before)

    def test_won_status_refused_on_create_and_ignored_as_context_default(self):
        Lead = self.env["crm.lead"].with_user(self.salesman)
        with self.assertRaisesRegex(UserError, "won_status"):
            Lead.create({"name": "MN Guard fake", "won_status": "lost", "type": "opportunity"})
        self.assertFalse(
            Lead.sudo().with_context(active_test=False).search([("name", "=", "MN Guard fake")])
        )
        # a context default is dropped: the server computes the status
        lead = Lead.with_context(default_won_status="won").create(
            {"name": "MN Guard fake default", "type": "opportunity", "probability": 20}
        )
        self.assertEqual(lead.won_status, "pending")

    def test_lost_rules_judge_real_fields_not_won_status(self):
        """A stale or forged won_status gives no way around the reason rule."""
        lead = self._lead(probability=0)
        # a won_status that lies (written by superuser, e.g. before the rules were on)
        lead.sudo().write({"won_status": "lost"})
        with self.assertRaisesRegex(ValidationError, "A lost reason is required"):
            lead.action_archive()
        lead.invalidate_recordset()
        self.assertTrue(lead.active)

    def test_restore_judged_on_real_fields_not_won_status(self):
        self.company.mn_lost_restore_managers_only = True
        lead = self._lost_lead()
        lead.sudo().write({"won_status": "pending"})
        before = self._state(lead)
        with self.assertRaisesRegex(AccessError, "Only sales managers"):
            lead.action_unarchive()
        self.assertEqual(self._state(lead), before)
        self.company.mn_lost_restore_managers_only = False
        lead.action_unarchive()
        self.assertTrue(lead.active)
        self.assertEqual(lead.sudo().mn_restore_log_ids.reason, "(no reason given)")

    def test_won_status_writable_with_every_rule_off(self):
        """Core's behaviour is unchanged with the rules off."""
        self.company._mn_switch_off_rules()
        lead = self._lead()
        lead.write({"won_status": "lost"})
        self.assertEqual(lead.won_status, "lost")

    def test_won_status_protected_by_each_guard_switch(self):
        self.company.write(dict.fromkeys(LOST_RULE_SWITCHES, False))
        for switch in LOST_GUARD_SWITCHES:
            with self.subTest(switch=switch):
                self.company[switch] = True
                lead = self._lead()
                with self.assertRaises(UserError):
                    lead.write({"won_status": "lost"})
                self.company[switch] = False

    def test_derived_lead_fields_refused(self):
        lost = self._lost_lead()
        other = self.env.ref("mn_crm_sales.lost_reason_category_other")
        values = {"mn_lost_category_id": other.id}
        if "mn_max_stage_id" in lost._fields:
            values["mn_max_stage_id"] = self.won_stage.id
        for fname, value in values.items():
            with self.subTest(field=fname):
                before = lost.sudo()[fname]
                with self.assertRaisesRegex(UserError, fname):
                    lost.write({fname: value})
                with self.assertRaisesRegex(UserError, fname):
                    self.env["crm.lead"].with_user(self.salesman).create(
                        {"name": "MN Guard derived", fname: value}
                    )
                lost.invalidate_recordset()
                self.assertEqual(lost.sudo()[fname], before)

    def test_restore_log_company_refused(self):
        lead = self._lost_lead()
        lead.action_restore(reason="Back")
        log = lead.sudo().mn_restore_log_ids
        other = self.env["res.company"].create({"name": "MN Guard other company"})
        # a JSON context cannot carry the internal flag that lets the suite write it
        for user in (self.salesman, self.manager):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "company_id"):
                log.with_user(user).with_context(mn_derived_write=True).write(
                    {"company_id": other.id}
                )
        log.invalidate_recordset()
        self.assertEqual(log.company_id, self.company)

    # ------------------------------------------------------------------
    # 7. Any transition out of lost is a restore
    # ------------------------------------------------------------------

    def test_two_step_restore_needs_permission(self):
        self.company.mn_lost_restore_managers_only = True
        paths = {
            "probability": lambda lead: lead.write({"probability": 10}),
            "won_stage": lambda lead: lead.write({"stage_id": self.won_stage.id}),
            "active_and_probability": lambda lead: lead.write({"active": True, "probability": 50}),
        }
        for path, restore in paths.items():
            with self.subTest(path=path):
                lead = self._lost_lead()
                before = self._state(lead)
                with self.assertRaisesRegex(AccessError, "Only sales managers"):
                    restore(lead)
                self.assertEqual(self._state(lead), before)

    def test_two_step_restore_is_logged_once(self):
        lead = self._lost_lead()
        lead.write({"probability": 10})  # leaves lost while still archived
        lead.invalidate_recordset()
        self.assertFalse(lead.active)
        self.assertEqual(lead.won_status, "pending")
        log = lead.sudo().mn_restore_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.salesman)
        self.assertEqual(log.previous_lost_reason_id, self.reason)
        lead.action_unarchive()  # no longer lost: not a second restore
        self.assertTrue(lead.active)
        self.assertEqual(len(lead.sudo().mn_restore_log_ids), 1)

    def test_won_stage_restore_is_logged(self):
        lead = self._lost_lead()
        lead.write({"stage_id": self.won_stage.id})
        self.assertTrue(lead.active)
        self.assertEqual(lead.won_status, "won")
        self.assertEqual(len(lead.sudo().mn_restore_log_ids), 1)

    def test_manager_restores_with_reason(self):
        self.company.mn_lost_restore_managers_only = True
        lead = self._lost_lead().with_user(self.manager)
        lead.action_restore(reason="Customer signed after all")
        self.assertTrue(lead.active)
        log = lead.sudo().mn_restore_log_ids
        self.assertEqual((log.user_id, log.reason), (self.manager, "Customer signed after all"))

    # ------------------------------------------------------------------
    # 8. Context keys carry nothing a caller sends
    # ------------------------------------------------------------------

    def test_restore_reason_from_context_ignored(self):
        paths = {
            "write": lambda lead: lead.write({"active": True}),
            "action_unarchive": lambda lead: lead.action_unarchive(),
            "action_restore": lambda lead: lead.action_restore(),
        }
        for path, restore in paths.items():
            with self.subTest(path=path):
                lead = self._lost_lead()
                restore(lead.with_context(mn_restore_reason="forged reason"))
                self.assertEqual(lead.sudo().mn_restore_log_ids.reason, "(no reason given)")
        lead = self._lost_lead()
        lead.action_unarchive(reason="Given as an argument")
        self.assertEqual(lead.sudo().mn_restore_log_ids.reason, "Given as an argument")

    def test_merged_partner_ids_from_context_ignored(self):
        holder = self.env["res.partner"].create(
            {"name": "MN Guard holder", "is_company": True, "mn_register_number": "2054321"}
        )
        self.company.mn_register_number_unique = True
        Partner = self.env["res.partner"].with_user(self.salesman)
        with self.assertRaisesRegex(ValidationError, "2054321"):
            Partner.with_context(mn_register_number_merged_ids=[holder.id]).create(
                {"name": "MN Guard twin", "is_company": True, "mn_register_number": "2054321"}
            )
        self.assertFalse(Partner.search([("name", "=", "MN Guard twin")]))

    # ------------------------------------------------------------------
    # 12a. Merging lost opportunities
    # ------------------------------------------------------------------

    def _merge(self, leads):
        return (
            self.env["crm.merge.opportunity"]
            .with_user(leads.env.user)
            .create({"opportunity_ids": [(6, 0, leads.ids)], "user_id": self.salesman.id})
            .action_merge()
        )

    def test_salesman_cannot_merge_lost_opportunities_away(self):
        lost = self._lost_lead(name="MN Guard lost")
        lost.action_restore(reason="first time back")
        lost.action_set_lost(lost_reason_id=self.reason.id)
        head = self._lead(name="MN Guard head", probability=60)
        before = self._state(lost)
        with self.assertRaisesRegex(AccessError, "Merging deletes the lost opportunities"):
            self._merge(head | lost)
        self.assertTrue(lost.exists())
        self.assertEqual(self._state(lost), before)
        self.assertEqual(len(lost.sudo().mn_restore_log_ids), 1)

    def test_manager_merge_keeps_the_restore_history(self):
        lost = self._lost_lead(name="MN Guard lost")
        lost.action_restore(reason="first time back")
        lost.action_set_lost(lost_reason_id=self.reason.id)
        logs = lost.sudo().mn_restore_log_ids
        head = self._lead(name="MN Guard head", probability=60)
        self._merge((head | lost).with_user(self.manager))
        self.assertFalse(lost.exists())
        self.assertTrue(logs.exists())
        self.assertEqual(logs.lead_id, head)

    def test_salesman_merges_open_leads_as_in_core(self):
        first = self._lead(name="MN Guard first")
        second = self._lead(name="MN Guard second", probability=60)
        self._merge(first | second)
        self.assertEqual(len((first | second).exists()), 1)

    # ------------------------------------------------------------------
    # 12b. A lost reason reserved for a team stays with that team
    # ------------------------------------------------------------------

    def test_lost_lead_cannot_move_to_a_team_its_reason_does_not_serve(self):
        lead = self._lost_lead(lost_reason_id=self.reason_team_a.id)
        self.assertEqual(lead.lost_reason_id, self.reason_team_a)
        before = self._state(lead)
        with self.assertRaisesRegex(ValidationError, "reserved for the sales teams"):
            lead.write({"team_id": self.team_b.id})
        self.assertEqual(self._state(lead), before)
        with self.assertRaisesRegex(ValidationError, "reserved for the sales teams"):
            lead.write({"team_id": False})
        self.assertEqual(self._state(lead), before)

    def test_lost_lead_moves_to_a_team_its_reason_serves(self):
        open_reason_lead = self._lost_lead()
        open_reason_lead.write({"team_id": self.team_b.id})
        self.assertEqual(open_reason_lead.team_id, self.team_b)
        self.company.mn_lost_reason_team_check = False
        lead = self._lost_lead(lost_reason_id=self.reason_team_a.id)
        lead.write({"team_id": self.team_b.id})
        self.assertEqual(lead.team_id, self.team_b)
