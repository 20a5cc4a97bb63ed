"""Pricing an order costs a bounded number of queries, whatever its number of lines.

Core searches the pricelist's rules once per line (``_compute_pricelist_item_id``). With
the suite's rules on, an order searches its candidate rules once and every line filters
them in memory, so re-pricing 200 lines costs what re-pricing 10 lines costs.
"""

import logging
import re
from collections import Counter
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.sql_db import Cursor
from odoo.tests import tagged, users, warmup

from .common import SATURDAY_NOON, MnPricingCommon

_logger = logging.getLogger(__name__)

SMALL, BIG = 10, 200
# Measured on Odoo 19.0 with cold caches (see the log lines of each test): 33 and 34
# queries to re-price 10 and 200 lines, 28 and 28 to check their price floors. Core, rules
# off, needs 41 and 221 to re-price the same orders (one rule search per line).
RECOMPUTE_BOUND = 36
FLOOR_CHECK_BOUND = 30
# A bigger order may cost a few more queries (e.g. two batches of prefetched records), but
# never one per line.
GROWTH_ALLOWED = 2
# Pricing a new quotation of NEW_SMALL and of NEW_BIG lines (the web client's save).
NEW_SMALL, NEW_BIG = 5, 25
# Core's own per-line queries, in stock Odoo too: sale.order.line's
# _compute_analytic_distribution asks account.analytic.distribution.model._get_distribution
# for every line (a search of the distribution models per line, twice: precomputed on the
# new line, then again once it is created).
CORE_PER_LINE = ("account_analytic_distribution_model",)
CONDITION_TABLES = (
    "mn_pricelist_item_weekday_rel",
    "mn_pricelist_item_partner_tier_rel",
    "mn_pricelist_item_partner_category_rel",
)
PLACEHOLDERS = re.compile(r"%s(, %s)+")


@tagged("post_install", "-at_install")
class TestPricingQueryCount(MnPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._switch_on(
            "mn_pricelist_tiers",
            "mn_pricelist_time_windows",
            "mn_pricelist_mix_match",
            "mn_pricelist_rounding",
            "mn_price_floor",
            mn_price_floor_policy="approval",
            mn_min_margin=2.0,
        )
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Бараа {index}",
                    "type": "consu",
                    "list_price": 10000 + index * 100,
                    "standard_price": 6000,
                    "categ_id": (cls.clothing if index % 2 else cls.shoes).id,
                    "taxes_id": [Command.clear()],
                }
                for index in range(BIG)
            ]
        )
        gold = cls.env["mn.partner.tier"].create({"name": "Алтан"})
        cls.partner.mn_tier_id = gold
        weekend = cls.env.ref("mn_crm_sales.mn_weekday_sat") | cls.env.ref(
            "mn_crm_sales.mn_weekday_sun"
        )
        Item = cls.env["product.pricelist.item"]
        Item.create(
            [
                {
                    "pricelist_id": cls.pricelist.id,
                    "applied_on": "2_product_category",
                    "categ_id": cls.clothing.id,
                    "min_quantity": 10,
                    "mn_min_qty_scope": "category",
                    "compute_price": "percentage",
                    "percent_price": 5,
                    "mn_rounding_step": "100",
                },
                {
                    "pricelist_id": cls.pricelist.id,
                    "compute_price": "percentage",
                    "percent_price": 10,
                    "mn_weekday_ids": [Command.set(weekend.ids)],
                    "mn_tier_ids": [Command.set(gold.ids)],
                    "mn_rounding_step": "50",
                    "mn_min_margin": 5,
                },
                {
                    "pricelist_id": cls.pricelist.id,
                    "applied_on": "1_product",
                    "product_tmpl_id": cls.products[3].product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": 5000,
                },
            ]
        )
        # Priced on a Saturday by the server's clock (the weekend rule applies).
        with freeze_time(SATURDAY_NOON):
            cls.orders = cls._create_orders()

    @classmethod
    def _create_orders(cls):
        return {
            size: cls.env["sale.order"].create(
                {
                    "partner_id": cls.partner.id,
                    "pricelist_id": cls.pricelist.id,
                    "date_order": SATURDAY_NOON,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                        for product in cls.products[:size]
                    ],
                }
            )
            for size in (SMALL, BIG)
        }

    def _measure(self, label, size, bound, action):
        """Run ``action`` on the order of ``size`` lines, cold caches; return its query count.

        On the Saturday the orders were priced: the rules that match (and so the queries)
        depend on the moment of pricing, which is the server's clock.
        """
        order = self.orders[size].with_user(self.env.user)
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        with freeze_time(SATURDAY_NOON), self.assertQueryCount(admin=bound):
            action(order)
        count = self.cr.sql_log_count - start
        _logger.info("%s of a %d-line order: %d queries", label, size, count)
        return count

    def _check_bounded(self, label, bound, action):
        small = self._measure(label, SMALL, bound, action)
        big = self._measure(label, BIG, bound, action)
        if self.warm:  # the warm-up run also fills the registry's caches
            self.assertLessEqual(big - small, GROWTH_ALLOWED, f"{label}: {small} vs {big}")

    @users("admin")
    @warmup
    def test_recompute_prices_is_bounded(self):
        self._check_bounded("_recompute_prices", RECOMPUTE_BOUND, lambda o: o._recompute_prices())

    @users("admin")
    @warmup
    def test_price_floor_check_is_bounded(self):
        self._check_bounded(
            "_mn_floor_violations", FLOOR_CHECK_BOUND, lambda o: o._mn_floor_violations()
        )

    def test_core_path_for_comparison(self):
        """With every rule off, core searches rules per line: logged, not asserted."""
        self.company._mn_switch_off_rules()
        counts = []
        for size in (SMALL, BIG):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self.orders[size]._recompute_prices()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
        _logger.info("core _recompute_prices, rules off: %d / %d queries", *counts)
        self.assertGreater(counts[1], counts[0], "core grows with the lines")

    def test_prices_are_right_in_the_big_order(self):
        """The batched path gives the rules' prices (a sanity check of what is measured)."""
        lines = self.orders[BIG].order_line
        self.assertEqual(lines[3].price_unit, 5000, "product rule")
        self.assertEqual(lines[1].price_unit, 9600, "clothing break: 10 100 - 5%, to 100 ₮")
        self.assertEqual(lines[0].price_unit, 9000, "weekend gold rule: 10 000 - 10%")

    def _new_quotation_queries(self, size):
        """Queries (counted by SQL text) of creating a ``size``-line quotation, cold caches."""
        values = {
            "partner_id": self.partner.id,
            "pricelist_id": self.pricelist.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": 2 + index % 9})
                for index, product in enumerate(self.products[:size])
            ],
        }
        self.env.flush_all()
        self.env.invalidate_all()
        texts = Counter()
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            # one text per statement, whatever its number of values
            texts[PLACEHOLDERS.sub("%s", str(getattr(query, "code", query)))] += 1
            return execute(cr, query, params, log_exceptions)

        with freeze_time(SATURDAY_NOON), patch.object(Cursor, "execute", spy):
            order = self.env["sale.order"].create(values)
            self.env.flush_all()
        self.assertEqual(len(order.order_line), size)
        return texts

    def _per_line_growth(self):
        self._new_quotation_queries(NEW_SMALL)  # warm-up: registry caches
        small = self._new_quotation_queries(NEW_SMALL)
        big = self._new_quotation_queries(NEW_BIG)
        growth = {query: big[query] - small[query] for query in big if big[query] > small[query]}
        core = sum(n for q, n in growth.items() if any(name in q for name in CORE_PER_LINE))
        return sum(growth.values()) - core, core, growth, big

    def test_new_quotation_adds_no_query_per_line(self):
        """Pricing a new quotation: the suite's hooks cost no query per line.

        Every query that repeats with the number of lines is core's own (``CORE_PER_LINE``);
        the rest (pricelist rules searched once per order, their customer, weekday and
        order-wide conditions read once for all candidates, reference prices, discount
        limits) does not grow with the lines.
        """
        suite, core, growth, big = self._per_line_growth()
        _logger.info(
            "new quotation, %d -> %d lines: +%d queries of core's per-line lookups, +%d others",
            NEW_SMALL,
            NEW_BIG,
            core,
            suite,
        )
        self.assertLessEqual(suite, GROWTH_ALLOWED, f"queries growing with the lines: {growth}")
        # the rules' customer and weekday conditions: read once for all candidate rules
        for table in CONDITION_TABLES:
            reads = sum(n for query, n in big.items() if query.startswith(f'SELECT "{table}".'))
            self.assertLessEqual(reads, 1, f"{table} read {reads} times for one quotation")

    def test_new_quotation_core_path_for_comparison(self):
        """With every rule off, core also searches the pricelist rules once per line."""
        self.company._mn_switch_off_rules()
        others, core, _growth, _big = self._per_line_growth()
        _logger.info(
            "new quotation, rules off, %d -> %d lines: +%d core per-line lookups, +%d others",
            NEW_SMALL,
            NEW_BIG,
            core,
            others,
        )
        self.assertGreaterEqual(others, NEW_BIG - NEW_SMALL, "core searches rules per line")
