"""A real Odoo server for end-to-end tests, reached over HTTP like an external script.

The session fixture ``odoo_server`` clones a database that has the suite installed
(``MN_E2E_SOURCE_DB``, set by ``make test``; otherwise the harness builds one), starts
odoo-bin on a free loopback port against the clone, and stops it afterwards.
Clients: ``xmlrpc.client`` on /xmlrpc/2 and JSON-2 (/json/2, bearer API key).
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from mnharness import databases, pgcluster  # noqa: E402
from mnharness.odoo_cli import free_port, odoo_cmd, odoo_env  # noqa: E402
from mnharness.paths import LOG_DIR, odoo_available, tagged_db  # noqa: E402

E2E_DB = tagged_db("mn_e2e")
START_TIMEOUT = 180
API_KEY_SCRIPT = """
for login in ("admin", "demo"):
    user = env["res.users"].search([("login", "=", login)])
    key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "e2e tests", None)
    print("MN_API_KEY", login, key)
env.cr.commit()
"""


@dataclass
class OdooServer:
    url: str
    db: str
    api_keys: dict

    def common(self):
        return xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common", allow_none=True)

    def models(self):
        return xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object", allow_none=True)

    def login(self, login, password):
        return self.common().authenticate(self.db, login, password, {})

    def execute(self, login, password, model, method, *args, **kwargs):
        uid = self.login(login, password)
        return self.models().execute_kw(self.db, uid, password, model, method, list(args), kwargs)

    def ref(self, xmlid):
        """The id of the record ``module.name``, read as admin."""
        module, name = xmlid.split(".")
        rows = self.execute(
            "admin",
            "admin",
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        assert rows, xmlid
        return rows[0]["res_id"]

    def json2(self, model, method, key=None, **body):
        """POST /json/2/<model>/<method>; returns (status, decoded body)."""
        headers = {"Content-Type": "application/json", "X-Odoo-Database": self.db}
        if key:
            headers["Authorization"] = f"bearer {key}"
        request = urllib.request.Request(
            f"{self.url}/json/2/{model}/{method}",
            data=json.dumps(body).encode(),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            payload = error.read()
            try:
                return error.code, json.loads(payload)
            except ValueError:
                return error.code, payload.decode(errors="replace")


def _source_database():
    source = os.environ.get("MN_E2E_SOURCE_DB")
    if source:
        return source
    source = tagged_db("mn_e2e_source")
    databases.drop(source)
    if databases.create_suite_database(source, log_name="e2e_source") != 0:
        pytest.fail(f"installing the suite failed: see {LOG_DIR / 'e2e_source.log'}")
    return source


def _wait_until_up(url, proc, log_file):
    deadline = time.time() + START_TIMEOUT
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"odoo-bin exited with {proc.returncode}: see {log_file}")
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"Odoo did not answer on {url} within {START_TIMEOUT}s: see {log_file}")


def odoo_shell(db, script, check=True):
    """Run ``script`` in ``odoo-bin shell`` on ``db``; the finished process (stdout text)."""
    return subprocess.run(
        odoo_cmd("-d", db, "--no-http", subcommand="shell"),
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=odoo_env(),
        check=check,
    )


def _replica_args():
    """Odoo's simulated replica: the same cluster, reached as a second (read-only) pool."""
    port = str(pgcluster.PORT)
    return ["--dev=replica", "--db_replica_host", "127.0.0.1", "--db_replica_port", port]


@pytest.fixture(scope="session")
def source_db():
    """Name of a database with the suite installed (demo data, Mongolian), made once."""
    if not odoo_available():
        pytest.skip("no Odoo tree at ODOO_PATH")
    started = pgcluster.start()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    try:
        yield _source_database()
    finally:
        pgcluster.stop_if_started(started)


@pytest.fixture(scope="session")
def odoo_server(source_db):
    started = pgcluster.start()
    databases.drop(E2E_DB)
    databases.clone(source_db, E2E_DB)
    keys_out = odoo_shell(E2E_DB, API_KEY_SCRIPT).stdout
    api_keys = {
        parts[1]: parts[2]
        for parts in (line.split() for line in keys_out.splitlines())
        if len(parts) == 3 and parts[0] == "MN_API_KEY"
    }
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_file = LOG_DIR / "e2e_server.log"
    with open(log_file, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            odoo_cmd(
                "-d",
                E2E_DB,
                "--http-port",
                str(port),
                "--db-filter",
                f"^{E2E_DB}$",
                "--max-cron-threads",
                "0",
                # MN_E2E_REPLICA=1: read-only calls go through Odoo's read-only cursor, as
                # they would to a PostgreSQL replica (``--dev=replica`` simulates one)
                *(_replica_args() if os.environ.get("MN_E2E_REPLICA") else []),
            ),
            cwd=ROOT,
            env=odoo_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(url, proc, log_file)
            yield OdooServer(url=url, db=E2E_DB, api_keys=api_keys)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            databases.drop(E2E_DB)
            pgcluster.stop_if_started(started)


def pytest_collection_modifyitems(config, items):
    """Hostile-caller tests run each protocol with one context by default.

    Tests parametrized over both ``proto`` and ``context`` would run every protocol with
    every context (4 runs of each attack). ``make test`` keeps two of them, XML-RPC with a
    plain context and JSON-2 with forged internal flags, so each protocol and each context
    is still tried; ``make test-e2e-full`` (``MN_E2E_FULL=1``) runs the whole matrix.
    """
    if os.environ.get("MN_E2E_FULL"):
        return
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and {"proto", "context"} <= set(callspec.params):
            forged = "forged" in callspec.id
            if (callspec.params["proto"] == "json2") != forged:
                dropped.append(item)
                continue
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
