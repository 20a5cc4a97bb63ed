from collections import defaultdict
from datetime import date

from odoo.tests import tagged

from .common import UB_TZ, MnReportsCase

OPEN_MEASURES = ["open_count:sum", "expected_revenue:sum", "weighted_revenue:sum"]
WON_MEASURES = ["won_count:sum", "won_revenue:sum", "cycle_days:avg"]


@tagged("post_install", "-at_install")
class TestForecastReport(MnReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        dt = cls._dt
        # (name, team, user, expected revenue, probability, expected closing)
        cls.open_specs = [
            ("O1", cls.team, cls.seller, 10000.0, 10.0, date(2025, 3, 5)),
            ("O2", cls.team, cls.seller, 2500.0, 35.5, date(2025, 3, 28)),
            ("O3", cls.team, cls.seller2, 7000.0, 60.0, date(2025, 4, 1)),
            ("O4", cls.team_b, cls.seller2, 1234.56, 33.3, date(2025, 3, 15)),
            ("O5", cls.team, cls.seller, 999.0, 50.0, False),
        ]
        cls.open_leads = cls.env["crm.lead"]
        for name, team, user, revenue, probability, deadline in cls.open_specs:
            lead = cls._lead(
                f"MN FC {name}",
                stages=[cls.stage_qualified],
                team=team,
                user=user,
                revenue=revenue,
                date_deadline=deadline,
            )
            lead.probability = probability  # a manual probability, after the stage moves
            cls.open_leads |= lead
        # (name, team, user, revenue, created, won)
        cls.won_specs = [
            ("W1", cls.team, cls.seller, 4000.0, dt(2025, 1, 1, 2), dt(2025, 1, 11, 14)),
            ("W2", cls.team, cls.seller, 6000.0, dt(2025, 1, 3, 2), dt(2025, 2, 20, 2)),
            ("W3", cls.team, cls.seller2, 1500.0, dt(2024, 12, 1, 9), dt(2025, 1, 2, 21)),
            ("W4", cls.team_b, cls.seller2, 800.0, dt(2025, 2, 1, 2), dt(2025, 2, 4, 2)),
        ]
        for name, team, user, revenue, created, won in cls.won_specs:
            lead = cls._lead(f"MN FC {name}", team=team, user=user, revenue=revenue)
            lead.action_set_won()
            cls._set_dates(lead, created=created, closed=won)
        # Not in the forecast: lost, archived, and plain leads.
        cls._lead("MN FC lost", revenue=5555.0).action_set_lost(lost_reason_id=cls.reason_price.id)
        cls._lead("MN FC archived", revenue=4444.0).action_archive()
        cls.env["crm.lead"].create(
            {"name": "MN FC lead", "type": "lead", "team_id": cls.team.id, "expected_revenue": 3333}
        )

    def _report(self):
        return self.env["mn.crm.forecast.report"].with_context(tz=UB_TZ)

    def _domain(self, state):
        return [("team_id", "in", (self.team | self.team_b).ids), ("state", "=", state)]

    def _read(self, state, groupby, measures):
        rows = self._report()._read_group(self._domain(state), groupby, measures)
        n = len(groupby)
        return {row[:n]: dict(zip(measures, row[n:], strict=True)) for row in rows}

    def test_open_pipeline_by_team_and_closing_month(self):
        expected = defaultdict(lambda: dict.fromkeys(OPEN_MEASURES, 0.0))
        for __, team, __, revenue, probability, deadline in self.open_specs:
            month = deadline.replace(day=1) if deadline else False
            group = expected[(team, month)]
            group["open_count:sum"] += 1
            group["expected_revenue:sum"] += revenue
            group["weighted_revenue:sum"] += revenue * probability / 100.0
        actual = self._read("open", ["team_id", "date_deadline:month"], OPEN_MEASURES)
        self.assertEqual(set(actual), set(expected))
        for group, figures in expected.items():
            with self.subTest(group=group):
                figures["open_count:sum"] = int(figures["open_count:sum"])
                self.assertFigures(actual[group], figures)

    def test_open_pipeline_by_salesperson(self):
        expected = defaultdict(lambda: [0.0, 0.0])
        for __, __, user, revenue, probability, __ in self.open_specs:
            expected[(user,)][0] += revenue
            expected[(user,)][1] += revenue * probability / 100.0
        actual = self._read("open", ["user_id"], ["expected_revenue:sum", "weighted_revenue:sum"])
        self.assertEqual(set(actual), set(expected))
        for group, (revenue, weighted) in expected.items():
            self.assertAlmostEqual(actual[group]["expected_revenue:sum"], revenue, places=2)
            self.assertAlmostEqual(actual[group]["weighted_revenue:sum"], weighted, places=6)

    def test_sales_cycle_by_team_and_salesperson(self):
        cycles = defaultdict(list)
        revenue = defaultdict(float)
        for __, team, user, amount, created, won in self.won_specs:
            cycles[(team, user)].append((won - created).total_seconds() / 86400.0)
            revenue[(team, user)] += amount
        actual = self._read("won", ["team_id", "user_id"], WON_MEASURES)
        self.assertEqual(set(actual), set(cycles))
        for group, days in cycles.items():
            with self.subTest(group=group):
                self.assertFigures(
                    actual[group],
                    {
                        "won_count:sum": len(days),
                        "won_revenue:sum": revenue[group],
                        "cycle_days:avg": sum(days) / len(days),
                    },
                    places=6,
                )

    def test_average_cycle_ignores_open_deals(self):
        """Over open and won rows together the average is still over won deals only."""
        (total,) = self._report()._read_group(
            [("team_id", "in", (self.team | self.team_b).ids)], [], ["cycle_days:avg"]
        )
        days = [(won - created).total_seconds() / 86400.0 for *__, created, won in self.won_specs]
        self.assertAlmostEqual(total[0], sum(days) / len(days), places=6)

    def test_lost_archived_and_leads_left_out(self):
        names = set(
            self._report().search([("team_id", "in", (self.team | self.team_b).ids)]).mapped("name")
        )
        expected = {f"MN FC {spec[0]}" for spec in self.open_specs + self.won_specs}
        self.assertEqual(names, expected)


@tagged("post_install", "-at_install")
class TestForecastDimensions(MnReportsCase):
    """Customer kind and tier of the pipeline forecast (the opportunity's customer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._dimension_customers()
        # (customer key, expected revenue, probability, won)
        cls.specs = [
            ("company", 10000.0, 20.0, False),
            ("contact", 3000.0, 50.0, False),
            ("citizen", 2000.0, 75.0, False),
            ("citizen", 1500.0, 100.0, True),
            ("plain", 700.0, 10.0, False),
        ]
        cls.dim_leads = cls.env["crm.lead"]
        for index, (customer, revenue, probability, won) in enumerate(cls.specs):
            lead = cls._lead(
                f"MN FCD {index}",
                stages=[cls.stage_qualified],
                revenue=revenue,
                partner_id=cls.dim_customers[customer][0].id,
            )
            if won:
                lead.action_set_won()
            else:
                lead.probability = probability
            cls.dim_leads |= lead

    def test_by_customer_kind_and_tier(self):
        measures = ["open_count:sum", "won_count:sum", "expected_revenue:sum"]
        measures += ["weighted_revenue:sum", "won_revenue:sum"]
        report = self.env["mn.crm.forecast.report"].with_context(tz=UB_TZ)
        for field, index in (("customer_kind", 1), ("customer_tier_id", 2)):
            expected = defaultdict(lambda: [0, 0, 0.0, 0.0, 0.0])
            for customer, revenue, probability, won in self.specs:
                group = expected[(self.dim_customers[customer][index],)]
                if won:
                    group[1] += 1
                    group[4] += revenue
                else:
                    group[0] += 1
                    group[2] += revenue
                    group[3] += revenue * probability / 100.0
            rows = report._read_group([("lead_id", "in", self.dim_leads.ids)], [field], measures)
            actual = {row[:1]: list(row[1:]) for row in rows}
            with self.subTest(dimension=field):
                self.assertEqual(set(actual), set(expected))
                for group, figures in expected.items():
                    for got, want in zip(actual[group], figures, strict=True):
                        self.assertAlmostEqual(got, want, places=2)
