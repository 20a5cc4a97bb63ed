"""Benchmark of the reports on the ``mn_bench`` dataset (not a test; ``make bench``).

For each report, the grouped read the web client performs (``formatted_read_group`` for the
graph, ``formatted_read_grouping_sets`` for the pivot) runs in this one process as the
bench sales manager (record rules applied, Ulaanbaatar time zone), against:

* core: what Odoo shows without this addon on the same grouping (core ``sale.report`` with
  this addon's columns switched off, or ``crm.lead`` itself);
* SQL: a hand-written ``GROUP BY`` over the base tables computing the same figures.

Each timing is the median of ``--runs`` runs after one warm-up; the ORM cache is emptied
before every run, as for a new request. Totals of ours and SQL are compared as a check.
"""

import argparse
import contextlib
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_env import BENCH_DB, missing_columns, odoo_env  # noqa: E402

TZ = "Asia/Ulaanbaatar"
MONTH = "date_trunc('month', timezone('{tz}', timezone('UTC', {col})))"

SALE_MEASURES = [
    "price_subtotal:sum",
    "mn_list_amount:sum",
    "mn_discount_amount:sum",
    "mn_discount_pct:avg",
    "mn_margin:sum",
    "mn_margin_pct:avg",
    "mn_delivered_amount:sum",
    "untaxed_amount_invoiced:sum",
]
CORE_SALE_MEASURES = ["price_subtotal:sum", "product_uom_qty:sum", "untaxed_amount_invoiced:sum"]
# What the web client's graph asks for its measure, a monetary one (graph_model.js): the
# same request to ours and to core.
GRAPH_MEASURES = [
    "__count",
    "currency_id:array_agg_distinct",
    "price_subtotal:sum_currency",
    "price_subtotal:sum",
]
FUNNEL_MEASURES = [
    "lead_count:sum",
    "opportunity_count:sum",
    "quotation_count:sum",
    "order_count:sum",
    "invoiced_count:sum",
    "paid_count:sum",
    "order_amount:sum",
    "paid_amount:sum",
    "conversion_rate:avg",
    "paid_rate:avg",
]

SQL_SALES = """
    SELECT {keys},
           SUM(l.price_subtotal / COALESCE(NULLIF(s.currency_rate, 0), 1)) AS untaxed,
           SUM((t.list_price + COALESCE(pe.extra, 0)) * l.product_uom_qty * u.factor / u2.factor)
               AS list_amount,
           SUM(l.price_unit * (1 - COALESCE(l.discount, 0) / 100) * l.product_uom_qty
               / COALESCE(NULLIF(s.currency_rate, 0), 1)) AS sold,
           SUM(COALESCE((p.standard_price ->> s.company_id::text)::numeric, 0)
               * l.product_uom_qty * u.factor / u2.factor) AS cost,
           SUM(CASE WHEN l.product_uom_qty <> 0
                    THEN l.price_subtotal * l.qty_delivered / l.product_uom_qty ELSE 0 END)
               AS delivered,
           SUM(l.untaxed_amount_invoiced) AS invoiced
      FROM sale_order_line l
      JOIN sale_order s ON s.id = l.order_id
      JOIN res_partner partner ON partner.id = s.partner_id
      JOIN product_product p ON p.id = l.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id
      JOIN uom_uom u ON u.id = l.product_uom_id
      JOIN uom_uom u2 ON u2.id = t.uom_id
      LEFT JOIN (SELECT pvc.product_product_id, SUM(ptav.price_extra) AS extra
                   FROM product_variant_combination pvc
                   JOIN product_template_attribute_value ptav
                     ON ptav.id = pvc.product_template_attribute_value_id
                  GROUP BY 1) pe ON pe.product_product_id = l.product_id
     WHERE l.display_type IS NULL AND NOT COALESCE(l.is_downpayment, FALSE)
       AND s.state = 'sale' AND s.company_id IN %(companies)s
     GROUP BY {keys}
"""
# (name, the web client's groupby, SQL keys, check column): the seed's sales analysis
SALES_GROUPINGS = [
    ("month x team", ["date:month", "team_id"], "{month}, s.team_id", 2),
    ("month x salesperson", ["date:month", "user_id"], "{month}, s.user_id", 2),
    ("tier x product category", ["mn_customer_tier_id", "categ_id"],
     "partner.mn_tier_id, t.categ_id", 2),
    ("customer", ["partner_id"], "s.partner_id", 1),
]  # fmt: skip
SQL_WINLOSS_REASON = """
    SELECT lost_reason_id,
           COUNT(*) FILTER (WHERE won_status = 'won') AS won,
           COUNT(*) FILTER (WHERE won_status = 'lost') AS lost,
           100.0 * COUNT(*) FILTER (WHERE won_status = 'won') / COUNT(*) AS win_rate,
           SUM(expected_revenue) FILTER (WHERE won_status = 'lost') AS lost_revenue
      FROM crm_lead
     WHERE won_status IN ('won', 'lost') AND type = 'opportunity'
       AND (company_id IN %(companies)s OR company_id IS NULL)
     GROUP BY 1
"""
SQL_WINLOSS_CATEGORY = SQL_WINLOSS_REASON.replace("lost_reason_id,", "mn_lost_category_id,", 1)
SQL_WINLOSS_MONTH = """
    SELECT {month} AS month, team_id,
           COUNT(*) FILTER (WHERE won_status = 'won') AS won,
           COUNT(*) FILTER (WHERE won_status = 'lost') AS lost,
           100.0 * COUNT(*) FILTER (WHERE won_status = 'won') / COUNT(*) AS win_rate
      FROM crm_lead
     WHERE won_status IN ('won', 'lost') AND type = 'opportunity'
       AND (company_id IN %(companies)s OR company_id IS NULL)
     GROUP BY 1, 2
"""
SQL_FUNNEL = """
    SELECT {month} AS month, l.team_id,
           COUNT(*) AS leads,
           COUNT(*) FILTER (WHERE l.type = 'opportunity' OR l.date_conversion IS NOT NULL),
           COUNT(so.lead_id), COUNT(*) FILTER (WHERE so.orders > 0),
           COUNT(inv.lead_id), COUNT(*) FILTER (WHERE inv.paid > 0),
           SUM(so.order_amount) AS order_amount, SUM(inv.paid_amount) AS paid_amount
      FROM crm_lead l
      LEFT JOIN (SELECT opportunity_id AS lead_id,
                        COUNT(*) FILTER (WHERE state = 'sale') AS orders,
                        SUM(amount_untaxed / COALESCE(NULLIF(currency_rate, 0), 1))
                            FILTER (WHERE state = 'sale') AS order_amount
                   FROM sale_order
                  WHERE opportunity_id IS NOT NULL AND state <> 'cancel'
                  GROUP BY 1) so ON so.lead_id = l.id
      LEFT JOIN (SELECT lead_id, COUNT(*) FILTER (WHERE paid) AS paid,
                        SUM(amount) FILTER (WHERE paid) AS paid_amount
                   FROM (SELECT DISTINCT s.opportunity_id AS lead_id, m.id,
                                m.amount_untaxed_signed AS amount,
                                m.payment_state IN ('paid', 'in_payment') AS paid
                           FROM sale_order s
                           JOIN sale_order_line sol ON sol.order_id = s.id
                           JOIN sale_order_line_invoice_rel r ON r.order_line_id = sol.id
                           JOIN account_move_line aml ON aml.id = r.invoice_line_id
                           JOIN account_move m ON m.id = aml.move_id
                          WHERE s.opportunity_id IS NOT NULL AND s.state = 'sale'
                            AND m.state = 'posted'
                            AND m.move_type IN ('out_invoice', 'out_refund')) x
                  GROUP BY 1) inv ON inv.lead_id = l.id
     WHERE (l.company_id IN %(companies)s OR l.company_id IS NULL)
     GROUP BY 1, 2
"""
SQL_FORECAST = """
    SELECT date_trunc('month', date_deadline) AS month, team_id, COUNT(*),
           SUM(expected_revenue) AS expected,
           SUM(expected_revenue * probability / 100.0) AS weighted
      FROM crm_lead
     WHERE type = 'opportunity' AND won_status = 'pending' AND active
       AND (company_id IN %(companies)s OR company_id IS NULL)
     GROUP BY 1, 2
"""


@contextmanager
def core_sale_report():
    """Switch this addon's columns off ``sale.report`` (what Odoo computes without it)."""
    from odoo.addons.mn_crm_sales_reports.report.mn_report_group_order_mixin import (  # noqa: PLC0415
        MnReportGroupOrderMixin,
    )
    from odoo.addons.mn_crm_sales_reports.report.mn_report_rollup_mixin import (  # noqa: PLC0415
        MnReportRollupMixin,
    )
    from odoo.addons.mn_crm_sales_reports.report.sale_report import (  # noqa: PLC0415
        SaleReport,
    )

    def core_hook(cls, name):
        return lambda self, *args, **kwargs: getattr(super(cls, self), name)(*args, **kwargs)

    hooks = (
        (SaleReport, "_select_additional_fields"),
        (SaleReport, "_from_sale"),
        (SaleReport, "_group_by_sale"),
        (SaleReport, "_with_sale"),
        # how this addon answers grouped reads (web client measures, orders, pivot totals)
        (SaleReport, "_read_group_select"),
        (MnReportGroupOrderMixin, "_read_group"),
        (MnReportGroupOrderMixin, "_read_grouping_sets"),
        (MnReportRollupMixin, "_read_grouping_sets"),
    )
    with contextlib.ExitStack() as stack:
        for cls, name in hooks:
            if name in vars(cls):  # the hooks this addon overrides
                stack.enter_context(patch.object(cls, name, core_hook(cls, name)))
        if "_table_query" in vars(SaleReport):  # the fact table: core reads its view
            stack.enter_context(
                patch.object(SaleReport, "_table_query", property(lambda self: self._query()))
            )
        yield


def grouped(model, domain, groupby, aggregates):
    return lambda: model.formatted_read_group(domain, groupby, aggregates)


def pivot(model, domain, rows, cols, aggregates):
    sets = [rows + cols, rows, cols, []]
    return lambda: model.formatted_read_grouping_sets(domain, sets, aggregates)


def cases(env):
    """(report, grouping, ours, core, (sql, check)) for every benchmarked read."""
    sale = env["sale.report"]
    lead = env["crm.lead"].with_context(active_test=False)
    winloss = env["mn.crm.winloss.report"]
    funnel = env["mn.crm.funnel.report"]
    forecast = env["mn.crm.forecast.report"]
    month = MONTH.format(tz=TZ, col="{col}")
    opp = [("type", "=", "opportunity")]
    closed = [*opp, ("won_status", "in", ["won", "lost"])]
    sold = [("state", "=", "sale")]
    sales_month = month.format(col="s.date_order")
    sales = [
        (
            f"Sales analysis ({label})",
            name,
            grouped(sale, sold, groupby, measures),
            # stock Odoo has no customer tier: nothing to compare with there
            ("core", grouped(sale, sold, groupby, core_measures))
            if not any(name.startswith("mn_") for name in groupby)
            else (None, None),
            (SQL_SALES.format(keys=keys.format(month=sales_month)), "price_subtotal:sum", column),
        )
        for label, measures, core_measures in (
            ("graph", GRAPH_MEASURES, GRAPH_MEASURES),
            ("8 measures", SALE_MEASURES, CORE_SALE_MEASURES),
        )
        for name, groupby, keys, column in SALES_GROUPINGS
    ]
    return sales + [
        (
            "Sales analysis (pivot, 8 measures)",
            "team x month + totals",
            pivot(sale, sold, ["team_id"], ["date:month"], SALE_MEASURES),
            ("core", pivot(sale, sold, ["team_id"], ["date:month"], CORE_SALE_MEASURES)),
            None,
        ),
        (
            "Sales analysis (pivot)",
            "team x month + totals",
            pivot(sale, sold, ["team_id"], ["date:month"], GRAPH_MEASURES),
            ("core", pivot(sale, sold, ["team_id"], ["date:month"], GRAPH_MEASURES)),
            None,
        ),
        (
            "Win/loss",
            "lost reason",
            grouped(
                winloss,
                opp,
                ["lost_reason_id"],
                ["won_count:sum", "lost_count:sum", "win_rate:avg", "lost_revenue:sum"],
            ),
            (None, grouped(lead, closed, ["lost_reason_id"], ["__count", "expected_revenue:sum"])),
            (SQL_WINLOSS_REASON, "won_count:sum", 1),
        ),
        (
            "Win/loss",
            "reason category",
            grouped(
                winloss,
                opp,
                ["lost_category_id"],
                ["won_count:sum", "lost_count:sum", "win_rate:avg", "lost_revenue:sum"],
            ),
            (
                None,
                grouped(lead, closed, ["mn_lost_category_id"], ["__count", "expected_revenue:sum"]),
            ),
            (SQL_WINLOSS_CATEGORY, "won_count:sum", 1),
        ),
        (
            "Win/loss (graph)",
            "month x team",
            grouped(
                winloss,
                opp,
                ["date_closed:month", "team_id"],
                ["won_count:sum", "lost_count:sum", "win_rate:avg"],
            ),
            (
                None,
                grouped(lead, closed, ["date_closed:month", "team_id"], ["__count"]),
            ),
            (SQL_WINLOSS_MONTH.format(month=month.format(col="date_closed")), "won_count:sum", 2),
        ),
        (
            "Funnel",
            "month x team",
            grouped(funnel, [], ["date:month", "team_id"], FUNNEL_MEASURES),
            (None, grouped(lead, [], ["create_date:month", "team_id"], ["__count"])),
            (SQL_FUNNEL.format(month=month.format(col="l.create_date")), "lead_count:sum", 2),
        ),
        (
            "Forecast",
            "closing month x team",
            grouped(
                forecast,
                [("state", "=", "open")],
                ["date_deadline:month", "team_id"],
                ["open_count:sum", "expected_revenue:sum", "weighted_revenue:sum"],
            ),
            (
                None,
                grouped(
                    env["crm.lead"],
                    [*opp, ("won_status", "=", "pending")],
                    ["date_deadline:month", "team_id"],
                    ["__count", "expected_revenue:sum", "prorated_revenue:sum"],
                ),
            ),
            (SQL_FORECAST, "open_count:sum", 2),
        ),
    ]


def measure(env, func, runs):
    """Median wall time in ms of ``func`` over ``runs`` runs, after one warm-up."""
    result = func()
    times = []
    for _ in range(runs):
        env.invalidate_all()
        started = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def run_sql(env, query, companies):
    def execute():
        env.cr.execute(query, {"companies": tuple(companies)})
        return env.cr.fetchall()

    return execute


def check(result, rows, measure_spec, column):
    """Total of a measure: ours (web client groups) against the hand-written SQL."""
    ours = sum(group[measure_spec] or 0 for group in result)
    theirs = sum(row[column] or 0 for row in rows)
    return "ok" if abs(float(ours) - float(theirs)) < 0.01 else f"DIFF {ours} != {theirs}"


@contextmanager
def captured_queries(cr):
    """The (query, params) a block sends (the benchmark's own look at Odoo's SQL)."""
    queries = []
    execute = type(cr).execute

    def spy(self, query, params=None, log_exceptions=True):
        queries.append((query, params))
        return execute(self, query, params, log_exceptions)

    with patch.object(type(cr), "execute", spy):
        yield queries


def explain(env, func, label):
    """EXPLAIN ANALYZE of the slowest query ``func`` sends (the grouped read)."""
    with captured_queries(env.cr) as queries:
        func()
    best = None
    for query, params in queries:
        if not str(getattr(query, "code", query)).lstrip().upper().startswith("SELECT"):
            continue
        started = time.perf_counter()
        env.cr.execute(query, params)
        spent = time.perf_counter() - started
        if best is None or spent > best[0]:
            best = (spent, query, params)
    from odoo.tools import SQL  # noqa: PLC0415

    __, query, params = best
    if not isinstance(query, SQL):
        query = SQL(query, *(params or ()))
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
    print(f"\n#### EXPLAIN ANALYZE: {label}\n```")
    print("\n".join(row[0] for row in env.cr.fetchall()))
    print("```", flush=True)


# -- the cost of the fact tables' triggers on writes ----------------------------------------


def write_lines(env, orders, lines):
    """Create quotations through the ORM, edit every line, confirm: what a salesperson does."""
    from odoo import Command  # noqa: PLC0415

    products = env["product.product"].search([("name", "like", "Bench бараа")], limit=20)
    partners = env["res.partner"].search([("name", "like", "Bench харилцагч")], limit=orders)
    created = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": products[i % len(products)].id})
                    for i in range(lines)
                ],
            }
            for partner in partners
        ]
    )
    env.flush_all()
    for line in created.order_line:
        line.product_uom_qty = 3
    env.flush_all()
    created.action_confirm()
    env.flush_all()


def measure_writes(root, orders, lines, rounds):
    """Seconds to write order lines with the fact triggers and without them, interleaved,
    each round rolled back (the triggers are dropped inside the round's savepoint)."""
    from odoo.addons.mn_crm_sales_reports.report import (  # noqa: PLC0415
        mn_crm_funnel_fact,
        sale_report_fact,
    )

    triggers = [(n, t) for n, t, *__ in mn_crm_funnel_fact.TRIGGERS] + [
        (n, t) for n, t, *__ in sale_report_fact.TRIGGERS
    ]
    env = root(context={"tracking_disable": True, "mail_create_nolog": True})
    times = {"with facts": [], "without": []}
    queries = {}
    for __ in range(rounds):
        for mode in ("without", "with facts"):
            root.cr.execute("SAVEPOINT bench_writes")
            if mode == "without":
                for name, table in triggers:
                    root.cr.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            env.invalidate_all()
            count_before = root.cr.sql_log_count
            started = time.perf_counter()
            write_lines(env, orders, lines)
            times[mode].append(time.perf_counter() - started)
            queries[mode] = root.cr.sql_log_count - count_before
            root.cr.execute("ROLLBACK TO SAVEPOINT bench_writes")
            env.invalidate_all()
    base, facts = statistics.median(times["without"]), statistics.median(times["with facts"])
    print(
        f"\nwriting order lines ({orders} quotations x {lines} lines: create, edit each line,"
        f" confirm; median of {rounds}, interleaved)\n"
        "| triggers | seconds | queries |\n|---|---|---|\n"
        f"| without | {base:.2f} | {queries['without']} |\n"
        f"| with facts | {facts:.2f} | {queries['with facts']} |\n"
        f"ratio with/without: {facts / base:.3f}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of each report's read"
    )
    parser.add_argument(
        "--writes",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="also time writing order lines with and without the fact triggers",
    )
    args = parser.parse_args()
    with odoo_env(BENCH_DB) as root:
        manager = root["res.users"].search([("login", "=", "bench_manager")])
        if not manager:
            sys.exit(f"{BENCH_DB} has no dataset: run tests/bench/generate_dataset.py first")
        if missing := missing_columns(root):
            sys.exit(
                f"{BENCH_DB} predates the suite's code (missing columns {missing}): run"
                " tests/bench/generate_dataset.py, which updates it"
            )
        companies = manager.company_ids.ids
        env = root(
            user=manager,
            context={"tz": TZ, "lang": "mn_MN", "allowed_company_ids": companies},
        )
        counts = {
            table: root.cr.execute(f"SELECT count(*) FROM {table}") or root.cr.fetchone()[0]
            for table in ("sale_order_line", "sale_order", "crm_lead", "res_partner")
        }
        print(f"dataset {BENCH_DB}: {counts}; median of {args.runs} runs; times in ms")
        header = "| report | grouping | ours | core | SQL | ours/SQL | ours/core | check |"
        print(header)
        print("|" + "---|" * 8)
        wrong = 0
        for report, grouping, ours, (mode, core), sql in cases(env):
            ours_ms, result = measure(env, ours, args.runs)
            core_ms = None
            if mode == "core":
                with core_sale_report():
                    core_ms, _ = measure(env, core, args.runs)
            elif core:
                core_ms, _ = measure(env, core, args.runs)
            sql_ms, verdict = None, ""
            if sql:
                query, measure_spec, column = sql
                sql_ms, rows = measure(env, run_sql(env, query, companies), args.runs)
                verdict = check(result, rows, measure_spec, column)
                wrong += verdict != "ok"
            print(
                f"| {report} | {grouping} | {ours_ms:.0f} | "
                + (f"{core_ms:.0f} | " if core_ms else "- | ")
                + (f"{sql_ms:.0f} | {ours_ms / sql_ms:.2f} |" if sql_ms else "- | - |")
                + (f" {ours_ms / core_ms:.2f} |" if core_ms else " - |")
                + f" {verdict} |",
                flush=True,
            )
        if args.explain:
            for report, grouping, ours, __, __ in cases(env):
                explain(env, ours, f"{report}, {grouping}")
        env.cr.rollback()
        if args.writes:
            measure_writes(root, orders=10, lines=20, rounds=args.writes)
            root.cr.rollback()
    if wrong:
        sys.exit(f"{wrong} report(s) disagree with the hand-written SQL (column check)")


if __name__ == "__main__":
    main()
