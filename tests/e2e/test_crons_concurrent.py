"""The suite's crons run by two Odoo processes at once on one database: nothing twice.

Two ``odoo-bin shell`` processes, started together behind a barrier, each call the methods
of the suite's crons (``grep ir_cron addons/*/data``) until there is nothing left to do, as
two servers' cron threads would when an administrator or a trigger runs them on both:

- ``mn_ebarimt.ir_cron_mn_ebarimt_send`` (``mn.ebarimt.receipt._mn_cron_send_queued``): every
  queued receipt reaches the PosAPI simulator exactly once. The simulator here is the real
  one (``tools/simulators/posapi.py``, real HTTP), counting every POST it gets, refused
  ones included, and answering slowly enough that both processes are sending at the same
  time; each process names itself in its User-Agent, so the test sees that both sent.
- ``crm.website_crm_score_cron`` (switched on by mn_crm_sales;
  ``crm.lead._cron_update_automated_probabilities``): the scoring table is rebuilt once
  per run, never holding a frequency twice (``TRUNCATE`` makes the second run wait for the
  first; that run's probability updates then meet the rows the first one committed, fail
  with serialization errors that core logs as warnings and skips, and the first run's
  probabilities stand).

Odoo itself never runs one cron job in two servers at once (``ir.cron`` takes each job
``FOR NO KEY UPDATE SKIP LOCKED``); this test is about what is left when the same queue is
processed twice at the same time (two jobs, a cron and the Send button, a manual run).
"""

import subprocess
import sys
import time
from collections import Counter

import pytest
from conftest import ROOT
from mnharness import databases, pgcluster
from mnharness.demo_services import DEMO_MERCHANT_TIN, EBARIMT_SETUP
from mnharness.odoo_cli import odoo_cmd, odoo_env
from mnharness.paths import LOG_DIR, tagged_db

sys.path.insert(0, str(ROOT / "tools"))
from simulators import posapi  # noqa: E402

CRON_DB = tagged_db("mn_e2e_crons")
RECEIPTS = 16
#: Seconds the simulator takes per receipt: both processes are surely sending together.
POSAPI_DELAY = 0.15

SETUP = (
    EBARIMT_SETUP
    + """
company = env.ref("base.main_company")
product = env["product.product"].create({{
    "name": "Cron test product",
    "list_price": 11000,
    "mn_ebarimt_classification_code": "4711100",
    "taxes_id": [(6, 0, company.account_sale_tax_id.ids)],
}})
# a new Mongolian customer: no fiscal position maps the 10 % VAT away
partner = env["res.partner"].create({{
    "name": "Cron customer", "country_id": company.country_id.id,
}})
moves = env["account.move"].create([
    {{
        "move_type": "out_invoice",
        "partner_id": partner.id,
        "invoice_line_ids": [(0, 0, {{"product_id": product.id, "quantity": index + 1}})],
    }}
    for index in range({count})
])
moves.action_post()  # queues the receipts and triggers the cron: nothing is sent yet
env.cr.commit()
receipts = env["mn.ebarimt.receipt"].search([("move_id", "in", moves.ids)])
print("MN_QUEUED", len(receipts.filtered(lambda r: r.state == "queued")))
print("MN_RECEIPTS", ",".join(str(r.id) for r in receipts))
"""
)

# One of the two processes: wait for the other, then run each cron's method until its work
# is done. A serialization failure (the other process committed a row this transaction had
# already read) rolls back and runs again, as the cron's next run would.
WORKER = """
import os, time
import psycopg2
import requests.utils
requests.utils.default_user_agent = lambda name=None: {label!r}

def barrier(phase):
    open({ready!r} + phase, "w").close()
    while not all(os.path.exists(path + phase) for path in {barrier!r}):
        time.sleep(0.02)

Receipt = env["mn.ebarimt.receipt"]
retried = 0
barrier("-ebarimt")
for _ in range(400):
    try:
        Receipt._mn_cron_send_queued()
        env.cr.commit()
    except psycopg2.errors.SerializationFailure:
        env.cr.rollback()
        retried += 1
    env.invalidate_all()
    if not Receipt.search_count([("state", "=", "queued")]):
        break
barrier("-scoring")
for _ in range(5):
    try:
        env["crm.lead"]._cron_update_automated_probabilities()
        env.cr.commit()
        break
    except psycopg2.errors.SerializationFailure:
        env.cr.rollback()
        retried += 1
print("MN_WORKER_DONE", {label!r}, retried)
"""


class CountingPosApi(posapi.PosApiSimulator):
    """The PosAPI simulator, recording every receipt POST (accepted or refused) and who
    sent it, answering after ``POSAPI_DELAY``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.posts = []

    def post_receipt(self, request):
        body = request.json() if request.body else {}
        self.posts.append((body.get("billIdSuffix"), request.headers.get("User-Agent", "")))
        time.sleep(POSAPI_DELAY)
        return super().post_receipt(request)


def _shell(script, log_name):
    log = open(LOG_DIR / log_name, "w", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(
        odoo_cmd("-d", CRON_DB, "--no-http", subcommand="shell"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        cwd=ROOT,
        env=odoo_env(),
    )
    proc.stdin.write(script)
    proc.stdin.close()
    return proc, log


@pytest.fixture(scope="module")
def simulator():
    sim = CountingPosApi("127.0.0.1", 0)
    url = sim.start()
    yield sim, url
    sim.stop()


@pytest.fixture(scope="module")
def cron_run(source_db, simulator, tmp_path_factory):
    sim, url = simulator
    started = pgcluster.start()
    databases.drop(CRON_DB)
    databases.clone(source_db, CRON_DB)
    try:
        barrier_dir = tmp_path_factory.mktemp("barrier")
        barrier = [str(barrier_dir / f"ready-{label}") for label in ("A", "B")]
        # A queues the receipts before the first barrier while B starts: one start saved.
        scripts = {"A": SETUP + WORKER, "B": WORKER}
        workers = [
            _shell(
                scripts[label].format(
                    url=url,
                    tin=DEMO_MERCHANT_TIN,
                    count=RECEIPTS,
                    label=f"worker-{label}",
                    ready=ready,
                    barrier=barrier,
                ),
                f"e2e_crons_worker_{label}.log",
            )
            for label, ready in zip(("A", "B"), barrier, strict=True)
        ]
        outputs = []
        for proc, log in workers:
            outputs.append(proc.stdout.read())
            proc.wait(timeout=600)
            log.close()
        yield sim, outputs
    finally:
        databases.drop(CRON_DB)
        pgcluster.stop_if_started(started)


def _sql(query):
    return pgcluster.psql(query, dbname=CRON_DB)


def test_both_processes_finished(cron_run):
    __, outputs = cron_run
    assert f"MN_QUEUED {RECEIPTS}" in outputs[0], outputs[0]
    for label, output in zip(("A", "B"), outputs, strict=True):
        assert f"MN_WORKER_DONE worker-{label}" in output, output


def _our_receipts(outputs):
    """Ids of the receipts the test queued (a source database may hold others)."""
    line = next(line for line in outputs[0].splitlines() if line.startswith("MN_RECEIPTS "))
    return line.split()[1]


def test_each_queued_receipt_reaches_posapi_exactly_once(cron_run):
    sim, outputs = cron_run
    suffixes = Counter(suffix for suffix, __ in sim.posts)
    twice = {suffix: count for suffix, count in suffixes.items() if count > 1}
    assert not twice, f"receipts sent more than once: {twice}"
    ids = _our_receipts(outputs)
    ours = set(_sql(f"SELECT bill_id_suffix FROM mn_ebarimt_receipt WHERE id IN ({ids})").split())
    assert len(ours) == RECEIPTS
    assert ours <= set(suffixes)
    stored = {r["request"]["billIdSuffix"] for r in sim.receipts()}
    assert ours <= stored
    # every receipt is sent and carries the id PosAPI gave it, each id once, after one try
    rows = _sql(
        "SELECT state, count(*), count(DISTINCT ebarimt_id), sum(attempts) "
        f"FROM mn_ebarimt_receipt WHERE id IN ({ids}) GROUP BY state"
    )
    assert rows == f"sent|{RECEIPTS}|{RECEIPTS}|{RECEIPTS}"


def test_both_processes_were_sending_at_the_same_time(cron_run):
    sim, __ = cron_run
    senders = Counter(agent for __, agent in sim.posts)
    assert set(senders) == {"worker-A", "worker-B"}, senders


def test_scoring_table_holds_each_frequency_once(cron_run):
    assert int(_sql("SELECT count(*) FROM crm_lead_scoring_frequency")) > 0
    duplicates = _sql(
        "SELECT team_id, variable, value FROM crm_lead_scoring_frequency "
        "GROUP BY team_id, variable, value HAVING count(*) > 1"
    )
    assert duplicates == ""
