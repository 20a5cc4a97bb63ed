"""Proof from the database (psycopg2, no Odoo) that the clients' tallies and the data agree.

What it proves, each check a method named after it:

* ``outcomes``: each operation ended as the seed expects (a collision, an unapproved
  confirmation, a loss without reason refused; the rest accepted), and no operation met a
  server error (allowed, and only reported, in a fault run);
* ``records``: every operation a client saw succeed is in the database exactly once (found
  again by its marker and id), every refused one left nothing, an operation that failed
  left its records whole or not at all;
* ``pipeline``: each opportunity is lost or open as its last successful loss or restore
  left it, with one restore log per restore (suite);
* ``orders``: no order without lines; a confirmed order has its delivery, a delivered
  one every move done, an invoiced one its posted invoices, no more;
* ``discount_limits``: no confirmed order gives more discount than its limit without an
  approval (suite);
* ``approval_activities``: a requested approval has exactly one activity for its
  approver, any other state none (suite);
* ``register_numbers``: no two commercial partners of a company share a register number;
* ``sequences``: no two orders, posted invoices of a journal or pickings share a name.

The scope of the order checks is the run's users (demo data is not judged); register
numbers and sequences are checked over the whole database.
"""

import collections
from dataclasses import dataclass, field

import psycopg2

from .tally import ERROR, OK, REFUSED

LIMIT_TOLERANCE = 0.005  # percent; Odoo rounds discounts to two digits


@dataclass
class Verdict:
    defects: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.defects

    def text(self):
        lines = [f"checker: {'PASSED' if self.ok else 'FAILED'}, {len(self.defects)} defect(s)"]
        lines += [f"  DEFECT {defect}" for defect in self.defects]
        lines += [f"  note   {note}" for note in self.notes]
        return "\n".join(lines)


def connect(db, port, host="127.0.0.1", user="odoo", password="odoo"):
    return psycopg2.connect(dbname=db, host=host, port=port, user=user, password=password)


class Checker:
    def __init__(self, conn, entries, setup, *, faults=False, server_log=None):
        self.conn = conn
        self.entries = entries
        self.setup = setup
        self.suite = setup["suite"]
        self.faults = faults
        self.server_log = server_log
        self.users = [s["id"] for s in setup["sellers"]] + [setup["leader"]["id"]]
        self.verdict = Verdict()

    # -- helpers -------------------------------------------------------------------------------

    def rows(self, sql, params=()):
        with self.conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    def defect(self, text):
        self.verdict.defects.append(text)

    @staticmethod
    def label(entry):
        return f"{entry.op} {entry.client}#{entry.seq}"

    def of(self, *ops, outcome=None):
        return [
            e for e in self.entries if e.op in ops and (outcome is None or e.outcome == outcome)
        ]

    def run(self):
        """Every check, inside the connection's current transaction (only reads)."""
        for check in (
            self.outcomes,
            self.records,
            self.pipeline,
            self.orders,
            self.discount_limits,
            self.approval_activities,
            self.register_numbers,
            self.sequences,
            self.retries,
        ):
            check()
        return self.verdict

    # -- the checks ----------------------------------------------------------------------------

    def outcomes(self):
        errors = collections.Counter()
        for entry in self.entries:
            if entry.outcome == ERROR:
                errors[(entry.op, entry.kind)] += 1
                if not self.faults:
                    self.defect(f"{self.label(entry)}: server error {entry.kind}: {entry.message}")
            elif entry.expected and entry.outcome != entry.expected:
                self.defect(
                    f"{self.label(entry)}: {entry.outcome}, expected {entry.expected}"
                    + (f" ({entry.kind}: {entry.message[:200]})" if entry.message else "")
                )
        for (op, kind), count in sorted(errors.items()):
            self.verdict.notes.append(f"{count} {op} reported {kind} to the client")

    def _by_marker(self, table, column, marker):
        return self.rows(
            f"SELECT id FROM {table} WHERE {column} = %s",  # noqa: S608 - names are literals
            (marker,),
        )

    def records(self):
        converted = {e.ids.get("crm.lead", [None])[0] for e in self.of("convert")}
        for entry in self.of("customer", "lead", "quote"):
            table, column = {
                "customer": ("res_partner", "name"),
                "lead": ("crm_lead", "name"),
                "quote": ("sale_order", "client_order_ref"),
            }[entry.op]
            found = [row[0] for row in self._by_marker(table, column, entry.marker)]
            model = {"customer": "res.partner", "lead": "crm.lead", "quote": "sale.order"}
            tallied = entry.ids.get(model[entry.op], [])
            if entry.outcome == OK and found != tallied:
                self.defect(f"{self.label(entry)}: saw {tallied}, the database holds {found}")
            elif entry.outcome == REFUSED and found:
                self.defect(f"{self.label(entry)}: refused, yet left {table} {found}")
            elif entry.outcome == ERROR and len(found) > 1:
                self.defect(f"{self.label(entry)}: failed, and left {table} {found} twice")
            self.record_details(entry, table, found, converted if entry.op == "lead" else ())
        self.conversions()
        self.merges()

    def record_details(self, entry, table, found, converted):
        """What a created record holds: the lines sent, the register number sent."""
        if len(found) != 1:
            return
        if entry.op == "quote":
            lines = self.rows(
                "SELECT count(*) FROM sale_order_line WHERE order_id = %s AND display_type IS NULL",
                (found[0],),
            )[0][0]
            if lines != entry.facts["lines"]:
                self.defect(
                    f"{self.label(entry)}: {lines} lines stored, {entry.facts['lines']} sent"
                )
            return
        # a conversion to an existing customer gives the lead that customer's number
        if not self.suite or entry.outcome != OK or found[0] in converted:
            return
        number = self.rows(
            f"SELECT mn_register_number FROM {table} WHERE id = %s",  # noqa: S608
            (found[0],),
        )[0][0]
        if number != entry.facts["register_number"]:
            self.defect(
                f"{self.label(entry)}: register number {number!r} stored, "
                f"{entry.facts['register_number']!r} sent"
            )

    def conversions(self):
        for entry in self.of("convert", outcome=OK):
            lead_id = entry.ids["crm.lead"][0]
            row = self.rows("SELECT type, partner_id FROM crm_lead WHERE id = %s", (lead_id,))
            if not row or row[0][0] != "opportunity" or row[0][1] != entry.facts["partner_id"]:
                self.defect(f"{self.label(entry)}: lead {lead_id} is {row}, not converted")
                continue
            number = entry.facts.get("register_number")
            if self.suite and number and entry.facts["action"] == "create":
                holders = self.rows(
                    "SELECT id FROM res_partner WHERE mn_register_number = %s"
                    " AND (is_company OR parent_id IS NULL)",
                    (number,),
                )
                if [h[0] for h in holders] != [row[0][1]]:
                    self.defect(
                        f"{self.label(entry)}: register number {number} held by {holders}, "
                        f"expected the new customer {row[0][1]} alone"
                    )

    def merges(self):
        for entry in self.of("merge"):
            ids = entry.ids.get("crm.lead", [])
            present = {
                r[0] for r in self.rows("SELECT id FROM crm_lead WHERE id = ANY(%s)", (ids,))
            }
            if entry.outcome == OK:
                kept = entry.facts["kept"]
                if present != {kept}:
                    self.defect(f"{self.label(entry)}: kept {kept}, the database holds {present}")
            elif ids and not present:
                self.defect(f"{self.label(entry)}: failed, and none of {ids} is left")

    def pipeline(self):
        history = collections.defaultdict(list)
        for entry in self.of("lost", "restore", outcome=OK):
            history[entry.ids["crm.lead"][0]].append(entry)
        refused = {e.ids["crm.lead"][0] for e in self.of("lost", outcome=REFUSED)}
        for lead_id in set(history) | refused:
            steps = sorted(history.get(lead_id, []), key=lambda e: e.started)
            row = self.rows("SELECT active, lost_reason_id FROM crm_lead WHERE id = %s", (lead_id,))
            if not row:
                self.defect(f"opportunity {lead_id} of the pipeline is gone")
                continue
            active, reason = row[0]
            expect_active = not steps or steps[-1].op == "restore"
            if active != expect_active:
                self.defect(
                    f"opportunity {lead_id}: active={active}, its last step was "
                    f"{steps[-1].op if steps else 'a refused loss'}"
                )
            elif not active and reason != self.setup["lost_reason_id"]:
                self.defect(f"opportunity {lead_id}: lost with reason {reason}")
            if self.suite:
                logs = self.rows(
                    "SELECT count(*) FROM mn_lead_restore_log WHERE lead_id = %s", (lead_id,)
                )[0][0]
                restores = sum(1 for step in steps if step.op == "restore")
                if logs != restores:
                    self.defect(f"opportunity {lead_id}: {restores} restores, {logs} restore logs")

    def orders(self):
        for (order,) in self.rows(
            "SELECT name FROM sale_order so WHERE create_uid = ANY(%s) AND NOT EXISTS"
            " (SELECT 1 FROM sale_order_line l WHERE l.order_id = so.id"
            "  AND l.display_type IS NULL)",
            (self.users,),
        ):
            self.defect(f"order {order} has no lines")
        for order, state in self.rows(
            "SELECT so.name, so.state FROM sale_order so WHERE so.create_uid = ANY(%s)"
            " AND so.state = 'sale' AND NOT EXISTS"
            " (SELECT 1 FROM stock_picking p WHERE p.sale_id = so.id)",
            (self.users,),
        ):
            self.defect(f"order {order} is confirmed ({state}) without a delivery")
        confirmed_later = {e.ids["sale.order"][0] for e in self.of("confirm", outcome=OK)}
        for entry in self.of("confirm", outcome=REFUSED):
            order_id = entry.ids["sale.order"][0]
            if order_id in confirmed_later:
                continue
            row = self.rows(
                "SELECT state, (SELECT count(*) FROM stock_picking WHERE sale_id = so.id)"
                " FROM sale_order so WHERE id = %s",
                (order_id,),
            )
            if row and (row[0][0] == "sale" or row[0][1]):
                self.defect(f"{self.label(entry)}: refused, yet order {order_id} is {row[0]}")
        for entry in self.of("confirm", outcome=OK):
            state = self.rows(
                "SELECT state FROM sale_order WHERE id = %s", (entry.ids["sale.order"][0],)
            )
            if not state or state[0][0] != "sale":
                self.defect(f"{self.label(entry)}: confirmed, now {state}")
        for entry in self.of("deliver", outcome=OK):
            pickings = entry.ids.get("stock.picking", [])
            bad = self.rows(
                "SELECT p.name, p.state FROM stock_picking p WHERE p.id = ANY(%s)"
                " AND (p.state != 'done' OR EXISTS (SELECT 1 FROM stock_move m"
                " WHERE m.picking_id = p.id AND m.state NOT IN ('done', 'cancel')))",
                (pickings,),
            )
            if bad or not pickings:
                self.defect(f"{self.label(entry)}: delivered, yet pickings {bad or pickings}")
        for entry in self.of("invoice", outcome=OK):
            order_id = entry.ids["sale.order"][0]
            linked = self.rows(
                "SELECT DISTINCT m.id, m.state, m.name FROM sale_order_line l"
                " JOIN sale_order_line_invoice_rel r ON r.order_line_id = l.id"
                " JOIN account_move_line ml ON ml.id = r.invoice_line_id"
                " JOIN account_move m ON m.id = ml.move_id WHERE l.order_id = %s",
                (order_id,),
            )
            ids = sorted(row[0] for row in linked)
            if ids != sorted(entry.ids.get("account.move", [])):
                self.defect(f"{self.label(entry)}: saw invoices {entry.ids}, linked {linked}")
            elif any(state != "posted" or name in (None, "/") for _id, state, name in linked):
                self.defect(f"{self.label(entry)}: invoices not posted: {linked}")
        for entry in self.of("approve", outcome=OK):
            order_id = entry.ids["sale.order"][0]
            row = self.rows(
                "SELECT mn_approval_state, mn_approval_decided_by_id FROM sale_order WHERE id = %s",
                (order_id,),
            )
            if row != [("approved", self.setup["leader"]["id"])]:
                self.defect(f"{self.label(entry)}: approved, order {order_id} holds {row}")

    def discount_limits(self):
        if not self.suite:
            return
        rows = self.rows(
            """
            SELECT so.name, so.mn_approval_state, l.id, l.price_unit, l.discount,
                   l.mn_reference_price_unit,
                   COALESCE(NULLIF(c.mn_max_discount, 0), NULLIF(pc.mn_max_discount, 0)),
                   NULLIF(u.mn_max_discount, 0), NULLIF(t.mn_max_discount, 0),
                   NULLIF(co.mn_max_discount, 0)
              FROM sale_order so
              JOIN res_company co ON co.id = so.company_id
              JOIN sale_order_line l ON l.order_id = so.id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN product_category c ON c.id = pt.categ_id
              LEFT JOIN product_category pc ON pc.id = c.parent_id
              LEFT JOIN res_users u ON u.id = so.user_id
              LEFT JOIN crm_team t ON t.id = so.team_id
             WHERE so.state = 'sale' AND co.mn_discount_approval
               AND so.create_uid = ANY(%s)
               AND l.display_type IS NULL AND l.is_downpayment IS NOT TRUE
               AND l.price_unit * l.product_uom_qty > 0 AND l.mn_reference_price_unit > 0
            """,
            (self.users,),
        )
        for order, approval, line, *numbers in rows:
            price, discount, reference, categ, user, team, company = (
                None if n is None else float(n) for n in numbers
            )
            limit = categ or min((v for v in (user, team) if v), default=None) or company
            if limit is None:
                continue
            given = 100.0 * (1.0 - price * (1.0 - discount / 100.0) / reference)
            if given > limit + LIMIT_TOLERANCE and approval != "approved":
                self.defect(
                    f"order {order} is confirmed with line {line} at {given:.2f}% over its "
                    f"{limit:g}% limit, approval {approval}"
                )

    def approval_activities(self):
        if not self.suite:
            return
        rows = self.rows(
            """
            SELECT so.name, so.mn_approval_state, so.mn_approval_user_id,
                   array_remove(array_agg(a.user_id), NULL)
              FROM sale_order so
              LEFT JOIN mail_activity a ON a.res_model = 'sale.order' AND a.res_id = so.id
               AND a.activity_type_id = (SELECT res_id FROM ir_model_data
                     WHERE module = 'mn_crm_sales'
                       AND name = 'mail_activity_type_mn_discount_approval')
               AND a.active
             WHERE so.create_uid = ANY(%s)
             GROUP BY so.id
            """,
            (self.users,),
        )
        for order, state, approver, users in rows:
            if state == "requested" and users != [approver]:
                self.defect(f"order {order} waits for {approver}, approval activities {users}")
            elif state != "requested" and users:
                self.defect(f"order {order} is {state}, yet approval activities {users} are open")

    def register_numbers(self):
        if not self.suite:
            return
        for company, number, ids in self.rows(
            "SELECT COALESCE(company_id, 0), mn_register_number, array_agg(id ORDER BY id)"
            "  FROM res_partner WHERE mn_register_number IS NOT NULL"
            "   AND (is_company OR parent_id IS NULL)"
            " GROUP BY 1, 2 HAVING count(*) > 1"
        ):
            self.defect(f"register number {number} held by partners {ids} (company {company})")

    def sequences(self):
        for label, sql in (
            (
                "order",
                "SELECT name, array_agg(id) FROM sale_order GROUP BY company_id, name"
                " HAVING count(*) > 1",
            ),
            (
                "invoice",
                "SELECT name, array_agg(id) FROM account_move WHERE state = 'posted'"
                " AND name IS NOT NULL AND name != '/' GROUP BY journal_id, name"
                " HAVING count(*) > 1",
            ),
            (
                "picking",
                "SELECT name, array_agg(id) FROM stock_picking GROUP BY company_id, name"
                " HAVING count(*) > 1",
            ),
        ):
            for name, ids in self.rows(sql):
                self.defect(f"{label} name {name} used by {sorted(ids)}")

    def retries(self):
        """Serialization failures Odoo retried, and those it gave up on (from its log)."""
        if not self.server_log:
            return
        retried = gave_up = 0
        with open(self.server_log, encoding="utf-8", errors="replace") as log:
            for line in log:
                if "tries left, try again in" in line:
                    retried += 1
                elif "maximum number of tries reached" in line:
                    gave_up += 1
        reported = sum(1 for e in self.entries if e.outcome == ERROR)
        self.verdict.notes.append(
            f"Odoo retried {retried} transaction(s) after a concurrency failure, gave up on "
            f"{gave_up} (reported to the client: {reported} error(s) in all)"
        )
        if gave_up > reported:
            self.defect(f"Odoo gave up on {gave_up} transactions, clients saw {reported} errors")
