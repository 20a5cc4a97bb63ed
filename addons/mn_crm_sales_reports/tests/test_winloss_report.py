from collections import defaultdict
from zoneinfo import ZoneInfo

from odoo.tests import tagged
from odoo.tools import SQL

from ..report import mn_crm_winloss_report
from .common import UB_TZ, MnReportsCase

MEASURES = [
    "won_count:sum",
    "lost_count:sum",
    "win_rate:avg",
    "won_revenue:sum",
    "lost_revenue:sum",
    "value_win_rate:avg",
    "cycle_days:avg",
]


def month_of(utc_naive):
    local = utc_naive.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(UB_TZ))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0, tzinfo=None)


@tagged("post_install", "-at_install")
class TestWinLossReport(MnReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new, qualified, proposition = cls.stage_new, cls.stage_qualified, cls.stage_proposition
        dt = cls._dt
        # (name, team, user, stages walked, result, reason, revenue, created, closed)
        cls.specs = [
            ("L1", cls.team, cls.seller, [qualified, proposition], "lost", cls.reason_price,
             1000.0, dt(2025, 1, 2, 3), dt(2025, 1, 10, 3)),
            ("L2", cls.team, cls.seller2, [qualified, new], "lost", cls.reason_competitor,
             2000.0, dt(2025, 1, 3, 3), dt(2025, 1, 20, 3)),
            ("L3", cls.team, cls.seller, [qualified], "won", None,
             5000.0, dt(2025, 1, 5, 3), dt(2025, 1, 25, 3)),
            ("L4", cls.team, cls.seller, [], "won", None,
             3000.0, dt(2025, 1, 14, 3), dt(2025, 2, 14, 15)),
            ("L5", cls.team_b, cls.seller2, [proposition], "lost", cls.reason_price,
             700.0, dt(2025, 1, 20, 3), dt(2025, 2, 3, 3)),
            ("L6", cls.team, cls.seller, [qualified], "lost", cls.reason_competitor,
             0.0, dt(2025, 2, 1, 3), dt(2025, 2, 27, 3)),
        ]  # fmt: skip
        cls.leads = cls.env["crm.lead"]
        for name, team, user, stages, result, reason, revenue, created, closed in cls.specs:
            lead = cls._lead(f"MN WL {name}", stages=stages, team=team, user=user, revenue=revenue)
            if result == "won":
                lead.action_set_won()
            else:
                lead.action_set_lost(lost_reason_id=reason.id)
            cls._set_dates(lead, created=created, closed=closed)
            cls.leads |= lead
        # Still open, and a lost *lead* (not an opportunity): outside the default analysis.
        cls.open_lead = cls._lead("MN WL open", stages=[qualified], revenue=400.0)
        cls.lost_lead = cls._lead("MN WL lead", type="lead", revenue=900.0)
        cls.lost_lead.action_set_lost(lost_reason_id=cls.reason_price.id)
        cls._set_dates(cls.lost_lead, closed=dt(2025, 2, 5, 3))

    def _report(self):
        return self.env["mn.crm.winloss.report"].with_context(tz=UB_TZ)

    def _domain(self):
        return [("team_id", "in", (self.team | self.team_b).ids), ("type", "=", "opportunity")]

    def _expected_by(self, key):
        groups = defaultdict(list)
        for spec in self.specs:
            groups[key(spec)].append(spec)
        expected = {}
        for group, specs in groups.items():
            won = [s for s in specs if s[4] == "won"]
            lost = [s for s in specs if s[4] == "lost"]
            revenue = sum(s[6] for s in specs)
            cycles = [(s[8] - s[7]).total_seconds() / 86400.0 for s in won]
            expected[group] = {
                "won_count:sum": len(won),
                "lost_count:sum": len(lost),
                "win_rate:avg": 100.0 * len(won) / len(specs),
                "won_revenue:sum": float(sum(s[6] for s in won)),
                "lost_revenue:sum": float(sum(s[6] for s in lost)),
                "value_win_rate:avg": (
                    100.0 * sum(s[6] for s in won) / revenue if revenue else False
                ),
                "cycle_days:avg": sum(cycles) / len(cycles) if cycles else False,
            }
        return expected

    def _check(self, groupby, key):
        rows = self._report()._read_group(self._domain(), groupby, MEASURES)
        n = len(groupby)
        actual = {row[:n]: dict(zip(MEASURES, row[n:], strict=True)) for row in rows}
        expected = self._expected_by(key)
        self.assertEqual(set(actual), set(expected))
        for group, figures in expected.items():
            with self.subTest(group=group):
                for measure, value in figures.items():
                    if value is False:
                        self.assertFalse(actual[group][measure], measure)
                    else:
                        self.assertAlmostEqual(actual[group][measure], value, places=4)

    def test_by_lost_reason(self):
        self._check(["lost_reason_id"], lambda s: (s[5] or self.env["crm.lost.reason"],))

    def test_win_rate_by_team_and_month(self):
        # L4 closes 14 February 15:00 UTC = 15 February in Ulaanbaatar: still February.
        self._check(["team_id", "date_closed:month"], lambda s: (s[1], month_of(s[8])))

    def test_win_rate_by_salesperson(self):
        self._check(["user_id"], lambda s: (s[2],))

    def test_overall_rate_and_cycle(self):
        self._check([], lambda s: ())

    def test_furthest_stage_before_loss(self):
        """A deal moved back before being lost keeps the furthest stage it had reached."""
        self.leads.invalidate_recordset(["mn_max_stage_id"])
        furthest = {lead.name: lead.mn_max_stage_id for lead in self.leads}
        self.assertEqual(furthest["MN WL L1"], self.stage_proposition)
        self.assertEqual(furthest["MN WL L2"], self.stage_qualified)
        self.assertEqual(furthest["MN WL L3"], self.stage_won)
        rows = self._report()._read_group(
            self._domain() + [("won_status", "=", "lost")],
            ["max_stage_id"],
            ["__count", "lost_revenue:sum"],
        )
        expected = defaultdict(lambda: [0, 0.0])
        stage_of = {"L1": self.stage_proposition, "L2": self.stage_qualified}
        stage_of.update(L5=self.stage_proposition, L6=self.stage_qualified)
        for spec in self.specs:
            if spec[4] == "lost":
                expected[stage_of[spec[0]]][0] += 1
                expected[stage_of[spec[0]]][1] += spec[6]
        self.assertEqual({stage: [count, revenue] for stage, count, revenue in rows}, expected)

    def test_open_deals_and_leads_are_kept_apart(self):
        report = self._report()
        self.assertFalse(report.search([("lead_id", "=", self.open_lead.id)]))
        lead_rows = report.search([("lead_id", "=", self.lost_lead.id)])
        self.assertEqual(lead_rows.type, "lead")
        self.assertEqual(lead_rows.lost_revenue, 900.0)

    def test_trigger_follows_sql_writes(self):
        """Stage changes written in SQL (imports, scripts) are followed as well."""
        lead = self._lead("MN WL sql", stages=[self.stage_qualified])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET stage_id = %s WHERE id = %s", (self.stage_proposition.id, lead.id)
        )
        self.env.cr.execute(
            "UPDATE crm_lead SET stage_id = %s WHERE id = %s", (self.stage_new.id, lead.id)
        )
        lead.invalidate_recordset()
        self.assertEqual(lead.mn_max_stage_id, self.stage_proposition)

    def test_backfill_from_stage_tracking(self):
        """At installation the furthest stage is rebuilt from the chatter's stage tracking."""
        tracked_env = self.env(context={"tz": UB_TZ})
        lead = tracked_env["crm.lead"].create(
            {"name": "MN WL history", "type": "opportunity", "stage_id": self.stage_new.id}
        )
        # Each move in its own transaction, as in real life (tracking is written at commit).
        for stage in (self.stage_proposition, self.stage_qualified):
            self.env.flush_all()
            self.env.cr.precommit.run()
            lead.write({"stage_id": stage.id})
        self.env.flush_all()
        self.env.cr.precommit.run()
        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        tracked = self.env["mail.tracking.value"].search(
            [("field_id", "=", stage_field.id), ("mail_message_id.res_id", "=", lead.id),
             ("mail_message_id.model", "=", "crm.lead")]
        )  # fmt: skip
        self.assertTrue(tracked, "stage changes are tracked in the chatter")
        self.env.cr.execute("UPDATE crm_lead SET mn_max_stage_id = NULL WHERE id = %s", [lead.id])
        self.env["crm.lead"]._mn_backfill_max_stage()
        lead.invalidate_recordset()
        self.assertEqual(lead.mn_max_stage_id, self.stage_proposition)


@tagged("post_install", "-at_install")
class TestWinLossDimensions(MnReportsCase):
    """Lost-reason categories, competitors, customer kind and tier on the win/loss report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._dimension_customers()
        Category = cls.env["mn.lost.reason.category"]
        cls.cat_price = Category.create({"name": "MN Cat Price", "code": "mn_rep_price"})
        cls.cat_rival = Category.create({"name": "MN Cat Rivals", "code": "mn_rep_rival"})
        Reason = cls.env["crm.lost.reason"]
        cls.r_budget = Reason.create({"name": "MN Budget", "mn_category_id": cls.cat_price.id})
        cls.r_dear = Reason.create({"name": "MN Too dear", "mn_category_id": cls.cat_price.id})
        cls.r_rival = Reason.create(
            {"name": "MN Went to rival", "mn_category_id": cls.cat_rival.id}
        )
        cls.r_loose = Reason.create({"name": "MN Uncategorised", "mn_category_id": False})
        cls.category_of = {
            cls.r_budget: cls.cat_price,
            cls.r_dear: cls.cat_price,
            cls.r_rival: cls.cat_rival,
            cls.r_loose: Category,
        }
        cls.rival = cls.env["res.partner"].create({"name": "MN Rival Trade LLC"})
        # (name, customer key, result, reason, revenue, competitor contact, competitor name)
        cls.specs = [
            ("D1", "company", "lost", cls.r_budget, 1000.0, cls.rival, False),
            ("D2", "contact", "lost", cls.r_dear, 1500.0, None, "  Голомт Трейд "),
            ("D3", "citizen", "lost", cls.r_rival, 2000.0, cls.rival, "ignored: a contact wins"),
            ("D4", "citizen", "lost", cls.r_loose, 500.0, None, False),
            ("D5", "plain", "lost", cls.r_rival, 700.0, None, "   "),
            ("D6", "plain", "lost", cls.r_rival, 300.0, None, "Голомт Трейд"),
            ("D7", "company", "won", None, 3000.0, None, False),
            ("D8", "citizen", "won", None, 4000.0, None, False),
            ("D9", "plain", "won", None, 800.0, None, False),
        ]
        cls.dim_leads = cls.env["crm.lead"]
        for name, customer, result, reason, revenue, rival, rival_name in cls.specs:
            lead = cls._lead(
                f"MN WLD {name}", revenue=revenue, partner_id=cls.dim_customers[customer][0].id
            )
            if result == "won":
                lead.action_set_won()
            else:
                lead.action_set_lost(
                    lost_reason_id=reason.id,
                    mn_competitor_partner_id=rival.id if rival else False,
                    mn_competitor_name=rival_name,
                )
            cls.dim_leads |= lead

    def _read(self, groupby, measures, domain=()):
        report = self.env["mn.crm.winloss.report"].with_context(tz=UB_TZ)
        rows = report._read_group(
            [("lead_id", "in", self.dim_leads.ids), *domain], groupby, measures
        )
        n = len(groupby)
        return {row[:n]: list(row[n:]) for row in rows}

    @staticmethod
    def _competitor_of(spec):
        """The name a loss is filed under: the contact's name, else the typed name."""
        rival, rival_name = spec[5], (spec[6] or "").strip()
        return rival.name if rival else (rival_name or False)

    def _expected(self, key, specs):
        expected = defaultdict(lambda: [0, 0, 0.0])
        for spec in specs:
            group = expected[key(spec)]
            group[0 if spec[2] == "won" else 1] += 1
            group[2] += spec[4] if spec[2] == "lost" else 0.0
        return dict(expected)

    def test_lost_by_category_then_reason(self):
        lost = [spec for spec in self.specs if spec[2] == "lost"]
        measures = ["won_count:sum", "lost_count:sum", "lost_revenue:sum"]
        by_category = self._read(["lost_category_id"], measures, [("won_status", "=", "lost")])
        expected = self._expected(lambda spec: (self.category_of[spec[3]],), lost)
        self.assertEqual(by_category, expected)
        # The reason without category lands in the empty group, alone.
        empty = (self.env["mn.lost.reason.category"],)
        self.assertEqual(by_category[empty], [0, 1, 500.0])
        by_both = self._read(
            ["lost_category_id", "lost_reason_id"], measures, [("won_status", "=", "lost")]
        )
        self.assertEqual(
            by_both, self._expected(lambda spec: (self.category_of[spec[3]], spec[3]), lost)
        )

    def test_lost_to_competitors(self):
        """Contact or typed name; a blank name is no competitor."""
        measures = ["won_count:sum", "lost_count:sum", "lost_revenue:sum"]
        domain = [("won_status", "=", "lost"), ("competitor_name", "!=", False)]
        actual = self._read(["competitor_name"], measures, domain)
        with_rival = [s for s in self.specs if s[2] == "lost" and self._competitor_of(s)]
        expected = self._expected(lambda spec: (self._competitor_of(spec),), with_rival)
        self.assertEqual(actual, expected)
        self.assertEqual(actual[("Голомт Трейд",)], [0, 2, 1800.0])
        by_contact = self._read(["competitor_partner_id"], ["__count"], domain)
        self.assertEqual(by_contact[(self.rival,)], [2])

    def test_by_customer_kind_and_tier(self):
        measures = ["won_count:sum", "lost_count:sum", "lost_revenue:sum"]
        for field, index in (("customer_kind", 1), ("customer_tier_id", 2)):
            with self.subTest(dimension=field):
                expected = self._expected(
                    lambda spec, i=index: (self.dim_customers[spec[1]][i],), self.specs
                )
                self.assertEqual(self._read([field], measures), expected)
        rates = self._read(["customer_kind"], ["win_rate:avg"])
        company = [s for s in self.specs if self.dim_customers[s[1]][1] == "company"]
        won = [s for s in company if s[2] == "won"]
        self.assertAlmostEqual(rates[("company",)][0], 100.0 * len(won) / len(company))


@tagged("post_install", "-at_install")
class TestWinLossPlan(MnReportsCase):
    """The month x team graph is planned for the few groups it has, not one per deal."""

    def _estimated_groups(self):
        Report = self.env["mn.crm.winloss.report"].with_context(tz=UB_TZ)
        query = Report._search([("type", "=", "opportunity")])
        month = Report._read_group_groupby(Report._table, "date_closed:month", query)
        query.groupby = SQL("%s, %s", month, SQL.identifier(Report._table, "team_id"))
        self.env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query.select(SQL("COUNT(*)"))))
        plan = self.env.cr.fetchone()[0][0]["Plan"]
        while "Group Key" not in plan:
            plan = plan["Plans"][0]
        return plan["Plan Rows"]

    def test_month_statistics(self):
        # 400 deals closed in two months by one team: 2 groups
        leads = self.env["crm.lead"].create(
            [
                {"name": f"MN Plan {index}", "type": "opportunity", "team_id": self.team.id}
                for index in range(400)
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE crm_lead SET won_status = 'lost', active = FALSE,
                      date_closed = CASE WHEN id %% 2 = 0 THEN TIMESTAMP '2026-03-10 04:00'
                                         ELSE TIMESTAMP '2026-04-20 04:00' END
                WHERE id = ANY(%s)""",
            [leads.ids],
        )
        self.env.cr.execute("ANALYZE crm_lead")
        self.assertLess(self._estimated_groups(), 20)
        self.env.cr.execute(
            SQL("DROP STATISTICS %s", SQL.identifier(mn_crm_winloss_report.CLOSED_MONTH_STATISTICS))
        )
        self.env.cr.execute("ANALYZE crm_lead")
        self.assertGreater(self._estimated_groups(), 50, "the statistics made the difference")
