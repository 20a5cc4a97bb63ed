"""The suite's life in a database with data: upgrade, then uninstall.

On a clone of the suite's database (demo data, Mongolian), with rules switched on and
records of every family made:

* ``odoo-bin module upgrade`` of every addon of the suite keeps the data, the settings and
  the rules (a snapshot before and after must be equal, and the rules still refuse);
* ``odoo-bin module uninstall`` of the reports addon, then of the others, leaves core CRM
  and Sales working on the same records (the seed's flow runs after), with nothing of the
  suite left behind: no views, rules, access rights, crons or database triggers.

Each step runs in ``odoo-bin`` (shell, module), as an integrator does it.
"""

import json
import subprocess

import pytest
from conftest import ROOT, odoo_shell
from mnharness import databases
from mnharness.odoo_cli import odoo_cmd, odoo_env
from mnharness.paths import LOG_DIR, suite_addons, tagged_db

DB = tagged_db("mn_lifecycle")

SETUP = """
from odoo import Command
company = env.ref("base.main_company")
company.write({"mn_discount_approval": True, "mn_max_discount": 7.0})
category = env["mn.lost.reason.category"].create({"name": "Lifecycle category"})
reason = env["crm.lost.reason"].create({"name": "Lifecycle reason", "mn_category_id": category.id})
partner = env["res.partner"].create(
    {"name": "Lifecycle LLC", "is_company": True, "mn_register_number": "5317436"}
)
product = env["product.product"].create({"name": "Lifecycle chair", "list_price": 1000.0})
order = env["sale.order"].create({
    "partner_id": partner.id,
    "order_line": [
        Command.create({"product_id": product.id, "product_uom_qty": 2, "discount": 20})
    ],
})
order.action_mn_request_approval()
lead = env["crm.lead"].create(
    {"name": "Lifecycle deal", "type": "opportunity", "partner_id": partner.id}
)
lead.action_set_lost(lost_reason_id=reason.id)
env["ir.config_parameter"].set_param("mn_lifecycle.ids", repr({
    "order": order.id, "partner": partner.id, "lead": lead.id, "category": category.id,
}))
env.cr.commit()
"""

SNAPSHOT = """
import json
from odoo.exceptions import UserError
ids = eval(env["ir.config_parameter"].get_param("mn_lifecycle.ids"))
company = env.ref("base.main_company")
order = env["sale.order"].browse(ids["order"])
partner = env["res.partner"].browse(ids["partner"])
lead = env["crm.lead"].with_context(active_test=False).browse(ids["lead"])
snapshot = {
    "switches": {name: company[name] for name in company._mn_rule_switches()},
    "max_discount": company.mn_max_discount,
    "order": [order.state, order.mn_approval_state, order.order_line.discount,
              order.order_line.mn_reference_price_unit, order.mn_approval_user_id.login],
    "partner": [partner.mn_register_number, partner.mn_register_kind],
    "lead": [lead.active, lead.won_status, lead.lost_reason_id.name,
             lead.lost_reason_id.mn_category_id.name],
    "counts": {model: env[model].with_context(active_test=False).search_count([])
               for model in ("mn.lost.reason.category", "mn.lead.restore.log", "mn.partner.tier")},
}
try:
    order.with_user(order.user_id or env.ref("base.user_admin")).action_confirm()
    snapshot["confirm_refused"] = False
except UserError:
    snapshot["confirm_refused"] = True
env.cr.rollback()
print("MN_SNAPSHOT " + json.dumps(snapshot, sort_keys=True, default=str))
"""

CORE_FLOW_AND_LEFTOVERS = """
import json
from odoo import Command
suite = %(suite)r
out = {}
partner = env["res.partner"].create({"name": "After uninstall LLC", "email": "a@example.mn"})
lead = env["crm.lead"].create({"name": "After uninstall", "partner_id": partner.id})
lead.convert_opportunity(partner)
lead.action_set_lost(lost_reason_id=env.ref("crm.lost_reason_1").id)
lead.action_unarchive()
product = env["product.product"].create(
    {"name": "After chair", "type": "consu", "list_price": 50.0}
)
order = env["sale.order"].create({
    "partner_id": partner.id, "opportunity_id": lead.id,
    "order_line": [
        Command.create({"product_id": product.id, "product_uom_qty": 3, "discount": 40})
    ],
})
order.action_confirm()
for move in order.picking_ids.move_ids:
    move.quantity = move.product_uom_qty
order.picking_ids.move_ids.picked = True
order.picking_ids.with_context(skip_sms=True).button_validate()
invoice = order._create_invoices()
invoice.action_post()
out["flow"] = [lead.type, order.state, order.picking_ids.state, invoice.state,
               invoice.amount_untaxed]
# an old order of the suite's days still reads and invoices
ids = eval(env["ir.config_parameter"].get_param("mn_lifecycle.ids"))
old = env["sale.order"].browse(ids["order"])
out["old_order"] = [old.state, old.order_line.discount]
data = env["ir.model.data"].search([("module", "in", suite)])
out["leftover_xmlids"] = sorted({f"{d.module}.{d.model}" for d in data})
out["leftover_models"] = env["ir.model"].search_count([("model", "=like", "mn.%%")])
out["leftover_fields"] = env["ir.model.fields"].search_count([("name", "=like", "mn\\\\_%%")])
env.cr.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'mn\\\\_%%'")
out["leftover_triggers"] = [row[0] for row in env.cr.fetchall()]
env.cr.execute("SELECT proname FROM pg_proc WHERE proname LIKE 'mn\\_%%'")
out["leftover_functions"] = [row[0] for row in env.cr.fetchall()]
env.cr.execute("SELECT stxname FROM pg_statistic_ext WHERE stxname LIKE 'mn\\_%%'")
out["leftover_statistics"] = [row[0] for row in env.cr.fetchall()]
env.cr.execute("SELECT indexname FROM pg_indexes WHERE indexname = 'mn_crm_lead_closed_on_idx'")
out["leftover_indexes"] = [row[0] for row in env.cr.fetchall()]
out["modules"] = env["ir.module.module"].search([("name", "in", suite)]).mapped("state")
env.cr.rollback()
print("MN_AFTER " + json.dumps(out, sort_keys=True, default=str))
"""


def _shell(script, marker=None):
    """Run ``script`` in ``odoo-bin shell`` on the database; the JSON it printed after
    ``marker``."""
    proc = odoo_shell(DB, script, check=marker is None)
    if marker is None:
        return None
    for line in proc.stdout.splitlines():
        if line.startswith(marker + " "):
            return json.loads(line[len(marker) + 1 :])
    raise AssertionError(
        f"odoo-bin shell printed no {marker}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )


def _module(command, *modules):
    log = LOG_DIR / f"lifecycle_{command}.log"
    with open(log, "a", encoding="utf-8") as out:
        proc = subprocess.run(
            odoo_cmd("-d", DB, *modules, subcommand=f"module {command}"),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=odoo_env(),
            check=False,
        )
    assert proc.returncode == 0, f"odoo-bin module {command} {modules} failed: see {log}"
    text = log.read_text(encoding="utf-8")
    assert " ERROR " not in text and "Traceback" not in text, f"errors in {log}"


@pytest.fixture(scope="module")
def lifecycle_db(source_db):
    databases.drop(DB)
    databases.clone(source_db, DB)
    for name in ("upgrade", "uninstall"):
        (LOG_DIR / f"lifecycle_{name}.log").unlink(missing_ok=True)
    _shell(SETUP)
    yield DB
    databases.drop(DB)


def test_upgrade_then_uninstall_keeps_data_and_core_working(lifecycle_db):
    before = _shell(SNAPSHOT, "MN_SNAPSHOT")
    assert before["order"][1] == "requested", before
    assert before["confirm_refused"] is True
    assert before["switches"]["mn_discount_approval"] is True

    _module("upgrade", *suite_addons())
    after = _shell(SNAPSHOT, "MN_SNAPSHOT")
    assert after == before

    addons = suite_addons()
    # the reports first (it depends on the main addon), then the rest
    _module("uninstall", "mn_crm_sales_reports")
    _module("uninstall", *[a for a in addons if a != "mn_crm_sales_reports"])
    result = _shell(CORE_FLOW_AND_LEFTOVERS % {"suite": addons}, "MN_AFTER")
    assert result["flow"][:4] == ["opportunity", "sale", "done", "posted"], result
    assert result["flow"][4] > 0
    assert result["old_order"] == ["draft", 20.0], "the suite's records stay, as core's"
    assert set(result["modules"]) == {"uninstalled"}, result
    assert result["leftover_xmlids"] == []
    assert result["leftover_models"] == 0
    assert result["leftover_fields"] == 0
    assert result["leftover_triggers"] == []
    assert result["leftover_functions"] == []
    assert result["leftover_statistics"] == [], "statistics on core tables dropped"
    assert result["leftover_indexes"] == []
