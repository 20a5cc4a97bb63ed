"""Generate the benchmark dataset of the reports in the database ``mn_bench``.

    make bench                       # generates once (if missing), then runs the benchmark
    PYTHONPATH=tools:$ODOO_PATH .venv/bin/python tests/bench/generate_dataset.py [--force]

The database is a clone of the harness's Mongolian base template with the suite installed
(``create_suite_database``), filled in a few minutes with SQL (``INSERT ... SELECT
generate_series``): 3 sales teams, 20 salespeople, 5,000 customers, 200 products,
200,000 leads/opportunities over 2 years (won, lost with reasons, open) and 200,000 sale
orders holding about 1,000,000 lines, with deliveries and posted customer invoices (one
per invoiced order, product lines only: enough for the reports, not a valid ledger).
Random values are seeded: two runs give the same data.

The suite's own columns are filled as a fresh install leaves them: no discount approval
needed (no limit is set), the pricelist price before manual changes is the list price,
no order-level discount share, lines priced at the order date. Columns a version of the
suite does not have are left out (``with_optional``); a database made by older code gets
the new columns filled in SQL, then the suite updated (``catch_up_schema``), instead of a
recompute of every row. ``MN_BENCH_SCALE=0.001 MN_BENCH_DB=mn_bench_smoke`` (``make
bench-smoke``) makes a tiny dataset; ``--drop`` removes the database.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_env import BENCH_DB, harness, missing_columns, odoo_env  # noqa: E402

MARKER = "mn_bench.generated"
N_TEAMS, N_USERS, N_CUSTOMERS, N_PRODUCTS = 3, 20, 5000, 200
# MN_BENCH_SCALE (e.g. 0.01, with MN_BENCH_DB=another_db) makes a small dry-run dataset.
SCALE = float(os.environ.get("MN_BENCH_SCALE", "1"))
N_LEADS, N_ORDERS, DAYS = int(200_000 * SCALE), int(200_000 * SCALE), 730
LOST_REASONS = [
    "Үнэ өндөр",
    "Өрсөлдөгч сонгосон",
    "Төсөв байхгүй",
    "Хариу өгөөгүй",
    "Хэрэгцээ өөрчлөгдсөн",
]


START = time.time()


def log(message):
    print(f"[bench-data {time.time() - START:6.1f}s] {message}", flush=True)


# -- database -----------------------------------------------------------------------------


def ensure_database(force):
    databases, pgcluster = harness()
    pgcluster.start()
    if force:
        databases.drop(BENCH_DB)
    if pgcluster.database_exists(BENCH_DB):
        done = pgcluster.psql(
            f"SELECT value FROM ir_config_parameter WHERE key = '{MARKER}'", dbname=BENCH_DB
        )
        if done:
            log(f"{BENCH_DB} already holds the dataset ({done}); --force to rebuild")
            return False
        # Generation is one transaction: an unmarked database holds no partial dataset.
        log(f"{BENCH_DB} exists without the dataset: generating into it")
        return True
    log(f"creating {BENCH_DB}: clone of the base template + the suite (about a minute)")
    (databases.LOG_DIR).mkdir(parents=True, exist_ok=True)
    rc = databases.create_suite_database(BENCH_DB, log_name="bench_install")
    if rc:
        sys.exit(f"installing the suite in {BENCH_DB} failed: see {databases.LOG_DIR}")
    return True


# -- master data through the ORM (small) ---------------------------------------------------


def create_master_data(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    company = env.ref("base.main_company")
    teams = env["crm.team"].create(
        [{"name": f"Bench баг {i}", "use_leads": True, "company_id": company.id}
         for i in range(1, N_TEAMS + 1)]
    )  # fmt: skip
    users = env["res.users"].create(
        [
            {
                "name": f"Bench борлуулагч {i:02d}",
                "login": f"bench_seller_{i:02d}",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "group_ids": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])],
                "tz": "Asia/Ulaanbaatar",
                "lang": "mn_MN",
            }
            for i in range(1, N_USERS + 1)
        ]
    )
    env["crm.team.member"].create(
        [{"crm_team_id": teams[i % N_TEAMS].id, "user_id": user.id} for i, user in enumerate(users)]
    )
    env["res.users"].create(
        {
            "name": "Bench менежер",
            "login": "bench_manager",
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "group_ids": [(6, 0, [env.ref("sales_team.group_sale_manager").id])],
            "tz": "Asia/Ulaanbaatar",
            "lang": "mn_MN",
        }
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench бараа {i:03d}",
                "type": "consu",
                "list_price": 5000 * (1 + (i * 37) % 200),
                "standard_price": 5000 * (1 + (i * 37) % 200) * (0.45 + (i % 7) * 0.05),
                "invoice_policy": "order",
            }
            for i in range(1, N_PRODUCTS + 1)
        ]
    )
    reasons = env["crm.lost.reason"].create([{"name": name} for name in LOST_REASONS])
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    env.flush_all()
    return company, teams, users, products, reasons, journal


# -- bulk data in SQL --------------------------------------------------------------------------


def sql(env, query, params=None):
    started = time.time()
    env.cr.execute(query, params or {})
    if time.time() - started > 2:
        log(f"  slow statement ({time.time() - started:.1f}s): {' '.join(query.split())[:90]}")
    return env.cr.rowcount


def table_columns(env, table):
    """The columns ``table`` has now (the suite's stored fields come and go with versions)."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s",
        (table,),
    )
    return {row[0] for row in env.cr.fetchall()}


def with_optional(env, table, columns, optional):
    """``columns`` (name -> SQL expression) plus those of ``optional`` the table has.

    Returns the column list and the expression list of an ``INSERT ... SELECT``, after
    checking that no NOT NULL column without a database default is left out: a field the
    suite makes required later fails here with its name, not deep in a 200,000-row insert.
    """
    present = table_columns(env, table)
    chosen = dict(columns)
    chosen.update({name: expr for name, expr in optional.items() if name in present})
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s"
        " AND is_nullable = 'NO' AND column_default IS NULL",
        (table,),
    )
    missing = sorted({row[0] for row in env.cr.fetchall()} - set(chosen))
    if missing:
        sys.exit(
            f"generate_dataset.py: {table} has required columns the generator does not fill:"
            f" {', '.join(missing)} (add them to its INSERT)"
        )
    return ", ".join(chosen), ", ".join(chosen.values())


def fill_lookup_tables(env, company, teams, users, products, reasons):
    sql(env, "SELECT setseed(0.4242)")
    sql(env, "CREATE TEMP TABLE bench_user (n int, id int, team_id int)")
    for n, user in enumerate(users, start=1):
        sql(
            env,
            "INSERT INTO bench_user VALUES (%(n)s, %(id)s, %(team)s)",
            {"n": n, "id": user.id, "team": teams[(n - 1) % N_TEAMS].id},
        )
    sql(
        env,
        "CREATE TEMP TABLE bench_product"
        " (n int, id int, uom_id int, name text, list_price numeric)",
    )
    for n, product in enumerate(products, start=1):
        sql(
            env,
            "INSERT INTO bench_product VALUES (%(n)s, %(id)s, %(uom)s, %(name)s, %(price)s)",
            {"n": n, "id": product.id, "uom": product.uom_id.id, "name": product.name,
             "price": product.list_price},
        )  # fmt: skip
    sql(env, "CREATE TEMP TABLE bench_reason (n int, id int)")
    for n, reason in enumerate(reasons, start=1):
        sql(env, "INSERT INTO bench_reason VALUES (%s, %s)", (n, reason.id))
    stages = [env.ref(f"crm.stage_lead{i}") for i in (1, 2, 3, 4)]
    sql(env, "CREATE TEMP TABLE bench_stage (n int, id int, probability float)")
    for n, (stage, probability) in enumerate(zip(stages, (10, 30, 60, 100), strict=True), 1):
        sql(env, "INSERT INTO bench_stage VALUES (%s, %s, %s)", (n, stage.id, probability))
    sql(env, "ANALYZE bench_user; ANALYZE bench_product; ANALYZE bench_reason; ANALYZE bench_stage")


def insert_customers(env, company):
    count = sql(
        env,
        """
        INSERT INTO res_partner (name, complete_name, active, type, is_company, autopost_bills,
                                 lang, tz, customer_rank, supplier_rank, partner_share,
                                 create_uid, write_uid, create_date, write_date)
        SELECT 'Bench харилцагч ' || g, 'Bench харилцагч ' || g, TRUE, 'contact', TRUE, 'ask',
               'mn_MN', 'Asia/Ulaanbaatar', 1, 0, TRUE, 1, 1, now(), now()
          FROM generate_series(1, %(n)s) g
        """,
        {"n": N_CUSTOMERS},
    )
    sql(
        env,
        """
        UPDATE res_partner SET commercial_partner_id = id
         WHERE name LIKE 'Bench харилцагч %%' AND commercial_partner_id IS NULL;
        CREATE TEMP TABLE bench_customer AS
        SELECT row_number() OVER (ORDER BY id) AS n, id
          FROM res_partner WHERE name LIKE 'Bench харилцагч %%';
        ANALYZE bench_customer;
        """,
    )
    return count


def insert_leads(env, company):
    """Leads: 25%% plain leads, 75%% opportunities; old ones mostly closed."""
    sql(
        env,
        """
        CREATE TEMP TABLE bench_lead_src AS
        SELECT g AS n,
               now() - (random() * %(days)s) * interval '1 day' AS created,
               1 + floor(random() * %(users)s)::int AS user_n,
               1 + floor(random() * %(customers)s)::int AS customer_n,
               random() AS r_type, random() AS r_status, random() AS r_stage,
               random() AS r_max, random() AS r_revenue, random() AS r_reason,
               random() AS r_close, random() AS r_deadline
          FROM generate_series(1, %(leads)s) g;
        ALTER TABLE bench_lead_src ADD COLUMN kind text, ADD COLUMN status text,
                                   ADD COLUMN stage_n int, ADD COLUMN max_n int;
        UPDATE bench_lead_src SET kind = CASE WHEN r_type < 0.25 THEN 'lead' ELSE 'opportunity' END;
        UPDATE bench_lead_src SET status = CASE
            WHEN kind = 'lead' THEN CASE WHEN created < now() - interval '15 days'
                                          AND r_status < 0.5 THEN 'lost' ELSE 'pending' END
            WHEN created < now() - interval '45 days' THEN
                CASE WHEN r_status < 0.30 THEN 'won' WHEN r_status < 0.75 THEN 'lost'
                     ELSE 'pending' END
            ELSE CASE WHEN r_status < 0.05 THEN 'won' WHEN r_status < 0.15 THEN 'lost'
                      ELSE 'pending' END
        END;
        UPDATE bench_lead_src SET
            stage_n = CASE WHEN status = 'won' THEN 4 ELSE 1 + floor(r_stage * 3)::int END;
        UPDATE bench_lead_src SET
            max_n = CASE WHEN status = 'won' THEN 4
                         ELSE stage_n + floor(r_max * (4 - stage_n))::int END;
        ANALYZE bench_lead_src;
        """,
        {"days": DAYS, "users": N_USERS, "customers": N_CUSTOMERS, "leads": N_LEADS},
    )
    return sql(
        env,
        """
        INSERT INTO crm_lead (
            name, type, active, priority, company_id, team_id, user_id, partner_id, stage_id,
            mn_max_stage_id, won_status, probability, automated_probability, expected_revenue,
            prorated_revenue, lost_reason_id, date_closed, date_deadline, date_open,
            date_conversion, date_last_stage_update, create_date, write_date, create_uid,
            write_uid, email_state, phone_state)
        SELECT 'Bench ' || CASE WHEN src.kind = 'lead' THEN 'сэжим ' ELSE 'боломж ' END || src.n,
               src.kind,
               src.status <> 'lost',
               '0',
               %(company)s,
               u.team_id,
               u.id,
               c.id,
               st.id,
               mx.id,
               src.status,
               prob.p,
               prob.p,
               rev.amount,
               round(rev.amount * prob.p::numeric / 100.0, 2),
               CASE WHEN src.status = 'lost' AND src.r_reason < 0.9
                    THEN (SELECT r.id FROM bench_reason r
                           WHERE r.n = 1 + floor(src.r_reason / 0.9 * 5)::int) END,
               CASE WHEN src.status <> 'pending'
                    THEN src.created + src.r_close * LEAST(now() - src.created, interval '120 days')
               END,
               (src.created + (10 + floor(src.r_deadline * 110)::int) * interval '1 day')::date,
               src.created,
               CASE WHEN src.kind = 'opportunity' AND src.r_deadline < 0.3 THEN src.created END,
               src.created,
               src.created,
               src.created,
               1,
               1,
               'correct',
               'correct'
          FROM bench_lead_src src
          JOIN bench_user u ON u.n = src.user_n
          JOIN bench_customer c ON c.n = src.customer_n
          JOIN bench_stage st ON st.n = src.stage_n
          JOIN bench_stage mx ON mx.n = src.max_n
          CROSS JOIN LATERAL (
              SELECT CASE src.status WHEN 'won' THEN 100.0 WHEN 'lost' THEN 0.0
                                     ELSE st.probability::numeric END AS p
          ) prob
          CROSS JOIN LATERAL (
              SELECT round((1000000 + src.r_revenue ^ 2 * 60000000)::numeric, -3) AS amount
          ) rev
         ORDER BY src.n
        """,
        {"company": company.id},
    )


def insert_orders(env, company):
    """One order per won opportunity, quotations of lost/open ones, the rest direct sales."""
    currency = company.currency_id.id
    sql(
        env,
        """
        CREATE TEMP TABLE bench_order_src (
            n serial, partner_id int, user_id int, team_id int, state text,
            date_order timestamp, opportunity_id int, n_lines int);
        ANALYZE crm_lead;
        INSERT INTO bench_order_src (partner_id, user_id, team_id, state, date_order,
                                     opportunity_id, n_lines)
        SELECT l.partner_id, l.user_id, l.team_id,
               CASE WHEN l.won_status = 'won' THEN 'sale'
                    WHEN l.won_status = 'lost' THEN 'cancel' ELSE 'sent' END,
               COALESCE(l.date_closed, l.create_date + interval '7 days'),
               l.id, 1 + floor(random() * 9)::int
          FROM crm_lead l
         WHERE l.name LIKE 'Bench боломж %%'
           AND (l.won_status = 'won' OR l.mn_max_stage_id = %(proposition)s)
         ORDER BY l.id;
        INSERT INTO bench_order_src (partner_id, user_id, team_id, state, date_order,
                                     opportunity_id, n_lines)
        SELECT c.id, u.id, u.team_id,
               CASE WHEN r.s < 0.88 THEN 'sale' WHEN r.s < 0.95 THEN 'draft' ELSE 'cancel' END,
               now() - (random() * %(days)s) * interval '1 day',
               NULL, 1 + floor(random() * 9)::int
          FROM generate_series(1, %(orders)s - (SELECT count(*) FROM bench_order_src)) g
          CROSS JOIN LATERAL (SELECT random() AS s, g AS keep) r
          JOIN bench_customer c ON c.n = 1 + (g * 7919) %% %(customers)s
          JOIN bench_user u ON u.n = 1 + (g * 104729) %% %(users)s;
        ALTER TABLE bench_order_src ADD COLUMN name text;
        UPDATE bench_order_src SET name = 'BENCH/' || lpad(n::text, 6, '0');
        ANALYZE bench_order_src;
        """,
        {
            "proposition": env.ref("crm.stage_lead3").id,
            "days": DAYS,
            "orders": N_ORDERS,
            "customers": N_CUSTOMERS,
            "users": N_USERS,
        },
    )
    columns, values = with_optional(
        env,
        "sale_order",
        {
            "name": "src.name",
            "company_id": "%(company)s",
            "partner_id": "src.partner_id",
            "partner_invoice_id": "src.partner_id",
            "partner_shipping_id": "src.partner_id",
            "user_id": "src.user_id",
            "team_id": "src.team_id",
            "state": "src.state",
            "date_order": "src.date_order",
            "opportunity_id": "src.opportunity_id",
            "currency_id": "%(currency)s",
            "currency_rate": "1.0",
            "picking_policy": "'direct'",
            "invoice_status": "'no'",
            "locked": "FALSE",
            "require_signature": "FALSE",
            "require_payment": "FALSE",
            "create_date": "src.date_order",
            "write_date": "src.date_order",
            "create_uid": "1",
            "write_uid": "1",
        },
        {
            # the suite's discount approval: a fresh install sets no discount limit, so no
            # generated order needs an approval (the field's default)
            "mn_approval_state": "'not_needed'",
            # no generated order has order-level (negative) discount lines
            "mn_order_discount_share": "0.0",
        },
    )
    count = sql(
        env,
        f"""
        INSERT INTO sale_order ({columns})
        SELECT {values}
          FROM bench_order_src src
         ORDER BY src.n
        """,
        {"company": company.id, "currency": currency},
    )
    # Temporary tables are never analysed by autovacuum: without statistics the planner
    # would join them with nested loops (quadratic on 200,000 rows).
    sql(
        env,
        """
        ANALYZE sale_order;
        CREATE TEMP TABLE bench_order AS
        SELECT o.id AS order_id, src.n_lines
          FROM bench_order_src src JOIN sale_order o ON o.name = src.name;
        ANALYZE bench_order;
        """,
    )
    return count


def insert_order_lines(env, company):
    """About 5 lines an order; prices from the list with pricelist cuts and line discounts."""
    columns, values = with_optional(
        env,
        "sale_order_line",
        {
            "order_id": "priced.order_id",
            "sequence": "10 * priced.i",
            "company_id": "%(company)s",
            "currency_id": "%(currency)s",
            "order_partner_id": "priced.partner_id",
            "salesman_id": "priced.user_id",
            "product_id": "priced.product_id",
            "product_uom_id": "priced.uom_id",
            "state": "priced.state",
            "name": "priced.name",
            "product_uom_qty": "priced.qty",
            "price_unit": "priced.price_unit",
            "discount": "priced.discount",
            "technical_price_unit": "priced.price_unit",
            "price_total": "net.total",
            "price_subtotal": "round(net.total / 1.1, 2)",
            "price_tax": "net.total - round(net.total / 1.1, 2)",
            "price_reduce_taxexcl": "round(net.unit / 1.1, 2)",
            "price_reduce_taxinc": "net.unit",
            "qty_delivered": "priced.delivered",
            "qty_delivered_method": "'manual'",
            "qty_invoiced": "0",
            "qty_to_invoice": "0",
            "untaxed_amount_invoiced": "0",
            "untaxed_amount_to_invoice": "0",
            "invoice_status": "'no'",
            "customer_lead": "0",
            "is_downpayment": "FALSE",
            "is_expense": "FALSE",
            "create_date": "priced.date_order",
            "write_date": "priced.date_order",
            "create_uid": "1",
            "write_uid": "1",
        },
        {
            # what the pricelist gives the line before manual changes: the list price in
            # the line's unit (the product's own unit here), the undiscounted price
            "mn_reference_price_unit": "priced.list_price",
            # weekday/hour rules are judged when the line was priced: the order date
            "mn_priced_at": "priced.date_order",
        },
    )
    count = sql(
        env,
        f"""
        WITH raw AS (
            SELECT o.id AS order_id, o.partner_id, o.user_id, o.state, o.date_order, g.i,
                   1 + floor(random() * %(products)s)::int AS product_n,
                   1 + floor(random() ^ 2 * 20)::int AS qty,
                   random() AS r_price, random() AS r_disc, random() AS r_deliver
              FROM bench_order bo
              JOIN sale_order o ON o.id = bo.order_id
              CROSS JOIN LATERAL generate_series(1, bo.n_lines) g(i)
        ), priced AS (
            SELECT raw.*, p.id AS product_id, p.uom_id, p.name, p.list_price,
                   CASE WHEN raw.r_price < 0.6 THEN p.list_price
                        ELSE round((p.list_price * (0.85 + raw.r_price * 0.15 / 0.4))::numeric, -2)
                   END AS price_unit,
                   CASE WHEN raw.r_disc < 0.7 THEN 0.0
                        ELSE round((1 + (raw.r_disc - 0.7) / 0.3 * 19)::numeric, 0) END
                       AS discount,
                   CASE WHEN raw.state <> 'sale' THEN 0
                        WHEN raw.date_order > now() - interval '14 days' THEN 0
                        WHEN raw.r_deliver < 0.9 THEN raw.qty
                        ELSE floor(raw.qty / 2.0) END AS delivered
              FROM raw JOIN bench_product p ON p.n = raw.product_n
        )
        INSERT INTO sale_order_line ({columns})
        SELECT {values}
          FROM priced
          CROSS JOIN LATERAL (
              SELECT priced.price_unit * (1 - priced.discount / 100) AS unit,
                     round(priced.price_unit * (1 - priced.discount / 100) * priced.qty, 2)
                     AS total
          ) net
        """,
        {"products": N_PRODUCTS, "company": company.id, "currency": company.currency_id.id},
    )
    sql(
        env,
        """
        UPDATE sale_order o
           SET amount_untaxed = t.untaxed, amount_tax = t.tax, amount_total = t.total
          FROM (SELECT order_id, SUM(price_subtotal) AS untaxed, SUM(price_tax) AS tax,
                       SUM(price_total) AS total
                  FROM sale_order_line GROUP BY order_id) t
         WHERE t.order_id = o.id AND o.name LIKE 'BENCH/%%';
        ANALYZE sale_order_line;
        ANALYZE sale_order;
        """,
    )
    return count


def insert_invoices(env, company, journal):
    """Invoice 85%% of confirmed orders older than 10 days; 70%% of invoices are paid."""
    sql(
        env,
        """
        ALTER TABLE account_move ADD COLUMN IF NOT EXISTS mn_bench_order int;
        ALTER TABLE account_move_line ADD COLUMN IF NOT EXISTS mn_bench_line int;
        CREATE TEMP TABLE bench_invoice_src AS
        SELECT row_number() OVER (ORDER BY o.id) AS n, o.id AS order_id, o.partner_id,
               o.user_id, o.team_id, o.amount_untaxed, o.amount_tax, o.amount_total,
               (o.date_order + interval '3 days')::date AS date,
               random() < 0.7 AS paid
          FROM sale_order o
         WHERE o.name LIKE 'BENCH/%%' AND o.state = 'sale'
           AND o.date_order < now() - interval '10 days' AND random() < 0.85;
        """,
    )
    moves = sql(
        env,
        """
        INSERT INTO account_move (
            name, journal_id, company_id, currency_id, state, move_type, auto_post, date,
            invoice_date, invoice_date_due, partner_id, commercial_partner_id,
            invoice_user_id, team_id, payment_state, amount_untaxed, amount_tax,
            amount_total, amount_residual, amount_untaxed_signed,
            amount_untaxed_in_currency_signed, amount_tax_signed, amount_total_signed,
            amount_total_in_currency_signed, amount_residual_signed, invoice_currency_rate,
            sequence_prefix, sequence_number, posted_before, mn_bench_order, create_date,
            write_date, create_uid, write_uid)
        SELECT 'BINV/' || lpad(src.n::text, 6, '0'), %(journal)s, %(company)s, %(currency)s,
               'posted', 'out_invoice', 'no', src.date, src.date, src.date + 30,
               src.partner_id, src.partner_id, src.user_id, src.team_id,
               CASE WHEN src.paid THEN 'paid' ELSE 'not_paid' END,
               src.amount_untaxed, src.amount_tax, src.amount_total,
               CASE WHEN src.paid THEN 0 ELSE src.amount_total END,
               src.amount_untaxed, src.amount_untaxed, src.amount_tax, src.amount_total,
               src.amount_total, CASE WHEN src.paid THEN 0 ELSE src.amount_total END, 1.0,
               'BINV/', src.n, TRUE, src.order_id, src.date, src.date, 1, 1
          FROM bench_invoice_src src
        """,
        {"journal": journal.id, "company": company.id, "currency": company.currency_id.id},
    )
    sql(env, "ANALYZE account_move")
    lines = sql(
        env,
        """
        INSERT INTO account_move_line (
            move_id, journal_id, company_id, company_currency_id, currency_id, account_id,
            partner_id, product_id, product_uom_id, move_name, parent_state, name,
            display_type, date, invoice_date, quantity, price_unit, discount,
            price_subtotal, price_total, debit, credit, balance, amount_currency,
            amount_residual, amount_residual_currency, sequence, mn_bench_line,
            create_date, write_date, create_uid, write_uid)
        SELECT m.id, m.journal_id, m.company_id, m.currency_id, m.currency_id, %(account)s,
               m.partner_id, l.product_id, l.product_uom_id, m.name, 'posted', l.name,
               'product', m.date, m.invoice_date, l.product_uom_qty, l.price_unit,
               l.discount, l.price_subtotal, l.price_total, 0, l.price_subtotal,
               -l.price_subtotal, -l.price_subtotal, 0, 0, l.sequence, l.id,
               m.create_date, m.create_date, 1, 1
          FROM account_move m
          JOIN sale_order_line l ON l.order_id = m.mn_bench_order
         WHERE m.mn_bench_order IS NOT NULL
        """,
        {"account": journal.default_account_id.id},
    )
    sql(env, "ANALYZE account_move_line")
    sql(
        env,
        """
        INSERT INTO sale_order_line_invoice_rel (order_line_id, invoice_line_id)
        SELECT aml.mn_bench_line, aml.id FROM account_move_line aml
         WHERE aml.mn_bench_line IS NOT NULL;
        UPDATE sale_order_line l
           SET qty_invoiced = l.product_uom_qty, untaxed_amount_invoiced = l.price_subtotal,
               invoice_status = 'invoiced'
          FROM account_move_line aml
         WHERE aml.mn_bench_line = l.id;
        UPDATE sale_order_line l
           SET qty_to_invoice = l.product_uom_qty,
               untaxed_amount_to_invoice = l.price_subtotal, invoice_status = 'to invoice'
         WHERE l.state = 'sale' AND l.qty_invoiced = 0
           AND l.order_id IN (SELECT id FROM sale_order WHERE name LIKE 'BENCH/%%');
        UPDATE sale_order o SET invoice_status = 'to invoice'
         WHERE o.name LIKE 'BENCH/%%' AND o.state = 'sale';
        UPDATE sale_order o SET invoice_status = 'invoiced'
          FROM account_move m WHERE m.mn_bench_order = o.id;
        ALTER TABLE account_move_line DROP COLUMN mn_bench_line;
        ALTER TABLE account_move DROP COLUMN mn_bench_order;
        """,
    )
    return moves, lines


DIMENSIONS_MARKER = "mn_bench.dimensions"
COMPETITORS = ["Номин Трейд", "Оргил Маркет", "Их Наяд", "Хаан Сервис"]
TIERS = ["Алт", "Мөнгө", "Хүрэл"]


def enrich_dimensions(env):
    """The suite's report dimensions on the dataset: reason categories, competitors, tiers,
    customer kinds. Run after ``generate`` and on datasets generated before these fields
    existed (once: marked by DIMENSIONS_MARKER), so the benchmark groups by real values.
    """
    params = env["ir.config_parameter"]
    if params.get_param(DIMENSIONS_MARKER):
        return False
    categories = env["mn.lost.reason.category"].search([], order="id")
    reasons = env["crm.lost.reason"].search([("name", "in", LOST_REASONS)], order="id")
    for index, reason in enumerate(reasons):
        reason.mn_category_id = categories[index % len(categories)]
    tiers = env["mn.partner.tier"].create([{"name": f"Bench {name}"} for name in TIERS])
    env.flush_all()
    sql(
        env,
        """
        UPDATE crm_lead l SET mn_lost_category_id = r.mn_category_id
          FROM crm_lost_reason r WHERE r.id = l.lost_reason_id
        """,
    )
    # a third of the lost deals name the competitor who won them
    sql(
        env,
        """
        UPDATE crm_lead SET mn_competitor_name = (%(names)s::varchar[])[1 + id %% %(n)s]
         WHERE lost_reason_id IS NOT NULL AND id %% 3 = 0
        """,
        {"names": COMPETITORS, "n": len(COMPETITORS)},
    )
    # customers: 3 in 4 have a tier; 1 in 5 is a citizen, the others legal entities
    sql(
        env,
        """
        UPDATE res_partner SET
               mn_tier_id = CASE WHEN id %% 4 < 3 THEN (%(tiers)s::int[])[1 + id %% 3] END,
               mn_register_kind = CASE WHEN id %% 5 = 0 THEN 'individual' ELSE 'company' END
         WHERE name LIKE 'Bench харилцагч %%'
        """,
        {"tiers": tiers.ids},
    )
    params.set_param(DIMENSIONS_MARKER, time.strftime("%Y-%m-%d %H:%M"))
    env.cr.commit()
    log("report dimensions filled (reason categories, competitors, tiers, customer kinds)")
    return True


def backfill_suite_columns(env):
    """Fill the suite's stored line and order figures the dataset left empty.

    A dataset generated before the suite stored them (or a column just added by an update,
    which SQL-inserted rows do not get) holds NULLs there: the same values as
    ``insert_order_lines`` and ``insert_orders`` give, only where they are missing.
    Idempotent and cheap when nothing is missing; columns that do not exist are skipped.
    """
    filled = {}
    lines = table_columns(env, "sale_order_line")
    bench_orders = "SELECT id FROM sale_order WHERE name LIKE 'BENCH/%%'"
    if "mn_priced_at" in lines:
        filled["mn_priced_at"] = sql(
            env,
            f"""
            UPDATE sale_order_line l SET mn_priced_at = o.date_order
              FROM sale_order o
             WHERE o.id = l.order_id AND l.mn_priced_at IS NULL
               AND o.id IN ({bench_orders})
            """,
        )
    if "mn_reference_price_unit" in lines:
        filled["mn_reference_price_unit"] = sql(
            env,
            f"""
            UPDATE sale_order_line l SET mn_reference_price_unit = t.list_price
              FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
             WHERE p.id = l.product_id AND l.mn_reference_price_unit IS NULL
               AND l.product_uom_id = t.uom_id AND l.order_id IN ({bench_orders})
            """,
        )
    if "mn_order_discount_share" in table_columns(env, "sale_order"):
        filled["mn_order_discount_share"] = sql(
            env,
            """
            UPDATE sale_order SET mn_order_discount_share = 0.0
             WHERE mn_order_discount_share IS NULL AND name LIKE 'BENCH/%%'
            """,
        )
    if "mn_has_confirmed_order" in table_columns(env, "crm_lead"):
        # the lost rules read it: a lead with a confirmed order may not be marked lost
        filled["mn_has_confirmed_order"] = sql(
            env,
            """
            UPDATE crm_lead l SET mn_has_confirmed_order = EXISTS (
                   SELECT 1 FROM sale_order o WHERE o.opportunity_id = l.id AND o.state = 'sale')
             WHERE l.mn_has_confirmed_order IS NULL
            """,
        )
    filled = {name: count for name, count in filled.items() if count}
    if filled:
        env.cr.commit()
        log(f"suite columns filled where empty: {filled}")
    return bool(filled)


def catch_up_schema(env):
    """Bring a dataset made by older code up to the suite's current fields.

    Odoo computes a new stored field through the ORM for every existing row when an update
    creates its column: hours on a million lines. Creating the missing columns here first
    (then ``backfill_suite_columns`` fills the ones the dataset knows) leaves the update
    only the columns' metadata, indexes and constraints to do. Returns whether it ran.
    """
    missing = missing_columns(env)
    if not missing:
        return False
    log(f"{BENCH_DB} predates the code; missing columns: {missing}")
    for table, columns in missing.items():
        for column, sql_type in columns.items():
            sql(env, f'ALTER TABLE "{table}" ADD COLUMN "{column}" {sql_type}')
    backfill_suite_columns(env)
    # the rows the dataset does not know (demo data, say): computed as the update would
    tables = {model._table: model for model in env.registry.values() if model._auto}
    for table, columns in missing.items():
        model = env[tables[table]._name].with_context(active_test=False)
        for column in columns:
            field = model._fields[column]
            if not field.compute:
                continue
            env.cr.execute(f'SELECT id FROM "{table}" WHERE "{column}" IS NULL')
            records = model.browse(row[0] for row in env.cr.fetchall())
            if records:
                env.add_to_compute(field, records)
                log(f"  computing {model._name}.{column} on {len(records)} other rows")
    env.flush_all()
    env.cr.commit()
    databases, _ = harness()
    from mnharness.odoo_cli import run_odoo  # noqa: PLC0415
    from mnharness.paths import suite_addons  # noqa: PLC0415

    log(f"updating the suite in {BENCH_DB} (log: {databases.LOG_DIR}/bench_update.log)")
    rc = run_odoo(
        ["-d", BENCH_DB, "-u", ",".join(suite_addons()), "--stop-after-init", "--no-http"],
        log_file=databases.LOG_DIR / "bench_update.log",
        quiet=True,
        check=False,
    )
    if rc:
        sys.exit(f"updating the suite in {BENCH_DB} failed: see {databases.LOG_DIR}")
    return True


def pause_sales_facts(env):
    """Drop the report fact tables' triggers for the bulk inserts and updates below.

    Each SQL statement on a million lines would otherwise recompute its facts (several
    times over); ``refresh_sales_facts`` recreates the triggers and rebuilds the rows once.
    """
    from odoo.addons.mn_crm_sales_reports.report import (  # noqa: PLC0415
        mn_crm_funnel_fact,
        sale_report_fact,
    )

    for name, table, *__ in sale_report_fact.TRIGGERS:
        sql(env, f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for name, table, *__ in mn_crm_funnel_fact.TRIGGERS:
        sql(env, f"DROP TRIGGER IF EXISTS {name} ON {table}")


def refresh_sales_facts(env):
    from odoo.addons.mn_crm_sales_reports.report import (  # noqa: PLC0415
        mn_crm_funnel_fact,
        sale_report_fact,
    )

    started = time.time()
    sale_report_fact.install(env.cr)
    mn_crm_funnel_fact.install(env.cr)
    env.cr.commit()
    log(f"report facts rebuilt ({time.time() - started:.1f}s)")


def generate(env):
    pause_sales_facts(env)
    company, teams, users, products, reasons, journal = create_master_data(env)
    log(f"master data: {len(teams)} teams, {len(users)} salespeople, {len(products)} products")
    fill_lookup_tables(env, company, teams, users, products, reasons)
    log(f"customers: {insert_customers(env, company)}")
    log(f"leads and opportunities: {insert_leads(env, company)}")
    log(f"sale orders: {insert_orders(env, company)}")
    log(f"sale order lines: {insert_order_lines(env, company)}")
    moves, lines = insert_invoices(env, company, journal)
    log(f"customer invoices: {moves} ({lines} lines)")
    refresh_sales_facts(env)
    env["ir.config_parameter"].set_param(MARKER, time.strftime("%Y-%m-%d %H:%M"))
    env.cr.commit()
    log("committed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    args = parser.parse_args()
    if args.drop:
        databases, pgcluster = harness()
        pgcluster.start()
        databases.drop(BENCH_DB)
        log(f"{BENCH_DB} dropped")
        return
    generated = ensure_database(args.force)
    with odoo_env(BENCH_DB) as env:
        updated = catch_up_schema(env)
        if generated:
            generate(env)
        enriched = enrich_dimensions(env)
        backfilled = backfill_suite_columns(env)
    if not (generated or updated or enriched or backfilled):
        return
    _, pgcluster = harness()
    pgcluster.psql("VACUUM ANALYZE", dbname=BENCH_DB)
    log("analyzed; done")


if __name__ == "__main__":
    main()
