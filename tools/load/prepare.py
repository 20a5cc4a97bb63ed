"""The databases of a load run, made from the harness's Mongolian base template.

``stock`` is the template as it is (the suite's dependencies only), ``suite`` the template
with every addon of the suite installed, as ``tests/bench/bench_ops.py`` makes them; a
``source`` database (the one ``make test`` has just installed) can stand in for the
suite's. Each run database is a fresh clone, readied by ``setup_script`` through
``odoo-bin shell``.
"""

import json
import subprocess
import time

from mnharness import databases, pgcluster
from mnharness.odoo_cli import odoo_cmd, odoo_env
from mnharness.paths import LOG_DIR, ROOT

from . import setup_script

START = time.time()


def log(message):
    print(f"[load {time.time() - START:6.1f}s] {message}", flush=True)


def make_database(kind, name, source=None):
    """Create ``name`` afresh: a clone of ``source``, of the template (stock) or the
    template with the suite installed."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    databases.drop(name)
    if source:
        log(f"{kind}: cloning {source} to {name}")
        databases.clone(source, name)
    elif kind == "stock":
        template = databases.ensure_template()
        log(f"{kind}: cloning the base template {template} to {name}")
        databases.clone(template, name)
    else:
        log(f"{kind}: {name}, the base template with the suite installed (about a minute)")
        if databases.create_suite_database(name, log_name=f"load_install_{name}"):
            raise SystemExit(f"installing the suite in {name} failed: see {LOG_DIR}")
    return name


def ready(db, clients):
    """Run the setup script on ``db``; its JSON (users, keys, products, ...)."""
    out = subprocess.run(
        odoo_cmd("-d", db, "--no-http", "--log-level=warn", subcommand="shell"),
        input=setup_script.script(clients),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=odoo_env(),
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("MN_LOAD_SETUP "):
            return json.loads(line.split(" ", 1)[1])
    raise SystemExit(f"setting up {db} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")


def drop(name):
    databases.drop(name)


def start_cluster():
    return pgcluster.start()
