"""The seed's operations, as a salesperson and a team leader make them over JSON-2.

Every record an operation creates carries its marker (``LD<run>-<client>-<seq>``) in a
name or reference, so the checker finds it again. Each operation says what the seed
expects of it: a customer with a register number already taken, confirming a quotation
over its discount limit without approval and marking an opportunity lost without a reason
are refused (suite); everything else succeeds. On stock Odoo only what exists there runs
(no register numbers, no approval, no lost rules), with the same calls otherwise.
"""

import random
import threading

from .api import Failed

CONVERT_CONTEXT = "crm.lead"
UNDER_LIMIT = (0.0, 5.0, 8.0)
OVER_LIMIT = (15.0, 20.0, 30.0)


class Shared:
    """What the clients share: the run's register numbers (a block nobody else uses)."""

    def __init__(self, base, run_tag):
        self.lock = threading.Lock()
        self.base = base
        self.counter = 0
        self.taken = []
        self.run_tag = run_tag

    def fresh_number(self):
        with self.lock:
            self.counter += 1
            return str(self.base + self.counter)

    def taken_number(self, rnd):
        with self.lock:
            return rnd.choice(self.taken) if self.taken else None

    def mark_taken(self, number):
        with self.lock:
            self.taken.append(number)


class Seller:
    """One salesperson: its own pools of records and its own tally."""

    WEIGHTS = {
        "customer": 3,
        "lead": 3,
        "convert": 2,
        "merge": 1,
        "quote": 4,
        "confirm": 3,
        "request_approval": 2,
        "read_approvals": 1,
        "deliver": 2,
        "invoice": 2,
        "lost": 1,
        "restore": 1,
    }

    def __init__(self, name, api, setup, shared, tally, seed):
        self.name, self.api, self.setup, self.shared, self.tally = name, api, setup, shared, tally
        self.suite = setup["suite"]
        self.rnd = random.Random(seed)
        self.customers = list(setup["customer_ids"])
        self.leads, self.opportunities, self.lost_ones = [], [], []
        self.quotes, self.to_request, self.waiting = [], [], []
        self.confirmed, self.delivered = [], []
        # opportunities with a quotation are never marked lost here: a confirmed order
        # keeps its opportunity from being lost (suite), which would blur the expectation
        self.quoted = set()

    def marker(self):
        return f"LD{self.shared.run_tag}-{self.name}-{len(self.tally.entries)}"

    # -- which operation next ------------------------------------------------------------------

    def possible(self):
        ready = {
            "customer": True,
            "lead": True,
            "convert": bool(self.leads),
            "merge": True,
            "quote": bool(self.customers or self.opportunities),
            "confirm": bool(self.quotes),
            "request_approval": self.suite and bool(self.to_request),
            "read_approvals": self.suite and bool(self.waiting),
            "deliver": bool(self.confirmed),
            "invoice": bool(self.confirmed or self.delivered),
            "lost": bool(self.unquoted()),
            "restore": bool(self.lost_ones),
        }
        return [op for op, ok in ready.items() if ok]

    def step(self):
        ops = self.possible()
        op = self.rnd.choices(ops, weights=[self.WEIGHTS[op] for op in ops])[0]
        return getattr(self, f"op_{op}")()

    def unquoted(self):
        return [o for o in self.opportunities if o[0] not in self.quoted]

    def pop(self, pool):
        return pool.pop(self.rnd.randrange(len(pool)))

    # -- customers, leads, conversion, merge ---------------------------------------------------

    def op_customer(self):
        marker = self.marker()
        collide = self.suite and self.rnd.random() < 0.2
        number = self.shared.taken_number(self.rnd) if collide else None
        collide = bool(number)
        number = number or (self.shared.fresh_number() if self.suite else None)
        vals = {"name": marker, "is_company": True, "email": f"{marker.lower()}@load.mn"}
        if number:
            vals["mn_register_number"] = number

        def body(entry):
            entry.ids["res.partner"] = [self.api.create("res.partner", vals)]

        entry = self.tally.run(
            "customer",
            "refused" if collide else "ok",
            body,
            marker,
            register_number=number,
            collide=collide,
        )
        if entry.outcome == "ok":
            self.customers.append(entry.ids["res.partner"][0])
            if number and not collide:
                self.shared.mark_taken(number)
        return entry

    def op_lead(self):
        marker = self.marker()
        number = self.shared.fresh_number() if self.suite else None
        vals = {
            "type": "lead",
            "name": marker,
            "partner_name": f"{marker} ХХК",
            "email_from": f"{marker.lower()}@load.mn",
            "phone": f"+976 9{self.rnd.randint(1000000, 9999999)}",
            "expected_revenue": 1000 * self.rnd.randint(100, 5000),
        }
        if number:
            vals["mn_register_number"] = number

        def body(entry):
            entry.ids["crm.lead"] = [self.api.create("crm.lead", vals)]

        entry = self.tally.run("lead", "ok", body, marker, register_number=number)
        if entry.outcome == "ok":
            self.leads.append((entry.ids["crm.lead"][0], number))
        return entry

    def _convert(self, lead_id, values):
        context = {"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]}
        wizard = self.api.create(
            "crm.lead2opportunity.partner", {"lead_id": lead_id, **values}, context=context
        )
        action = self.api.call(
            "crm.lead2opportunity.partner", "action_apply", ids=[wizard], context=context
        )
        return action["res_id"]

    def op_convert(self):
        lead_id, number = self.pop(self.leads)
        exist = bool(self.customers) and self.rnd.random() < 0.4
        values = {"name": "convert", "action": "exist" if exist else "create"}
        if exist:
            values["partner_id"] = self.rnd.choice(self.customers)

        def body(entry):
            entry.ids["crm.lead"] = [lead_id]
            opportunity = self._convert(lead_id, values)
            entry.facts["opportunity_id"] = opportunity
            partner = self.api.read("crm.lead", [opportunity], ["partner_id"])[0]["partner_id"]
            entry.facts["partner_id"] = partner and partner[0]

        entry = self.tally.run(
            "convert", "ok", body, action=values["action"], register_number=number
        )
        if entry.outcome == "ok":
            self.opportunities.append((entry.facts["opportunity_id"], entry.facts["partner_id"]))
            if values["action"] == "create" and entry.facts["partner_id"]:
                self.customers.append(entry.facts["partner_id"])
        return entry

    def op_merge(self):
        marker = self.marker()
        phone = f"+976 8{self.rnd.randint(1000000, 9999999)}"
        email = f"{marker.lower()}@load.mn"

        def body(entry):
            ids = entry.ids.setdefault("crm.lead", [])
            for suffix in ("a", "b"):
                ids.append(
                    self.api.create(
                        "crm.lead",
                        {
                            "type": "lead",
                            "name": f"{marker}-{suffix}",
                            "contact_name": f"Давхар {marker}",
                            "phone": phone,
                            "email_from": email,
                        },
                    )
                )
            kept = self._convert(
                ids[0], {"name": "merge", "action": "create", "duplicated_lead_ids": [(6, 0, ids)]}
            )
            entry.facts["kept"] = kept
            partner = self.api.read("crm.lead", [kept], ["partner_id"])[0]["partner_id"]
            entry.facts["partner_id"] = partner and partner[0]

        entry = self.tally.run("merge", "ok", body, marker)
        if entry.outcome == "ok":
            self.opportunities.append((entry.facts["kept"], entry.facts["partner_id"]))
        return entry

    # -- quotations, approval, confirmation, delivery, invoice ---------------------------------

    def op_quote(self):
        marker = self.marker()
        opportunity = partner = None
        if self.opportunities and (not self.customers or self.rnd.random() < 0.5):
            opportunity, partner = self.rnd.choice(self.opportunities)
        if not partner:
            opportunity, partner = None, self.rnd.choice(self.customers or [None])
        if not partner:
            return self.op_customer()
        over = self.rnd.random() < 0.35
        count = self.rnd.randint(1, 3)
        lines = []
        for n in range(count):
            discount = self.rnd.choice(OVER_LIMIT if over and n == 0 else UNDER_LIMIT)
            lines.append(
                (
                    0,
                    0,
                    {
                        "product_id": self.rnd.choice(self.setup["product_ids"]),
                        "product_uom_qty": self.rnd.randint(1, 4),
                        "discount": discount,
                    },
                )
            )
        vals = {"partner_id": partner, "client_order_ref": marker, "order_line": lines}
        if opportunity:
            vals["opportunity_id"] = opportunity
            self.quoted.add(opportunity)

        def body(entry):
            entry.ids["sale.order"] = [self.api.create("sale.order", vals)]

        entry = self.tally.run(
            "quote", "ok", body, marker, lines=count, over=over, opportunity_id=opportunity
        )
        if entry.outcome == "ok":
            self.quotes.append({"id": entry.ids["sale.order"][0], "over": over, "approved": False})
        return entry

    def op_confirm(self):
        quote = self.pop(self.quotes)
        needs_approval = self.suite and quote["over"] and not quote["approved"]

        def body(entry):
            entry.ids["sale.order"] = [quote["id"]]
            self.api.call("sale.order", "action_confirm", ids=[quote["id"]])

        entry = self.tally.run(
            "confirm",
            "refused" if needs_approval else "ok",
            body,
            approved=quote["approved"],
            over=quote["over"],
        )
        if entry.outcome == "ok":
            self.confirmed.append(quote["id"])
        elif entry.outcome == "refused" and needs_approval:
            self.to_request.append(quote)
        return entry

    def op_request_approval(self):
        quote = self.pop(self.to_request)

        def body(entry):
            entry.ids["sale.order"] = [quote["id"]]
            # the leader's e-mail waits in the mail queue (the cron sends it), as a busy
            # server's notifications do
            self.api.call(
                "sale.order",
                "action_mn_request_approval",
                ids=[quote["id"]],
                context={"mail_notify_force_send": False},
            )

        entry = self.tally.run("request_approval", "ok", body)
        if entry.outcome == "ok":
            self.waiting.append(quote)
        return entry

    def op_read_approvals(self):
        by_id = {quote["id"]: quote for quote in self.waiting}

        def body(entry):
            rows = self.api.read("sale.order", list(by_id), ["mn_approval_state"])
            entry.facts["states"] = {row["id"]: row["mn_approval_state"] for row in rows}

        entry = self.tally.run("read_approvals", "ok", body)
        for order_id, state in entry.facts.get("states", {}).items():
            quote = by_id[order_id]
            if state == "approved":
                self.waiting.remove(quote)
                self.quotes.append({**quote, "approved": True})
            elif state == "rejected":
                self.waiting.remove(quote)
                self.to_request.append(quote)
        return entry

    def op_deliver(self):
        order_id = self.pop(self.confirmed)

        def body(entry):
            entry.ids["sale.order"] = [order_id]
            pickings = self.api.read("sale.order", [order_id], ["picking_ids"])[0]["picking_ids"]
            entry.ids["stock.picking"] = pickings
            moves = self.api.search_read(
                "stock.move", [("picking_id", "in", pickings)], ["product_uom_qty"]
            )
            for move in moves:
                self.api.write(
                    "stock.move",
                    [move["id"]],
                    {"quantity": move["product_uom_qty"], "picked": True},
                )
            self.api.call(
                "stock.picking", "button_validate", ids=pickings, context={"skip_sms": True}
            )
            states = self.api.read("stock.picking", pickings, ["state"])
            if any(row["state"] != "done" for row in states):
                raise Failed("NotDone", f"pickings {states} not done")

        entry = self.tally.run("deliver", "ok", body)
        if entry.outcome == "ok":
            self.delivered.append(order_id)
        return entry

    def op_invoice(self):
        order_id = self.pop(self.delivered if self.delivered else self.confirmed)

        def body(entry):
            entry.ids["sale.order"] = [order_id]
            wizard = self.api.create(
                "sale.advance.payment.inv",
                {"advance_payment_method": "delivered", "sale_order_ids": [(6, 0, [order_id])]},
            )
            self.api.call("sale.advance.payment.inv", "create_invoices", ids=[wizard])
            invoices = self.api.read("sale.order", [order_id], ["invoice_ids"])[0]["invoice_ids"]
            entry.ids["account.move"] = invoices
            self.api.call("account.move", "action_post", ids=invoices)

        return self.tally.run("invoice", "ok", body)

    # -- lost and restored ---------------------------------------------------------------------

    def op_lost(self):
        opportunity = self.rnd.choice(self.unquoted())
        self.opportunities.remove(opportunity)
        lead_id = opportunity[0]
        reasonless = self.suite and self.rnd.random() < 0.2
        kwargs = {} if reasonless else {"lost_reason_id": self.setup["lost_reason_id"]}

        def body(entry):
            entry.ids["crm.lead"] = [lead_id]
            self.api.call("crm.lead", "action_set_lost", ids=[lead_id], **kwargs)

        entry = self.tally.run(
            "lost", "refused" if reasonless else "ok", body, with_reason=not reasonless
        )
        if entry.outcome == "ok":
            self.lost_ones.append(opportunity)
        elif entry.outcome == "refused":
            self.opportunities.append(opportunity)
        return entry

    def op_restore(self):
        opportunity = self.pop(self.lost_ones)
        lead_id = opportunity[0]
        kwargs = {"reason": "Харилцагч дахин холбогдсон"} if self.suite else {}

        def body(entry):
            entry.ids["crm.lead"] = [lead_id]
            self.api.call("crm.lead", "action_restore", ids=[lead_id], **kwargs)

        entry = self.tally.run("restore", "ok", body)
        if entry.outcome == "ok":
            self.opportunities.append(opportunity)
        return entry


class Leader:
    """The team leader: approves (and now and then rejects) what waits for them."""

    def __init__(self, api, setup, tally, seed):
        self.api, self.setup, self.tally = api, setup, tally
        self.rnd = random.Random(seed)

    def step(self):
        found = {}

        def poll(entry):
            found["ids"] = self.api.call(
                "sale.order",
                "search",
                domain=[
                    ("mn_approval_state", "=", "requested"),
                    ("mn_approval_user_id", "=", self.setup["leader"]["id"]),
                ],
                limit=10,
            )

        entry = self.tally.run("approvals_poll", "ok", poll)
        entry.facts["found"] = bool(found.get("ids"))
        for order_id in found.get("ids", []):
            if self.rnd.random() < 0.15:
                self.decide("reject", order_id, reason="Хөнгөлөлт хэт их байна")
            else:
                self.decide("approve", order_id)
        return entry

    def decide(self, decision, order_id, **kwargs):
        def body(entry):
            entry.ids["sale.order"] = [order_id]
            self.api.call("sale.order", f"action_mn_{decision}", ids=[order_id], **kwargs)

        return self.tally.run(decision, "ok", body)
