from collections import defaultdict
from zoneinfo import ZoneInfo

from odoo.tests import tagged

from .common import UB_TZ, MnReportsCase

COUNTS = ["lead", "opportunity", "quotation", "order", "invoiced", "paid"]
AMOUNTS = ["quotation_amount", "order_amount", "invoiced_amount", "paid_amount"]
RATES = {
    "opportunity_rate": ("opportunity", "lead"),
    "quotation_rate": ("quotation", "opportunity"),
    "order_rate": ("order", "quotation"),
    "invoiced_rate": ("invoiced", "order"),
    "paid_rate": ("paid", "invoiced"),
    "conversion_rate": ("order", "lead"),
}
MEASURES = (
    [f"{step}_count:sum" for step in COUNTS]
    + [f"{amount}:sum" for amount in AMOUNTS]
    + [f"{rate}:avg" for rate in RATES]
)


def month_of(utc_naive):
    local = utc_naive.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(UB_TZ))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0, tzinfo=None)


@tagged("post_install", "-at_install")
class TestFunnelReport(MnReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls._product("MN Consulting", 1000.0, 400.0)
        c0, c1, c2, c3 = cls.customers
        dt = cls._dt
        Lead = cls.env["crm.lead"]
        lead_only = Lead.create({"name": "MN F lead", "type": "lead", "team_id": cls.team.id})
        converted = Lead.create({"name": "MN F converted", "type": "lead", "team_id": cls.team.id})
        converted.convert_opportunity(c0)
        no_quote = cls._lead("MN F no quote")
        quoted = cls._lead("MN F quoted", partner_id=c1.id)
        cls._order(c1, [(cls.service, 2, 1000.0, 0.0)], confirm=False, opportunity_id=quoted.id)
        cancelled = cls._lead("MN F cancelled", partner_id=c1.id)
        cls._order(
            c1, [(cls.service, 1, 1000.0, 0.0)], opportunity_id=cancelled.id
        )._action_cancel()
        invoiced = cls._lead("MN F invoiced", partner_id=c2.id)
        cls._order(c2, [(cls.service, 3, 900.0, 0.0)], confirm=False, opportunity_id=invoiced.id)
        order = cls._order(c2, [(cls.service, 4, 950.0, 5.0)], opportunity_id=invoiced.id)
        cls._invoice(order)
        paid = cls._lead("MN F paid", team=cls.team_b, partner_id=c3.id)
        order = cls._order(
            c3, [(cls.service, 5, 1000.0, 0.0)], team=cls.team_b, opportunity_id=paid.id
        )
        cls._invoice(order, pay=True)
        ordered_lost = cls._lead("MN F ordered then lost", partner_id=c0.id)
        cls._order(c0, [(cls.service, 1, 800.0, 0.0)], opportunity_id=ordered_lost.id)
        ordered_lost.action_set_lost(lost_reason_id=cls.reason_price.id)
        # An order without opportunity is not part of the funnel.
        cls._order(c0, [(cls.service, 7, 1000.0, 0.0)])

        created = {
            lead_only: dt(2025, 1, 5, 3),
            converted: dt(2025, 1, 6, 3),
            no_quote: dt(2025, 1, 7, 3),
            quoted: dt(2025, 1, 8, 3),
            cancelled: dt(2025, 2, 2, 3),
            invoiced: dt(2025, 2, 3, 3),
            paid: dt(2025, 2, 4, 3),
            ordered_lost: dt(2025, 1, 31, 18),  # 1 February in Ulaanbaatar
        }
        cls.leads = Lead
        for lead, date in created.items():
            cls._set_dates(lead, created=date)
            cls.leads |= lead
        cls.created = created

    @classmethod
    def _invoice(cls, order, pay=False):
        invoice = order._create_invoices()
        invoice.action_post()
        if pay:
            cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()
        return invoice

    # -- independent computation -------------------------------------------------------------

    def _lead_figures(self, lead):
        orders = self.env["sale.order"].search([("opportunity_id", "=", lead.id)])
        quotes = orders.filtered(lambda o: o.state != "cancel")
        confirmed = orders.filtered(lambda o: o.state == "sale")
        invoices = confirmed.invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type in ("out_invoice", "out_refund")
        )
        paid = invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment"))
        return {
            "lead": 1,
            "opportunity": int(lead.type == "opportunity" or bool(lead.date_conversion)),
            "quotation": int(bool(quotes)),
            "order": int(bool(confirmed)),
            "invoiced": int(bool(invoices)),
            "paid": int(bool(paid)),
            "quotation_amount": sum(quotes.mapped("amount_untaxed")),
            "order_amount": sum(confirmed.mapped("amount_untaxed")),
            "invoiced_amount": sum(invoices.mapped("amount_untaxed_signed")),
            "paid_amount": sum(paid.mapped("amount_untaxed_signed")),
        }

    def _expected_by(self, key):
        sums = defaultdict(lambda: defaultdict(float))
        for lead in self.leads.with_context(active_test=False):
            for name, value in self._lead_figures(lead).items():
                sums[key(lead)][name] += value
        expected = {}
        for group, figures in sums.items():
            row = {f"{step}_count:sum": int(figures[step]) for step in COUNTS}
            row.update({f"{amount}:sum": figures[amount] for amount in AMOUNTS})
            for rate, (numerator, denominator) in RATES.items():
                row[f"{rate}:avg"] = (
                    100.0 * figures[numerator] / figures[denominator]
                    if figures[denominator]
                    else False
                )
            expected[group] = row
        return expected

    def _check(self, groupby, key):
        report = self.env["mn.crm.funnel.report"].with_context(tz=UB_TZ)
        domain = [("lead_id", "in", self.leads.ids)]
        rows = report._read_group(domain, groupby, MEASURES)
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

    # -- tests -------------------------------------------------------------------------------

    def test_fixture_walks_every_step(self):
        """Sanity of the fixture: some lead stops at every step of the funnel."""
        totals = self._expected_by(lambda lead: ())[()]
        self.assertEqual([totals[f"{step}_count:sum"] for step in COUNTS], [8, 7, 4, 3, 2, 1])
        self.assertGreater(totals["invoiced_amount:sum"], totals["paid_amount:sum"])
        self.assertGreater(totals["paid_amount:sum"], 0)

    def test_totals_and_step_rates(self):
        self._check([], lambda lead: ())

    def test_by_team_and_month(self):
        self._check(
            ["team_id", "date:month"], lambda lead: (lead.team_id, month_of(self.created[lead]))
        )

    def test_by_salesperson(self):
        self._check(["user_id"], lambda lead: (lead.user_id,))

    def test_orders_without_opportunity_left_out(self):
        report = self.env["mn.crm.funnel.report"]
        self.assertEqual(report.search_count([("lead_id", "in", self.leads.ids)]), len(self.leads))
        (total,) = report._read_group([("team_id", "=", self.team.id)], [], ["order_amount:sum"])
        expected = sum(
            self._lead_figures(lead)["order_amount"]
            for lead in self.leads.with_context(active_test=False)
            if lead.team_id == self.team
        )
        self.assertAlmostEqual(total[0], expected)


@tagged("post_install", "-at_install")
class TestFunnelDimensions(MnReportsCase):
    """Customer kind and tier of the funnel (the lead's customer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._dimension_customers()
        service = cls._product("MN FD Consulting", 1000.0, 400.0)
        # (customer key, ordered quantity or None for no quotation, confirmed)
        cls.specs = [
            ("company", 2, True),
            ("contact", 1, False),
            ("citizen", 3, True),
            ("citizen", None, False),
            ("plain", 5, True),
        ]
        cls.dim_leads = cls.env["crm.lead"]
        for index, (customer, qty, confirm) in enumerate(cls.specs):
            partner = cls.dim_customers[customer][0]
            lead = cls._lead(f"MN FD {index}", partner_id=partner.id)
            if qty:
                cls._order(
                    partner, [(service, qty, 1000.0, 0.0)], confirm=confirm, opportunity_id=lead.id
                )
            cls.dim_leads |= lead

    def test_by_customer_kind_and_tier(self):
        measures = ["lead_count:sum", "quotation_count:sum", "order_count:sum"]
        report = self.env["mn.crm.funnel.report"].with_context(tz=UB_TZ)
        for field, index in (("customer_kind", 1), ("customer_tier_id", 2)):
            expected = defaultdict(lambda: [0, 0, 0])
            for customer, qty, confirm in self.specs:
                group = expected[(self.dim_customers[customer][index],)]
                group[0] += 1
                group[1] += 1 if qty else 0
                group[2] += 1 if qty and confirm else 0
            rows = report._read_group([("lead_id", "in", self.dim_leads.ids)], [field], measures)
            with self.subTest(dimension=field):
                self.assertEqual({row[:1]: list(row[1:]) for row in rows}, dict(expected))
