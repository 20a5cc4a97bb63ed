"""Register numbers over the external API: XML-RPC and JSON-2 get the server's rules."""

import xmlrpc.client

import pytest

# English messages: the tests must not depend on the Mongolian translation of the day.
EN = {"lang": "en_US"}
MONTH_MESSAGE = "Register number АА85131512: month 13 is not a valid birth month."


def test_xmlrpc_refuses_an_impossible_number(odoo_server):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        odoo_server.execute(
            "admin",
            "admin",
            "res.partner",
            "create",
            [{"name": "Буруу дугаар", "mn_register_number": "аа 85131512"}],
            context=EN,
        )
    assert MONTH_MESSAGE in caught.value.faultString
    found = odoo_server.execute(
        "admin", "admin", "res.partner", "search", [("name", "=", "Буруу дугаар")]
    )
    assert found == []


def test_xmlrpc_normalises_and_finds_a_number(odoo_server):
    [partner_id] = odoo_server.execute(
        "admin",
        "admin",
        "res.partner",
        "create",
        [{"name": "Болд Батаа", "mn_register_number": "уб 97-02-13-14"}],
    )
    [partner] = odoo_server.execute(
        "admin",
        "admin",
        "res.partner",
        "read",
        [partner_id],
        fields=["mn_register_number", "mn_register_kind", "mn_birth_date", "mn_sex"],
    )
    assert partner["mn_register_number"] == "УБ97021314"
    assert partner["mn_register_kind"] == "individual"
    assert partner["mn_birth_date"] == "1997-02-13"
    assert partner["mn_sex"] == "male"
    for text in ("ub 97021314", "УБ97021314"):
        found = odoo_server.execute("demo", "demo", "res.partner", "name_search", text)
        assert partner_id in [row[0] for row in found], (text, found)


def test_xmlrpc_refuses_a_second_customer_with_the_number(odoo_server):
    # 5318402 is the register number of the demo company Тэнгэр Трейд ХХК.
    with pytest.raises(xmlrpc.client.Fault) as caught:
        odoo_server.execute(
            "admin",
            "admin",
            "res.partner",
            "create",
            [{"name": "Давхар", "is_company": True, "mn_register_number": "531 8402"}],
            context=EN,
        )
    assert "Register number 5318402 is already used by Тэнгэр Трейд ХХК." in (
        caught.value.faultString
    )


def test_json2_refuses_an_impossible_number(odoo_server):
    status, body = odoo_server.json2(
        "res.partner",
        "create",
        key=odoo_server.api_keys["admin"],
        vals_list=[{"name": "Буруу дугаар", "mn_register_number": "АА85131512"}],
        context=EN,
    )
    assert status != 200
    assert MONTH_MESSAGE in str(body), body


def test_json2_normalises_and_finds_a_number(odoo_server):
    key = odoo_server.api_keys["admin"]
    status, ids = odoo_server.json2(
        "res.partner",
        "create",
        key=key,
        vals_list=[{"name": "Номин Сан ХХК", "is_company": True, "mn_register_number": "704 5521"}],
    )
    assert status == 200, ids
    status, records = odoo_server.json2(
        "res.partner", "read", key=key, ids=ids, fields=["mn_register_number", "mn_register_kind"]
    )
    assert status == 200, records
    assert records[0]["mn_register_number"] == "7045521"
    assert records[0]["mn_register_kind"] == "company"
    status, found = odoo_server.json2(
        "res.partner", "name_search", key=odoo_server.api_keys["demo"], name="704 55 21"
    )
    assert status == 200, found
    assert ids[0] in [row[0] for row in found]
