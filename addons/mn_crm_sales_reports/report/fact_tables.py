"""What the two fact tables (``sale_report_fact``, ``mn_crm_funnel_fact``) share: whether
their triggers are in place, whether the table exists, its columns, and dropping triggers
and functions.

``triggers`` is a module's ``TRIGGERS`` list: (trigger, table, ..., function, ...) rows.
"""

from odoo.tools import SQL


def triggers_enabled(cr, triggers):
    """Whether every trigger of ``triggers`` exists and is enabled."""
    cr.execute(
        SQL(
            "SELECT COUNT(*) FROM pg_trigger WHERE tgname IN %s AND tgenabled <> 'D'",
            tuple(trigger for trigger, *__ in triggers),
        )
    )
    return cr.fetchone()[0] == len(triggers)


def table_exists(cr, table):
    cr.execute(SQL("SELECT to_regclass(%s) IS NOT NULL", table))
    return cr.fetchone()[0]


def drop_triggers(cr, triggers):
    """Drop the triggers of ``triggers`` and the trigger functions they call."""
    for trigger, table, __, __, function, __ in triggers:
        cr.execute(
            SQL("DROP TRIGGER IF EXISTS %s ON %s", SQL.identifier(trigger), SQL.identifier(table))
        )
        cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(function)))


def columns(cr, table):
    """``[(column, type)]`` of ``table`` in their order, as ``information_schema`` names them."""
    cr.execute(
        SQL(
            """SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = %s
                ORDER BY ordinal_position""",
            table,
        )
    )
    return [tuple(row) for row in cr.fetchall()]
