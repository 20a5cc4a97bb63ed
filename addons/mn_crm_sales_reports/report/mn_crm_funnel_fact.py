"""The funnel's order and invoice steps per lead, kept current by triggers.

The funnel view used to follow, on each click, every confirmed order line of every lead to
its invoice lines and invoices (a million lines for 200,000 leads). ``mn_crm_funnel_fact``
holds the result per lead that has a quotation or an invoice: the view joins it to the
leads by primary key. Triggers on what the figures read (orders, the order line - invoice
line links, invoices) recompute the rows of the leads a statement touched, in the same
transaction; see ``sale_report_fact`` for why triggers.
"""

from odoo.tools import SQL

from . import fact_tables

FACT_TABLE = "mn_crm_funnel_fact"

ORDER_COLUMNS = ("opportunity_id", "state", "amount_untaxed", "currency_rate")
MOVE_COLUMNS = ("state", "payment_state", "amount_untaxed_signed", "move_type")


def _fact_select(leads):
    """The figures of the leads whose orders match ``leads`` (a condition on ``s``)."""
    return SQL(
        """SELECT COALESCE(so.lead_id, inv.lead_id) AS lead_id,
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
         WHERE s.opportunity_id IS NOT NULL AND s.state <> 'cancel' AND %(leads)s
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
                 WHERE s.opportunity_id IS NOT NULL AND s.state = 'sale' AND %(leads)s
                   AND m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
               ) li
         GROUP BY li.lead_id) inv ON inv.lead_id = so.lead_id""",
        leads=leads,
    )


def live_select():
    """The figures of every lead computed from the source tables (what the rows hold)."""
    return _fact_select(SQL("TRUE"))


def _changed(columns):
    return SQL(" OR ").join(
        SQL("%s IS DISTINCT FROM %s", SQL.identifier("n", c), SQL.identifier("o", c))
        for c in columns
    )


# Leads of the order lines listed in a transition table of sale_order_line_invoice_rel.
def _leads_of_links(rows):
    return SQL(
        """SELECT s.opportunity_id FROM %s r
             JOIN sale_order_line sol ON sol.id = r.order_line_id
             JOIN sale_order s ON s.id = sol.order_id
            WHERE s.opportunity_id IS NOT NULL""",
        SQL.identifier(rows),
    )


# (trigger, table, event, transition tables, function, SELECT of the lead ids to refresh)
TRIGGERS = [
    (
        "mn_crm_funnel_fact_order_ins_trg",
        "sale_order",
        SQL("INSERT"),
        SQL("NEW TABLE AS new_rows"),
        "mn_crm_funnel_fact_order_ins",
        SQL("SELECT opportunity_id FROM new_rows WHERE opportunity_id IS NOT NULL"),
    ),
    (
        "mn_crm_funnel_fact_order_upd_trg",
        "sale_order",
        SQL("UPDATE"),
        SQL("NEW TABLE AS new_rows OLD TABLE AS old_rows"),
        "mn_crm_funnel_fact_order_upd",
        SQL(
            """SELECT x.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                CROSS JOIN LATERAL (VALUES (n.opportunity_id), (o.opportunity_id)) x(lead_id)
                WHERE x.lead_id IS NOT NULL AND (%s)""",
            _changed(ORDER_COLUMNS),
        ),
    ),
    (
        "mn_crm_funnel_fact_order_del_trg",
        "sale_order",
        SQL("DELETE"),
        SQL("OLD TABLE AS old_rows"),
        "mn_crm_funnel_fact_order_del",
        SQL("SELECT opportunity_id FROM old_rows WHERE opportunity_id IS NOT NULL"),
    ),
    (
        "mn_crm_funnel_fact_link_ins_trg",
        "sale_order_line_invoice_rel",
        SQL("INSERT"),
        SQL("NEW TABLE AS new_rows"),
        "mn_crm_funnel_fact_link_ins",
        _leads_of_links("new_rows"),
    ),
    (
        "mn_crm_funnel_fact_link_del_trg",
        "sale_order_line_invoice_rel",
        SQL("DELETE"),
        SQL("OLD TABLE AS old_rows"),
        "mn_crm_funnel_fact_link_del",
        _leads_of_links("old_rows"),
    ),
    (
        "mn_crm_funnel_fact_move_upd_trg",
        "account_move",
        SQL("UPDATE"),
        SQL("NEW TABLE AS new_rows OLD TABLE AS old_rows"),
        "mn_crm_funnel_fact_move_upd",
        SQL(
            """SELECT s.opportunity_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                 JOIN account_move_line aml ON aml.move_id = n.id
                 JOIN sale_order_line_invoice_rel r ON r.invoice_line_id = aml.id
                 JOIN sale_order_line sol ON sol.id = r.order_line_id
                 JOIN sale_order s ON s.id = sol.order_id
                WHERE s.opportunity_id IS NOT NULL AND (%s)""",
            _changed(MOVE_COLUMNS),
        ),
    ),
]


def install(cr):
    """Create (or replace) the table, its functions and triggers; rebuild the rows."""
    cr.execute(
        SQL(
            """CREATE TABLE IF NOT EXISTS mn_crm_funnel_fact (
    lead_id integer PRIMARY KEY,
    quotations integer NOT NULL,
    orders integer NOT NULL,
    quotation_amount numeric,
    order_amount numeric,
    invoices integer NOT NULL,
    paid_invoices integer NOT NULL,
    invoiced_amount numeric,
    paid_amount numeric
)"""
        )
    )
    cr.execute(
        SQL(
            """
            CREATE OR REPLACE FUNCTION mn_crm_funnel_fact_refresh(lead_ids integer[])
            RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF cardinality(lead_ids) = 0 THEN
                    RETURN;
                END IF;
                DELETE FROM mn_crm_funnel_fact WHERE lead_id IN (SELECT unnest(lead_ids));
                INSERT INTO mn_crm_funnel_fact %s;
            END $$
            """,
            _fact_select(SQL("s.opportunity_id IN (SELECT unnest(lead_ids))")),
        )
    )
    for trigger, table, event, refs, function, leads in TRIGGERS:
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM mn_crm_funnel_fact_refresh(
                        ARRAY(SELECT DISTINCT lead_id FROM (%s) t(lead_id)));
                    RETURN NULL;
                END $$
                """,
                SQL.identifier(function),
                leads,
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
    cr.execute(SQL("TRUNCATE mn_crm_funnel_fact"))
    cr.execute(SQL("INSERT INTO mn_crm_funnel_fact %s", live_select()))
    cr.execute(SQL("ANALYZE mn_crm_funnel_fact"))


def is_current(cr):
    """Triggers in place and a row for every lead with a quotation (see ``sale_report_fact``)."""
    if not fact_tables.triggers_enabled(cr, TRIGGERS):
        return False
    cr.execute(
        SQL(
            "SELECT (SELECT COUNT(*) FROM mn_crm_funnel_fact WHERE quotations > 0),"
            " (SELECT COUNT(DISTINCT opportunity_id) FROM sale_order"
            "   WHERE opportunity_id IS NOT NULL AND state <> 'cancel')"
        )
    )
    facts, leads = cr.fetchone()
    return facts == leads


def table_exists(cr):
    return fact_tables.table_exists(cr, FACT_TABLE)


def drop(cr):
    """Remove the triggers, functions and table (uninstall; the funnel view goes with it)."""
    fact_tables.drop_triggers(cr, TRIGGERS)
    cr.execute(SQL("DROP FUNCTION IF EXISTS mn_crm_funnel_fact_refresh(integer[])"))
    cr.execute(SQL("DROP TABLE IF EXISTS mn_crm_funnel_fact CASCADE"))
