"""The funnel's order and invoice steps per lead, kept current by triggers.

The funnel view used to follow, on each click, every confirmed order line of every lead to
its invoice lines and invoices (a million lines for 200,000 leads). ``mn_crm_funnel_fact``
holds the result per lead that has a quotation or an invoice: the view joins it to the
leads by primary key. Triggers on what the figures read (orders, the order line - invoice
line links, invoices) recompute the rows of the leads a statement touched, in the same
transaction; see ``sale_report_fact`` for why triggers.
"""

from odoo.tools import SQL

FACT_TABLE = "mn_crm_funnel_fact"
REFRESH_FUNCTION = "mn_crm_funnel_fact_refresh"

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS mn_crm_funnel_fact (
    lead_id integer PRIMARY KEY,
    quotations integer NOT NULL,
    orders integer NOT NULL,
    quotation_amount numeric,
    order_amount numeric,
    invoices integer NOT NULL,
    paid_invoices integer NOT NULL,
    invoiced_amount numeric,
    paid_amount numeric
)
"""

# The figures of the leads matching {leads} (a condition on ``s.opportunity_id``).
FACT_SELECT = """
SELECT COALESCE(so.lead_id, inv.lead_id) AS lead_id,
       COALESCE(so.quotations, 0) AS quotations, COALESCE(so.orders, 0) AS orders,
       so.quotation_amount, so.order_amount,
       COALESCE(inv.invoices, 0) AS invoices, COALESCE(inv.paid_invoices, 0) AS paid_invoices,
       inv.invoiced_amount, inv.paid_amount
  FROM (SELECT s.opportunity_id AS lead_id,
               COUNT(*) AS quotations,
               COUNT(*) FILTER (WHERE s.state = 'sale') AS orders,
               SUM(s.amount_untaxed / COALESCE(NULLIF(s.currency_rate, 0), 1.0))
                   AS quotation_amount,
               SUM(s.amount_untaxed / COALESCE(NULLIF(s.currency_rate, 0), 1.0))
                   FILTER (WHERE s.state = 'sale') AS order_amount
          FROM sale_order s
         WHERE s.opportunity_id IS NOT NULL AND s.state <> 'cancel' AND {leads}
         GROUP BY s.opportunity_id) so
  FULL JOIN (
        SELECT li.lead_id,
               COUNT(*) AS invoices,
               COUNT(*) FILTER (WHERE li.paid) AS paid_invoices,
               SUM(li.amount) AS invoiced_amount,
               SUM(li.amount) FILTER (WHERE li.paid) AS paid_amount
          FROM (SELECT DISTINCT s.opportunity_id AS lead_id, m.id AS move_id,
                       m.amount_untaxed_signed AS amount,
                       m.payment_state IN ('paid', 'in_payment') AS paid
                  FROM sale_order s
                  JOIN sale_order_line sol ON sol.order_id = s.id
                  JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = sol.id
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                  JOIN account_move m ON m.id = aml.move_id
                 WHERE s.opportunity_id IS NOT NULL AND s.state = 'sale' AND {leads}
                   AND m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
               ) li
         GROUP BY li.lead_id) inv ON inv.lead_id = so.lead_id
"""

ORDER_COLUMNS = ("opportunity_id", "state", "amount_untaxed", "currency_rate")
MOVE_COLUMNS = ("state", "payment_state", "amount_untaxed_signed", "move_type")

# Leads of the order lines listed in a transition table of sale_order_line_invoice_rel.
_LEADS_OF_LINKS = """
SELECT s.opportunity_id FROM {rows} r
  JOIN sale_order_line sol ON sol.id = r.order_line_id
  JOIN sale_order s ON s.id = sol.order_id
 WHERE s.opportunity_id IS NOT NULL
"""


def _changed(columns):
    return " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in columns)


# (trigger function, table, event, transition tables, SELECT of the lead ids to refresh)
TRIGGERS = [
    (
        "mn_crm_funnel_fact_order_ins",
        "sale_order",
        "INSERT",
        "NEW TABLE AS new_rows",
        "SELECT opportunity_id FROM new_rows WHERE opportunity_id IS NOT NULL",
    ),
    (
        "mn_crm_funnel_fact_order_upd",
        "sale_order",
        "UPDATE",
        "NEW TABLE AS new_rows OLD TABLE AS old_rows",
        f"""SELECT x.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             CROSS JOIN LATERAL (VALUES (n.opportunity_id), (o.opportunity_id)) x(lead_id)
             WHERE x.lead_id IS NOT NULL AND ({_changed(ORDER_COLUMNS)})""",
    ),
    (
        "mn_crm_funnel_fact_order_del",
        "sale_order",
        "DELETE",
        "OLD TABLE AS old_rows",
        "SELECT opportunity_id FROM old_rows WHERE opportunity_id IS NOT NULL",
    ),
    (
        "mn_crm_funnel_fact_link_ins",
        "sale_order_line_invoice_rel",
        "INSERT",
        "NEW TABLE AS new_rows",
        _LEADS_OF_LINKS.format(rows="new_rows"),
    ),
    (
        "mn_crm_funnel_fact_link_del",
        "sale_order_line_invoice_rel",
        "DELETE",
        "OLD TABLE AS old_rows",
        _LEADS_OF_LINKS.format(rows="old_rows"),
    ),
    (
        "mn_crm_funnel_fact_move_upd",
        "account_move",
        "UPDATE",
        "NEW TABLE AS new_rows OLD TABLE AS old_rows",
        f"""SELECT s.opportunity_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN account_move_line aml ON aml.move_id = n.id
              JOIN sale_order_line_invoice_rel r ON r.invoice_line_id = aml.id
              JOIN sale_order_line sol ON sol.id = r.order_line_id
              JOIN sale_order s ON s.id = sol.order_id
             WHERE s.opportunity_id IS NOT NULL AND ({_changed(MOVE_COLUMNS)})""",
    ),
]


def _functions():
    refresh = f"""
CREATE OR REPLACE FUNCTION {REFRESH_FUNCTION}(lead_ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(lead_ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM {FACT_TABLE} WHERE lead_id IN (SELECT unnest(lead_ids));
    INSERT INTO {FACT_TABLE}
    {FACT_SELECT.format(leads="s.opportunity_id IN (SELECT unnest(lead_ids))")};
END $$;
"""
    triggers = "".join(
        f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM {REFRESH_FUNCTION}(ARRAY(SELECT DISTINCT lead_id FROM ({leads}) t(lead_id)));
    RETURN NULL;
END $$;
"""
        for name, __, __, __, leads in TRIGGERS
    )
    return refresh + triggers


def install(cr):
    """Create (or replace) the table, its functions and triggers; rebuild the rows."""
    cr.execute(SQL(CREATE_TABLE))
    cr.execute(SQL(_functions()))
    for name, table, event, refs, __ in TRIGGERS:
        cr.execute(SQL(f"DROP TRIGGER IF EXISTS {name}_trg ON {table}"))
        cr.execute(
            SQL(
                f"CREATE TRIGGER {name}_trg AFTER {event} ON {table} REFERENCING {refs}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
        )
    rebuild(cr)


def live_select():
    """The figures of every lead computed from the source tables (what the rows hold)."""
    return FACT_SELECT.format(leads="TRUE")


def rebuild(cr):
    cr.execute(SQL(f"TRUNCATE {FACT_TABLE}"))
    cr.execute(SQL(f"INSERT INTO {FACT_TABLE} {FACT_SELECT.format(leads='TRUE')}"))
    cr.execute(SQL(f"ANALYZE {FACT_TABLE}"))


def is_current(cr):
    """Triggers in place and a row for every lead with a quotation (see ``sale_report_fact``)."""
    cr.execute(
        SQL(
            "SELECT COUNT(*) FROM pg_trigger WHERE tgname IN %s AND tgenabled <> 'D'",
            tuple(f"{name}_trg" for name, *__ in TRIGGERS),
        )
    )
    if cr.fetchone()[0] != len(TRIGGERS):
        return False
    cr.execute(
        SQL(
            f"SELECT (SELECT COUNT(*) FROM {FACT_TABLE} WHERE quotations > 0),"
            " (SELECT COUNT(DISTINCT opportunity_id) FROM sale_order"
            "   WHERE opportunity_id IS NOT NULL AND state <> 'cancel')"
        )
    )
    facts, leads = cr.fetchone()
    return facts == leads


def table_exists(cr):
    cr.execute(SQL("SELECT to_regclass(%s) IS NOT NULL", FACT_TABLE))
    return cr.fetchone()[0]


def drop(cr):
    for name, table, *__ in TRIGGERS:
        cr.execute(SQL(f"DROP TRIGGER IF EXISTS {name}_trg ON {table}"))
        cr.execute(SQL(f"DROP FUNCTION IF EXISTS {name}()"))
    cr.execute(SQL(f"DROP FUNCTION IF EXISTS {REFRESH_FUNCTION}(integer[])"))
    cr.execute(SQL(f"DROP TABLE IF EXISTS {FACT_TABLE} CASCADE"))
