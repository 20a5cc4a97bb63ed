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
# The QPay simulator's default merchant (tools/simulators/qpay.py, QPaySimulator.clients).
QPAY_CLIENT_ID = "TEST_MERCHANT"
QPAY_CLIENT_SECRET = "123456"
QPAY_INVOICE_CODE = "TEST_INVOICE"

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


# Run in the same shell: the demo company's QPay provider (addon payment_qpay) enabled and
# published against the simulator, so the portal's Pay button shows a QPay QR code.
QPAY_SETUP = """
provider = env["payment.provider"].search(
    [("code", "=", "qpay"), ("company_id", "=", env.ref("base.main_company").id)], limit=1
) if "qpay_client_id" in env["payment.provider"]._fields else None
if provider:
    provider.write({{
        "qpay_client_id": "{client_id}",
        "qpay_client_secret": "{secret}",
        "qpay_invoice_code": "{invoice_code}",
        "qpay_api_url": "{url}",
        "state": "enabled",
        "is_published": True,
    }})
    env.cr.commit()
    print("QPay demo: provider enabled against {url}")
"""


def qpay_setup_script(qpay_url):
    return QPAY_SETUP.format(
        url=qpay_url,
        client_id=QPAY_CLIENT_ID,
        secret=QPAY_CLIENT_SECRET,
        invoice_code=QPAY_INVOICE_CODE,
    )


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


def configure_demo_company(db, posapi_url, qpay_url=None):
    """Point the demo company's e-barimt and QPay at the simulators (make run's new database).

    ``qpay_url`` defaults to the QPay simulator's port (``MN_QPAY_PORT``).
    """
    from .odoo_cli import run_odoo  # noqa: PLC0415

    run_odoo(
        ["-d", db, "--no-http"],
        subcommand="shell",
        stdin=EBARIMT_SETUP.format(url=posapi_url, tin=DEMO_MERCHANT_TIN)
        + qpay_setup_script(qpay_url or f"http://127.0.0.1:{QPAY_PORT}"),
        log_file=LOG_DIR / "run_services.log",
        quiet=True,
    )
