"""The sales analysis groups by ids and orders its groups afterwards, in Odoo's order.

``mn.report.group.order.mixin`` keeps the comodels' columns (a salesperson's name, a
customer's full name) out of the ``GROUP BY`` of a million-line read. The groups must come
back exactly as Odoo's SQL would order them: the reference is the same read with a limit,
which takes Odoo's own path.
"""

from datetime import datetime
from unittest.mock import patch

from odoo import models
from odoo.tests import new_test_user, tagged

from .common import UB_TZ, MnReportsCase

MEASURES = ["price_subtotal:sum", "mn_margin_pct:avg", "__count"]
BIG = 100_000  # a limit no read reaches: Odoo's SQL ordering, the reference


class GroupOrderCase(MnReportsCase):
    """Orders of salespeople whose ids and names disagree, over teams, tiers and months."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._dimension_customers()
        # Created in the reverse of their alphabetical order: ids and names disagree.
        cls.sellers = [
            new_test_user(cls.env, login=f"mn_order_{login}", name=name, tz=UB_TZ,
                          groups="sales_team.group_sale_salesman")
            for login, name in (("c", "Цэцэг"), ("b", "Болд"), ("a", "Анар"))
        ]  # fmt: skip
        cls.team_c = cls.env["crm.team"].create({"name": "MN Report Team C", "sequence": 0})
        product = cls._product("MN Order Service", 1000.0, 400.0)
        partners = [partner for partner, *__ in cls.dim_customers.values()] + list(cls.customers)
        teams = [cls.team_b, cls.team, cls.team_c]
        cls.orders = cls.env["sale.order"]
        for index, partner in enumerate(partners):
            for month in (3, 5):
                cls.orders |= cls._order(
                    partner,
                    [(product, 1 + index, 1000.0 + 10 * month, 0.0)],
                    team=teams[index % 3],
                    user=cls.sellers[(index + month) % 3],
                    date=datetime(2026, month, 10 + index),
                )
        # a group without salesperson nor team: NULL groups go last ascending, first descending
        cls.orders.browse(cls.orders[-1].id).write({"user_id": False, "team_id": False})
        cls.domain = [("state", "=", "sale"), ("name", "in", cls.orders.mapped("name"))]

    def _keys(self, rows, width):
        return [
            tuple(value.id if hasattr(value, "_name") else value for value in row[:width])
            for row in rows
        ]

    def _queries_of(self, func):
        queries = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            func()
        return queries


@tagged("post_install", "-at_install")
class TestReportGroupOrder(GroupOrderCase):
    def test_groups_in_odoo_order(self):
        Report = self.env["sale.report"].with_user(self.manager).with_context(tz=UB_TZ)
        cases = [
            ["date:month", "user_id"],
            ["user_id", "date:month"],
            ["user_id desc", "date:month desc"],
            ["partner_id"],
            ["partner_id desc"],
            ["team_id", "user_id"],
            ["team_id desc", "state"],
            ["mn_customer_tier_id", "categ_id"],
            ["mn_customer_tier_id desc", "partner_id"],
        ]
        for order in cases:
            groupby = [term.split()[0] for term in order]
            with self.subTest(order=order):
                got = Report._read_group(self.domain, groupby, MEASURES, order=",".join(order))
                want = Report._read_group(
                    self.domain, groupby, MEASURES, order=",".join(order), limit=BIG
                )
                self.assertGreater(len(want), 2)
                self.assertEqual(self._keys(got, len(groupby)), self._keys(want, len(groupby)))
                self.assertEqual(
                    [row[len(groupby) :] for row in got], [row[len(groupby) :] for row in want]
                )

    def test_web_client_reads_in_odoo_order(self):
        """The graph's and the pivot's reads: same groups, same order as Odoo's SQL."""
        Report = self.env["sale.report"].with_user(self.manager).with_context(tz=UB_TZ)
        graph = Report.formatted_read_group(self.domain, ["date:month", "user_id"], MEASURES)
        want = Report.formatted_read_group(
            self.domain, ["date:month", "user_id"], MEASURES, limit=BIG
        )
        self.assertEqual(graph, want)
        sets = [["team_id", "user_id"], ["team_id"], ["user_id"], []]
        pivot = Report.formatted_read_grouping_sets(self.domain, sets, MEASURES)
        for groupby, groups in zip(sets, pivot, strict=True):
            with self.subTest(groupby=groupby):
                want = Report.formatted_read_group(self.domain, groupby, MEASURES, limit=BIG)
                self.assertGroupsEqual(groups, want)

    def assertGroupsEqual(self, groups, want):
        """Same groups in the same order; figures equal to the cent (the rolled-up totals
        add floats where SQL added numerics)."""
        self.assertEqual([list(g) for g in groups], [list(w) for w in want])
        for got, expected in zip(groups, want, strict=True):
            for key, value in expected.items():
                if isinstance(value, float):
                    self.assertAlmostEqual(got[key], value, places=6, msg=key)
                else:
                    self.assertEqual(got[key], value, key)

    def test_grouped_by_ids_alone(self):
        """The salesperson's and the customer's names stay out of the million-line GROUP BY."""
        Report = self.env["sale.report"].with_context(tz=UB_TZ)
        for groupby, comodel_columns in (
            (["date:month", "user_id"], ('"login"', '"name"')),
            (["partner_id"], ('"complete_name"',)),
        ):
            with self.subTest(groupby=groupby):
                queries = self._queries_of(
                    lambda groupby=groupby: Report.formatted_read_group(
                        self.domain, groupby, MEASURES
                    )
                )
                grouped = [q for q in queries if "GROUP BY" in q and "sale_report" in q]
                self.assertEqual(len(grouped), 1, queries)
                group_by = grouped[0].rsplit("GROUP BY", 1)[1]
                for column in comodel_columns:
                    self.assertNotIn(column, group_by)

    def test_orders_odoo_takes_itself(self):
        """A limit (paged list groups), an aggregate or NULLS in the order: Odoo's own SQL."""
        Report = self.env["sale.report"]
        plan = Report._mn_group_order_plan
        self.assertIsNone(plan(["user_id"], "user_id", 0, 80))
        self.assertIsNone(plan(["user_id"], "user_id", 80, None))
        self.assertIsNone(plan(["user_id"], "price_subtotal:sum desc", 0, None))
        self.assertIsNone(plan(["user_id"], "user_id asc nulls first", 0, None))
        self.assertIsNone(
            plan(["date:day_of_week", "user_id"], "date:day_of_week, user_id", 0, None)
        )
        self.assertIsNone(plan(["date:month"], "date:month", 0, None))  # nothing to gain
        self.assertIsNone(plan(["nbr", "user_id"], "nbr, user_id", 0, None))  # NULL is 0
        self.assertEqual(plan(["user_id"], "user_id desc", 0, None), [("user_id", True)])


ROLLED_UP = [
    "__count",
    "price_subtotal:sum",
    "mn_margin_pct:avg",
    "mn_discount_pct:sum",
    "discount:avg",
    "price_unit:max",
    "price_unit:min",
    "qty_delivered:count",
]


@tagged("post_install", "-at_install")
class TestReportRollup(GroupOrderCase):
    """The pivot's subtotals and totals, added up from its finest cells."""

    def test_pivot_figures_equal_odoo_grouping_sets(self):
        Report = self.env["sale.report"].with_user(self.manager).with_context(tz=UB_TZ)
        for sets in (
            [["team_id", "date:month"], ["team_id"], ["date:month"], []],
            [["user_id", "state"], ["user_id"], []],
            [["mn_customer_tier_id", "date:month"], ["date:month"], []],
        ):
            with self.subTest(sets=sets):
                queries = self._queries_of(
                    lambda sets=sets: Report._read_grouping_sets(self.domain, sets, ROLLED_UP)
                )
                self.assertFalse([q for q in queries if "GROUPING SETS" in q])
                got = Report._read_grouping_sets(self.domain, sets, ROLLED_UP)
                # Odoo's own GROUPING SETS query, ordered by Odoo's SQL
                want = models.BaseModel._read_grouping_sets(
                    Report,
                    self.domain,
                    sets,
                    ROLLED_UP,
                    order=",".join(dict.fromkeys(spec for groupby in sets for spec in groupby)),
                )
                for groupby, rows, expected in zip(sets, got, want, strict=True):
                    width = len(groupby)
                    self.assertEqual(self._keys(rows, width), self._keys(expected, width))
                    for row, want_row in zip(rows, expected, strict=True):
                        for spec, value, want_value in zip(
                            ROLLED_UP, row[width:], want_row[width:], strict=True
                        ):
                            if want_value is None:
                                self.assertIsNone(value, spec)
                            else:
                                self.assertAlmostEqual(value, want_value, places=6, msg=spec)

    def test_team_order_and_names_in_one_query(self):
        """Ordering the groups costs no query of its own: the search that ranks the teams
        also brings their names, which the web client's labels then read from the cache."""
        Report = self.env["sale.report"].with_user(self.manager).with_context(tz=UB_TZ)
        sets = [["team_id", "date:month"], ["team_id"], ["date:month"], []]
        self.env.invalidate_all()
        queries = self._queries_of(
            lambda: Report.formatted_read_grouping_sets(self.domain, sets, WEB_MEASURES)
        )
        self.assertEqual(len([q for q in queries if 'FROM "crm_team"' in q]), 1, queries)
        # the converted sum's rate is a subquery of the grouped read, not a query of its own
        self.assertFalse([q for q in queries if q.lstrip().startswith("SELECT rate FROM")])

    def test_other_aggregates_go_to_odoo(self):
        Report = self.env["sale.report"].with_context(tz=UB_TZ)
        sets = [["team_id", "user_id"], ["team_id"], []]
        for aggregates in (["partner_id:count_distinct"], ["price_subtotal:sum", "nbr:array_agg"]):
            with self.subTest(aggregates=aggregates):
                self.assertIsNone(Report._mn_rollup_parts(aggregates))
                queries = self._queries_of(
                    lambda a=aggregates: Report._read_grouping_sets(self.domain, sets, a)
                )
                self.assertTrue([q for q in queries if "GROUPING SETS" in q])

    def test_empty_pivot(self):
        Report = self.env["sale.report"].with_context(tz=UB_TZ)
        sets = [["team_id", "user_id"], ["team_id"], []]
        domain = [("id", "=", 0)]
        self.assertEqual(
            Report._read_grouping_sets(domain, sets, ROLLED_UP),
            models.BaseModel._read_grouping_sets(Report, domain, sets, ROLLED_UP),
        )


WEB_MEASURES = [
    "__count",
    "currency_id:array_agg_distinct",
    "price_subtotal:sum_currency",
    "price_subtotal:sum",
]


@tagged("post_install", "-at_install")
class TestWebClientMeasures(GroupOrderCase):
    """What the graph and the pivot ask with a monetary measure, without a DISTINCT
    aggregate nor a join of the rates to every line."""

    def _read(self, groupby):
        Report = self.env["sale.report"].with_user(self.manager).with_context(tz=UB_TZ)
        queries = self._queries_of(lambda: Report._read_group(self.domain, groupby, WEB_MEASURES))
        grouped = [q for q in queries if "GROUP BY" in q and "sale_report" in q]
        self.assertNotIn("ARRAY_AGG(DISTINCT", grouped[0])
        self.assertNotIn("__rates", grouped[0])
        return Report._read_group(self.domain, groupby, WEB_MEASURES)

    def _set_own_rate(self, rate):
        Rate = self.env["res.currency.rate"]
        Rate.search([("currency_id", "=", self.currency.id)]).unlink()
        if rate:
            Rate.create(
                {"currency_id": self.currency.id, "company_id": self.company.id, "rate": rate}
            )

    def test_one_currency_and_its_sum(self):
        self._set_own_rate(None)
        rows = self._read(["date:month", "team_id"])
        self.assertGreater(len(rows), 2)
        for *__, count, currencies, converted, amount in rows:
            self.assertEqual(currencies, [self.currency.id])
            self.assertEqual(converted, amount)
            self.assertGreater(count, 0)

    def test_sum_divided_by_the_currency_rate(self):
        """A rate on the company's own currency: what Odoo's per-line division gives."""
        self._set_own_rate(2.5)
        rows = self._read(["user_id"])
        for *__, currencies, converted, amount in rows:
            self.assertEqual(currencies, [self.currency.id])
            self.assertAlmostEqual(converted, amount / 2.5, places=6)
        # the pivot's levels, rolled up, carry them too
        sets = [["user_id", "team_id"], ["user_id"], []]
        Report = self.env["sale.report"].with_context(tz=UB_TZ)
        for rows in Report._read_grouping_sets(self.domain, sets, WEB_MEASURES):
            for row in rows:
                *__, currencies, converted, amount = row
                self.assertEqual(currencies, [self.currency.id])
                self.assertAlmostEqual(converted, amount / 2.5, places=6)
