"""The seed's flows against a real streaming replica of the embedded cluster.

``make test``'s ``e2e_replica`` run (``MN_E2E_STREAMING=1``) runs this module alone: a base
backup of the primary started as a hot standby (tools/mnharness/pgreplica.py), and an Odoo
whose ``db_replica_host``/``db_replica_port`` point at it. The example scripts and the sales
flow of test_examples.py and test_sale_flow_rpc.py run again here, against this server (the
module-level ``odoo_server`` below replaces conftest's); then the tests of this module prove
that the replica served reads, that what the primary wrote is read back through it, what a
lagging replica does to a read-only request, and that no read path of the suite tried to
write on it.

Read-your-writes: the test database asks for ``synchronous_commit = remote_apply`` and the
standby is made synchronous, so a commit returns once the replica has replayed it (the
cluster's own default, ``synchronous_commit = off``, would leave the replica up to
``wal_writer_delay`` behind, and a script reading what it has just written could miss it;
docs/scale_out.md).

By hand: ``MN_E2E_STREAMING=1 MN_PG_PORT=... python -m pytest tests/e2e/test_streaming_replica.py``.
"""

import os
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

if not os.environ.get("MN_E2E_STREAMING"):
    pytest.skip("runs in make test's e2e_replica run (MN_E2E_STREAMING=1)", allow_module_level=True)

import test_examples  # noqa: E402
import test_sale_flow_rpc  # noqa: E402
from conftest import API_KEY_SCRIPT, OdooServer, _wait_until_up, odoo_shell  # noqa: E402
from mnharness import databases, pgcluster, pgreplica  # noqa: E402
from mnharness.odoo_cli import free_port, odoo_cmd, odoo_env  # noqa: E402
from mnharness.paths import LOG_DIR, ROOT, tagged_db  # noqa: E402


def _is_fixture(value):
    return hasattr(value, "_pytestfixturefunction") or (
        type(value).__name__ == "FixtureFunctionDefinition"
    )


# The same tests, collected here so that they use this module's ``odoo_server``.
for _module in (test_examples, test_sale_flow_rpc):
    globals().update(
        {
            name: value
            for name, value in vars(_module).items()
            if name.startswith("test_") or _is_fixture(value)
        }
    )

STREAM_DB = tagged_db("mn_e2e_stream")
LOG_FILE = LOG_DIR / "e2e_streaming_server.log"
ADMIN = ("admin", "admin")
# What Odoo logs when a read-only request wrote and had to be served again on the primary,
# and when it could not reach the replica at all.
RETRIED_ON_PRIMARY = "retrying with a read/write cursor"
REPLICA_UNREACHABLE = "Failed to open a readonly cursor"


def replica_commits():
    """Transactions the replica itself has run in the test database (replay not counted)."""
    return int(
        pgreplica.psql(f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{STREAM_DB}'")
        or 0
    )


def wait_for(predicate, what, seconds=30):
    """Statistics reach pg_stat_database about a second after a transaction ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"not seen within {seconds}s: {what}")


def _start_replica():
    pgreplica.start()
    pgreplica.set_synchronous(True)


@pytest.fixture(scope="module")
def streaming_replica(source_db):
    """The test database on the primary, a hot standby streaming it; the API keys."""
    started = pgcluster.start()
    databases.drop(STREAM_DB)
    databases.clone(source_db, STREAM_DB)
    pgcluster.psql(f'ALTER DATABASE "{STREAM_DB}" SET synchronous_commit = remote_apply')
    try:
        # The base backup and the Odoo shell making the API keys take about as long: side
        # by side (the keys written during the backup reach the standby by streaming).
        with ThreadPoolExecutor(max_workers=1) as pool:
            replica = pool.submit(_start_replica)
            keys_out = odoo_shell(STREAM_DB, API_KEY_SCRIPT).stdout
            replica.result()
        yield {
            parts[1]: parts[2]
            for parts in (line.split() for line in keys_out.splitlines())
            if len(parts) == 3 and parts[0] == "MN_API_KEY"
        }
    finally:
        pgreplica.stop()
        databases.drop(STREAM_DB)
        pgcluster.stop_if_started(started)


@pytest.fixture(scope="module")
def odoo_server(streaming_replica):
    api_keys = streaming_replica
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(LOG_FILE, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            odoo_cmd(
                "-d",
                STREAM_DB,
                "--http-port",
                str(port),
                "--db-filter",
                f"^{STREAM_DB}$",
                "--max-cron-threads",
                "0",
                "--db_replica_host",
                pgreplica.HOST,
                "--db_replica_port",
                str(pgreplica.PORT),
            ),
            cwd=ROOT,
            env=odoo_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(url, proc, LOG_FILE)
            server = OdooServer(url=url, db=STREAM_DB, api_keys=api_keys)
            server.replica_commits_at_start = replica_commits()
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _partner(server, name):
    return server.execute(*ADMIN, "res.partner", "create", {"name": name})


def _name_through_replica(server, partner_id):
    """``search_read`` over JSON-2 is ``@api.readonly``: Odoo serves it on the replica."""
    status, rows = server.json2(
        "res.partner",
        "search_read",
        key=server.api_keys["admin"],
        domain=[["id", "=", partner_id]],
        fields=["name"],
    )
    assert status == 200, rows
    return rows[0]["name"] if rows else None


def _name_on_primary(server, partner_id):
    """XML-RPC's ``execute_kw`` always takes a read/write cursor: the primary."""
    return server.execute(*ADMIN, "res.partner", "read", [partner_id], ["name"])[0]["name"]


def test_odoo_is_connected_to_the_replica(odoo_server):
    assert pgreplica.psql("SELECT pg_is_in_recovery()") == "t"
    assert pgreplica.replication_state() == "sync"
    connections = pgreplica.psql(
        "SELECT count(*) FROM pg_stat_activity "
        f"WHERE datname = '{STREAM_DB}' AND application_name LIKE 'odoo-%'"
    )
    assert int(connections) >= 1


def test_the_flows_read_through_the_replica(odoo_server):
    """The seed's flows above ran their reads on the replica (its own transactions)."""
    before = odoo_server.replica_commits_at_start
    wait_for(lambda: replica_commits() > before, "the flows' reads on the replica")


def test_primary_writes_are_read_through_the_replica(odoo_server):
    name = f"Репликийн шалгалт {uuid.uuid4().hex[:8]}"
    partner_id = _partner(odoo_server, name)
    before = replica_commits()
    assert _name_through_replica(odoo_server, partner_id) == name
    wait_for(lambda: replica_commits() > before, "the JSON-2 read on the replica")


def test_a_lagging_replica_serves_what_it_has_replayed(odoo_server):
    """Odoo 19 does not look at replication lag: a read-only request on a replica that is
    behind returns the older data, while the primary has the new (docs/scale_out.md)."""
    partner_id = _partner(odoo_server, "Хоцрогдлын өмнө")
    pgreplica.set_synchronous(False)  # commits stop waiting for the standby
    pgreplica.psql("SELECT pg_wal_replay_pause()")
    try:
        wait_for(
            lambda: pgreplica.psql("SELECT pg_get_wal_replay_pause_state()") == "paused",
            "replay paused",
        )
        odoo_server.execute(
            *ADMIN, "res.partner", "write", [partner_id], {"name": "Хоцрогдлын дараа"}
        )
        assert _name_on_primary(odoo_server, partner_id) == "Хоцрогдлын дараа"
        assert _name_through_replica(odoo_server, partner_id) == "Хоцрогдлын өмнө"
    finally:
        pgreplica.psql("SELECT pg_wal_replay_resume()")
        pgreplica.wait_caught_up()
        pgreplica.set_synchronous(True)
    assert _name_through_replica(odoo_server, partner_id) == "Хоцрогдлын дараа"


def test_no_read_path_wrote_on_the_replica(odoo_server):
    """A read-only request that writes is not refused by Odoo: it fails on the replica
    (read-only transaction), is logged and served again on the primary. The log of this
    run must hold no such retry, and the replica must never have been unreachable."""
    log = LOG_FILE.read_text(encoding="utf-8")
    retried = [line for line in log.splitlines() if RETRIED_ON_PRIMARY in line]
    assert not retried, "\n".join(retried[:5])
    assert REPLICA_UNREACHABLE not in log
