"""The suite installed the way an integrator does it, into a database that is not Mongolian.

A new database with Odoo's demo data, its company in US dollars and no Mongolian chart:
the suite is installed with ``-i`` and ``--load-language=mn_MN``. Every flow must keep
working for the customers that were there before: a quotation for a core demo customer is
priced in the company's currency, confirmed, delivered, invoiced and posted.
"""

import json
import subprocess

from conftest import ROOT, odoo_shell
from mnharness import databases
from mnharness.odoo_cli import odoo_cmd, odoo_env
from mnharness.paths import LOG_DIR, suite_addons, tagged_db

DB = tagged_db("mn_foreign")
CORE = "crm,sale_management,sale_stock,sale_crm"

FLOW = """
import json
from odoo import Command
company = env.ref("base.main_company")
customer = env.ref("base.res_partner_2")
product = env["product.product"].create(
    {"name": "Foreign install chair", "type": "consu", "list_price": 40.0}
)
order = env["sale.order"].create({
    "partner_id": customer.id,
    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
})
out = {"company_currency": company.currency_id.name, "order_currency": order.currency_id.name}
order.action_confirm()
for move in order.picking_ids.move_ids:
    move.quantity = move.product_uom_qty
order.picking_ids.move_ids.picked = True
order.picking_ids.with_context(skip_sms=True).button_validate()
invoice = order._create_invoices()
invoice.action_post()
out["states"] = [order.state, order.picking_ids.state, invoice.state]
out["mn_MN"] = bool(env["res.lang"]._lang_get("mn_MN"))
out["pricelist_currencies"] = sorted(set(
    env["product.pricelist"].search([]).mapped("currency_id.name")
))
env.cr.rollback()
print("MN_FOREIGN " + json.dumps(out))
"""


def _odoo(*args, log, subcommand=None):
    with open(LOG_DIR / log, "w", encoding="utf-8") as out:
        proc = subprocess.run(
            odoo_cmd(*args, subcommand=subcommand),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=odoo_env(),
        )
    assert proc.returncode == 0, f"odoo-bin failed: see {LOG_DIR / log}"


def test_install_into_a_dollar_database_keeps_the_flows(source_db):  # noqa: ARG001
    # ``source_db`` only makes sure the embedded cluster runs and the suite installs at all.
    databases.drop(DB)
    try:
        # a new database: English, no country, Odoo's default company currency (USD)
        _odoo("init", DB, "--with-demo", "--force", log="foreign_init.log", subcommand="db")
        _odoo("-d", DB, "-i", CORE, "--with-demo", "--stop-after-init", "--no-http",
              log="foreign_core.log")  # fmt: skip
        _odoo(
            "-d", DB, "-i", ",".join(suite_addons()), "--load-language=mn_MN",
            "--stop-after-init", "--no-http", log="foreign_suite.log",
        )  # fmt: skip
        proc = odoo_shell(DB, FLOW, check=False)
        line = next(
            (line for line in proc.stdout.splitlines() if line.startswith("MN_FOREIGN ")), None
        )
        assert line, proc.stdout[-3000:] + proc.stderr[-3000:]
        result = json.loads(line.split(" ", 1)[1])
        assert result["company_currency"] == "USD"
        assert result["order_currency"] == "USD", "the customer stays in the company's currency"
        assert result["pricelist_currencies"] == ["USD"]
        assert result["states"] == ["sale", "done", "posted"]
        assert result["mn_MN"]
    finally:
        databases.drop(DB)
