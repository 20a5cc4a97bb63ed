"""Fixtures of the QPay tests: a tögrög company whose QPay provider talks to the QPay v2
simulator (``tools/simulators/qpay.py``) started in this process on a free port, over real
HTTP; the simulator's callbacks reach this test's Odoo server over real HTTP too."""

import sys
import unittest
from pathlib import Path

from odoo.tests import HttpCase, tagged

from odoo.addons.sale.tests.common import SaleCommon

_TOOLS = Path(__file__).resolve().parents[3] / "tools"
if (_TOOLS / "simulators").is_dir() and str(_TOOLS) not in sys.path:
    sys.path.insert(0, str(_TOOLS))

try:
    from simulators import qpay
except ImportError:  # pragma: no cover - the addon outside its repository
    qpay = None

CLIENT_ID = "TEST_MERCHANT"
CLIENT_SECRET = "123456"
INVOICE_CODE = "TEST_INVOICE"


@tagged("post_install", "-at_install")
class QPayCommon(SaleCommon, HttpCase):
    @classmethod
    def setup_main_company(cls, currency_code="MNT"):
        return super().setup_main_company(currency_code=currency_code)

    @classmethod
    def setUpClass(cls):
        if qpay is None:
            raise unittest.SkipTest("the QPay simulator (tools/simulators) is not available")
        super().setUpClass()
        cls.sim, cls.sim_url = qpay.start(port=0, access_ttl=3600, refresh_ttl=7200)
        cls.addClassCleanup(qpay.stop, cls.sim)
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", cls.base_url())
        cls.provider = cls.env["payment.provider"].search(
            [("code", "=", "qpay"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.provider.write(
            {
                "state": "test",
                "is_published": True,
                "qpay_client_id": CLIENT_ID,
                "qpay_client_secret": CLIENT_SECRET,
                "qpay_invoice_code": INVOICE_CODE,
                "qpay_api_url": cls.sim_url,
            }
        )
        cls.method = cls.env.ref("payment_qpay.payment_method_qpay")
        cls.currency = cls.env.company.currency_id
        cls.customer = cls.env["res.partner"].create(
            {"name": "Бат Дорж", "email": "bat@example.mn", "country_id": cls.env.ref("base.mn").id}
        )

    def setUp(self):
        super().setUp()
        self.sim.set_down(False)
        self.sim.clients = {CLIENT_ID: (CLIENT_SECRET, INVOICE_CODE)}
        self.sim.clock.reset()
        self.calls_before = len(self.sim.callbacks())

    # --- helpers -------------------------------------------------------------------------
    def _transaction(self, amount=1500.0, **values):
        """A draft QPay transaction (as the portal's route would create it)."""
        return self.env["payment.transaction"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.method.id,
                "amount": amount,
                "currency_id": self.currency.id,
                "partner_id": self.customer.id,
                "operation": "online_redirect",
                "reference": self.env["payment.transaction"]._compute_reference("qpay"),
                **values,
            }
        )

    def _open_invoice(self, tx):
        """Create the QPay invoice of ``tx`` (what the Pay button's processing does)."""
        values = tx._get_processing_values()
        self.assertEqual(tx.state, "draft", tx.state_message)
        return values

    def _pay(self, tx, amount=None, method="GET"):
        """The customer pays in the bank app: QPay records it and calls Odoo back."""
        self.env.flush_all()
        # QPay's callback carries no test cookie: let this test's server take it.
        with self.allow_requests(all_requests=True):
            row = self.sim.pay(tx.provider_reference, amount, method=method)
        self.env.invalidate_all()
        return row

    def _new_callbacks(self):
        return self.sim.callbacks()[self.calls_before :]
