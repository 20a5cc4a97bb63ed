"""``python -m load``: a load run on the suite (and on stock Odoo), checked afterwards.

    PYTHONPATH=tools .venv/bin/python -m load [--clients 8] [--duration 60] [--faults]
        [--no-stock] [--smoke] [--source-db DB] [--keep]

For each kind (suite, then stock unless ``--no-stock``/``--faults``/``--smoke``): a fresh
database (``prepare``), Odoo with ``--workers=4`` and a cron worker (``server``), the
clients for ``--duration`` seconds (``clients``), the faults if asked (``faults``) and the
recovery checks (``recovery``), then the checker (``checker``) and the numbers
(``report``). Tallies, setup and verdicts go to ``.run/load/<kind>/``. The exit status is
1 when a checker or a recovery check found a defect.
"""

import argparse
import json
import shutil
import time

from mnharness import pgcluster
from mnharness.paths import LOG_DIR, RUN_DIR, RUN_TAG, tagged_db

from . import checker, clients, faults, prepare, recovery, report, tally
from .server import Server
from .smtp_sink import SmtpSink

OUT_DIR = RUN_DIR / "load" / RUN_TAG if RUN_TAG else RUN_DIR / "load"


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m load", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="salesperson clients (8)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per run (60)")
    parser.add_argument("--faults", action="store_true", help="kill, restart, fill during the run")
    parser.add_argument("--no-stock", action="store_true", help="skip the run on stock Odoo")
    parser.add_argument("--smoke", action="store_true", help="3 clients, 12 s, suite only")
    parser.add_argument("--source-db", help="a database with the suite installed, to clone")
    parser.add_argument("--keep", action="store_true", help="keep the run's databases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--prefix", default="mn_load", help="databases <prefix>_suite and <prefix>_stock"
    )
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    if args.smoke:
        args.clients, args.duration, args.no_stock = min(args.clients, 3), 12.0, True
    if args.faults:
        args.no_stock = True
    return args


def run_kind(kind, args, source=None):
    """One run on one database; a dict of its numbers, verdict and files."""
    db = tagged_db(f"{args.prefix}_{kind}")
    out = OUT_DIR / f"{args.prefix}_{kind}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    prepare.make_database(kind, db, source if kind == "suite" else None)
    sink = SmtpSink()
    server = Server(
        db,
        workers=args.workers,
        db_maxconn=4 if args.faults else None,
        log_name=f"{args.prefix}_{kind}",
        extra=["--smtp", "127.0.0.1", "--smtp-port", str(sink.port)],
    )
    prepare.log(f"{kind}: odoo-bin --workers={args.workers} on {server.url} ({db})")
    # the server starts while the setup script runs: each takes long on a busy machine
    server.launch()
    try:
        setup = prepare.ready(db, max(args.clients, 1))
        (out / "setup.json").write_text(json.dumps(setup, indent=1))
        prepare.log(f"{kind}: {db} ready")
        server.start()
    except BaseException:
        server.stop()
        sink.close()
        raise
    server.supervise()
    prepare.log(f"{kind}: serving")
    crowd = clients.Crowd(server.url, db, setup, args.clients, clients.run_tag(), args.seed)
    fault_lines, recovered = [], None
    if args.faults:
        recovered = recovery.Recovery(server, lambda: checker.connect(db, pgcluster.PORT), setup)
        recovered.trigger_crons()
    try:
        start = time.time()
        crowd.start(args.duration)
        prepare.log(f"{kind}: {args.clients} clients for {args.duration:.0f} s")
        if args.faults:
            fault_lines = faults.schedule(server, crowd, args.duration, args.clients)
        crowd.join()
        duration = time.time() - start
        prepare.log(f"{kind}: clients done")
        if args.faults:
            recovered.run()
    finally:
        crowd.stop.set()
        server.stop()
        sink.close()
    prepare.log(f"{kind}: server stopped, checking")
    entries = crowd.entries() + (recovered.tally.entries if recovered else [])
    tally.dump(entries, out / "tally.jsonl")
    conn = checker.connect(db, pgcluster.PORT)
    try:
        verdict = checker.Checker(
            conn, entries, setup, faults=args.faults, server_log=server.log_file
        ).run()
    finally:
        conn.close()
    if recovered:
        verdict.defects += recovered.defects
    if server.restarts and not args.faults:
        verdict.defects += server.restarts
    fault_lines += server.restarts if args.faults else []
    rows = report.summarize([e for e in entries if e.client != "after"], duration)
    result = {
        "kind": kind,
        "db": db,
        "out": str(out),
        "setup": setup,
        "duration": duration,
        "rows": rows,
        "defects": verdict.defects,
        "notes": verdict.notes,
        "faults": fault_lines,
        "recovery": recovered.lines if recovered else [],
        "mails_received": sink.received,
        "server_log": str(server.log_file),
    }
    (out / "result.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(report.table(f"\n{kind}", rows, duration), flush=True)
    for line in fault_lines + result["recovery"]:
        print(f"  {line}", flush=True)
    print(verdict.text(), flush=True)
    if not args.keep:
        prepare.drop(db)
    return result


def run(argv=None):
    args = parse(argv)
    started = pgcluster.start()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        for kind in ("suite",) + (() if args.no_stock else ("stock",)):
            results[kind] = run_kind(kind, args, args.source_db)
    finally:
        pgcluster.stop_if_started(started)
    if "stock" in results:
        text, ratio = report.comparison(
            results["suite"]["rows"],
            results["suite"]["duration"],
            results["stock"]["rows"],
            results["stock"]["duration"],
        )
        results["ratio"] = ratio
        print("\n" + text, flush=True)
    return results


def main(argv=None):
    results = run(argv)
    failed = [kind for kind, r in results.items() if isinstance(r, dict) and r["defects"]]
    print(f"\nload: {'FAILED (' + ', '.join(failed) + ')' if failed else 'checker green'}")
    return 1 if failed else 0
