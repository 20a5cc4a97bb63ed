import xmlrpc.client
from collections import defaultdict

from lxml import html as lxml_html

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.misc import formatLang

from ..tools.periods import month_bounds_utc
from .common import UB_TZ, MnReportsCase

REPORT = "mn_crm_sales_reports.action_report_monthly_sales_summary"


@tagged("post_install", "-at_install")
class TestMonthlySummary(MnReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair = cls._product("MN Sum Chair", 1000.0, 700.0)
        cls.desk = cls._product("MN Sum Desk", 4000.0, 2500.0)
        c0, c1, c2, c3 = cls.customers
        dt = cls._dt
        cls.in_month = (
            cls._order(
                c0,
                [(cls.chair, 10, 950.0, 0.0), (cls.desk, 1, 4000.0, 10.0)],
                date=dt(2025, 3, 10, 4),
            )
            | cls._order(
                c2,
                [(cls.desk, 3, 3800.0, 0.0)],
                user=cls.seller2,
                date=dt(2025, 2, 28, 17),  # 1 March 01:00 in Ulaanbaatar
            )
            | cls._order(c1, [(cls.chair, 2, 1000.0, 5.0)], date=dt(2025, 3, 20, 4))
        )
        # Outside: April in Ulaanbaatar, another team, a quotation.
        cls._order(c3, [(cls.desk, 9, 4000.0, 0.0)], date=dt(2025, 3, 31, 17))
        cls._order(c3, [(cls.desk, 9, 4000.0, 0.0)], team=cls.team_b, date=dt(2025, 3, 12, 4))
        cls._order(c3, [(cls.desk, 9, 4000.0, 0.0)], confirm=False, date=dt(2025, 3, 12, 4))
        # Deals closed in March.
        cls.closed_specs = [
            ("won", None, 5000.0, cls.seller),
            ("won", None, 2000.0, cls.seller2),
            ("lost", cls.reason_price, 1500.0, cls.seller),
            ("lost", cls.reason_price, 500.0, cls.seller2),
            ("lost", cls.reason_competitor, 3000.0, cls.seller),
        ]
        for index, (result, reason, revenue, user) in enumerate(cls.closed_specs):
            lead = cls._lead(f"MN SUM {index}", user=user, revenue=revenue)
            if result == "won":
                lead.action_set_won()
            else:
                lead.action_set_lost(lost_reason_id=reason.id)
            cls._set_dates(lead, closed=dt(2025, 3, 5 + index, 4))
        # Categories: the competitor reason gets its own, the price reason keeps the default.
        cls.rivals = cls.env["mn.lost.reason.category"].create(
            {"name": "MN Sum Rivals", "code": "mn_sum_rivals"}
        )
        cls.reason_competitor.mn_category_id = cls.rivals
        cls.category_of = {
            cls.reason_price: cls.env.ref("mn_crm_sales.lost_reason_category_other"),
            cls.reason_competitor: cls.rivals,
            cls.env["crm.lost.reason"]: cls.env["mn.lost.reason.category"],
        }
        lost_april = cls._lead("MN SUM april", revenue=999.0)
        lost_april.action_set_lost(lost_reason_id=cls.reason_price.id)
        cls._set_dates(lost_april, closed=dt(2025, 3, 31, 20))

    def _wizard(self, user=None):
        env = self.env(user=user or self.env.user, context={"tz": UB_TZ, "lang": "en_US"})
        return env["mn.sales.summary.wizard"].create(
            {"team_id": self.team.id, "year": 2025, "month": "3"}
        )

    def _expected(self, orders):
        totals = defaultdict(float)
        customers, products = defaultdict(float), defaultdict(float)
        for line in orders.order_line:
            list_amount = line.product_id.lst_price * line.product_uom_qty
            sold = line.price_unit * (1 - line.discount / 100.0) * line.product_uom_qty
            cost = line.product_id.standard_price * line.product_uom_qty
            totals["untaxed"] += line.price_subtotal
            totals["total"] += line.price_total
            totals["list_amount"] += list_amount
            totals["pricelist_discount"] += 0.0  # no pricelist rules: it gives the list price
            totals["discount"] += list_amount - sold
            totals["margin"] += line.price_subtotal - cost
            if line.order_id.mn_approval_state == "approved":
                totals["approved_discount"] += list_amount - sold
            customers[line.order_id.partner_id] += line.price_subtotal
            products[line.product_id] += line.price_subtotal
        totals["discount_pct"] = 100.0 * totals["discount"] / totals["list_amount"]
        totals["margin_pct"] = 100.0 * totals["margin"] / totals["untaxed"]
        totals["orders"] = len(orders)
        totals["approved_discount"] += 0.0  # present even when nothing was approved
        return (
            dict(totals),
            sorted(customers.items(), key=lambda item: -item[1]),
            sorted(products.items(), key=lambda item: -item[1]),
        )

    def test_period_is_cut_in_user_time_zone(self):
        start, end = month_bounds_utc(2025, 3, UB_TZ)
        self.assertEqual((start, end), (self._dt(2025, 2, 28, 16), self._dt(2025, 3, 31, 16)))
        self.assertEqual(month_bounds_utc(2025, 12, "UTC")[1], self._dt(2026, 1, 1))
        with self.assertRaises(ValueError):
            month_bounds_utc(2025, 13)

    def test_figures(self):
        values = self._wizard()._mn_summary_values()
        totals, customers, products = self._expected(self.in_month)
        self.assertFigures(values["totals"], totals)
        self.assertEqual(
            [(row["record"], round(row["untaxed"], 2)) for row in values["top_customers"]],
            [(partner, round(amount, 2)) for partner, amount in customers],
        )
        self.assertEqual(
            [(row["record"], round(row["untaxed"], 2)) for row in values["top_products"]],
            [(product, round(amount, 2)) for product, amount in products],
        )
        won = [spec for spec in self.closed_specs if spec[0] == "won"]
        self.assertEqual(values["winrate"]["won"], len(won))
        self.assertEqual(values["winrate"]["lost"], len(self.closed_specs) - len(won))
        self.assertAlmostEqual(values["winrate"]["rate"], 100.0 * len(won) / len(self.closed_specs))
        by_reason = defaultdict(lambda: [0, 0.0])
        for result, reason, revenue, __ in self.closed_specs:
            reason = reason or self.env["crm.lost.reason"]
            key = (result, self.category_of[reason], reason)
            by_reason[key][0] += 1
            by_reason[key][1] += revenue
        self.assertEqual(
            {
                (row["status"], row["category"], row["reason"]): [row["count"], row["revenue"]]
                for row in values["winloss"]
            },
            by_reason,
        )

    def test_own_documents_salesperson_gets_own_summary(self):
        values = self._wizard(self.seller)._mn_summary_values()
        own_orders = self.in_month.filtered(lambda order: order.user_id == self.seller)
        totals, customers, __ = self._expected(own_orders)
        self.assertFigures(values["totals"], totals)
        self.assertEqual(
            [row["record"] for row in values["top_customers"]], [c for c, __ in customers]
        )
        own_closed = [spec for spec in self.closed_specs if spec[3] == self.seller]
        self.assertEqual(values["winrate"]["won"] + values["winrate"]["lost"], len(own_closed))

    def test_html_rendering(self):
        wizard = self._wizard(self.manager)
        html, report_format = wizard.env["ir.actions.report"]._render_qweb_html(REPORT, wizard.ids)
        self.assertEqual(report_format, "html")
        tree = lxml_html.fromstring(html)
        totals, customers, products = self._expected(self.in_month)
        customer_cells = tree.xpath("//table[contains(@class, 'mn_top_customers')]//tbody/tr/td[1]")
        self.assertEqual(
            [cell.text_content().strip() for cell in customer_cells],
            [partner.display_name for partner, __ in customers],
        )
        product_rows = tree.xpath("//table[contains(@class, 'mn_top_products')]//tbody/tr")
        self.assertEqual(len(product_rows), len(products))
        untaxed = tree.xpath("//td[contains(@class, 'mn_untaxed')]")[0].text_content()
        expected = formatLang(wizard.env, totals["untaxed"], currency_obj=self.currency)
        self.assertEqual(" ".join(untaxed.split()), " ".join(expected.split()))
        winloss_rows = tree.xpath("//table[contains(@class, 'mn_winloss')]//tbody/tr")
        self.assertEqual(len(winloss_rows), 3)  # won, lost (price), lost (competitor)
        categories = [
            cell.text_content().strip()
            for cell in tree.xpath(
                "//table[contains(@class, 'mn_winloss')]//td[@class='mn_category']"
            )
        ]
        # Won first (no category), then the lost categories in their order (sequence).
        self.assertEqual(categories, ["", "MN Sum Rivals", "Бусад"])
        self.assertIn("MN Report Team A", html.decode())

    def test_print_action_and_year_check(self):
        wizard = self._wizard()
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "mn_crm_sales_reports.report_monthly_sales_summary")
        # XML-RPC cannot carry None: no value of the action may be one
        self.assertNotIn(None, action.values())
        xmlrpc.client.dumps((action,), allow_none=False)
        with self.assertRaises(ValidationError):
            wizard.year = 1900

    def test_approved_discounts_line(self):
        """Only the discount of orders approved above the limit, within the month and team."""
        self.company.write({"mn_discount_approval": True, "mn_max_discount": 10.0})
        c0, c1 = self.customers[:2]
        approved = self._order(c0, [(self.chair, 4, 1000.0, 20.0)], confirm=False)
        refused = self._order(c1, [(self.desk, 1, 4000.0, 30.0)], confirm=False)
        (approved | refused).action_mn_request_approval()
        approved.with_user(self.manager).action_mn_approve()
        refused.with_user(self.manager).action_mn_reject(reason="No")
        approved.action_confirm()
        approved.date_order = refused.date_order = self._dt(2025, 3, 15, 4)
        self.env.flush_all()
        values = self._wizard()._mn_summary_values()
        totals, __, __ = self._expected(self.in_month | approved)
        self.assertAlmostEqual(totals["approved_discount"], 4 * 1000.0 * 0.2)
        self.assertFigures(values["totals"], totals)
        html, __ = self.env["ir.actions.report"]._render_qweb_html(REPORT, self._wizard().ids)
        cell = lxml_html.fromstring(html).xpath("//td[contains(@class, 'mn_approved_discount')]")
        expected = formatLang(self.env, totals["approved_discount"], currency_obj=self.currency)
        self.assertEqual(" ".join(cell[0].text_content().split()), " ".join(expected.split()))
