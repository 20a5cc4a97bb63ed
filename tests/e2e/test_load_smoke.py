"""``make load`` in short, in ``make test``: 3 clients for 12 s on multi-worker Odoo.

The module clones the suite's database, runs ``tools/load`` (``--smoke``: the suite only,
``odoo-bin --workers=4`` with a cron worker, 3 salespeople and their team leader over
JSON-2) and fails when the checker finds anything. Then it proves the checker itself:
defects planted in that database by SQL (a duplicate register number, an order without
lines, a confirmed order over its discount limit without approval, a duplicate order
name, a requested approval without its activity) and a tally that claims what the
database does not hold are each reported. Each plant is rolled back afterwards.
"""

import dataclasses
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from load import checker, run, tally  # noqa: E402
from load.tally import Entry  # noqa: E402
from mnharness import databases, pgcluster  # noqa: E402


@pytest.fixture(scope="module")
def smoke(source_db):
    started = pgcluster.start()
    args = ["--smoke", "--source-db", source_db, "--keep", "--prefix", "mn_load_smoke"]
    result = run.run(args)["suite"]
    try:
        yield result
    finally:
        databases.drop(result["db"])
        pgcluster.stop_if_started(started)


@pytest.fixture
def planted(smoke):
    """A connection to the smoke's database whose changes are rolled back afterwards."""
    conn = checker.connect(smoke["db"], pgcluster.PORT)
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()


def entries(smoke):
    return tally.load(Path(smoke["out"]) / "tally.jsonl")


def verdict(smoke, conn, extra=()):
    return checker.Checker(conn, entries(smoke) + list(extra), smoke["setup"]).run()


def execute(conn, sql, params=()):
    with conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall() if cr.description else None


def test_smoke_run_is_checked_green(smoke):
    assert not smoke["defects"], "\n".join(smoke["defects"])
    rows = smoke["rows"]
    # the clients did work, with no server error, and the leader polled for approvals
    assert sum(r["ok"] for op, r in rows.items() if op != "approvals_poll") >= 3, rows
    assert not sum(r["error"] for r in rows.values()), rows
    assert rows["approvals_poll"]["count"] >= 1, rows


def test_checker_green_on_the_untouched_database(smoke, planted):
    assert verdict(smoke, planted).ok


def test_checker_reports_duplicate_register_number(smoke, planted):
    # the unique index holds over the computed key, not over the number typed by SQL
    (first, number), (second, _other) = execute(
        planted,
        "SELECT id, mn_register_number FROM res_partner WHERE mn_register_number IS NOT NULL"
        " AND is_company AND company_id IS NOT DISTINCT FROM"
        " (SELECT company_id FROM res_partner WHERE id = %s) ORDER BY id LIMIT 2",
        (smoke["setup"]["customer_ids"][0],),
    ) or [(None, None), (None, None)]
    assert first and second, "two companies with register numbers in the demo data"
    execute(
        planted, "UPDATE res_partner SET mn_register_number = %s WHERE id = %s", (number, second)
    )
    defects = verdict(smoke, planted).defects
    assert any(f"register number {number} held by partners" in d for d in defects), defects


def _run_order(smoke, conn):
    """A demo quotation handed to the run's first salesperson (the checker's scope)."""
    seller = smoke["setup"]["sellers"][0]["id"]
    [(order_id, name)] = execute(
        conn,
        "SELECT id, name FROM sale_order WHERE state = 'draft' AND EXISTS"
        " (SELECT 1 FROM sale_order_line l WHERE l.order_id = sale_order.id"
        "  AND l.display_type IS NULL) ORDER BY id LIMIT 1",
    )
    execute(conn, "UPDATE sale_order SET create_uid = %s WHERE id = %s", (seller, order_id))
    return order_id, name


def test_checker_reports_order_without_lines(smoke, planted):
    order_id, name = _run_order(smoke, planted)
    execute(planted, "DELETE FROM sale_order_line WHERE order_id = %s", (order_id,))
    defects = verdict(smoke, planted).defects
    assert f"order {name} has no lines" in defects, defects


def test_checker_reports_confirmed_order_over_limit_without_approval(smoke, planted):
    order_id, name = _run_order(smoke, planted)
    product = smoke["setup"]["product_ids"][0]
    execute(
        planted,
        "UPDATE sale_order_line SET product_id = %s, discount = 40,"
        " mn_reference_price_unit = price_unit WHERE order_id = %s AND display_type IS NULL"
        " AND price_unit > 0",
        (product, order_id),
    )
    execute(
        planted,
        "UPDATE sale_order SET state = 'sale', mn_approval_state = 'to_request' WHERE id = %s",
        (order_id,),
    )
    defects = verdict(smoke, planted).defects
    assert any(
        d.startswith(f"order {name} is confirmed with line") and "over its 10% limit" in d
        for d in defects
    ), defects
    # the half-applied confirmation (no delivery) is reported too
    assert any(
        d.startswith(f"order {name} is confirmed (sale) without a delivery") for d in defects
    )


def test_checker_reports_duplicate_order_name(smoke, planted):
    [(first, name), (second, _)] = execute(
        planted, "SELECT id, name FROM sale_order ORDER BY id LIMIT 2"
    )
    execute(planted, "UPDATE sale_order SET name = %s WHERE id = %s", (name, second))
    defects = verdict(smoke, planted).defects
    assert any(d.startswith(f"order name {name} used by") for d in defects), defects


def test_checker_reports_requested_approval_without_activity(smoke, planted):
    order_id, name = _run_order(smoke, planted)
    leader = smoke["setup"]["leader"]["id"]
    execute(
        planted,
        "UPDATE sale_order SET mn_approval_state = 'requested', mn_approval_user_id = %s"
        " WHERE id = %s",
        (leader, order_id),
    )
    defects = verdict(smoke, planted).defects
    assert f"order {name} waits for {leader}, approval activities []" in defects, defects


def test_checker_reports_tally_claiming_missing_record(smoke, planted):
    ghost = Entry(
        client="c9",
        op="lead",
        seq=0,
        started=0.0,
        expected="ok",
        marker="LDplant-c9-0",
        ids={"crm.lead": [2_000_000_000]},
        facts={"register_number": None},
    )
    refused = dataclasses.replace(
        ghost,
        op="customer",
        seq=1,
        outcome="refused",
        expected="refused",
        ids={},
        # a customer the run did create: a refusal that left it would be a defect
        marker=execute(
            planted,
            "SELECT name FROM res_partner WHERE id = %s",
            (smoke["setup"]["customer_ids"][0],),
        )[0][0],
    )
    defects = verdict(smoke, planted, [ghost, refused]).defects
    assert "lead c9#0: saw [2000000000], the database holds []" in defects, defects
    assert any(d.startswith("customer c9#1: refused, yet left res_partner") for d in defects)
