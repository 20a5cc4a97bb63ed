"""Command line of the harness: ``python -m mnharness COMMAND`` (see the Makefile)."""

import argparse
import os
import signal
import subprocess
import sys
import time

from . import databases, demo_services, i18n, layers, odoo_fetch, pgcluster, pgreplica
from .odoo_cli import odoo_cmd, odoo_env, run_odoo
from .paths import LOG_DIR, ROOT, suite_addons

HTTP_PORT = int(os.environ.get("MN_HTTP_PORT", "8069"))


def require_odoo(out=None):
    """The Odoo tree (ODOO_PATH, /opt/odoo, .odoo/), fetched when absent; exit when it can't be."""
    try:
        return odoo_fetch.ensure_odoo(out=out)
    except odoo_fetch.OdooFetchError as exc:
        sys.exit(str(exc))


def ensure_dev_database(reset=False, update=False, posapi_url=None):
    db = databases.DEV_DB
    if reset:
        print(f"[db] RESET: dropping {db}", flush=True)
        databases.drop(db)
    if not pgcluster.database_exists(db):
        t0 = time.time()
        rc = databases.create_suite_database(db, log_name="run_install")
        if rc != 0 or not layers.suite_installed(db):
            databases.drop(db)
            sys.exit(f"[db] installing the suite failed: see {LOG_DIR / 'run_install.log'}")
        databases.mongolian_setup(db, "run_setup")
        if posapi_url:
            demo_services.configure_demo_company(db, posapi_url)
        print(f"[db] {db} created in {time.time() - t0:.0f}s", flush=True)
    elif update:
        run_odoo(
            ["-d", db, "-u", ",".join(suite_addons()), "--stop-after-init", "--no-http"],
            log_file=LOG_DIR / "run_update.log",
            quiet=True,
        )
    return db


def _interrupt(*_):
    raise KeyboardInterrupt


def cmd_run(args):
    require_odoo()
    pgcluster.start()
    server = None
    services = []

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        services = demo_services.start()
        posapi_url = next((url for name, __, url in services if name.startswith("PosAPI")), None)
        db = ensure_dev_database(reset=args.reset, update=args.update, posapi_url=posapi_url)
        url = f"http://127.0.0.1:{HTTP_PORT}/web/login?db={db}"
        print(
            "\n  Odoo 19 + mn_crm_sales in Mongolian\n"
            f"  URL:      {url}\n"
            f"  database: {db}\n"
            "  login:    admin / admin   (demo user: demo / demo)\n"
            "  Ctrl-C stops Odoo and the embedded PostgreSQL.\n",
            flush=True,
        )
        server = subprocess.Popen(
            odoo_cmd("-d", db, "--http-port", str(HTTP_PORT), "--db-filter", f"^{db}$"),
            cwd=ROOT,
            env=odoo_env(),
        )
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if server and server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        demo_services.stop(services)
        pgcluster.stop_if_started(True)  # MN_PG_KEEP=1 keeps a shared cluster up
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="mnharness")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the web client on the embedded cluster")
    run.add_argument("--reset", action="store_true", help="recreate the database")
    run.add_argument("--update", action="store_true", help="update the suite's addons first")
    sub.add_parser("pg-start")
    sub.add_parser("pg-stop")
    test = sub.add_parser("test", help="run the test layers")
    test.add_argument("layers", nargs="*", default=["static", "unit", "odoo", "tours", "e2e"])
    sub.add_parser("test-core", help="Odoo's own crm/sale tests with the suite installed")
    sub.add_parser("i18n", help="export each addon's .pot and merge it into its mn.po")
    sub.add_parser("odoo-path", help="print the Odoo tree's folder (fetching it when absent)")
    args = parser.parse_args(argv)
    if args.command == "run":
        return cmd_run(args)
    if args.command == "pg-start":
        pgcluster.start()
        return 0
    if args.command == "pg-stop":
        # a standby left by an interrupted replica run goes first: it streams from the primary
        if pgreplica.is_running():
            pgreplica.stop()
        pgcluster.stop_if_started(True)  # MN_PG_KEEP=1 keeps a shared cluster up
        return 0
    if args.command == "test":
        return layers.run_all(tuple(args.layers))
    if args.command == "test-core":
        return layers.run_core()
    if args.command == "i18n":
        require_odoo()
        return i18n.sync()
    if args.command == "odoo-path":  # stdout holds the path only: [odoo] notes go to stderr
        print(require_odoo(out=sys.stderr))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
