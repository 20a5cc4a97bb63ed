"""A salesperson with an API key is a script author: the CRM rules hold against them.

Over a live server, the demo salesperson (Sales: own documents) calls JSON-2 with their
API key and XML-RPC with their login, sending whatever values and context they like. One
test per way around a CRM rule (won status, restore, derived fields, context keys,
register numbers, merge, team move, tiers and price tags): each asserts the refusal
(English text) and re-reads the records as admin to prove nothing changed; the legitimate
paths are checked to still work.
"""

import xmlrpc.client
from contextlib import contextmanager

import pytest

ADMIN = ("admin", "admin")
DEMO = ("demo", "demo")
EN = {"lang": "en_US"}


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------


def _uid(server, login):
    return server.login(login, login)


def _company_id(server):
    admin = server.execute(*ADMIN, "res.users", "read", [_uid(server, "admin")], ["company_id"])
    return admin[0]["company_id"][0]


@contextmanager
def _switches(server, **values):
    """Set company switches for the block, then put the previous values back."""
    company_id = _company_id(server)
    before = server.execute(*ADMIN, "res.company", "read", [company_id], list(values))[0]
    server.execute(*ADMIN, "res.company", "write", [company_id], values)
    try:
        yield company_id
    finally:
        server.execute(*ADMIN, "res.company", "write", [company_id], {k: before[k] for k in values})


def _read(server, model, ids, fields):
    return server.execute(*ADMIN, model, "read", ids, fields=fields, context={"active_test": False})


def _lead_state(server, lead_id):
    (row,) = _read(
        server,
        "crm.lead",
        [lead_id],
        ["active", "probability", "won_status", "stage_id", "team_id", "lost_reason_id"],
    )
    logs = server.execute(
        *ADMIN,
        "mn.lead.restore.log",
        "search_read",
        [("lead_id", "=", lead_id)],
        fields=["reason"],
    )
    return row, [log["reason"] for log in logs]


def _demo_lead(server, **values):
    return server.execute(
        *ADMIN,
        "crm.lead",
        "create",
        {
            "name": "E2E hostile salesperson",
            "type": "opportunity",
            "probability": 20,
            "user_id": _uid(server, "demo"),
            **values,
        },
    )


def _lost_demo_lead(server, **values):
    reason_id = values.pop("lost_reason_id", None) or server.ref(
        "mn_crm_sales.lost_reason_mn_price"
    )
    lead_id = _demo_lead(server, **values)
    server.execute(*ADMIN, "crm.lead", "action_set_lost", [lead_id], lost_reason_id=reason_id)
    return lead_id


def _demo_json2(server, model, method, **body):
    return server.json2(
        model,
        method,
        key=server.api_keys["demo"],
        context={**EN, **body.pop("context", {})},
        **body,
    )


# ---------------------------------------------------------------------------------------
# 6. stored computed fields are the server's
# ---------------------------------------------------------------------------------------


def test_6_won_status_and_derived_fields_refused(odoo_server):
    lead_id = _demo_lead(odoo_server, probability=0)
    before = _lead_state(odoo_server, lead_id)
    # step one of the old hole: forge "lost" on an active opportunity
    status, body = _demo_json2(
        odoo_server, "crm.lead", "write", ids=[lead_id], vals={"won_status": "lost"}
    )
    assert status == 422, body
    assert "computed by the system" in body["message"] and "won_status" in body["message"]
    # step two: archiving at 0 % is marking lost, which needs a reason
    status, body = _demo_json2(odoo_server, "crm.lead", "action_archive", ids=[lead_id])
    assert status == 422, body
    assert "A lost reason is required" in body["message"]
    assert _lead_state(odoo_server, lead_id) == before

    lost_id = _lost_demo_lead(odoo_server)
    before = _lead_state(odoo_server, lost_id)
    category_id = odoo_server.ref("mn_crm_sales.lost_reason_category_other")
    stages = odoo_server.execute(*ADMIN, "crm.stage", "search", [], order="sequence desc")
    for vals in (
        {"won_status": "pending"},
        {"mn_lost_category_id": category_id},
        {"mn_max_stage_id": stages[0]},
    ):
        with pytest.raises(xmlrpc.client.Fault) as error:
            odoo_server.execute(*DEMO, "crm.lead", "write", [lost_id], vals, context=EN)
        assert "computed by the system" in error.value.faultString, vals
    assert _lead_state(odoo_server, lost_id) == before


def test_6_partner_derived_fields_refused(odoo_server):
    partner_id = odoo_server.execute(
        *ADMIN,
        "res.partner",
        "create",
        {"name": "E2E citizen", "mn_register_number": "ТА85061743"},
    )
    fields = ["mn_register_kind", "mn_birth_date", "mn_sex"]
    before = _read(odoo_server, "res.partner", [partner_id], fields)
    for vals in (
        {"mn_register_kind": "company"},
        {"mn_birth_date": "2001-01-01"},
        {"mn_sex": "male"},
    ):
        status, body = _demo_json2(odoo_server, "res.partner", "write", ids=[partner_id], vals=vals)
        assert status == 422 and "computed by the system" in body["message"], (vals, body)
    status, body = _demo_json2(
        odoo_server,
        "res.partner",
        "create",
        vals_list=[{"name": "E2E forged", "mn_register_kind": "company"}],
    )
    assert status == 422, body
    assert _read(odoo_server, "res.partner", [partner_id], fields) == before
    assert not odoo_server.execute(*ADMIN, "res.partner", "search", [("name", "=", "E2E forged")])


# ---------------------------------------------------------------------------------------
# 7. any transition out of lost is a restore
# ---------------------------------------------------------------------------------------


def test_7_two_step_restore_needs_permission(odoo_server):
    won_stage = odoo_server.execute(*ADMIN, "crm.stage", "search", [("is_won", "=", True)])[0]
    with _switches(odoo_server, mn_lost_restore_managers_only=True):
        for vals in ({"probability": 10}, {"stage_id": won_stage}):
            lead_id = _lost_demo_lead(odoo_server)
            before = _lead_state(odoo_server, lead_id)
            status, body = _demo_json2(odoo_server, "crm.lead", "write", ids=[lead_id], vals=vals)
            assert status == 403, (vals, body)
            assert "Only sales managers can restore lost opportunities" in body["message"]
            with pytest.raises(xmlrpc.client.Fault) as error:
                odoo_server.execute(*DEMO, "crm.lead", "write", [lead_id], vals, context=EN)
            assert "Only sales managers" in error.value.faultString
            assert _lead_state(odoo_server, lead_id) == before


def test_7_two_step_restore_is_logged(odoo_server):
    lead_id = _lost_demo_lead(odoo_server)
    status, body = _demo_json2(
        odoo_server, "crm.lead", "write", ids=[lead_id], vals={"probability": 10}
    )
    assert status == 200, body
    row, logs = _lead_state(odoo_server, lead_id)
    assert row["active"] is False and row["won_status"] == "pending"
    assert logs == ["(no reason given)"]
    status, body = _demo_json2(odoo_server, "crm.lead", "action_unarchive", ids=[lead_id])
    assert status == 200, body
    assert _lead_state(odoo_server, lead_id)[1] == ["(no reason given)"]  # not twice


def test_7_manager_restores_with_a_reason(odoo_server):
    with _switches(odoo_server, mn_lost_restore_managers_only=True):
        lead_id = _lost_demo_lead(odoo_server)
        status, body = odoo_server.json2(
            "crm.lead",
            "action_restore",
            key=odoo_server.api_keys["admin"],
            ids=[lead_id],
            reason="Customer signed after all",
        )
        assert status == 200, body
    row, logs = _lead_state(odoo_server, lead_id)
    assert row["active"] is True
    assert logs == ["Customer signed after all"]


def test_7_marking_lost_with_a_reason_works(odoo_server):
    lead_id = _demo_lead(odoo_server)
    reason_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_price")
    status, body = _demo_json2(
        odoo_server, "crm.lead", "action_set_lost", ids=[lead_id], lost_reason_id=reason_id
    )
    assert status == 200, body
    row, _logs = _lead_state(odoo_server, lead_id)
    assert row["won_status"] == "lost" and row["lost_reason_id"][0] == reason_id


# ---------------------------------------------------------------------------------------
# 8. context keys carry nothing a caller sends
# ---------------------------------------------------------------------------------------


def test_8_restore_reason_from_context_ignored(odoo_server):
    forged = {"mn_restore_reason": "I was told to"}
    lead_id = _lost_demo_lead(odoo_server)
    status, body = _demo_json2(
        odoo_server, "crm.lead", "action_unarchive", ids=[lead_id], context=forged
    )
    assert status == 200, body
    assert _lead_state(odoo_server, lead_id)[1] == ["(no reason given)"]
    lead_id = _lost_demo_lead(odoo_server)
    odoo_server.execute(
        *DEMO, "crm.lead", "write", [lead_id], {"active": True}, context={**EN, **forged}
    )
    assert _lead_state(odoo_server, lead_id)[1] == ["(no reason given)"]
    # the reason travels as an argument
    lead_id = _lost_demo_lead(odoo_server)
    status, body = _demo_json2(
        odoo_server, "crm.lead", "action_unarchive", ids=[lead_id], reason="Budget found"
    )
    assert status == 200, body
    assert _lead_state(odoo_server, lead_id)[1] == ["Budget found"]


def test_8_merged_partners_from_context_ignored(odoo_server):
    holder_id = odoo_server.execute(
        *ADMIN,
        "res.partner",
        "create",
        {"name": "E2E holder", "is_company": True, "mn_register_number": "2033445"},
    )
    status, body = _demo_json2(
        odoo_server,
        "res.partner",
        "create",
        vals_list=[{"name": "E2E twin", "is_company": True, "mn_register_number": "2033445"}],
        context={"mn_register_number_merged_ids": [holder_id]},
    )
    assert status == 422, body
    assert "Register number 2033445 is already used by E2E holder" in body["message"]
    assert not odoo_server.execute(*ADMIN, "res.partner", "search", [("name", "=", "E2E twin")])


# ---------------------------------------------------------------------------------------
# 11. register numbers unique in the database; no hidden partner named
# ---------------------------------------------------------------------------------------


def test_11_duplicate_number_refused_without_naming_hidden_partner(odoo_server):
    number = "2044556"
    holder_id = odoo_server.execute(
        *ADMIN,
        "res.partner",
        "create",
        {"name": "E2E secret holder", "is_company": True, "mn_register_number": number},
    )
    model_id = odoo_server.execute(*ADMIN, "ir.model", "search", [("model", "=", "res.partner")])[0]
    rule_id = odoo_server.execute(
        *ADMIN,
        "ir.rule",
        "create",
        {
            "name": "E2E: hide one partner",
            "model_id": model_id,
            "domain_force": f"[('id', '!=', {holder_id})]",
            "groups": [(4, odoo_server.ref("base.group_user"))],
        },
    )
    try:
        count = odoo_server.execute(
            *ADMIN, "res.partner", "search_count", [], context={"active_test": False}
        )
        status, body = _demo_json2(
            odoo_server,
            "res.partner",
            "create",
            vals_list=[{"name": "E2E newcomer", "is_company": True, "mn_register_number": number}],
        )
        assert status == 422, body
        assert (
            f"Register number {number} is already used by another contact that you cannot see"
            in body["message"]
        )
        assert "secret" not in body["message"]
        with pytest.raises(xmlrpc.client.Fault) as error:
            odoo_server.execute(
                *DEMO,
                "res.partner",
                "create",
                {"name": "E2E newcomer", "is_company": True, "mn_register_number": "204 4556"},
                context=EN,
            )
        assert "you cannot see" in error.value.faultString
        assert "secret" not in error.value.faultString
        assert (
            odoo_server.execute(
                *ADMIN, "res.partner", "search_count", [], context={"active_test": False}
            )
            == count
        )
    finally:
        odoo_server.execute(*ADMIN, "ir.rule", "unlink", [rule_id])


def test_11_switch_on_refused_while_duplicates_exist(odoo_server):
    number = "2055667"
    with _switches(odoo_server, mn_register_number_unique=False) as company_id:
        twins = [
            odoo_server.execute(
                *ADMIN,
                "res.partner",
                "create",
                {
                    "name": f"E2E twin {index}",
                    "is_company": True,
                    "mn_register_number": number,
                    "company_id": company_id,
                },
            )
            for index in (1, 2)
        ]
        status, body = odoo_server.json2(
            "res.company",
            "write",
            key=odoo_server.api_keys["admin"],
            ids=[company_id],
            vals={"mn_register_number_unique": True},
            context=EN,
        )
        assert status == 422, body
        assert "cannot be switched on" in body["message"] and number in body["message"]
        row = _read(odoo_server, "res.company", [company_id], ["mn_register_number_unique"])[0]
        assert row["mn_register_number_unique"] is False
        odoo_server.execute(*ADMIN, "res.partner", "unlink", twins[1:])


# ---------------------------------------------------------------------------------------
# 12. merges, teams of lost reasons, portal access to tiers
# ---------------------------------------------------------------------------------------


def test_12a_salesperson_cannot_merge_lost_opportunities_away(odoo_server):
    lost_id = _lost_demo_lead(odoo_server)
    odoo_server.execute(*ADMIN, "crm.lead", "action_restore", [lost_id], reason="once back")
    reason_id = odoo_server.ref("mn_crm_sales.lost_reason_mn_price")
    odoo_server.execute(*ADMIN, "crm.lead", "action_set_lost", [lost_id], lost_reason_id=reason_id)
    head_id = _demo_lead(odoo_server, probability=60)
    before = _lead_state(odoo_server, lost_id)
    status, body = _demo_json2(odoo_server, "crm.lead", "merge_opportunity", ids=[head_id, lost_id])
    assert status == 403, body
    assert "Merging deletes the lost opportunities" in body["message"]
    assert _lead_state(odoo_server, lost_id) == before
    # a manager may: the restore history moves to the resulting opportunity
    status, body = odoo_server.json2(
        "crm.lead",
        "merge_opportunity",
        key=odoo_server.api_keys["admin"],
        ids=[head_id, lost_id],
    )
    assert status == 200, body
    logs = odoo_server.execute(
        *ADMIN,
        "mn.lead.restore.log",
        "search_read",
        [("reason", "=", "once back")],
        fields=["lead_id"],
    )
    assert [log["lead_id"][0] for log in logs][-1:] == [head_id]


def test_12b_lost_lead_cannot_move_to_a_team_its_reason_does_not_serve(odoo_server):
    team_a = odoo_server.execute(*ADMIN, "crm.team", "create", {"name": "E2E team A"})
    team_b = odoo_server.execute(*ADMIN, "crm.team", "create", {"name": "E2E team B"})
    reason_id = odoo_server.execute(
        *ADMIN,
        "crm.lost.reason",
        "create",
        {"name": "E2E team A reason", "mn_team_ids": [(6, 0, [team_a])]},
    )
    lead_id = _lost_demo_lead(odoo_server, team_id=team_a, lost_reason_id=reason_id)
    before = _lead_state(odoo_server, lead_id)
    status, body = _demo_json2(
        odoo_server, "crm.lead", "write", ids=[lead_id], vals={"team_id": team_b}
    )
    assert status == 422, body
    assert "reserved for the sales teams" in body["message"]
    assert _lead_state(odoo_server, lead_id) == before


def test_12c_portal_users_cannot_read_tiers(odoo_server):
    portal_group = odoo_server.ref("base.group_portal")
    odoo_server.execute(
        *ADMIN,
        "res.users",
        "create",
        {
            "name": "E2E portal",
            "login": "e2e_portal",
            "password": "e2e_portal_pw",
            "group_ids": [(6, 0, [portal_group])],
        },
    )
    with pytest.raises(xmlrpc.client.Fault) as error:
        odoo_server.execute(
            "e2e_portal",
            "e2e_portal_pw",
            "mn.partner.tier",
            "search_read",
            [],
            fields=["name"],
            context=EN,
        )
    assert "You are not allowed to access" in error.value.faultString
    assert "mn.partner.tier" in error.value.faultString


# ---------------------------------------------------------------------------------------
# 9. tiers and price tags: a manager's decision
# ---------------------------------------------------------------------------------------


def test_9_salesperson_cannot_change_tiers_or_price_tags(odoo_server):
    gold = odoo_server.ref("mn_crm_sales.tier_gold")
    wholesale = odoo_server.ref("mn_crm_sales.partner_category_wholesale")
    with _switches(odoo_server, mn_pricelist_tiers=True):
        customer_id = odoo_server.execute(
            *ADMIN, "res.partner", "create", {"name": "E2E plain customer", "is_company": True}
        )
        fields = ["mn_tier_id", "category_id"]
        before = _read(odoo_server, "res.partner", [customer_id], fields)
        status, body = _demo_json2(
            odoo_server, "res.partner", "write", ids=[customer_id], vals={"mn_tier_id": gold}
        )
        assert status == 403, body
        assert "Only sales managers can change the customer tier" in body["message"]
        with pytest.raises(xmlrpc.client.Fault) as error:
            odoo_server.execute(
                *DEMO,
                "res.partner",
                "write",
                [customer_id],
                {"category_id": [(4, wholesale)]},
                context=EN,
            )
        assert "these tags select prices" in error.value.faultString
        status, body = _demo_json2(
            odoo_server,
            "res.partner",
            "create",
            vals_list=[{"name": "E2E self-made gold", "is_company": True}],
            context={"default_mn_tier_id": gold},
        )
        assert status == 403, body
        status, body = _demo_json2(
            odoo_server,
            "res.partner.category",
            "write",
            ids=[wholesale],
            vals={"partner_ids": [(4, customer_id)]},
        )
        assert status == 403, body
        assert _read(odoo_server, "res.partner", [customer_id], fields) == before
        assert not odoo_server.execute(
            *ADMIN, "res.partner", "search", [("name", "=", "E2E self-made gold")]
        )


def test_9_contacts_of_a_gold_company_get_the_tier(odoo_server):
    gold = odoo_server.ref("mn_crm_sales.tier_gold")
    with _switches(odoo_server, mn_pricelist_tiers=True):
        company_id = odoo_server.execute(
            *ADMIN,
            "res.partner",
            "create",
            {"name": "E2E gold company", "is_company": True, "mn_tier_id": gold},
        )
        status, body = _demo_json2(
            odoo_server,
            "res.partner",
            "create",
            vals_list=[{"name": "E2E gold contact", "parent_id": company_id}],
        )
        assert status == 200, body
        (contact,) = _read(odoo_server, "res.partner", body, ["mn_tier_id"])
        assert contact["mn_tier_id"][0] == gold
