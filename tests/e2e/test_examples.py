"""The scripts of examples/ and Odoo's client library (odoo-client-lib) on a live server.

Each example runs as a subprocess, over XML-RPC and over JSON-2, as a salesperson, a team
leader and a manager made for this module (a sales team of their own, so that the other
e2e files keep their users as they are), with API keys made by examples/make_api_keys.py.
The test then re-reads over XML-RPC as admin what the script says it did (its last line,
``ҮР ДҮН: {...}``). The client-library test runs the seed flow through ``odoolib`` in its
``xmlrpc`` and ``json2`` modes; JSON-2 with positional arguments needs the API
documentation group, checked first without it.
"""

import json
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ADMIN = ("admin", "admin")
SELLER = "e2e_examples_seller"
LEADER = "e2e_examples_leader"
PROTOCOLS = ("xmlrpc", "json2")
SCRIPTS = (
    "01_customers_and_leads",
    "02_pipeline_lost_restore",
    "03_quotation_approval",
    "04_delivery_invoice",
    "05_reports",
)


def admin(server, model, method, *args, **kwargs):
    return server.execute(*ADMIN, model, method, *args, **kwargs)


def read(server, model, record_id, fields, **context):
    kwargs = {"context": context} if context else {}
    return admin(server, model, "read", [record_id], fields, **kwargs)[0]


@pytest.fixture(scope="module")
def people(odoo_server):
    """A salesperson and the leader of their team (All Documents), with API keys."""
    groups = {
        xmlid: odoo_server.ref(xmlid)
        for xmlid in ("sales_team.group_sale_salesman", "sales_team.group_sale_salesman_all_leads")
    }
    users = {}
    for login, name, group in (
        (SELLER, "Жишээ Борлуулагч", "sales_team.group_sale_salesman"),
        (LEADER, "Жишээ Ахлагч", "sales_team.group_sale_salesman_all_leads"),
    ):
        found = admin(odoo_server, "res.users", "search", [("login", "=", login)])
        users[login] = (
            found[0]
            if found
            else admin(
                odoo_server,
                "res.users",
                "create",
                {
                    "name": name,
                    "login": login,
                    "lang": "mn_MN",
                    "tz": "Asia/Ulaanbaatar",
                    "group_ids": [(6, 0, [groups[group]])],
                },
            )
        )
    if not admin(odoo_server, "crm.team", "search", [("user_id", "=", users[LEADER])]):
        team_id = admin(
            odoo_server,
            "crm.team",
            "create",
            {"name": "Жишээ баг (e2e)", "user_id": users[LEADER], "use_leads": True},
        )
        admin(
            odoo_server,
            "crm.team.member",
            "create",
            {"crm_team_id": team_id, "user_id": users[SELLER]},
        )
    out = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "make_api_keys.py"),
            "--db",
            odoo_server.db,
            "--login",
            SELLER,
            "--login",
            LEADER,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    keys = {
        parts[1]: parts[2]
        for parts in (line.split() for line in out.stdout.splitlines())
        if len(parts) == 3 and parts[0] == "MN_API_KEY"
    }
    assert set(keys) == {SELLER, LEADER}, out.stdout
    keys["admin"] = odoo_server.api_keys["admin"]
    return {"ids": users, "keys": keys}


def run_example(server, people, script, protocol, tmp_path):
    keys = people["keys"]
    args = [
        sys.executable,
        str(EXAMPLES / f"{script}.py"),
        "--url",
        server.url,
        "--db",
        server.db,
        "--protocol",
        protocol,
        "--login",
        SELLER,
        "--api-key",
        keys[SELLER],
    ]
    if script == "03_quotation_approval":
        args += ["--leader-login", LEADER, "--leader-api-key", keys[LEADER]]
    if script == "04_delivery_invoice":
        args += ["--manager-login", "admin", "--manager-api-key", keys["admin"]]
        args += ["--pdf-dir", str(tmp_path)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False, timeout=600)
    assert proc.returncode == 0, f"{script} {protocol}:\n{proc.stdout}\n{proc.stderr}"
    lines = proc.stdout.strip().splitlines()
    assert lines[-1].startswith("ҮР ДҮН: "), proc.stdout
    # every line but the JSON one speaks Mongolian (Cyrillic letters in it)
    for line in lines[:-1]:
        assert any("\u0400" <= char <= "\u04ff" for char in line), line
    return json.loads(lines[-1][len("ҮР ДҮН: ") :]), proc.stdout


def check_customers_and_leads(server, people, done):
    customer = read(server, "res.partner", done["customer_id"], ["mn_register_number"])
    assert customer["mn_register_number"] == done["register_number"]
    opportunity = read(server, "crm.lead", done["opportunity_exist_id"], ["type", "partner_id"])
    assert opportunity["type"] == "opportunity"
    assert opportunity["partner_id"][0] == done["customer_id"]
    new = read(server, "crm.lead", done["opportunity_new_id"], ["type", "partner_id", "user_id"])
    assert new["type"] == "opportunity"
    assert new["partner_id"][0] == done["new_customer_id"]
    assert new["user_id"][0] == people["ids"][SELLER]
    new_customer = read(server, "res.partner", done["new_customer_id"], ["mn_register_number"])
    assert new_customer["mn_register_number"] == done["new_register_number"]
    merged = read(server, "crm.lead", done["merged_id"], ["type", "active"])
    assert merged["type"] == "opportunity" and merged["active"]
    gone = admin(
        server,
        "crm.lead",
        "search",
        [("id", "=", done["merged_away_id"])],
        context={"active_test": False},
    )
    assert gone == []


def check_pipeline_lost_restore(server, people, done):
    lead = read(
        server,
        "crm.lead",
        done["lead_id"],
        ["active", "won_status", "stage_id", "mn_competitor_name", "lost_reason_id"],
    )
    assert lead["active"] and lead["won_status"] == "pending"
    assert lead["stage_id"][0] == done["stage_ids"][-1]
    assert not lead["mn_competitor_name"], "restoring forgets the loss details"
    logs = admin(
        server,
        "mn.lead.restore.log",
        "search_read",
        [("lead_id", "=", done["lead_id"])],
        fields=["reason", "user_id", "previous_lost_reason_id", "previous_competitor"],
    )
    assert [log["id"] for log in logs] == done["restore_log_ids"]
    assert logs[0]["reason"] == done["restore_reason"]
    assert logs[0]["user_id"][0] == people["ids"][SELLER]
    assert logs[0]["previous_lost_reason_id"][0] == done["lost_reason_id"]
    assert logs[0]["previous_competitor"] == done["competitor"]


def check_quotation_approval(server, people, done):
    order = read(
        server,
        "sale.order",
        done["order_id"],
        [
            "state",
            "opportunity_id",
            "pricelist_id",
            "user_id",
            "mn_approval_state",
            "mn_approval_decided_by_id",
            "amount_total",
            "amount_tax",
            "order_line",
        ],
    )
    assert order["state"] == "sale"
    assert order["opportunity_id"][0] == done["lead_id"]
    assert order["user_id"][0] == people["ids"][SELLER]
    assert order["mn_approval_state"] == "approved"
    assert order["mn_approval_decided_by_id"][0] == people["ids"][LEADER] == done["approver_uid"]
    assert order["pricelist_id"][0] == done["pricelist_id"]
    assert order["amount_total"] == pytest.approx(done["amount_total"])
    assert order["amount_tax"] > 0
    lines = admin(server, "sale.order.line", "read", order["order_line"], ["discount", "tax_ids"])
    assert any(line["discount"] > 0 for line in lines)
    assert all(line["tax_ids"] for line in lines)
    messages = admin(
        server,
        "mail.message",
        "search_read",
        [("model", "=", "sale.order"), ("res_id", "=", done["order_id"])],
        fields=["body", "attachment_ids"],
    )
    assert any(done["reject_reason"] in (message["body"] or "") for message in messages)
    assert any(message["attachment_ids"] for message in messages), "the quotation was e-mailed"
    words = admin(server, "sale.order", "get_mn_amount_in_words", [done["order_id"]])
    assert words[0]["amount_in_words"] == done["amount_in_words"]


def pdf_text(path):
    from PyPDF2 import PdfReader  # noqa: PLC0415

    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.split())


def check_delivery_invoice(server, people, done):
    for order_key, picking_key, invoice_key in (
        ("order_id", "picking_ids", "invoice_ids"),
        ("lead_order_id", "lead_picking_ids", "lead_invoice_ids"),
    ):
        order = read(server, "sale.order", done[order_key], ["state", "invoice_ids", "picking_ids"])
        assert order["state"] == "sale"
        assert order["picking_ids"] == done[picking_key]
        assert order["invoice_ids"] == done[invoice_key]
        pickings = admin(server, "stock.picking", "read", done[picking_key], ["state"])
        assert {picking["state"] for picking in pickings} == {"done"}
        invoices = admin(server, "account.move", "read", done[invoice_key], ["state", "move_type"])
        assert {(inv["state"], inv["move_type"]) for inv in invoices} == {("posted", "out_invoice")}
    lead = read(server, "crm.lead", done["lead_id"], ["mn_invoice_ids", "order_ids"])
    assert lead["mn_invoice_ids"] == done["lead_invoice_ids"]
    assert done["lead_order_id"] in lead["order_ids"]
    words = admin(server, "account.move", "get_mn_amount_in_words", done["invoice_ids"])
    assert words[0]["amount_in_words"] == done["amount_in_words"]
    assert "төгрөг" in done["amount_in_words"]
    for key in ("quotation_pdf", "invoice_pdf"):
        path = Path(done[key])
        assert path.read_bytes().startswith(b"%PDF")
        text = pdf_text(path)
        assert "төгрөг" in text, f"{key}: no amount in Mongolian words"
    assert "Proforma" not in pdf_text(done["invoice_pdf"]), "the legal invoice PDF"


def check_reports(server, people, done):
    seller = people["ids"][SELLER]
    for name in ("sales", "winloss", "funnel", "forecast", "pipeline"):
        assert isinstance(done["rows"][name], list)
    assert done["sales"] >= 1 and done["pipeline"] >= 1
    # "Own Documents Only": the pipeline counts the seller's and unassigned opportunities
    visible = admin(
        server,
        "crm.lead",
        "search_count",
        [("type", "=", "opportunity"), "|", ("user_id", "=", seller), ("user_id", "=", False)],
    )
    assert sum(row["__count"] for row in done["rows"]["pipeline"]) == visible
    own_orders = admin(
        server,
        "sale.report",
        "formatted_read_group",
        [("state", "=", "sale"), ("user_id", "=", seller)],
        [],
        ["price_total:sum"],
    )[0]["price_total:sum"]
    seen = sum(row["price_total:sum"] or 0 for row in done["rows"]["sales"])
    assert seen == pytest.approx(own_orders)


CHECKS = {
    "01_customers_and_leads": check_customers_and_leads,
    "02_pipeline_lost_restore": check_pipeline_lost_restore,
    "03_quotation_approval": check_quotation_approval,
    "04_delivery_invoice": check_delivery_invoice,
    "05_reports": check_reports,
}


@pytest.mark.parametrize(
    ("script", "protocol"),
    [(script, protocol) for script in SCRIPTS for protocol in PROTOCOLS],
)
def test_example(odoo_server, people, script, protocol, tmp_path):
    done, _stdout = run_example(odoo_server, people, script, protocol, tmp_path)
    CHECKS[script](odoo_server, people, done)


def test_example_refuses_json2_without_api_key(odoo_server):
    proc = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "01_customers_and_leads.py"),
            "--url",
            odoo_server.url,
            "--db",
            odoo_server.db,
            "--protocol",
            "json2",
            "--login",
            "demo",
            "--password",
            "demo",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "API түлхүүр" in proc.stderr


# -- Odoo's client library (PyPI odoo-client-lib, module odoolib) ---------------------------------


@pytest.fixture
def doc_group(odoo_server, people):
    """Put the seller and the leader in "Technical Documentation" for the test, then out."""
    group_id = odoo_server.ref("api_doc.group_allow_doc")
    users = [people["ids"][SELLER], people["ids"][LEADER]]

    def grant(on):
        admin(odoo_server, "res.users", "write", users, {"group_ids": [(4 if on else 3, group_id)]})

    yield grant
    grant(False)


def _ids(value):
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_odoo_client_lib_seed_flow(odoo_server, people, doc_group, protocol):
    odoolib = pytest.importorskip("odoolib")
    url = urlparse(odoo_server.url)
    keys = people["keys"]

    def connection(login):
        return odoolib.get_connection(
            hostname=url.hostname,
            protocol=protocol,
            port=url.port,
            database=odoo_server.db,
            login=login,
            password=keys[login],
        )

    seller, leader, manager = connection(SELLER), connection(LEADER), connection("admin")
    assert seller.check_login() is not False

    if protocol == "json2":
        # Positional arguments: the library asks /doc-bearer/<model>.json for the names,
        # which answers 403 outside "Technical Documentation" (api_doc.group_allow_doc).
        with pytest.raises(Exception) as refused:  # noqa: PT011 - httpx.HTTPStatusError
            seller.get_model("res.partner").search_read([("id", "=", 0)], ["name"])
        assert "403" in str(refused.value)
        # Named arguments need no documentation access.
        assert seller.get_model("res.partner").search_read(domain=[("id", "=", 0)]) == []
        doc_group(True)

    tag = random.randint(1000, 9999)
    number = str(random.randint(1_000_000, 9_999_999))
    partner_id = _ids(
        seller.get_model("res.partner").create(
            [{"name": f"Odoolib ХХК {tag}", "is_company": True, "mn_register_number": number}]
        )
    )[0]
    Lead = seller.get_model("crm.lead")
    lead_id = _ids(
        Lead.create(
            [
                {
                    "name": f"Odoolib сэжим {tag}",
                    "type": "lead",
                    "partner_name": f"Odoolib ХХК {tag}",
                    "mn_register_number": number,
                }
            ]
        )
    )[0]
    ctx = {"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]}
    Convert = seller.get_model("crm.lead2opportunity.partner")
    wizard_id = _ids(
        Convert.create(
            [{"lead_id": lead_id, "name": "convert", "action": "exist", "partner_id": partner_id}],
            context=ctx,
        )
    )[0]
    Convert.action_apply([wizard_id], context=ctx)
    stages = seller.get_model("crm.stage").search_read([("is_won", "=", False)], ["name"])
    Lead.write([lead_id], {"stage_id": stages[-1]["id"]})
    reason_id = seller.get_model("crm.lost.reason").search_read(
        [("mn_requires_competitor", "=", True), ("mn_team_ids", "=", False)], ["name"]
    )[0]["id"]
    Lead.action_set_lost(
        [lead_id],
        lost_reason_id=reason_id,
        mn_lost_note="<p>Odoolib</p>",
        mn_competitor_name="Өрсөлдөгч ХХК",
    )
    assert read(odoo_server, "crm.lead", lead_id, ["won_status"])["won_status"] == "lost"
    Lead.action_restore([lead_id], reason="odoolib: дахин холбогдсон")

    products = seller.get_model("product.product").search_read(
        [("categ_id.mn_max_discount", ">", 0)], ["name"]
    )
    Order = seller.get_model("sale.order")
    order_id = _ids(
        Order.create(
            [
                {
                    "partner_id": partner_id,
                    "opportunity_id": lead_id,
                    "order_line": [
                        (0, 0, {"product_id": products[0]["id"], "discount": 40}),
                    ],
                }
            ]
        )
    )[0]
    Order.action_mn_request_approval([order_id])
    leader.get_model("sale.order").action_mn_approve([order_id])
    action = Order.action_quotation_send([order_id])
    Composer = seller.get_model("mail.compose.message")
    composer_id = _ids(Composer.create([{}], context=action["context"]))[0]
    Composer.action_send_mail([composer_id], context=action["context"])
    Order.action_confirm([order_id])

    moves = manager.get_model("stock.move").search_read(
        [("picking_id.sale_id", "=", order_id)], ["product_uom_qty", "picking_id"]
    )
    for move in moves:
        manager.get_model("stock.move").write(
            [move["id"]], {"quantity": move["product_uom_qty"], "picked": True}
        )
    picking_ids = sorted({move["picking_id"][0] for move in moves})
    manager.get_model("stock.picking").button_validate(picking_ids, context={"skip_sms": True})
    Lead.action_mn_create_invoices([lead_id])
    invoice_ids = Lead.search_read([("id", "=", lead_id)], ["mn_invoice_ids"])[0]["mn_invoice_ids"]
    manager.get_model("account.move").action_post(invoice_ids)
    words = seller.get_model("account.move").get_mn_amount_in_words(invoice_ids)
    name = read(odoo_server, "sale.order", order_id, ["name"])["name"]
    report = seller.get_model("sale.report").formatted_read_group(
        [("name", "=", name)], ["team_id"], ["price_total:sum"]
    )

    order = read(
        odoo_server, "sale.order", order_id, ["state", "mn_approval_state", "amount_total"]
    )
    assert order["state"] == "sale" and order["mn_approval_state"] == "approved"
    pickings = admin(odoo_server, "stock.picking", "read", picking_ids, ["state"])
    assert {picking["state"] for picking in pickings} == {"done"}
    invoices = admin(odoo_server, "account.move", "read", invoice_ids, ["state", "amount_total"])
    assert [inv["state"] for inv in invoices] == ["posted"]
    assert "төгрөг" in words[0]["amount_in_words"]
    assert report[0]["price_total:sum"] == pytest.approx(order["amount_total"])
    logs = admin(odoo_server, "mn.lead.restore.log", "search_count", [("lead_id", "=", lead_id)])
    assert logs == 1
