"""The sales analysis read from its fact table equals the view it replaces, at every moment.

A seeded, reproducible property test: random sequences of what happens to sales data
(quotations created and edited, confirmations, deliveries, invoices, cancellations, a
change of currency, of customer, of a customer's tier or company, of a product's price)
and, after each sequence, every measure of every grouping of ``sale.report`` compared
between the fact table (``_table_query``) and the view (``_query()``, the definition).
"""

import random
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MnReportsCase

SEED = 20261206
SEQUENCES = 4
STEPS = 14


def _day(value):
    return value.date() if isinstance(value, datetime) else value


@tagged("post_install", "-at_install")
class TestSalesFactsExact(MnReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._dimension_customers()
        cls.partners = cls.customers | cls.env["res.partner"].browse(
            [partner.id for partner, *__ in cls.dim_customers.values()]
        )
        cls.tiers = cls.tier_gold | cls.tier_silver
        categ = cls.env["product.category"].create({"name": "MN Fact Category"})
        cls.products = (
            cls._product("MN Fact Service", 1000.0, 600.0)
            | cls._product("MN Fact Service 2", 250.0, 100.0, categ_id=categ.id)
            | cls.env["product.product"].create(
                [
                    {
                        "name": f"MN Fact Goods {index}",
                        "type": "consu",
                        "invoice_policy": policy,
                        "list_price": 3000.0 + index,
                        "standard_price": 1800.0,
                        "categ_id": categ.id,
                    }
                    for index, policy in enumerate(("order", "delivery"))
                ]
            )
        )
        usd = cls.env.ref("base.USD")
        usd.active = True
        cls.env["res.currency.rate"].create(
            {"currency_id": usd.id, "company_id": cls.company.id, "rate": 1 / 3400.0}
        )
        cls.pricelists = cls.env["product.pricelist"].create(
            [
                {"name": "MN Fact MNT", "currency_id": cls.currency.id},
                {"name": "MN Fact USD", "currency_id": usd.id},
            ]
        )
        cls.orders = cls.env["sale.order"]
        cls.leads = cls.env["crm.lead"].create(
            [
                {"name": f"MN Fact Deal {index}", "type": "opportunity", "team_id": cls.team.id}
                for index in range(3)
            ]
        )

    # -- what happens to sales data ------------------------------------------------------

    def _new_order(self, rng):
        products = rng.sample(list(self.products), rng.randint(1, 3))
        order = self.env["sale.order"].create(
            {
                "partner_id": rng.choice(self.partners).id,
                "team_id": rng.choice(self.team | self.team_b).id,
                "user_id": rng.choice(self.seller | self.seller2).id,
                "pricelist_id": rng.choice(self.pricelists).id,
                "opportunity_id": rng.choice([*self.leads.ids, False]),
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": rng.randint(1, 9),
                            "price_unit": rng.choice([0.0, 90.0, 1000.0, 2500.5]),
                            "discount": rng.choice([0.0, 5.0, 12.5]),
                        }
                    )
                    for product in products
                ],
            }
        )
        self.orders |= order

    def _draft(self, rng):
        return rng.choice(self.orders.filtered(lambda o: o.state == "draft") or self.orders)

    def _confirmed(self, rng):
        return rng.choice(self.orders.filtered(lambda o: o.state == "sale") or self.orders)

    def _edit_line(self, rng):
        line = rng.choice(self.orders.order_line)
        line.write(
            rng.choice(
                [
                    {"product_uom_qty": rng.randint(0, 12)},
                    {"price_unit": rng.choice([10.0, 777.0, 4000.0])},
                    {"discount": rng.choice([0.0, 3.0, 30.0])},
                ]
            )
        )

    def _add_or_remove_line(self, rng):
        order = self._draft(rng)
        missing = self.products - order.order_line.product_id
        if missing and rng.random() < 0.6:
            order.order_line = [Command.create({"product_id": rng.choice(missing).id})]
        elif len(order.order_line) > 1:
            rng.choice(order.order_line).unlink()

    def _confirm(self, rng):
        self._draft(rng).action_confirm()

    def _deliver(self, rng):
        order = self._confirmed(rng)
        for line in order.order_line.filtered(lambda line: line.product_id.type == "service"):
            line.qty_delivered = rng.randint(0, int(line.product_uom_qty))
        pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for picking in pickings:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.button_validate()

    def _invoice(self, rng):
        order = self._confirmed(rng)
        invoices = order._create_invoices()
        if rng.random() < 0.8:
            invoices.action_post()

    def _pay(self, rng):
        invoices = self.orders.invoice_ids.filtered(
            lambda move: move.state == "posted" and move.payment_state == "not_paid"
        )
        if invoices:
            invoice = rng.choice(invoices)
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()

    def _relink(self, rng):
        rng.choice(self.orders).opportunity_id = rng.choice([*self.leads.ids, False])

    def _cancel(self, rng):
        self._confirmed(rng)._action_cancel()

    def _change_currency(self, rng):
        order = self._draft(rng)
        order.pricelist_id = (self.pricelists - order.pricelist_id)[:1]
        order.action_update_prices()

    def _change_partner(self, rng):
        rng.choice(
            [
                lambda: self._draft(rng).write({"partner_id": rng.choice(self.partners).id}),
                lambda: rng.choice(self.partners).write(
                    {"mn_tier_id": rng.choice([*self.tiers.ids, False])}
                ),
                lambda: self.customers[0].write(
                    {"parent_id": rng.choice([self.customers[1].id, False])}
                ),
            ]
        )()

    def _change_order(self, rng):
        order = rng.choice(self.orders)
        order.write(
            rng.choice(
                [
                    {"team_id": rng.choice(self.team | self.team_b).id},
                    {"user_id": rng.choice(self.seller | self.seller2).id},
                    {"date_order": f"2025-{rng.randint(1, 12):02d}-28 20:30:00"},
                ]
            )
        )

    def _change_product(self, rng):
        rng.choice(self.products).write(
            rng.choice([{"list_price": rng.randint(1, 9) * 500.0}, {"standard_price": 123.0}])
        )

    def _step(self, rng):
        actions = [
            (self._new_order, 3),
            (self._edit_line, 3),
            (self._add_or_remove_line, 2),
            (self._confirm, 3),
            (self._deliver, 2),
            (self._invoice, 2),
            (self._pay, 1),
            (self._relink, 1),
            (self._cancel, 1),
            (self._change_currency, 1),
            (self._change_partner, 2),
            (self._change_order, 1),
            (self._change_product, 1),
        ]
        action = rng.choices([a for a, __ in actions], [w for __, w in actions])[0]
        if not self.orders:
            action = self._new_order
        try:
            with self.env.cr.savepoint():
                action(rng)
                self.env.flush_all()
        except UserError:
            # a step the state does not allow (e.g. nothing to invoice): undone whole
            return f"{action.__name__} (refused)"
        return action.__name__

    # -- comparison ----------------------------------------------------------------------

    def _dimensions_and_measures(self):
        Report = self.env["sale.report"]
        ratios = set(Report._mn_ratios)
        dims, sums = [], []
        for name, field in Report._fields.items():
            if not field.store or name == "id":
                continue
            if field.type in ("many2one", "selection", "char", "reference"):
                dims.append(name)
            elif field.type in ("float", "monetary", "integer") and name not in ratios:
                # averaged columns are constant inside a view row: weigh them by its lines
                sums.append(f"{name} * nbr" if field.aggregator == "avg" else name)
        return dims, sums

    def _grouped(self, query, groupby, sums):
        """``{key: sums}`` of ``query`` grouped by ``groupby`` (Decimal: numeric sums)."""
        keys = ", ".join(groupby)
        figures = ", ".join(f"SUM({expr})" for expr in sums)
        self.env.cr.execute(f"SELECT {keys}, {figures} FROM ({query}) q GROUP BY {keys}")
        n = len(groupby)
        return {row[:n]: row[n:] for row in self.env.cr.fetchall()}

    def assertFactsEqualView(self, label, Report=None, groupings=None):
        self.env.flush_all()
        Report = Report if Report is not None else self.env["sale.report"]
        dims, sums = self._dimensions_and_measures()
        month = "date_trunc('month', timezone('Asia/Ulaanbaatar', timezone('UTC', date)))"
        groupings = groupings or [[d] for d in dims] + [
            [month, "team_id"],
            [month, "user_id"],
            ["mn_customer_tier_id", "categ_id"],
            ["partner_id", "state"],
        ]
        facts, view = Report._table_query, Report._query()
        self.assertNotEqual(facts, view, "the report must read the fact table")
        for groupby in groupings:
            expected = self._grouped(view, groupby, sums)
            actual = self._grouped(facts, groupby, sums)
            with self.subTest(sequence=label, groupby=groupby):
                self.assertEqual(set(actual), set(expected))
                for key, figures in expected.items():
                    for expr, want, got in zip(sums, figures, actual[key], strict=True):
                        # to the last digit: the facts hold the view's numeric values
                        self.assertEqual(got or 0, want or 0, f"{key} {expr}")

    def assertFunnelEqualsLive(self, label):
        self.env.flush_all()
        Funnel = self.env["mn.crm.funnel.report"]
        live = f"({self.env.cr.mogrify(Funnel._mn_select(live=True)).decode()}) x"
        for first, second in ((live, Funnel._table), (Funnel._table, live)):
            self.env.cr.execute(f"SELECT * FROM {first} EXCEPT SELECT * FROM {second}")
            self.assertEqual(self.env.cr.fetchall(), [], f"funnel after {label}")

    def test_random_sequences_keep_facts_exact(self):
        rng = random.Random(SEED)
        self.assertFactsEqualView("start")
        for sequence in range(SEQUENCES):
            steps = [self._step(rng) for __ in range(STEPS)]
            self.assertFactsEqualView(f"{sequence}: {', '.join(steps)}")
            self.assertFunnelEqualsLive(f"{sequence}: {', '.join(steps)}")
        # the sequences did reach every kind of state the report tells apart
        self.assertGreaterEqual(set(self.orders.mapped("state")), {"draft", "sale", "cancel"})
        self.assertTrue(self.orders.order_line.filtered("untaxed_amount_invoiced"))
        self.assertGreater(len(self.orders.currency_id), 1)
        self.assertTrue(self.orders.opportunity_id)

    def test_companies_in_two_currencies(self):
        """Read together, a tögrög and a dollar company: facts and view convert alike."""
        rng = random.Random(SEED + 2)
        for __ in range(3):
            self._new_order(rng)
        usd = self.env.ref("base.USD")
        company_b = self.env["res.company"].create(
            {"name": "MN Fact Company USD", "currency_id": usd.id}
        )
        company_b._mn_switch_off_rules()
        self.products.with_company(company_b).standard_price = 0.37
        order = (
            self.env["sale.order"]
            .with_company(company_b)
            .create(
                {
                    "partner_id": self.partners[0].id,
                    "company_id": company_b.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 3})
                        for product in self.products
                    ],
                }
            )
        )
        order.with_company(company_b).action_confirm()
        both = self.env["sale.report"].with_context(
            allowed_company_ids=(self.company | company_b).ids
        )
        self.assertIn("account_currency_table.rate", both._table_query)
        one = self.env["sale.report"].with_context(allowed_company_ids=self.company.ids)
        self.assertNotIn("account_currency_table.rate", one._table_query)
        self.assertFactsEqualView(
            "two currencies",
            both,
            [["company_id"], ["company_id", "product_id"], ["company_id", "state"]],
        )
        self.env.cr.execute(f"SELECT COUNT(DISTINCT company_id) FROM ({both._table_query}) q")
        self.assertEqual(self.env.cr.fetchone()[0], 2)

    def test_grouped_reads_match_the_view(self):
        """The web client's grouped read (ORM, ratios, time zone) on facts and on the view."""
        rng = random.Random(SEED + 1)
        for __ in range(10):
            self._step(rng)
        self.env.flush_all()
        Report = self.env["sale.report"]
        measures = [
            "price_subtotal:sum",
            "mn_discount_pct:avg",
            "mn_margin_pct:avg",
            "mn_delivered_amount:sum",
            "untaxed_amount_invoiced:sum",
            "__count",
        ]
        rows = Report.with_context(tz="Asia/Ulaanbaatar")._read_group(
            [("state", "=", "sale")], ["date:month", "team_id"], measures
        )
        self.assertTrue(rows)
        month = "date_trunc('month', timezone('Asia/Ulaanbaatar', timezone('UTC', date)))"
        self.env.cr.execute(
            f"""SELECT {month}, team_id, SUM(price_subtotal),
                       100.0 * SUM(mn_discount_amount) / NULLIF(SUM(mn_reference_amount), 0),
                       100.0 * SUM(mn_margin) / NULLIF(SUM(price_subtotal), 0),
                       SUM(mn_delivered_amount), SUM(untaxed_amount_invoiced), SUM(nbr)
                  FROM ({Report._query()}) q WHERE state = 'sale' GROUP BY 1, 2"""
        )
        view = {(_day(r[0]), r[1]): r[2:] for r in self.env.cr.fetchall()}
        self.assertEqual(len(rows), len(view))
        for month_start, team, *figures in rows:
            want = view[(_day(month_start), team.id or None)]
            for got, expected in zip(figures, want, strict=True):
                self.assertAlmostEqual(float(got or 0), float(expected or 0), places=4)
