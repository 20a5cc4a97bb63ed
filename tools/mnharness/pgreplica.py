"""A real streaming replica of the embedded cluster, in ``.run/pg-replica``.

``pg_basebackup -R`` copies the primary (``.run/pg``, pgcluster.py) and writes the
standby's ``primary_conninfo``; the copy then runs as a hot standby on its own port
(``MN_PG_REPLICA_PORT``, default the primary's port + 1) and socket, replaying the primary's
WAL as it is streamed. Odoo reaches it through ``db_replica_host``/``db_replica_port``
(docs/scale_out.md). By hand::

    MN_PG_PORT=55432 PYTHONPATH=tools .venv/bin/python -m mnharness.pgreplica start
    MN_PG_PORT=55432 PYTHONPATH=tools .venv/bin/python -m mnharness.pgreplica stop

The copy is throw-away: ``start`` makes a new one each time (the primary moves on while the
replica is stopped, and a stale copy without a replication slot may no longer find the WAL
it needs), ``stop`` stops and removes it.
"""

import os
import shutil
import subprocess
import sys
import time

from . import pgcluster
from .paths import RUN_DIR

REPLICA_DIR = RUN_DIR / "pg-replica"
DATA_DIR = REPLICA_DIR / "data"
SOCKET_DIR = REPLICA_DIR / "socket"
LOG_FILE = REPLICA_DIR / "server.log"
HOST = pgcluster.HOST
PORT = int(os.environ.get("MN_PG_REPLICA_PORT", str(pgcluster.PORT + 1)))
#: The standby's name on the primary (pg_stat_replication.application_name), the name
#: ``synchronous_standby_names`` lists to make commits wait for it.
NAME = "mn_replica"
WAIT_SECONDS = 120

# Settings given on the standby's command line, over the primary's postgresql.conf that the
# base backup copied: its own port and socket; hot_standby serves read-only queries while
# replaying; hot_standby_feedback keeps the primary's VACUUM from removing rows a replica
# query still reads (otherwise such a query is cancelled "due to conflict with recovery").
STANDBY_SETTINGS = {
    "port": str(PORT),
    "unix_socket_directories": str(SOCKET_DIR),
    "hot_standby": "on",
    "hot_standby_feedback": "on",
    "cluster_name": NAME,
}


class ReplicaError(RuntimeError):
    pass


def _bin(name):
    return str(pgcluster.find_bindir() / name)


def _chown_to_server_user(path):
    user = pgcluster._server_user()
    if user:
        subprocess.run(["chown", "-R", f"{user}:{user}", str(path)], check=True)


def is_running():
    if not (DATA_DIR / "postmaster.pid").exists():
        return False
    status = subprocess.run(
        pgcluster._as_server_user([_bin("pg_ctl"), "-D", str(DATA_DIR), "status"]),
        capture_output=True,
    )
    return status.returncode == 0


def psql(sql, dbname="postgres", port=None):
    """Run ``sql`` on the replica (or on ``port``) and return its unaligned output."""
    return pgcluster.psql(sql, dbname=dbname, port=port or PORT)


def _base_backup():
    if DATA_DIR.exists():
        shutil.rmtree(DATA_DIR)
    REPLICA_DIR.mkdir(parents=True, exist_ok=True)
    SOCKET_DIR.mkdir(parents=True, exist_ok=True)
    _chown_to_server_user(REPLICA_DIR)
    started_at = time.monotonic()
    subprocess.run(
        pgcluster._as_server_user(
            [
                _bin("pg_basebackup"),
                "-d",
                f"host={HOST} port={pgcluster.PORT} user=postgres application_name={NAME}",
                "-D",
                str(DATA_DIR),
                "-R",  # standby.signal + primary_conninfo
                "-X",
                "stream",
                "-c",
                "fast",
                # a test copy, like the primary (fsync = off): no fsync of the copied files
                "--no-sync",
                "--no-manifest",
            ]
        ),
        check=True,
        capture_output=True,
    )
    print(
        f"[pg-replica] base backup of {HOST}:{pgcluster.PORT} in "
        f"{time.monotonic() - started_at:.0f}s",
        flush=True,
    )


def _wait_ready():
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            if psql("SELECT pg_is_in_recovery()") == "t" and replication_state():
                return
        except subprocess.CalledProcessError:
            pass
        time.sleep(0.2)
    raise ReplicaError(f"the replica did not start streaming: see {LOG_FILE}")


def start():
    """A new base backup of the running primary, started as a streaming hot standby."""
    if is_running():
        stop()
    if not pgcluster._port_free(PORT):
        raise ReplicaError(f"Port {HOST}:{PORT} is taken: set MN_PG_REPLICA_PORT.")
    _base_backup()
    settings = " ".join(f"-c {key}={value}" for key, value in STANDBY_SETTINGS.items())
    subprocess.run(
        pgcluster._as_server_user(
            [
                _bin("pg_ctl"),
                "-D",
                str(DATA_DIR),
                "-l",
                str(LOG_FILE),
                "-o",
                settings,
                "-w",
                "-t",
                str(WAIT_SECONDS),
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _wait_ready()
    print(f"[pg-replica] hot standby on {HOST}:{PORT}, streaming from {pgcluster.PORT}", flush=True)


def stop():
    """Stop the standby, forget it on the primary and remove its copy."""
    if is_running():
        subprocess.run(
            pgcluster._as_server_user(
                [_bin("pg_ctl"), "-D", str(DATA_DIR), "-m", "fast", "-w", "stop"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print("[pg-replica] stopped", flush=True)
    if pgcluster.is_running():
        set_synchronous(False)
    if REPLICA_DIR.exists():
        shutil.rmtree(REPLICA_DIR)


def replication_state():
    """``sync_state`` of the standby on the primary ('async', 'sync'), '' when not streaming."""
    return pgcluster.psql(
        f"SELECT sync_state FROM pg_stat_replication "
        f"WHERE application_name = '{NAME}' AND state = 'streaming'"
    )


def set_synchronous(on):
    """Make commits that ask for it (``synchronous_commit = remote_apply``) wait until the
    standby has replayed them, or stop waiting. Sessions with the cluster's default
    (``synchronous_commit = off``) never wait either way."""
    wanted = NAME if on else ""
    pgcluster.psql(f"ALTER SYSTEM SET synchronous_standby_names = '{wanted}'")
    pgcluster.psql("SELECT pg_reload_conf()")
    if not is_running():
        return
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if replication_state() == ("sync" if on else "async"):
            return
        time.sleep(0.1)
    raise ReplicaError("the primary did not switch the standby's sync state")


def wait_caught_up():
    """Wait until the standby has replayed everything the primary has written so far."""
    target = pgcluster.psql("SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if psql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t":
            return
        time.sleep(0.1)
    raise ReplicaError(f"the replica did not replay up to {target}")


def main(argv):
    command = argv[0] if argv else "status"
    if command == "start":
        pgcluster.start()
        start()
    elif command == "stop":
        stop()
    elif command == "status":
        state = replication_state() if pgcluster.is_running() else ""
        print(
            f"replica on {HOST}:{PORT}: {'running' if is_running() else 'stopped'}"
            + (f", {state}" if state else "")
        )
    else:
        print("usage: python -m mnharness.pgreplica start|stop|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
