"""Open an Odoo environment on a database of the harness, in this process.

Used by the benchmark scripts (not by tests). Run them with the Odoo tree importable,
e.g. ``PYTHONPATH=tools:$ODOO_PATH .venv/bin/python tests/bench/bench_reports.py``
(``make bench`` does this).
"""

import contextlib
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB = os.environ.get("MN_BENCH_DB", "mn_bench")


def harness():
    """The repository's harness package (tools/mnharness)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import mnharness.databases as databases  # noqa: PLC0415
    import mnharness.pgcluster as pgcluster  # noqa: PLC0415

    return databases, pgcluster


@contextlib.contextmanager
def odoo_env(db, *, log_level="warn"):
    """Yield a superuser environment on ``db``; the caller commits what it wants kept."""
    os.environ.setdefault("ODOO_PATH", "/opt/odoo")
    # odoo.conf names no port: libpq reads PGPORT, the embedded cluster's (MN_PG_PORT)
    _, pgcluster = harness()
    os.environ["PGPORT"] = str(pgcluster.PORT)
    os.chdir(ROOT)  # odoo.conf's relative paths (addons, data_dir) start at the repository
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service import server  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        ["-c", str(ROOT / "odoo.conf"), "-d", db, "--no-http", f"--log-level={log_level}"],
        setup_logging=True,
    )
    server.load_server_wide_modules()
    threading.current_thread().dbname = db
    registry = Registry(db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.api.SUPERUSER_ID, {})


def missing_columns(env):
    """Stored fields of the loaded code that have no column in the database yet.

    ``{table: {column: SQL type}}``: the database predates the code (a field added to the
    suite since the dataset was made) and needs the suite updated before it is read.
    """
    env.cr.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
    )
    present = set(env.cr.fetchall())
    tables = {table for table, _ in present}
    missing = {}
    for model in env.registry.values():
        if model._abstract or not model._auto or model._table not in tables:
            continue
        for name, field in model._fields.items():
            if field.store and field.column_type and (model._table, name) not in present:
                missing.setdefault(model._table, {})[name] = field.column_type[1]
    return missing
