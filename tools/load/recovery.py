"""After the faults: the server serves, the crons run, mail leaves, approvals still flow.

* ``serving``: the login page answers and a salesperson's JSON-2 call succeeds, with as
  many HTTP workers as configured, without anyone restarting anything;
* ``approval_flow``: a quotation over its limit is refused, approval is requested (an
  activity for the leader appears), the leader approves (the activity is done), the
  quotation is confirmed; the entries join the run's tally so the checker judges them;
* ``crons``: no cron row stays locked, and the scoring cron, the mail queue and the
  e-barimt queue each run again once triggered (``lastcall`` moves);
* ``mail_queue``: the mails queued during the run (approval notifications, queued on
  purpose with ``mail_notify_force_send=False``) left the queue for the SMTP sink.
"""

import time

import psycopg2

from .api import Api
from .operations import OVER_LIMIT
from .tally import Tally

CRONS = (
    ("crm", "website_crm_score_cron"),
    ("mail", "ir_cron_mail_scheduler_action"),
    ("mn_ebarimt", "ir_cron_mn_ebarimt_send"),
)


class Recovery:
    def __init__(self, server, conn_factory, setup):
        self.server = server
        self.connect = conn_factory
        self.setup = setup
        self.lines, self.defects = [], []
        self.tally = Tally("after")

    def fail(self, text):
        self.defects.append(text)
        self.lines.append(f"FAILED {text}")

    def run(self):
        if self.serving():
            self.approval_flow()
        self.crons_and_mail()
        return self

    def serving(self):
        start = time.time()
        api = Api(self.server.url, self.server.db, self.setup["sellers"][0]["key"], timeout=30)
        while time.time() - start < 120:
            try:
                api.call("res.users", "context_get")
                break
            except Exception:  # noqa: BLE001 - any failure: not serving yet
                time.sleep(1)
        else:
            self.fail("the server does not serve JSON-2 120 s after the faults")
            return False
        workers = len(self.server.http_workers())
        self.lines.append(
            f"serving: JSON-2 answers after {time.time() - start:.1f} s, "
            f"{workers} HTTP workers (configured {self.server.workers})"
        )
        if workers != self.server.workers:
            self.fail(f"{workers} HTTP workers serve, {self.server.workers} configured")
        return True

    def approval_flow(self):
        seller = Api(self.server.url, self.server.db, self.setup["sellers"][0]["key"])
        leader = Api(self.server.url, self.server.db, self.setup["leader"]["key"])
        partner = seller.create("res.partner", {"name": "LDafter customer", "is_company": True})
        marker = "LDafter-quote"
        order = {}

        def quote(entry):
            order["id"] = seller.create(
                "sale.order",
                {
                    "partner_id": partner,
                    "client_order_ref": marker,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.setup["product_ids"][0],
                                "product_uom_qty": 1,
                                "discount": OVER_LIMIT[-1],
                            },
                        )
                    ],
                },
            )
            entry.ids["sale.order"] = [order["id"]]

        def call(api, method, **kwargs):
            def body(entry):
                entry.ids["sale.order"] = [order["id"]]
                api.call("sale.order", method, ids=[order["id"]], **kwargs)

            return body

        def activities():
            return leader.search_read(
                "mail.activity",
                [("res_model", "=", "sale.order"), ("res_id", "=", order["id"])],
                ["user_id", "activity_type_id"],
            )

        self.tally.run("quote", "ok", quote, marker, lines=1, over=True)
        if "id" not in order:
            self.fail("after the faults a quotation could not be created")
            return
        self.tally.run("confirm", "refused", call(seller, "action_confirm"))
        self.tally.run(
            "request_approval",
            "ok",
            call(seller, "action_mn_request_approval", context={"mail_notify_force_send": False}),
        )
        waiting = activities()
        self.tally.run("approve", "ok", call(leader, "action_mn_approve"))
        done = activities()
        self.tally.run("confirm", "ok", call(seller, "action_confirm"))
        leader_id = self.setup["leader"]["id"]
        if [a["user_id"][0] for a in waiting] != [leader_id] or done:
            self.fail(f"approval activities after the faults: requested {waiting}, approved {done}")
        outcomes = [f"{e.op} {e.outcome}" for e in self.tally.entries]
        self.lines.append("approval flow after the faults: " + ", ".join(outcomes))

    def _cron_rows(self, cr):
        cr.execute(
            "SELECT d.module || '.' || d.name, c.id, c.lastcall, c.failure_count, c.active"
            "  FROM ir_model_data d JOIN ir_cron c ON c.id = d.res_id"
            " WHERE d.model = 'ir.cron' AND (d.module, d.name) IN %s",
            (tuple(CRONS),),
        )
        return {row[0]: row[1:] for row in cr.fetchall()}

    def _trigger(self, cr, ids):
        """What ``ir.cron._trigger`` does: a trigger row, and a NOTIFY the cron worker hears."""
        cr.execute(
            "INSERT INTO ir_cron_trigger (cron_id, call_at)"
            " SELECT unnest(%s::int[]), now() AT TIME ZONE 'UTC'",
            (ids,),
        )
        cr.execute("SELECT pg_notify('cron_trigger', %s)", (self.server.db,))

    def trigger_crons(self):
        """Before the faults: the crons run once (then once more after them)."""
        conn = self.connect()
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                self._trigger(cr, [values[0] for values in self._cron_rows(cr).values()])
        finally:
            conn.close()

    def crons_and_mail(self, timeout=180):
        conn = self.connect()
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                before = self._cron_rows(cr)
                cr.execute("SELECT id FROM mail_mail WHERE state = 'outgoing'")
                queued = [row[0] for row in cr.fetchall()]
                ids = [values[0] for values in before.values()]
                if not self._unlocked(conn, ids):
                    self.fail(f"a cron row stayed locked for 60 s: {before}")
                self._trigger(cr, ids)
                start = time.time()
                after = before
                while time.time() - start < timeout:
                    after = self._cron_rows(cr)
                    if all(after[name][1] != before[name][1] for name in before):
                        break
                    time.sleep(1)
                for name, (_id, lastcall, failures, active) in sorted(after.items()):
                    moved = lastcall != before[name][1]
                    self.lines.append(
                        f"cron {name}: active={active}, lastcall {before[name][1]} -> {lastcall}"
                        f", failures {failures}"
                    )
                    if not moved:
                        self.fail(f"cron {name} did not run within {timeout} s of its trigger")
                    elif failures:
                        self.fail(f"cron {name} failed {failures} time(s)")
                cr.execute(
                    "SELECT state, count(*) FROM mail_mail WHERE id = ANY(%s) GROUP BY state",
                    (queued,),
                )
                left = dict(cr.fetchall())
                self.lines.append(
                    f"mail queue: {len(queued)} mail(s) queued before the trigger, "
                    f"still there afterwards by state: {left or 'none (sent and deleted)'}"
                )
                if left.get("outgoing") or left.get("exception"):
                    self.fail(f"the mail queue did not send: {left}")
        finally:
            conn.close()

    @staticmethod
    def _unlocked(conn, ids, timeout=60):
        """Whether the cron rows can be locked within ``timeout`` (a job may hold one briefly)."""
        start = time.time()
        while time.time() - start < timeout:
            try:
                with conn.cursor() as cr:
                    cr.execute("BEGIN")
                    cr.execute(
                        "SELECT id FROM ir_cron WHERE id = ANY(%s) FOR UPDATE NOWAIT", (ids,)
                    )
                    cr.execute("ROLLBACK")
                return True
            except psycopg2.errors.LockNotAvailable:
                with conn.cursor() as cr:
                    cr.execute("ROLLBACK")
                time.sleep(1)
        return False
