from collections import defaultdict
from zoneinfo import ZoneInfo

from odoo import Command
from odoo.tests import tagged

from .common import UB_TZ, MnReportsCase

MEASURES = [
    "price_subtotal:sum",
    "mn_list_amount:sum",
    "mn_reference_amount:sum",
    "mn_pricelist_discount_amount:sum",
    "mn_sold_amount:sum",
    "mn_discount_amount:sum",
    "mn_discount_pct:avg",
    "mn_cost_amount:sum",
    "mn_margin:sum",
    "mn_margin_pct:avg",
    "mn_delivered_amount:sum",
]


def month_of(utc_naive):
    """Start of the month of a UTC datetime in Ulaanbaatar, as ``date:month`` groups it."""
    local = utc_naive.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(UB_TZ))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0, tzinfo=None)


@tagged("post_install", "-at_install")
class TestSalesAnalysis(MnReportsCase):
    """Discount against list price, margin against cost and delivered amount, by team/month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.chair = cls._product("MN Chair", 1000.0, 600.0)
        cls.desk = cls._product("MN Desk", 5000.0, 3500.0)
        cls.lamp = cls._variant_with_extra("MN Lamp", 300.0, 120.0, extra=50.0)
        c0, c1, c2, c3 = cls.customers
        cls.orders = (
            cls._order(
                c0,
                [(cls.chair, 10, 900.0, 0.0), (cls.desk, 2, 5000.0, 10.0)],
                date=cls._dt(2025, 1, 15, 4),
            )
            | cls._order(
                c1,
                [(cls.chair, 1, 11000.0, 0.0, cls.dozen), (cls.lamp, 4, 350.0, 5.0)],
                user=cls.seller2,
                date=cls._dt(2025, 1, 31, 17),  # 1 February 01:00 in Ulaanbaatar
            )
            | cls._order(
                c2,
                [(cls.chair, 5, 1100.0, 0.0), (cls.desk, 1, 4000.0, 0.0)],
                team=cls.team_b,
                date=cls._dt(2025, 2, 10, 4),
            )
            | cls._order(c3, [(cls.desk, 3, 4500.0, 20.0)], date=cls._dt(2025, 3, 3, 4))
        )
        # A quotation and a cancelled order never count as sales.
        cls.quotation = cls._order(c0, [(cls.desk, 9, 1.0, 0.0)], confirm=False)
        cls.cancelled = cls._order(c0, [(cls.desk, 9, 1.0, 0.0)])
        cls.cancelled._action_cancel()
        # Partial deliveries (manual services: the delivered quantity is typed in).
        first = cls.orders[0].order_line
        first[0].qty_delivered = 4
        first[1].qty_delivered = 2
        cls.orders[2].order_line[0].qty_delivered = 5
        cls.env.flush_all()

    @classmethod
    def _variant_with_extra(cls, name, list_price, cost, extra):
        attribute = cls.env["product.attribute"].create(
            {
                "name": f"{name} colour",
                "create_variant": "always",
                "value_ids": [Command.create({"name": "Red"}), Command.create({"name": "Blue"})],
            }
        )
        template = cls.env["product.template"].create(
            {
                "name": name,
                "type": "service",
                "service_type": "manual",
                "invoice_policy": "order",
                "list_price": list_price,
                "standard_price": cost,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": attribute.id,
                            "value_ids": [Command.set(attribute.value_ids.ids)],
                        }
                    )
                ],
            }
        )
        red = template.attribute_line_ids.product_template_value_ids.filtered(
            lambda value: value.name == "Red"
        )
        red.price_extra = extra
        variant = template.product_variant_ids.filtered(
            lambda product: red in product.product_template_attribute_value_ids
        )
        variant.standard_price = cost
        return variant

    # -- independent computation -------------------------------------------------------------

    def _expected_by(self, key):
        """Figures per group, computed from the order lines (product-unit quantities)."""
        sums = defaultdict(lambda: defaultdict(float))
        for order in self.orders:
            for line in order.order_line:
                product = line.product_id
                qty = line.product_uom_id._compute_quantity(line.product_uom_qty, product.uom_id)
                list_amount = product.lst_price * qty
                # The fixture's pricelist has no rules: it gives the sales price.
                reference = list_amount
                sold = line.price_unit * (1 - line.discount / 100.0) * line.product_uom_qty
                cost = product.standard_price * qty
                group = sums[key(order)]
                group["price_subtotal:sum"] += line.price_subtotal
                group["mn_list_amount:sum"] += list_amount
                group["mn_reference_amount:sum"] += reference
                group["mn_pricelist_discount_amount:sum"] += list_amount - reference
                group["mn_sold_amount:sum"] += sold
                group["mn_discount_amount:sum"] += reference - sold
                group["mn_cost_amount:sum"] += cost
                group["mn_margin:sum"] += line.price_subtotal - cost
                group["mn_delivered_amount:sum"] += (
                    line.price_subtotal * line.qty_delivered / line.product_uom_qty
                )
        for group in sums.values():
            group["mn_discount_pct:avg"] = (
                100.0 * group["mn_discount_amount:sum"] / group["mn_reference_amount:sum"]
            )
            group["mn_margin_pct:avg"] = (
                100.0 * group["mn_margin:sum"] / group["price_subtotal:sum"]
            )
        return {k: dict(v) for k, v in sums.items()}

    def _domain(self):
        return [("team_id", "in", (self.team | self.team_b).ids), ("state", "=", "sale")]

    def _report(self):
        return self.env["sale.report"].with_context(tz=UB_TZ)

    # -- tests -------------------------------------------------------------------------------

    def test_by_team_and_month(self):
        expected = self._expected_by(lambda order: (order.team_id, month_of(order.date_order)))
        rows = self._report()._read_group(self._domain(), ["team_id", "date:month"], MEASURES)
        actual = {(row[0], row[1]): dict(zip(MEASURES, row[2:], strict=True)) for row in rows}
        self.assertEqual(set(actual), set(expected))
        # The order dated 31 January 17:00 UTC is a February sale in Ulaanbaatar.
        self.assertIn((self.team, month_of(self._dt(2025, 2, 1, 4))), actual)
        for group, figures in expected.items():
            with self.subTest(group=group):
                self.assertFigures(actual[group], figures)

    def test_by_salesperson_totals(self):
        expected = self._expected_by(lambda order: order.user_id)
        rows = self._report()._read_group(self._domain(), ["user_id"], MEASURES)
        actual = {row[0]: dict(zip(MEASURES, row[1:], strict=True)) for row in rows}
        self.assertEqual(set(actual), {self.seller, self.seller2})
        for user, figures in expected.items():
            with self.subTest(user=user.login):
                self.assertFigures(actual[user], figures)

    def test_discount_counts_uom_variant_extra_and_line_discount(self):
        """1 dozen chairs at 11 000 against 12 x 1 000; red lamps list at 300 + 50."""
        order = self.orders[1]
        rows = self._report()._read_group(
            [("order_reference", "=", f"sale.order,{order.id}")],
            ["product_id"],
            ["mn_list_amount:sum", "mn_sold_amount:sum", "mn_discount_amount:sum"],
        )
        figures = {product: (lst, sold, disc) for product, lst, sold, disc in rows}
        self.assertAlmostEqual(figures[self.chair][0], 12 * 1000.0)
        self.assertAlmostEqual(figures[self.chair][2], 12 * 1000.0 - 11000.0)
        self.assertAlmostEqual(figures[self.lamp][0], 4 * (300.0 + 50.0))
        self.assertAlmostEqual(figures[self.lamp][1], 4 * 350.0 * 0.95)

    def test_rates_are_ratios_of_sums_not_averages(self):
        """The total discount % is Σdiscount / Σlist, not the mean of the line percentages."""
        expected = self._expected_by(lambda order: True)[True]
        (total,) = self._report()._read_group(
            self._domain(), [], ["mn_discount_pct:avg", "mn_margin_pct:avg"]
        )
        self.assertAlmostEqual(total[0], expected["mn_discount_pct:avg"], places=6)
        self.assertAlmostEqual(total[1], expected["mn_margin_pct:avg"], places=6)
        line_rates = []
        for line in self.orders.order_line:
            qty = line.product_uom_id._compute_quantity(
                line.product_uom_qty, line.product_id.uom_id
            )
            list_amount = line.product_id.lst_price * qty
            sold = line.price_unit * (1 - line.discount / 100.0) * line.product_uom_qty
            line_rates.append(100.0 * (list_amount - sold) / list_amount)
        naive_mean = sum(line_rates) / len(line_rates)
        self.assertNotAlmostEqual(total[0], naive_mean, places=2)

    def test_web_client_calls_agree(self):
        """Graph (formatted_read_group) and pivot (grouping sets) show the same figures."""
        report = self._report()
        graph = report.formatted_read_group(self._domain(), ["team_id"], MEASURES)
        pivot_rows, pivot_total = report.formatted_read_grouping_sets(
            self._domain(), [["team_id"], []], MEASURES
        )
        expected = self._expected_by(lambda order: order.team_id)
        expected_total = self._expected_by(lambda order: True)[True]
        for group in graph:
            team = self.env["crm.team"].browse(group["team_id"][0])
            self.assertFigures({m: group[m] for m in MEASURES}, expected[team])
        for group in pivot_rows:
            team = self.env["crm.team"].browse(group["team_id"][0])
            self.assertFigures({m: group[m] for m in MEASURES}, expected[team])
        self.assertFigures({m: pivot_total[0][m] for m in MEASURES}, expected_total)

    def test_quotations_and_cancelled_orders_left_out(self):
        orders = self.orders | self.quotation | self.cancelled
        rows = self._report()._read_group(
            [
                ("order_reference", "in", [f"sale.order,{o.id}" for o in orders]),
                ("state", "=", "sale"),
            ],
            [],
            ["order_reference:count_distinct"],
        )
        self.assertEqual(rows[0][0], len(self.orders))


@tagged("post_install", "-at_install")
class TestSalesAnalysisDimensions(MnReportsCase):
    """Customer kind, customer tier and discount approval state of the sales analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._dimension_customers()
        # The approval rule on (fixtures switch every rule off): a discount above 10 % needs
        # the approval of a sales manager before the quotation is sent or confirmed.
        cls.company.write({"mn_discount_approval": True, "mn_max_discount": 10.0})
        cls.chair = cls._product("MN Dim Chair", 1000.0, 600.0)
        cls.desk = cls._product("MN Dim Desk", 5000.0, 3500.0)
        c = {key: spec[0] for key, spec in cls.dim_customers.items()}
        # (customer key, lines, approval action, expected approval state, confirmed)
        cls.specs = [
            ("company", [(cls.chair, 2, 1000.0, 5.0), (cls.desk, 1, 4800.0, 0.0)],
             None, "not_needed", True),
            ("citizen", [(cls.chair, 3, 900.0, 20.0)], "approve", "approved", True),
            ("contact", [(cls.desk, 2, 5000.0, 25.0), (cls.chair, 1, 950.0, 0.0)],
             "request", "requested", False),
            ("plain", [(cls.chair, 4, 950.0, 30.0)], "reject", "rejected", False),
            ("citizen", [(cls.desk, 1, 5000.0, 15.0)], None, "to_request", False),
        ]  # fmt: skip
        cls.orders = cls.env["sale.order"]
        for customer, lines, action, __, confirm in cls.specs:
            order = cls._order(c[customer], lines, confirm=False)
            if action:
                order.action_mn_request_approval()
            if action == "approve":
                order.with_user(cls.manager).action_mn_approve()
            elif action == "reject":
                order.with_user(cls.manager).action_mn_reject(reason="Too much")
            if confirm:
                order.action_confirm()
            cls.orders |= order
        cls.env.flush_all()

    def _read(self, groupby, measures):
        domain = [("order_reference", "in", [f"sale.order,{o.id}" for o in self.orders])]
        rows = self.env["sale.report"].with_context(tz=UB_TZ)._read_group(domain, groupby, measures)
        n = len(groupby)
        return {row[:n]: dict(zip(measures, row[n:], strict=True)) for row in rows}

    def _expected(self, key):
        """Untaxed amount and discount given per group, from the lines (no pricelist rules:
        the pricelist gives the list price)."""
        sums = defaultdict(lambda: defaultdict(float))
        for order, spec in zip(self.orders, self.specs, strict=True):
            for line in order.order_line:
                list_amount = line.product_id.lst_price * line.product_uom_qty
                sold = line.price_unit * (1 - line.discount / 100.0) * line.product_uom_qty
                group = sums[key(spec)]
                group["price_subtotal:sum"] += line.price_subtotal
                group["mn_list_amount:sum"] += list_amount
                group["mn_discount_amount:sum"] += list_amount - sold
        for group in sums.values():
            group["mn_discount_pct:avg"] = (
                100.0 * group["mn_discount_amount:sum"] / group["mn_list_amount:sum"]
            )
        return {k: dict(v) for k, v in sums.items()}

    def _check(self, field, key):
        expected = self._expected(key)
        actual = self._read([field], list(next(iter(expected.values()))))
        self.assertEqual(set(actual), set(expected))
        for group, figures in expected.items():
            with self.subTest(group=group):
                self.assertFigures(actual[group], figures)

    def test_fixture_approval_states(self):
        """The orders really went through the approval flow (the report reads its result)."""
        self.assertEqual(self.orders.mapped("mn_approval_state"), [s[3] for s in self.specs])
        self.assertEqual(
            self.orders.mapped("state"), ["sale" if s[4] else "draft" for s in self.specs]
        )

    def test_by_approval_state(self):
        self._check("mn_approval_state", lambda spec: (spec[3],))

    def test_by_customer_kind(self):
        self._check("mn_register_kind", lambda spec: (self.dim_customers[spec[0]][1],))

    def test_by_customer_tier(self):
        self._check("mn_customer_tier_id", lambda spec: (self.dim_customers[spec[0]][2],))

    def test_dimensions_keep_core_row_count(self):
        """The extra GROUP BY key (the customer's id) does not split core's rows."""
        Report = self.env["sale.report"]
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT COUNT(*) FROM ({Report._query()}) q WHERE q.order_reference = ANY(%s)",
            [[f"sale.order,{o.id}" for o in self.orders]],
        )
        lines = sum(len(spec[1]) for spec in self.specs)  # distinct product/price per order
        self.assertEqual(self.env.cr.fetchone()[0], lines)


@tagged("post_install", "-at_install")
class TestSalesAnalysisDiscountGiven(MnReportsCase):
    """The report's discount given is the figure the discount limits judge.

    Measured against the price the customer's pricelist gives (a pricelist discount is a
    manager's decision, shown apart), with order-level discount lines spread over the
    goods lines in proportion to their amounts.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair = cls._product("MN DG Chair", 1000.0, 400.0)
        cls.desk = cls._product("MN DG Desk", 5000.0, 2000.0)
        cls.rebate = cls._product("MN DG Order Rebate", 0.0, 0.0)
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "MN DG Partners",
                "currency_id": cls.currency.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.chair.product_tmpl_id.id,
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                        }
                    )
                ],
            }
        )
        customer = cls.customers[0]
        # The chairs get 10 % from the pricelist (900); the salesperson sells them at
        # 1 000 less 14.5 % (855: 5 % below the pricelist), and an order-level rebate of
        # 1 000 takes its share of every goods line.
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "team_id": cls.team.id,
                "user_id": cls.seller.id,
                "pricelist_id": cls.pricelist.id,
                "order_line": [
                    Command.create({"product_id": cls.chair.id, "product_uom_qty": 6}),
                    Command.create({"product_id": cls.desk.id, "product_uom_qty": 1}),
                ],
            }
        )
        chairs = cls.order.order_line[0]
        chairs.write({"price_unit": 1000.0, "discount": 14.5})
        cls.order.order_line = [
            Command.create(
                {"product_id": cls.rebate.id, "product_uom_qty": 1, "price_unit": -1000.0}
            )
        ]
        cls.order.action_confirm()
        cls.env.flush_all()

    def _read(self, groupby, measures):
        domain = [("order_reference", "=", f"sale.order,{self.order.id}")]
        return self.env["sale.report"]._read_group(domain, groupby, measures)

    def _expected_share(self):
        goods = self.order.order_line.filtered(lambda line: line.product_id != self.rebate)
        rebate = self.order.order_line - goods
        return -sum(rebate.mapped("price_total")) / sum(goods.mapped("price_total"))

    def test_fixture_is_what_it_says(self):
        chairs, desk, rebate = self.order.order_line
        self.assertEqual(self.order.state, "sale")
        self.assertAlmostEqual(chairs.mn_reference_price_unit, 900.0)
        self.assertEqual(chairs.mn_reference_rule_id, self.pricelist.item_ids)
        self.assertAlmostEqual(desk.mn_reference_price_unit, 5000.0)
        self.assertFalse(rebate._mn_is_goods_line())
        self.assertAlmostEqual(self.order.mn_order_discount_share, self._expected_share())

    def test_pricelist_discount_apart_from_discount_given(self):
        share = self._expected_share()
        paid_chairs = 6 * 1000.0 * (1 - 0.145) * (1 - share)
        paid_desk = 1 * 5000.0 * (1 - share)
        rows = self._read(
            ["product_id"],
            [
                "mn_list_amount:sum",
                "mn_reference_amount:sum",
                "mn_pricelist_discount_amount:sum",
                "mn_sold_amount:sum",
                "mn_discount_amount:sum",
            ],
        )
        figures = {row[0]: row[1:] for row in rows}
        listed, reference, pricelist_discount, sold, given = figures[self.chair]
        self.assertAlmostEqual(listed, 6000.0)
        self.assertAlmostEqual(reference, 5400.0)
        self.assertAlmostEqual(pricelist_discount, 600.0)
        self.assertAlmostEqual(sold, paid_chairs, places=2)
        self.assertAlmostEqual(given, 5400.0 - paid_chairs, places=2)
        __, reference, pricelist_discount, sold, given = figures[self.desk]
        self.assertAlmostEqual(pricelist_discount, 0.0)
        self.assertAlmostEqual(given, 5000.0 - paid_desk, places=2)
        # The rebate is spread over the goods: its own row gives nothing.
        __, reference, __, sold, given = figures[self.rebate]
        self.assertEqual((reference, sold, given), (0.0, 0.0, 0.0))

    def test_report_agrees_with_the_limits(self):
        """Per line, the report's discount % is ``_mn_discount_given`` (what limits judge)."""
        share = self.order._mn_order_discount_share()
        rows = self._read(["product_id"], ["mn_discount_pct:avg"])
        percent = dict(rows)
        for line in self.order.order_line.filtered(lambda line: line._mn_is_goods_line()):
            with self.subTest(product=line.product_id.name):
                self.assertAlmostEqual(
                    percent[line.product_id], line._mn_discount_given(share), places=4
                )

    def test_later_pricelist_change_leaves_history(self):
        """A confirmed order keeps the reference it was priced at, as it keeps its prices."""
        before = self._read([], ["mn_discount_amount:sum", "mn_reference_amount:sum"])
        self.pricelist.item_ids.percent_price = 30.0
        self.env.flush_all()
        after = self._read([], ["mn_discount_amount:sum", "mn_reference_amount:sum"])
        self.assertEqual(before, after)
