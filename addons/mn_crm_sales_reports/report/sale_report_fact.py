"""The sales analysis fact table: one row per order line, kept current by triggers.

``sale.report`` used to be a view that grouped every order line by some thirty columns on
each click. ``mn_sale_report_fact`` holds, per line the view shows (``display_type IS
NULL``), what the view reads from the line and its order, the amounts already divided by
the order's currency rate. The report then scans this one narrow table and joins only small
tables at read time (customers, products, units, the current company's rates), so what
belongs to them (the customer's tier and kind, the catalogue price, the cost, the unit
factors) is always the current value, as in the view.

Why triggers rather than ORM overrides: every path that changes a line or an order writes
the database (the ORM's flush, core's SQL in stock and invoicing, a script's SQL, the
bench dataset generator), and a trigger sees them all, in the same transaction, as one
set-based statement per ORM flush (statement-level triggers with transition tables). ORM
overrides of ``write``/``create`` would miss stored computed fields written by another
model's recompute (``qty_delivered``, ``untaxed_amount_invoiced``) unless the report
listed each dependency again.
"""

from odoo.tools import SQL

from . import fact_tables

FACT_TABLE = "mn_sale_report_fact"
REFRESH_FUNCTION = "mn_sale_report_fact_refresh"

# Columns of sale_order_line a fact row depends on (a change of any of them refreshes it).
LINE_COLUMNS = (
    "order_id",
    "product_id",
    "product_uom_id",
    "display_type",
    "is_downpayment",
    "invoice_status",
    "price_unit",
    "discount",
    "price_subtotal",
    "price_total",
    "product_uom_qty",
    "qty_delivered",
    "qty_invoiced",
    "qty_to_invoice",
    "untaxed_amount_to_invoice",
    "untaxed_amount_invoiced",
    "mn_reference_price_unit",
)
# Columns of sale_order copied into its lines' facts.
ORDER_COLUMNS = (
    "name",
    "date_order",
    "state",
    "invoice_status",
    "partner_id",
    "user_id",
    "company_id",
    "campaign_id",
    "medium_id",
    "source_id",
    "pricelist_id",
    "team_id",
    "warehouse_id",
    "currency_rate",
    "mn_order_discount_share",
    "mn_approval_state",
)


# The table's columns, in the order of ``_fact_select``, with the types PostgreSQL reports
# (``information_schema``): ``is_current`` compares them, so a table of an older definition
# (a restore, a dump) is rebuilt.
NUM = "numeric"  # as the order lines' columns: the view's own values, summed to the last digit
COLUMNS = (
    ("line_id", "integer"),
    ("order_id", "integer NOT NULL"),
    ("product_id", "integer"),
    ("line_uom_id", "integer"),
    ("is_downpayment", "boolean NOT NULL"),
    ("line_invoice_status", "character varying"),
    ("discount", NUM),
    # in the line's unit
    ("product_uom_qty", NUM),
    ("qty_delivered", NUM),
    ("qty_invoiced", NUM),
    ("qty_to_invoice", NUM),
    # in the order company's currency (order currency / order rate)
    ("price_unit", NUM),
    ("price_total", NUM),
    ("price_subtotal", NUM),
    ("to_invoice", NUM),
    ("invoiced", NUM),
    ("discount_amount", NUM),
    ("delivered", NUM),
    ("reference_amount", NUM),
    ("sold_amount", NUM),
    # the goods-line test without the product type (read at report time)
    ("goods_base", "boolean NOT NULL"),
    # the order's
    ("name", "character varying"),
    ("date_order", "timestamp without time zone"),
    ("state", "character varying"),
    ("invoice_status", "character varying"),
    ("partner_id", "integer"),
    ("user_id", "integer"),
    ("company_id", "integer"),
    ("campaign_id", "integer"),
    ("medium_id", "integer"),
    ("source_id", "integer"),
    ("pricelist_id", "integer"),
    ("team_id", "integer"),
    ("warehouse_id", "integer"),
    ("approval_state", "character varying"),
)

SQL_TYPES = {
    "integer": SQL("integer"),
    "integer NOT NULL": SQL("integer NOT NULL"),
    "boolean NOT NULL": SQL("boolean NOT NULL"),
    "character varying": SQL("character varying"),
    "numeric": SQL("numeric"),
    "timestamp without time zone": SQL("timestamp without time zone"),
}


def _changed(columns):
    """Rows of the transition tables ``n`` (new) and ``o`` (old) that differ in ``columns``."""
    return SQL(" OR ").join(
        SQL("%s IS DISTINCT FROM %s", SQL.identifier("n", c), SQL.identifier("o", c))
        for c in columns
    )


def _fact_select():
    """The facts of the order lines (one SELECT for the triggers and the rebuild)."""
    return SQL(
        """SELECT l.id, l.order_id, l.product_id, l.product_uom_id,
       COALESCE(l.is_downpayment, FALSE), l.invoice_status, l.discount,
       l.product_uom_qty, l.qty_delivered, l.qty_invoiced, l.qty_to_invoice,
       l.price_unit / r.rate, l.price_total / r.rate, l.price_subtotal / r.rate,
       l.untaxed_amount_to_invoice / r.rate, l.untaxed_amount_invoiced / r.rate,
       l.price_unit * l.product_uom_qty * l.discount / 100.0 / r.rate,
       CASE WHEN l.product_uom_qty <> 0
            THEN l.price_subtotal * l.qty_delivered / l.product_uom_qty ELSE 0 END / r.rate,
       COALESCE(l.mn_reference_price_unit, 0) * l.product_uom_qty / r.rate,
       l.price_unit * (1 - COALESCE(l.discount, 0) / 100.0)
           * (1 - COALESCE(s.mn_order_discount_share, 0)) * l.product_uom_qty / r.rate,
       l.product_id IS NOT NULL AND NOT COALESCE(l.is_downpayment, FALSE)
           AND l.price_unit * l.product_uom_qty >= 0,
       s.name, s.date_order, s.state, s.invoice_status, s.partner_id, s.user_id,
       s.company_id, s.campaign_id, s.medium_id, s.source_id, s.pricelist_id, s.team_id,
       s.warehouse_id, s.mn_approval_state
  FROM sale_order_line l
  JOIN sale_order s ON s.id = l.order_id
 CROSS JOIN LATERAL (
       SELECT CASE COALESCE(s.currency_rate, 0) WHEN 0 THEN 1.0 ELSE s.currency_rate END
       AS rate) r
 WHERE l.display_type IS NULL"""
    )


# (trigger, table, event, transition tables, function, SELECT of the line ids to refresh)
TRIGGERS = [
    (
        "mn_sale_report_fact_line_ins_trg",
        "sale_order_line",
        SQL("INSERT"),
        SQL("NEW TABLE AS new_rows"),
        "mn_sale_report_fact_line_ins",
        SQL("SELECT id FROM new_rows WHERE display_type IS NULL"),
    ),
    (
        "mn_sale_report_fact_line_upd_trg",
        "sale_order_line",
        SQL("UPDATE"),
        SQL("NEW TABLE AS new_rows OLD TABLE AS old_rows"),
        "mn_sale_report_fact_line_upd",
        SQL(
            "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %s",
            _changed(LINE_COLUMNS),
        ),
    ),
    (
        "mn_sale_report_fact_line_del_trg",
        "sale_order_line",
        SQL("DELETE"),
        SQL("OLD TABLE AS old_rows"),
        "mn_sale_report_fact_line_del",
        SQL("SELECT id FROM old_rows"),
    ),
    (
        "mn_sale_report_fact_order_upd_trg",
        "sale_order",
        SQL("UPDATE"),
        SQL("NEW TABLE AS new_rows OLD TABLE AS old_rows"),
        "mn_sale_report_fact_order_upd",
        SQL(
            """SELECT l.id FROM sale_order_line l
                WHERE l.display_type IS NULL AND l.order_id IN (
                      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %s)""",
            _changed(ORDER_COLUMNS),
        ),
    ),
]


def install(cr):
    """Create (or replace) the table, its functions and triggers; rebuild the rows."""
    # Recreated rather than altered: every row is recomputed below anyway, and an older
    # definition (columns of another type, say) never survives an upgrade.
    cr.execute(SQL("DROP TABLE IF EXISTS mn_sale_report_fact"))
    cr.execute(
        SQL(
            "CREATE TABLE mn_sale_report_fact (line_id integer PRIMARY KEY, %s)",
            SQL(", ").join(
                SQL("%s %s", SQL.identifier(name), SQL_TYPES[sql_type])
                for name, sql_type in COLUMNS[1:]
            ),
        )
    )
    # Without it PostgreSQL guesses tens of thousands of months in the table and sorts
    # every line (spilling to disk under the default work_mem) instead of hashing some 25
    # groups. The screens group by month in the users' time zone, Ulaanbaatar's here.
    cr.execute(
        SQL(
            """CREATE STATISTICS IF NOT EXISTS mn_sale_report_fact_month_stx
    ON (date_trunc('month', timezone('Asia/Ulaanbaatar', timezone('UTC', date_order))))
  FROM mn_sale_report_fact"""
        )
    )
    # refresh(line ids): the facts of those lines recomputed (deleted when gone)
    cr.execute(
        SQL(
            """
            CREATE OR REPLACE FUNCTION mn_sale_report_fact_refresh(line_ids integer[])
            RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM mn_sale_report_fact WHERE line_id IN (SELECT unnest(line_ids));
                INSERT INTO mn_sale_report_fact
                %s AND l.id IN (SELECT unnest(line_ids));
            END $$
            """,
            _fact_select(),
        )
    )
    for trigger, table, event, refs, function, lines in TRIGGERS:
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM mn_sale_report_fact_refresh(ARRAY(%s));
                    RETURN NULL;
                END $$
                """,
                SQL.identifier(function),
                lines,
            )
        )
        cr.execute(
            SQL("DROP TRIGGER IF EXISTS %s ON %s", SQL.identifier(trigger), SQL.identifier(table))
        )
        cr.execute(
            SQL(
                "CREATE TRIGGER %s AFTER %s ON %s REFERENCING %s"
                " FOR EACH STATEMENT EXECUTE FUNCTION %s()",
                SQL.identifier(trigger),
                event,
                SQL.identifier(table),
                refs,
                SQL.identifier(function),
            )
        )
    rebuild(cr)


def rebuild(cr):
    """Recompute every row from the order lines (install, upgrade, a restore out of step)."""
    cr.execute(SQL("TRUNCATE mn_sale_report_fact"))
    cr.execute(SQL("INSERT INTO mn_sale_report_fact %s", _fact_select()))
    cr.execute(SQL("ANALYZE mn_sale_report_fact"))


def is_current(cr):
    """Whether the triggers are in place, the columns are those of this code, and the table
    holds a row per line it reflects.

    A restore (a dump of part of the tables, ``--disable-triggers``, a copy made by other
    tools) can bring lines without their facts; counting both sides catches it at the cost
    of two index-only counts.
    """
    if not fact_tables.triggers_enabled(cr, TRIGGERS):
        return False
    if columns_of_table(cr) != [(name, t.removesuffix(" NOT NULL")) for name, t in COLUMNS]:
        return False
    cr.execute(
        SQL(
            "SELECT (SELECT COUNT(*) FROM mn_sale_report_fact),"
            " (SELECT COUNT(*) FROM sale_order_line WHERE display_type IS NULL)"
        )
    )
    facts, lines = cr.fetchone()
    return facts == lines


def columns_of_table(cr):
    """``[(column, type)]`` of the table as it is in the database."""
    return fact_tables.columns(cr, FACT_TABLE)


def table_exists(cr):
    return fact_tables.table_exists(cr, FACT_TABLE)


def drop(cr):
    """Remove the triggers, functions and table (uninstall)."""
    fact_tables.drop_triggers(cr, TRIGGERS)
    cr.execute(SQL("DROP FUNCTION IF EXISTS mn_sale_report_fact_refresh(integer[])"))
    cr.execute(SQL("DROP TABLE IF EXISTS mn_sale_report_fact"))
