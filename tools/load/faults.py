"""The faults of a load run, injected while the clients work (``--faults``).

1. ``kill_worker``: SIGKILL one HTTP worker that holds a request in flight; its client
   sees the connection drop, the master forks a new worker.
2. ``restart_postgres``: stop PostgreSQL (fast: open transactions are rolled back,
   connections cut) and start it again; every pooled connection of Odoo is dead.
3. ``fill_pool``: the server runs with a small ``db_maxconn``; extra clients join the
   run while an outsider holds every free connection slot of PostgreSQL for a while, so
   that Odoo can open no new connection.

Each returns a line saying what it did and how long the server took to serve again.
"""

import os
import signal
import time

import psycopg2
from mnharness import pgcluster


def _wait_serving(server, timeout=120):
    start = time.time()
    while time.time() - start < timeout:
        if server.serves():
            return time.time() - start
        time.sleep(0.2)
    return None


def kill_worker(server):
    pid = server.busy_worker()
    if not pid:
        return "kill_worker: no worker held a request within 10 s; nothing killed"
    before = set(server.http_workers())
    os.kill(pid, signal.SIGKILL)
    start = time.time()
    replaced = None
    while time.time() - start < 60:
        now = set(server.http_workers())
        if pid not in now and len(now) >= len(before):
            replaced = time.time() - start
            break
        time.sleep(0.2)
    served = _wait_serving(server)
    return (
        f"kill_worker: SIGKILL to HTTP worker {pid} mid-request; "
        + (
            f"a new worker forked after {replaced:.1f} s"
            if replaced is not None
            else "NOT replaced"
        )
        + (f", serving again after {served:.1f} s" if served is not None else ", NOT serving")
    )


def restart_postgres(server):
    start = time.time()
    pgcluster.stop()
    down = time.time() - start
    pgcluster.start()
    up = time.time() - start
    served = _wait_serving(server)
    return (
        f"restart_postgres: PostgreSQL stopped (fast) in {down:.1f} s, up again after "
        f"{up:.1f} s; Odoo "
        + (f"serving after {served:.1f} s more" if served is not None else "NOT serving")
    )


def fill_pool(server, crowd, extra_clients, hold):
    """Hold every free PostgreSQL slot for ``hold`` seconds with extra clients running."""
    crowd.burst(extra_clients, hold + 5)
    held = []
    start = time.time()
    try:
        while time.time() - start < 20:
            try:
                held.append(
                    psycopg2.connect(
                        dbname="postgres",
                        host=pgcluster.HOST,
                        port=pgcluster.PORT,
                        user=pgcluster.ODOO_ROLE,
                        password=pgcluster.ODOO_PASSWORD,
                        connect_timeout=5,
                    )
                )
            except psycopg2.OperationalError:
                break
        time.sleep(hold)
    finally:
        for conn in held:
            conn.close()
    served = _wait_serving(server)
    return (
        f"fill_pool: server db_maxconn={server.db_maxconn}, {extra_clients} extra clients, "
        f"{len(held)} PostgreSQL slots held for {hold:.0f} s (none left for Odoo); "
        + (f"serving {served:.1f} s after release" if served is not None else "NOT serving")
    )


def schedule(server, crowd, duration, clients):
    """Run the three faults at 20 %, 45 % and 70 % of the run; their reports."""
    start = time.time()
    reports = []
    plan = (
        (0.20, lambda: kill_worker(server)),
        (0.45, lambda: restart_postgres(server)),
        (0.70, lambda: fill_pool(server, crowd, 2 * clients, max(5.0, duration * 0.1))),
    )
    for at, fault in plan:
        delay = start + at * duration - time.time()
        if delay > 0:
            time.sleep(delay)
        reports.append(fault())
        print(f"[load] {reports[-1]}", flush=True)
    return reports
