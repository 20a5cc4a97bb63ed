"""Hot paths of the seed, stock Odoo against the suite, in one run (``make bench-ops``).

Two databases from the harness's Mongolian base template (``databases.ensure_template``):
``stock`` is the template as it is (the suite's dependencies only: crm, sale_crm,
sale_management, sale_stock, l10n_mn), ``suite`` the template with both addons installed
(``create_suite_database``) and every rule at the default a fresh install leaves. The same
data is loaded into both through the ORM (seeded: the same records), the Pricelists,
Discounts and Leads settings on in both, so that both run the same code paths. Then the
same code runs on both, interleaved (stock, suite; next round suite, stock), as the
administrator in Mongolian, Asia/Ulaanbaatar: each scenario in its own transaction,
rolled back afterwards, so every run starts from the same data.

For every operation the table gives seconds (median, min-max over ``--runs`` after
``--warmup`` rounds left out) and queries (median; pending writes flushed inside the
measure, as ``assertQueryCount`` does) for stock and suite, and the ratio suite/stock;
then the peak Python memory (tracemalloc) of pricing the largest quotation.

    PYTHONPATH=tools:$ODOO_PATH .venv/bin/python tests/bench/bench_ops.py [--smoke] [--keep]

The databases are ``mn_bench_ops_stock`` and ``mn_bench_ops_suite`` (``--smoke``: tiny
sizes, one round, ``mn_bench_ops_smoke_*``), dropped at the end unless ``--keep``; kept
ones holding the same sizes are reused.
"""

import argparse
import contextlib
import json
import random
import statistics
import sys
import threading
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_env import ROOT, harness, missing_columns  # noqa: E402

MARKER = "mn_bench_ops.loaded"
TZ, LANG = "Asia/Ulaanbaatar", "mn_MN"
FULL = {
    "quote_sizes": [10, 200, 1000],
    "flow_sizes": [10, 200],
    "products": 1000,
    "categories": 10,
    "customers": 300,
    "lost": 1000,
    "convert": 200,
    "merge_groups": 50,
    "history": 5000,
    "orders": 100,
    "runs": 3,
    "warmup": 1,
}
SMOKE = {
    "quote_sizes": [2, 5, 10],
    "flow_sizes": [5],
    "products": 12,
    "categories": 3,
    "customers": 10,
    "lost": 10,
    "convert": 4,
    "merge_groups": 2,
    "history": 60,
    "orders": 4,
    "runs": 1,
    "warmup": 0,
}
# What a sizes dictionary changes in the loaded data (the marker of a reusable database).
DATA_KEYS = (
    "products",
    "categories",
    "customers",
    "lost",
    "convert",
    "merge_groups",
    "history",
    "orders",
)

START = time.time()


def log(message):
    print(f"[bench-ops {time.time() - START:6.1f}s] {message}", flush=True)


# -- databases -----------------------------------------------------------------------------


def data_signature(sizes):
    return json.dumps({key: sizes[key] for key in DATA_KEYS}, sort_keys=True)


def build_databases(names, sizes):
    """Create (or reuse) the stock and the suite database; return which need the data."""
    databases, pgcluster = harness()
    pgcluster.start()
    databases.LOG_DIR.mkdir(parents=True, exist_ok=True)
    template = databases.ensure_template()
    to_load = []
    for kind, db in names.items():
        if pgcluster.database_exists(db):
            loaded = pgcluster.psql(
                f"SELECT value FROM ir_config_parameter WHERE key = '{MARKER}'", dbname=db
            )
            if loaded == data_signature(sizes):
                log(f"{kind}: reusing {db}")
                continue
            databases.drop(db)
        if kind == "stock":
            log(f"stock: cloning the base template {template} to {db}")
            databases.clone(template, db)
        else:
            log(f"suite: {db}, the base template with the suite installed (about a minute)")
            rc = databases.create_suite_database(db, log_name="bench_ops_install")
            if rc:
                sys.exit(f"installing the suite in {db} failed: see {databases.LOG_DIR}")
        to_load.append(kind)
    return to_load


def drop_databases(names):
    databases, _ = harness()
    for db in names.values():
        databases.drop(db)
    log(f"dropped {', '.join(names.values())}")


class Database:
    """One database of the run: its registry, a cursor kept open, the admin's env."""

    def __init__(self, kind, name):
        import odoo  # noqa: PLC0415
        from odoo.modules.registry import Registry  # noqa: PLC0415

        self.kind, self.name = kind, name
        threading.current_thread().dbname = name
        self.registry = Registry(name)
        self.cr = self.registry.cursor()
        root = odoo.api.Environment(self.cr, odoo.SUPERUSER_ID, {})
        self.root = root
        admin = root.ref("base.user_admin")
        company = admin.company_id
        self.env = root(
            user=admin,
            context={"lang": LANG, "tz": TZ, "allowed_company_ids": [company.id]},
        )
        self.data = {}

    def activate(self):
        # the database the current thread serves (Odoo sets it per request; the suite's
        # code translations read it)
        threading.current_thread().dbname = self.name

    def close(self):
        self.cr.rollback()
        self.cr.close()


def start_odoo(first_db):
    """Odoo's configuration, as ``odoo_env.odoo_env`` does, for several databases."""
    import os  # noqa: PLC0415

    _, pgcluster = harness()
    os.environ["PGPORT"] = str(pgcluster.PORT)
    os.chdir(ROOT)
    from odoo.service import server  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        ["-c", str(ROOT / "odoo.conf"), "-d", first_db, "--no-http", "--log-level=warn"],
        setup_logging=True,
    )
    server.load_server_wide_modules()


# -- the data, the same in both ---------------------------------------------------------------


def load_data(db, sizes):
    """Load the benchmark's records (seeded) through the ORM and commit them."""
    from odoo import Command  # noqa: PLC0415

    rnd = random.Random(4242)
    env = db.root(
        context={"tracking_disable": True, "mail_create_nolog": True, "lang": LANG, "tz": TZ}
    )
    company = env.ref("base.main_company")
    # the settings the suite turns on, on in stock as well: the same code paths
    settings = env["res.config.settings"].create(
        {
            "group_product_pricelist": True,
            "group_discount_per_so_line": True,
            "group_use_lead": True,
        }
    )
    settings.execute()
    env.invalidate_all()
    categories = env["product.category"].create(
        [{"name": f"Bench ангилал {i}"} for i in range(1, sizes["categories"] + 1)]
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench бараа {i:04d}",
                "type": "consu",
                "categ_id": categories[i % len(categories)].id,
                "list_price": 1000 * rnd.randint(5, 500),
                "standard_price": 1000 * rnd.randint(2, 200),
                "invoice_policy": "order",
            }
            for i in range(1, sizes["products"] + 1)
        ]
    )
    today = datetime.now().date()
    items = [
        Command.create(
            {
                "applied_on": "2_product_category",
                "categ_id": categ.id,
                "compute_price": "percentage",
                "percent_price": 3 + n,
            }
        )
        for n, categ in enumerate(categories)
    ]
    items += [
        Command.create(
            {
                "applied_on": "1_product",
                "product_tmpl_id": product.product_tmpl_id.id,
                "compute_price": "formula",
                "base": "list_price",
                "price_discount": 10,
                "price_round": 100,
                "price_surcharge": -50,
            }
        )
        for product in products[: max(2, len(products) // 50)]
    ]
    items += [
        Command.create(
            {
                "applied_on": "0_product_variant",
                "product_id": product.id,
                "compute_price": "fixed",
                "fixed_price": 4900,
            }
        )
        for product in products[-max(1, len(products) // 100) :]
    ]
    items += [
        Command.create(
            {
                "applied_on": "3_global",
                "compute_price": "percentage",
                "percent_price": 8,
                "min_quantity": 10,
            }
        ),
        Command.create(
            {
                "applied_on": "3_global",
                "compute_price": "percentage",
                "percent_price": 2,
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=365),
            }
        ),
    ]
    pricelist = env["product.pricelist"].create(
        {"name": "Bench үнийн хүснэгт", "currency_id": company.currency_id.id, "item_ids": items}
    )
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench харилцагч {i:04d}",
                "is_company": True,
                "email": f"customer{i}@bench.mn",
                "lang": LANG,
                "property_product_pricelist": pricelist.id,
            }
            for i in range(1, sizes["customers"] + 1)
        ]
    )
    reason = env["crm.lost.reason"].create({"name": "Bench үнэ өндөр"})
    stages = [env.ref(f"crm.stage_lead{i}") for i in (1, 2, 3)]
    won_stage = env.ref("crm.stage_lead4")
    team = env.ref("sales_team.team_sales_department")
    tags = env["crm.tag"].create([{"name": f"Bench шошго {i}"} for i in range(1, 6)])
    sources = env["utm.source"].search([], limit=5)
    countries = env["res.country"].search([("code", "in", ["MN", "CN", "RU", "KR", "JP"])])
    leads = env["crm.lead"]

    def opportunity(i, prefix, **values):
        customer = customers[rnd.randrange(len(customers))]
        return {
            "name": f"Bench {prefix} {i}",
            "type": "opportunity",
            "partner_id": customer.id,
            "email_from": customer.email,
            "stage_id": stages[rnd.randrange(3)].id,
            "team_id": team.id,
            "user_id": env.ref("base.user_admin").id,
            "expected_revenue": 100000 * rnd.randint(1, 500),
            **values,
        }

    lost_ids = leads.create([opportunity(i, "боломж") for i in range(sizes["lost"])]).ids
    convert_ids = leads.create(
        [
            {
                "name": f"Bench сэжим {i}",
                "type": "lead",
                "contact_name": f"Bench холбоо {i}",
                "partner_name": f"Bench шинэ ХХК {i}",
                "email_from": f"lead{i}@bench.mn",
                "team_id": team.id,
                "user_id": env.ref("base.user_admin").id,
            }
            for i in range(sizes["convert"])
        ]
    ).ids
    merge_groups = []
    for group in range(sizes["merge_groups"]):
        customer = customers[group % len(customers)]
        merge_groups.append(
            leads.create(
                [
                    opportunity(
                        f"{group}-{n}",
                        "давхар",
                        partner_id=customer.id,
                        email_from=f"dup{group}@bench.mn",
                    )
                    for n in range(3)
                ]
            ).ids
        )
    history = []
    for i in range(sizes["history"]):
        status = rnd.choices(["won", "lost", "open"], [3, 5, 2])[0]
        values = opportunity(
            i,
            "түүх",
            country_id=countries[rnd.randrange(len(countries))].id if countries else False,
            source_id=sources[rnd.randrange(len(sources))].id if sources else False,
            tag_ids=[Command.set(rnd.sample(tags.ids, rnd.randint(0, 2)))],
        )
        if status == "won":
            values.update(stage_id=won_stage.id, probability=100)
        elif status == "lost":
            values.update(active=False, probability=0, lost_reason_id=reason.id)
        history.append(values)
    history_ids = leads.create(history).ids
    env.flush_all()
    # history spread over two years, for the predictive scoring
    env.cr.execute(
        """
        UPDATE crm_lead SET create_date = now() - (id %% 730) * interval '1 day',
                            date_closed = CASE WHEN active AND probability < 100 THEN NULL
                                               ELSE now() - (id %% 700) * interval '1 day' END
         WHERE id = ANY(%s)
        """,
        (history_ids,),
    )
    # quotations and orders for the screens and the sales analysis: 5 lines each, 3 in 4
    # confirmed
    orders = env["sale.order"].create(
        [
            {
                "partner_id": customers[i % len(customers)].id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": products[rnd.randrange(len(products))].id,
                            "product_uom_qty": rnd.randint(1, 25),
                        }
                    )
                    for _ in range(5)
                ],
            }
            for i in range(sizes["orders"])
        ]
    )
    orders.filtered(lambda order: order.id % 4).action_confirm()
    env["ir.config_parameter"].set_param(
        "crm.pls_start_date", str((datetime.now() - timedelta(days=800)).date())
    )
    data = {
        "products": products.ids,
        "customers": customers.ids,
        "pricelist": pricelist.id,
        "reason": reason.id,
        "lost": lost_ids,
        "convert": convert_ids,
        "merge": merge_groups,
    }
    env["ir.config_parameter"].set_param("mn_bench_ops.data", json.dumps(data))
    env["ir.config_parameter"].set_param(MARKER, data_signature(sizes))
    env.cr.commit()
    return data


# -- measuring ----------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.values = {}  # (operation, kind) -> [(seconds, queries)]
        self.order = []
        self.recording = True

    @contextlib.contextmanager
    def measure(self, db, operation):
        """Time ``operation`` on ``db``: wall clock and queries, pending writes flushed."""
        env = db.env
        env.flush_all()
        queries = env.cr.sql_log_count
        started = time.perf_counter()
        yield
        env.flush_all()
        elapsed = time.perf_counter() - started
        if not self.recording:
            return
        if operation not in self.order:
            self.order.append(operation)
        self.values.setdefault((operation, db.kind), []).append(
            (elapsed, env.cr.sql_log_count - queries)
        )


def new_request(db):
    """What a new request starts with: no record cached (registry caches stay warm)."""
    db.env.invalidate_all()


# -- scenarios: each gets (db, sizes, results); all writes are rolled back afterwards --------


def order_values(db, lines):
    rnd = random.Random(lines)
    data = db.data
    products = data["products"]
    return {
        "partner_id": data["customers"][lines % len(data["customers"])],
        "order_line": [
            (0, 0, {"product_id": products[i % len(products)], "product_uom_qty": qty})
            for i, qty in enumerate(rnd.randint(1, 25) for _ in range(lines))
        ],
    }


def price_quotation(db, lines):
    """A quotation of ``lines`` lines, priced by the server as the web client's save."""
    return db.env["sale.order"].create(order_values(db, lines))


def scenario_flow(lines, flow):
    def run(db, results):
        with results.measure(db, f"price a {lines}-line quotation"):
            order = price_quotation(db, lines)
        expect(
            order.pricelist_id.id == db.data["pricelist"]
            and len(order.order_line) == lines
            and any(
                line.price_reduce_taxinc < line.product_id.lst_price for line in order.order_line
            ),  # noqa: E501
            f"{db.kind}: the quotation is not priced by the bench pricelist's rules",
        )
        if not flow:
            return
        new_request(db)
        order = order.browse(order.id)
        with results.measure(db, f"confirm it ({lines} lines)"):
            order.action_confirm()
        expect(order.state == "sale" and order.picking_ids, f"{db.kind}: not confirmed")
        new_request(db)
        pickings = order.browse(order.id).picking_ids
        with results.measure(db, f"validate the delivery ({lines} lines)"):
            for move in pickings.move_ids:
                move.quantity = move.product_uom_qty
            pickings.move_ids.picked = True
            pickings.button_validate()
        expect(set(pickings.mapped("state")) == {"done"}, f"{db.kind}: delivery not done")
        new_request(db)
        order = order.browse(order.id)
        with results.measure(db, f"invoice and post ({lines} lines)"):
            invoices = order._create_invoices()
            invoices.action_post()
        expect(invoices and set(invoices.mapped("state")) == {"posted"}, f"{db.kind}: not posted")

    return run


def expect(condition, message):
    """A scenario that did not do its work measures nothing: stop there (the smoke's point)."""
    if not condition:
        raise AssertionError(message)


def expect_lost(db, leads):
    leads.invalidate_recordset()
    states = set(leads.with_context(active_test=False).mapped("won_status"))
    expect(states == {"lost"}, f"{db.kind}: leads not lost ({states})")


def expect_converted(db, leads):
    leads.invalidate_recordset()
    kinds = set(leads.mapped("type"))
    expect(kinds == {"opportunity"} and all(leads.mapped("partner_id")), f"{db.kind}: {kinds}")


def scenario_lost_wizard(db, results):
    leads = db.env["crm.lead"].browse(db.data["lost"])
    with results.measure(db, f"mark {len(leads)} lost: wizard"):
        wizard = (
            db.env["crm.lead.lost"]
            .with_context(active_model="crm.lead", active_ids=leads.ids)
            .create(
                {
                    "lead_ids": [(6, 0, leads.ids)],
                    "lost_reason_id": db.data["reason"],
                    "lost_feedback": "<p>Bench: үнэ өндөр</p>",
                }
            )
        )
        wizard.action_lost_reason_apply()
    expect_lost(db, leads)


def scenario_lost_method(db, results):
    leads = db.env["crm.lead"].browse(db.data["lost"])
    with results.measure(db, f"mark {len(leads)} lost: action_set_lost"):
        leads.action_set_lost(lost_reason_id=db.data["reason"])
    expect_lost(db, leads)


def scenario_convert_each(db, results):
    leads = db.env["crm.lead"].browse(db.data["convert"])
    with results.measure(db, f"convert {len(leads)} leads one by one"):
        for lead in leads:
            wizard = (
                db.env["crm.lead2opportunity.partner"]
                .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
                .create({})
            )
            wizard.action_apply()
    expect_converted(db, leads)


def scenario_convert_mass(db, results):
    leads = db.env["crm.lead"].browse(db.data["convert"])
    with results.measure(db, f"convert {len(leads)} leads at once"):
        wizard = (
            db.env["crm.lead2opportunity.partner.mass"]
            .with_context(active_model="crm.lead", active_ids=leads.ids)
            .create({"deduplicate": False})
        )
        wizard.action_mass_convert()
    expect_converted(db, leads)


def scenario_merge(db, results):
    groups = db.data["merge"]
    with results.measure(db, f"merge {len(groups)} x 3 duplicates (wizard)"):
        for ids in groups:
            wizard = (
                db.env["crm.merge.opportunity"]
                .with_context(active_model="crm.lead", active_ids=ids)
                .create({})
            )
            wizard.action_merge()
    kept = (
        db.env["crm.lead"]
        .with_context(active_test=False)
        .search_count([("id", "in", [lead_id for ids in groups for lead_id in ids])])
    )
    expect(kept == len(groups), f"{db.kind}: merge left {kept} of {3 * len(groups)} leads")


def scenario_scoring(db, results):
    from odoo.modules import module  # noqa: PLC0415

    # the cron commits each batch of its update unless a test runs: not here, the
    # scenario is rolled back like the others
    with patch.object(module, "current_test", "bench_ops"):
        with results.measure(db, "predictive scoring: cron recompute"):
            db.env["crm.lead"].sudo()._cron_update_automated_probabilities()
    expect(
        db.env["crm.lead.scoring.frequency"].sudo().search_count([]),
        f"{db.kind}: the scoring built no frequency",
    )


def view_specification(model, view_type):
    """The fields a view's first page reads (``web_search_read``'s specification)."""
    from lxml import etree  # noqa: PLC0415

    views = model.get_views([(False, view_type)])
    arch = etree.fromstring(views["views"][view_type]["arch"])
    spec = {}
    for node in arch.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue  # a sub-view's field
        name = node.get("name")
        field = model._fields.get(name)
        if not field:
            continue
        if field.relational:
            spec[name] = {"fields": {"display_name": {}}}
            if field.type != "many2one":
                spec[name]["limit"] = 40
        else:
            spec[name] = {}
    return spec


SCREENS = [
    # (label, model, view type, domain, groupby, aggregates)
    (
        "CRM pipeline (kanban by stage)",
        "crm.lead",
        "kanban",
        [("type", "=", "opportunity")],
        ["stage_id"],
        ["expected_revenue:sum"],
    ),
    ("Leads (list)", "crm.lead", "list", [("type", "=", "lead")], None, None),
    ("Opportunities (list)", "crm.lead", "list", [("type", "=", "opportunity")], None, None),
    ("Quotations (list)", "sale.order", "list", [("state", "in", ["draft", "sent"])], None, None),
    ("Sales orders (list)", "sale.order", "list", [("state", "=", "sale")], None, None),
    ("Customers (kanban)", "res.partner", "kanban", [], None, None),
    (
        "Sales analysis (pivot)",
        "sale.report",
        "pivot",
        [("state", "=", "sale")],
        [["team_id", "date:month"], ["team_id"], ["date:month"], []],
        ["price_subtotal:sum", "product_uom_qty:sum"],
    ),
    (
        "Sales analysis (graph)",
        "sale.report",
        "graph",
        [("state", "=", "sale")],
        ["date:month"],
        ["price_subtotal:sum"],
    ),
]


def scenario_screens(db, results):
    for label, model_name, view_type, domain, groupby, aggregates in SCREENS:
        model = db.env[model_name]
        spec = view_specification(model, view_type) if view_type in ("list", "kanban") else {}
        new_request(db)
        with results.measure(db, f"screen: {label}"):
            if view_type == "pivot":
                model.formatted_read_grouping_sets(domain, groupby, aggregates)
            elif view_type == "graph":
                model.formatted_read_group(domain, groupby, aggregates)
            elif groupby:
                model.web_read_group(
                    domain,
                    groupby,
                    aggregates,
                    auto_unfold=True,
                    unfold_read_specification=spec,
                    unfold_read_default_limit=80,
                )
            else:
                model.web_search_read(domain, spec, limit=80, count_limit=10001)


def scenarios(sizes):
    flows = [
        (f"flow {n}", scenario_flow(n, n in sizes["flow_sizes"])) for n in sizes["quote_sizes"]
    ]
    return [
        *flows,
        ("lost wizard", scenario_lost_wizard),
        ("lost method", scenario_lost_method),
        ("convert each", scenario_convert_each),
        ("convert mass", scenario_convert_mass),
        ("merge", scenario_merge),
        ("scoring", scenario_scoring),
        ("screens", scenario_screens),
    ]


def run_scenario(db, scenario, results):
    db.activate()
    new_request(db)
    try:
        scenario(db, results)
    finally:
        db.cr.rollback()


def peak_memory(db, lines):
    """Peak Python memory (MB, tracemalloc) of pricing a ``lines``-line quotation."""
    db.activate()
    new_request(db)
    tracemalloc.start()
    try:
        price_quotation(db, lines)
        db.env.flush_all()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        db.cr.rollback()
    return peak / 2**20


# -- the table --------------------------------------------------------------------------------


def summary(samples):
    seconds = [s for s, _ in samples]
    queries = statistics.median(q for _, q in samples)
    return statistics.median(seconds), min(seconds), max(seconds), queries


def ratio(suite, stock):
    return f"{suite / stock:.2f}" if stock else "-"


def print_table(results, runs):
    print(f"\nmedian (min-max) of {runs} run(s), seconds; queries: median; ratio = suite / stock")
    print("| operation | stock s | suite s | time ratio | stock q | suite q | query ratio |")
    print("|" + "---|" * 7)
    worst = []
    for operation in results.order:
        stock = summary(results.values[(operation, "stock")])
        suite = summary(results.values[(operation, "suite")])
        time_ratio, query_ratio = ratio(suite[0], stock[0]), ratio(suite[3], stock[3])
        print(
            f"| {operation} | {stock[0]:.3f} ({stock[1]:.3f}-{stock[2]:.3f}) | "
            f"{suite[0]:.3f} ({suite[1]:.3f}-{suite[2]:.3f}) | {time_ratio} | "
            f"{stock[3]:.0f} | {suite[3]:.0f} | {query_ratio} |"
        )
        if stock[0] and suite[0] / stock[0] > 1.10 or stock[3] and suite[3] / stock[3] > 1.10:
            worst.append(operation)
    print(
        f"\nover 1.10 in time or queries: {len(worst)} of {len(results.order)} operations"
        + (f" ({'; '.join(worst)})" if worst else "")
    )


# -- main ---------------------------------------------------------------------------------------


def parse_sizes(args):
    sizes = dict(SMOKE if args.smoke else FULL)
    for key in FULL:
        value = getattr(args, key)
        if value is not None:
            sizes[key] = value
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and one round (CI)")
    parser.add_argument("--keep", action="store_true", help="keep the databases for a rerun")
    parser.add_argument("--prefix", help="database name prefix (default mn_bench_ops[_smoke])")
    parser.add_argument("--only", help="comma-separated scenario names (e.g. 'flow 200,merge')")
    sizes_list = lambda text: [int(n) for n in text.split(",")]  # noqa: E731
    parser.add_argument("--quote-sizes", type=sizes_list, help="e.g. 10,200,1000")
    parser.add_argument("--flow-sizes", type=sizes_list, help="quotations also confirmed...")
    for key in ("products", "categories", "customers", "lost", "convert", "merge_groups", "orders"):
        parser.add_argument(f"--{key.replace('_', '-')}", type=int)
    parser.add_argument("--history", type=int, help="closed and open leads for the scoring")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--warmup", type=int)
    args = parser.parse_args()
    sizes = parse_sizes(args)
    if max(sizes["quote_sizes"]) > sizes["products"]:
        log("note: fewer products than lines, the quotation repeats products")
    prefix = args.prefix or ("mn_bench_ops_smoke" if args.smoke else "mn_bench_ops")
    if not prefix.startswith("mn_bench"):
        sys.exit("--prefix must start with mn_bench")
    names = {"stock": f"{prefix}_stock", "suite": f"{prefix}_suite"}
    log(f"sizes: {sizes}")
    to_load = build_databases(names, sizes)
    start_odoo(names["stock"])
    dbs = []
    try:
        dbs.extend(Database(kind, name) for kind, name in names.items())
        for db in dbs:
            if missing := missing_columns(db.root):
                sys.exit(f"{db.name} predates the code (missing {missing}): drop it")
            if db.kind in to_load:
                log(f"{db.kind}: loading the data")
                db.activate()
                load_data(db, sizes)
            db.data = json.loads(db.root["ir.config_parameter"].get_param("mn_bench_ops.data"))
            db.cr.commit()
        log("data loaded in both; running")
        selected = scenarios(sizes)
        if args.only:
            wanted = {name.strip() for name in args.only.split(",")}
            selected = [(name, run) for name, run in selected if name in wanted]
        results = Results()
        rounds = sizes["warmup"] + sizes["runs"]
        for round_no in range(rounds):
            results.recording = round_no >= sizes["warmup"]
            order = dbs if round_no % 2 == 0 else dbs[::-1]
            label = "warm-up" if not results.recording else "run"
            log(f"round {round_no + 1}/{rounds} ({label}; {' then '.join(d.kind for d in order)})")
            for _name, scenario in selected:
                for db in order:
                    run_scenario(db, scenario, results)
        print_table(results, sizes["runs"])
        lines = max(sizes["quote_sizes"])
        log(f"peak memory of the {lines}-line quotation (tracemalloc: a few times slower)")
        memory = {db.kind: peak_memory(db, lines) for db in dbs}
        print(
            f"peak Python memory (tracemalloc) pricing the {lines}-line quotation: "
            f"stock {memory['stock']:.1f} MB, suite {memory['suite']:.1f} MB, "
            f"ratio {ratio(memory['suite'], memory['stock'])}"
        )
    finally:
        for db in dbs:
            db.close()
        if not args.keep:
            drop_databases(names)


if __name__ == "__main__":
    main()
