"""Lost-reason rules over the external API: XML-RPC and JSON-2 hit the same wall as the UI."""

import xmlrpc.client
from contextlib import contextmanager

import pytest

ADMIN = ("admin", "admin")
# Messages and the "(no reason given)" log text are asserted in English.
EN = {"lang": "en_US"}
DEMO = ("demo", "demo")


def _new_lead(server, **values):
    return server.execute(
        *ADMIN,
        "crm.lead",
        "create",
        {"name": "E2E lost reasons", "type": "opportunity", "probability": 20, **values},
    )


def _read(server, lead_id, fields):
    rows = server.execute(
        *ADMIN,
        "crm.lead",
        "read",
        [lead_id],
        fields=fields,
        context={"active_test": False},
    )
    return rows[0]


@contextmanager
def _restore_managers_only(server):
    """Switch rule 7 on for the main company for the block, then back to its default."""
    admin_id = server.login(*ADMIN)
    admin = server.execute(*ADMIN, "res.users", "read", [admin_id], fields=["company_id"])[0]
    company_id = admin["company_id"][0]
    server.execute(
        *ADMIN, "res.company", "write", [company_id], {"mn_lost_restore_managers_only": True}
    )
    try:
        yield
    finally:
        server.execute(
            *ADMIN, "res.company", "write", [company_id], {"mn_lost_restore_managers_only": False}
        )


def test_xmlrpc_set_lost_without_reason_refused(odoo_server):
    lead_id = _new_lead(odoo_server)
    with pytest.raises(xmlrpc.client.Fault) as error:
        odoo_server.execute(*ADMIN, "crm.lead", "action_set_lost", [lead_id], context=EN)
    assert "A lost reason is required" in error.value.faultString
    assert _read(odoo_server, lead_id, ["active", "won_status"]) == {
        "id": lead_id,
        "active": True,
        "won_status": "pending",
    }


def test_xmlrpc_set_lost_with_reason(odoo_server):
    lead_id = _new_lead(odoo_server)
    reason_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_price")
    result = odoo_server.execute(
        *ADMIN, "crm.lead", "action_set_lost", [lead_id], lost_reason_id=reason_id
    )
    assert result is True
    lead = _read(odoo_server, lead_id, ["won_status", "lost_reason_id", "mn_lost_category_id"])
    assert lead["won_status"] == "lost"
    assert lead["lost_reason_id"][0] == reason_id
    assert lead["mn_lost_category_id"][0] == odoo_server.ref(
        "mn_crm_sales.lost_reason_category_price"
    )


def test_xmlrpc_write_lost_without_reason_refused(odoo_server):
    lead_id = _new_lead(odoo_server)
    with pytest.raises(xmlrpc.client.Fault) as error:
        odoo_server.execute(
            *ADMIN,
            "crm.lead",
            "write",
            [lead_id],
            {"active": False, "probability": 0},
            context=EN,
        )
    assert "A lost reason is required" in error.value.faultString
    assert _read(odoo_server, lead_id, ["active"])["active"] is True


def test_json2_set_lost_without_reason_refused(odoo_server):
    lead_id = _new_lead(odoo_server)
    status, body = odoo_server.json2(
        "crm.lead",
        "action_set_lost",
        key=odoo_server.api_keys["admin"],
        ids=[lead_id],
        context=EN,
    )
    assert status == 422, body
    assert "A lost reason is required" in body["message"]
    assert _read(odoo_server, lead_id, ["active"])["active"] is True


def test_json2_set_lost_with_reason_note_and_competitor(odoo_server):
    key = odoo_server.api_keys["admin"]
    lead_id = _new_lead(odoo_server)
    other_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_other")
    status, body = odoo_server.json2(
        "crm.lead", "action_set_lost", key=key, ids=[lead_id], lost_reason_id=other_id, context=EN
    )
    assert status == 422 and "requires a closing note" in body["message"], body
    status, body = odoo_server.json2(
        "crm.lead",
        "action_set_lost",
        key=key,
        ids=[lead_id],
        lost_reason_id=other_id,
        mn_lost_note="<p>Захиалагч байгууллагаа татан буулгасан</p>",
    )
    assert status == 200, body
    lead = _read(odoo_server, lead_id, ["won_status", "mn_lost_note"])
    assert lead["won_status"] == "lost"
    assert "татан буулгасан" in lead["mn_lost_note"]

    lead_id = _new_lead(odoo_server)
    competitor_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_competitor")
    status, body = odoo_server.json2(
        "crm.lead",
        "action_set_lost",
        key=key,
        ids=[lead_id],
        lost_reason_id=competitor_id,
        context=EN,
    )
    assert status == 422 and "Name the competitor" in body["message"], body
    status, body = odoo_server.json2(
        "crm.lead",
        "action_set_lost",
        key=key,
        ids=[lead_id],
        lost_reason_id=competitor_id,
        mn_competitor_name="Номин Тавилга",
    )
    assert status == 200, body


def test_restore_restricted_for_demo_user_when_switch_on(odoo_server):
    demo_id = odoo_server.login(*DEMO)
    lead_id = _new_lead(odoo_server, user_id=demo_id)
    reason_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_price")
    odoo_server.execute(*ADMIN, "crm.lead", "action_set_lost", [lead_id], lost_reason_id=reason_id)
    with _restore_managers_only(odoo_server):
        with pytest.raises(xmlrpc.client.Fault) as error:
            odoo_server.execute(
                *DEMO,
                "crm.lead",
                "action_restore",
                [lead_id],
                reason="Customer is back",
                context=EN,
            )
        assert "Only sales managers" in error.value.faultString
        status, body = odoo_server.json2(
            "crm.lead",
            "action_unarchive",
            key=odoo_server.api_keys["demo"],
            ids=[lead_id],
            context=EN,
        )
        assert status == 403, body
        assert "Only sales managers" in body["message"]
        assert _read(odoo_server, lead_id, ["won_status"])["won_status"] == "lost"
    # switch off (the default): the salesperson restores, and the restore is logged
    status, body = odoo_server.json2(
        "crm.lead",
        "action_restore",
        key=odoo_server.api_keys["demo"],
        ids=[lead_id],
        reason="Customer is back",
    )
    assert status == 200, body
    logs = odoo_server.execute(
        *ADMIN,
        "mn.lead.restore.log",
        "search_read",
        [("lead_id", "=", lead_id)],
        fields=["user_id", "reason", "previous_lost_reason_id", "date"],
    )
    assert len(logs) == 1
    assert logs[0]["user_id"][0] == demo_id
    assert logs[0]["reason"] == "Customer is back"
    assert logs[0]["previous_lost_reason_id"][0] == reason_id
    assert logs[0]["date"]


def test_restore_over_rpc_without_reason_is_logged(odoo_server):
    lead_id = _new_lead(odoo_server)
    reason_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_price")
    odoo_server.execute(*ADMIN, "crm.lead", "action_set_lost", [lead_id], lost_reason_id=reason_id)
    odoo_server.execute(*ADMIN, "crm.lead", "write", [lead_id], {"active": True}, context=EN)
    logs = odoo_server.execute(
        *ADMIN,
        "mn.lead.restore.log",
        "search_read",
        [("lead_id", "=", lead_id)],
        fields=["user_id", "reason"],
    )
    assert len(logs) == 1
    assert logs[0]["user_id"][0] == odoo_server.login(*ADMIN)
    assert logs[0]["reason"] == "(no reason given)"
