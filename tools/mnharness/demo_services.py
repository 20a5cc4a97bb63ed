"""The local stand-ins of the Mongolian services for ``make run``: e-barimt PosAPI 3.0 and
QPay v2 (``tools/simulators``), started in the harness's process next to Odoo, and the demo
company pointed at them, so a new user sees receipts issued without any credentials.

The simulators keep their state in memory: a restart of ``make run`` starts them empty
(receipts already issued stay on the invoices, the simulator no longer knows them).
"""

import os
import sys

from .paths import LOG_DIR, ROOT

POSAPI_PORT = int(os.environ.get("MN_POSAPI_PORT", "7080"))
QPAY_PORT = int(os.environ.get("MN_QPAY_PORT", "7081"))
DEMO_MERCHANT_TIN = "37900846788"  # the PosAPI simulator's VAT-paying demo merchant

# Run inside ``odoo-bin shell`` (``env`` in scope) once, when make run creates its database.
EBARIMT_SETUP = """
company = env.ref("base.main_company")
if "mn_ebarimt_enabled" in company._fields:
    company.write({{
        "mn_ebarimt_enabled": True,
        "mn_ebarimt_url": "{url}",
        "mn_ebarimt_merchant_tin": "{tin}",
        "mn_ebarimt_branch_no": "001",
        "mn_ebarimt_pos_no": "001",
        "mn_ebarimt_district_code": "2501",
    }})
    # Demo products get a classification code of the right shape (7 digits): a real
    # company takes its products' codes from the tax authority's classification list.
    products = env["product.template"].search(
        [("sale_ok", "=", True), ("mn_ebarimt_classification_code", "=", False)]
    )
    products.write({{"mn_ebarimt_classification_code": "4711100"}})
    env.cr.commit()
    print("e-barimt demo: company set, %d products coded" % len(products))
"""


def start(posapi_port=None, qpay_port=None):
    """Start both simulators; return [(name, server, url)] of those that started.

    A port already taken (another ``make run``, a real service) is reported, not fatal.
    """
    tools = str(ROOT / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    from simulators import posapi, qpay  # noqa: PLC0415

    started = []
    ports = (
        POSAPI_PORT if posapi_port is None else posapi_port,
        QPAY_PORT if qpay_port is None else qpay_port,
    )
    for (name, module), port in zip(
        (("PosAPI 3.0", posapi), ("QPay v2", qpay)), ports, strict=True
    ):
        try:
            server, url = module.start(port=port)
        except OSError as exc:
            print(f"[services] {name} simulator not started on port {port}: {exc}", flush=True)
            continue
        started.append((name, server, url))
        print(f"[services] {name} simulator on {url}", flush=True)
    return started


def stop(started):
    for __, server, __ in started:
        server.stop()


def configure_demo_company(db, posapi_url):
    """Point the demo company's e-barimt at the simulator (make run's new database)."""
    from .odoo_cli import run_odoo  # noqa: PLC0415

    run_odoo(
        ["-d", db, "--no-http"],
        subcommand="shell",
        stdin=EBARIMT_SETUP.format(url=posapi_url, tin=DEMO_MERCHANT_TIN),
        log_file=LOG_DIR / "run_services.log",
        quiet=True,
    )
