"""An external script reaches the suite over XML-RPC and JSON-2, in Mongolian."""

SUITE = ["mn_crm_sales", "mn_crm_sales_reports"]


def test_xmlrpc_login(odoo_server):
    assert isinstance(odoo_server.login("admin", "admin"), int)
    assert odoo_server.login("admin", "wrong password") is False


def test_xmlrpc_reads_installed_suite(odoo_server):
    modules = odoo_server.execute(
        "admin",
        "admin",
        "ir.module.module",
        "search_read",
        [("name", "in", SUITE)],
        fields=["name", "state"],
    )
    assert sorted((m["name"], m["state"]) for m in modules) == [
        (name, "installed") for name in SUITE
    ]


def test_json2_reads_installed_suite(odoo_server):
    status, modules = odoo_server.json2(
        "ir.module.module",
        "search_read",
        key=odoo_server.api_keys["admin"],
        domain=[["name", "in", SUITE]],
        fields=["name", "state"],
    )
    assert status == 200, modules
    assert {m["name"]: m["state"] for m in modules} == dict.fromkeys(SUITE, "installed")


def test_json2_refuses_calls_without_key(odoo_server):
    status, _body = odoo_server.json2("ir.module.module", "search_read", domain=[])
    assert status == 401


def test_demo_user_works_in_mongolian(odoo_server):
    status, context = odoo_server.json2(
        "res.users", "context_get", key=odoo_server.api_keys["demo"]
    )
    assert status == 200, context
    assert context["lang"] == "mn_MN"
    assert context["tz"] == "Asia/Ulaanbaatar"


def test_demo_user_sees_mongolian_app_names(odoo_server):
    uid = odoo_server.login("demo", "demo")
    menus = odoo_server.models().execute_kw(
        odoo_server.db,
        uid,
        "demo",
        "ir.ui.menu",
        "search_read",
        [[("parent_id", "=", False)]],
        {"fields": ["name"], "context": {"lang": "mn_MN"}},
    )
    names = {m["name"] for m in menus}
    assert {"Борлуулалт", "Агуулах", "CRM"} <= names, names
