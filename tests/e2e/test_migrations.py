"""Rehearsal of the next version bump: migration scripts run once, in their phase, with
the previous version, and the data comes through (docs/migrations.md).

A copy of the suite's database (demo data, the seed's records) is updated with ``-u`` from a
bumped copy of mn_crm_sales_reports that holds ``pre-``, ``post-`` and ``end-`` scripts and
adds one column (tools/mnharness/migration.py). The real addons hold no migration script.
"""

import pytest
from mnharness import databases, migration, pgcluster
from mnharness.paths import ADDONS_DIR, tagged_db

ADDON = "mn_crm_sales_reports"
MIGRATION_DB = tagged_db("mn_e2e_migration")
#: The records the suite keeps: the core tables it extends, its own tables, its reports.
TABLES = (
    "res_company",
    "res_partner",
    "crm_team",
    "crm_lead",
    "crm_lost_reason",
    "sale_order",
    "sale_order_line",
    "product_pricelist_item",
    "account_move",
)
#: Bookkeeping columns an update may touch without changing a record.
SKIPPED_COLUMNS = ("write_date", "write_uid")


def layout_of(db):
    """{relation: [column, ...]}: the relations to compare and their columns, read before
    the update (the columns the update adds are not compared)."""
    skipped = ", ".join(f"'{name}'" for name in SKIPPED_COLUMNS)
    relations = ", ".join(f"'{name}'" for name in TABLES)
    out = pgcluster.psql(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c "
        "JOIN pg_class r ON r.relname = c.table_name "
        "JOIN pg_namespace n ON n.oid = r.relnamespace AND n.nspname = c.table_schema "
        "WHERE c.table_schema = 'public' AND r.relkind IN ('r', 'v') "
        f"AND (c.table_name IN ({relations}) OR c.table_name LIKE 'mn\\_%') "
        f"AND c.column_name NOT IN ({skipped}) ORDER BY c.table_name, c.column_name",
        dbname=db,
    )
    layout = {}
    for line in out.splitlines():
        relation, __, column = line.partition("|")
        layout.setdefault(relation, []).append(column)
    return layout


def fingerprint(db, layout):
    """{relation: "row count md5 of its rows"} over the columns of ``layout``, and the
    system parameters, in one query."""
    parts = []
    for relation, columns in layout.items():
        row = ", ".join(f'"{column}"' for column in columns)
        parts.append(
            f"SELECT '{relation}', count(*) || ' ' || "
            "coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '') "
            f'FROM (SELECT ROW({row}) AS r FROM "{relation}") t'
        )
    parts.append(
        "SELECT 'ir_config_parameter', md5(string_agg(key || '=' || value, ',' ORDER BY key)) "
        "FROM ir_config_parameter "
        "WHERE key NOT LIKE 'mn_migration_rehearsal.%' AND key NOT LIKE 'database.%'"
    )
    out = pgcluster.psql(" UNION ALL ".join(f"({part})" for part in parts), dbname=db)
    return dict(line.split("|", 1) for line in out.splitlines())


@pytest.fixture(scope="module")
def rehearsal(source_db, tmp_path_factory):
    started = pgcluster.start()
    databases.drop(MIGRATION_DB)
    databases.clone(source_db, MIGRATION_DB)
    try:
        layout = layout_of(MIGRATION_DB)
        assert set(TABLES) <= set(layout), set(TABLES) - set(layout)
        before = fingerprint(MIGRATION_DB, layout)
        installed = pgcluster.psql(
            f"SELECT latest_version FROM ir_module_module WHERE name = '{ADDON}'",
            dbname=MIGRATION_DB,
        )
        addons_root = tmp_path_factory.mktemp("bumped_addons")
        old, new = migration.bump_addon(ADDON, addons_root)
        rc, log_file = migration.update(MIGRATION_DB, ADDON, addons_root)
        yield {
            "rc": rc,
            "log": log_file.read_text(encoding="utf-8"),
            "installed": installed,
            "old": old,
            "new": new,
            "records": migration.recorded(MIGRATION_DB),
            "before": before,
            "after": fingerprint(MIGRATION_DB, layout),
            "latest": pgcluster.psql(
                f"SELECT latest_version FROM ir_module_module WHERE name = '{ADDON}'",
                dbname=MIGRATION_DB,
            ),
        }
    finally:
        databases.drop(MIGRATION_DB)
        pgcluster.stop_if_started(started)


def test_update_succeeds_and_installs_the_new_version(rehearsal):
    assert rehearsal["rc"] == 0, "odoo-bin -u failed: see .run/logs/e2e_migration_update.log"
    assert rehearsal["installed"] == rehearsal["old"]
    assert rehearsal["latest"] == rehearsal["new"]
    assert " ERROR " not in rehearsal["log"]


def test_each_script_ran_once_with_the_previous_version(rehearsal):
    records = rehearsal["records"]
    for phase in migration.PHASES:
        assert len(records[phase]) == 1, (phase, records[phase])
        assert records[phase][0]["version"] == rehearsal["old"], phase


def test_each_script_ran_in_its_phase(rehearsal):
    pre, post, end = (rehearsal["records"][phase][0] for phase in migration.PHASES)
    assert [pre["order"], post["order"], end["order"]] == [0, 1, 2]
    # pre: before the new version's models (no column yet) ...
    assert (pre["probe_column"], pre["latest_version"]) == (False, rehearsal["old"])
    # ... post: after them, the module not yet marked updated ...
    assert (post["probe_column"], post["latest_version"]) == (True, rehearsal["old"])
    # ... end: after every module was updated.
    assert (end["probe_column"], end["latest_version"]) == (True, rehearsal["new"])


def test_data_is_intact(rehearsal):
    before, after = rehearsal["before"], rehearsal["after"]
    changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    assert not changed
    assert int(before["sale_order"].split()[0]) > 0
    assert int(before["mn_crm_winloss_report"].split()[0]) > 0


def test_real_addons_hold_no_rehearsal_script():
    assert not list(ADDONS_DIR.glob("*/migrations/*/*-mn_rehearsal.py"))
    assert not list(ADDONS_DIR.glob("*/models/mn_migration_probe.py"))
