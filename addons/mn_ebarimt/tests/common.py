"""Fixtures of the e-barimt tests: a Mongolian company pointed at the PosAPI 3.0 simulator
(``tools/simulators/posapi.py``) started in this process on a free port, real HTTP."""

import sys
import unittest
from decimal import Decimal
from pathlib import Path

from odoo import Command
from odoo.tests import tagged

from odoo.addons.mn_crm_sales.tests.common import MnCompanyCommon

_TOOLS = Path(__file__).resolve().parents[3] / "tools"
if (_TOOLS / "simulators").is_dir() and str(_TOOLS) not in sys.path:
    sys.path.insert(0, str(_TOOLS))

try:
    from simulators import posapi
except ImportError:  # pragma: no cover - the addon outside its repository
    posapi = None

MERCHANT_TIN = "37900846788"  # the simulator's VAT-paying merchant
BUYER_REGNO = "4455667"
BUYER_TIN = "61199887766"


@tagged("post_install", "-at_install")
class MnEbarimtCommon(MnCompanyCommon):
    @classmethod
    def setUpClass(cls):
        if posapi is None:
            raise unittest.SkipTest("the PosAPI simulator (tools/simulators) is not available")
        super().setUpClass()
        cls.sim, cls.sim_url = posapi.start(port=0)
        cls.addClassCleanup(posapi.stop, cls.sim)
        cls.sim.add_taxpayer(BUYER_REGNO, BUYER_TIN, "ТЕСТ ХУДАЛДАН АВАГЧ")
        cls.company.write(
            {
                "mn_ebarimt_enabled": True,
                "mn_ebarimt_url": cls.sim_url,
                "mn_ebarimt_merchant_tin": MERCHANT_TIN,
                "mn_ebarimt_branch_no": "001",
                "mn_ebarimt_pos_no": "001",
                "mn_ebarimt_district_code": "2501",
                "mn_ebarimt_city_tax_rate": "0.0",
                "mn_ebarimt_issue_on": "post",
            }
        )
        Tax = cls.env["account.tax"]
        cls.tax_vat = Tax.create(
            {
                "name": "MN VAT 10% (e-barimt test)",
                "amount": 10,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": cls.company.id,
            }
        )
        cls.tax_free = Tax.create(
            {
                "name": "MN VAT exempt (e-barimt test)",
                "amount": 0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "mn_ebarimt_tax_type": "VAT_FREE",
                "company_id": cls.company.id,
            }
        )
        Product = cls.env["product.product"]
        cls.product_vat = Product.create(
            {
                "name": "Талх",
                "list_price": 1120,
                "barcode": "8654000102657",
                "mn_ebarimt_classification_code": "2349010",
                "taxes_id": [Command.set(cls.tax_vat.ids)],
            }
        )
        cls.product_free = Product.create(
            {
                "name": "Гурил",
                "list_price": 2500,
                "mn_ebarimt_classification_code": "0111100",
                "mn_ebarimt_tax_product_code": "320",
                "taxes_id": [Command.set(cls.tax_free.ids)],
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Бат Дорж"})
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Худалдан авагч ХХК", "is_company": True, "mn_register_number": BUYER_REGNO}
        )
        cls.Receipt = cls.env["mn.ebarimt.receipt"]

    def setUp(self):
        super().setUp()
        # The simulator outlives each test's transaction: tests count what they add to it.
        self.sim_before = len(self.sim.receipts())
        self.sim.city_tax_rate = Decimal("0.02")
        self.sim.set_down(False)

    def _invoice(self, lines, partner=None, post=True):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or self.customer).id,
                "invoice_line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty, "price_unit": price})
                    for product, qty, price in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _sim_new(self):
        """Receipts the simulator stored during this test."""
        return self.sim.receipts()[self.sim_before :]

    def _send_queue(self):
        self.Receipt._mn_cron_send_queued()

    def _sim_request(self, receipt):
        stored = self.sim.receipt(receipt.ebarimt_id)
        self.assertTrue(stored, "the simulator has no receipt %s" % receipt.ebarimt_id)
        return stored["request"]

    def _refund(self, invoice, lines=None):
        """Post a credit note of ``invoice``: all of it, or ``lines`` [(product, qty)]."""
        refund = invoice._reverse_moves()
        if lines is not None:
            keep = []
            for line in refund.invoice_line_ids:
                qty = dict((p, q) for p, q in lines).get(line.product_id)
                if qty:
                    keep.append(Command.update(line.id, {"quantity": qty}))
                else:
                    keep.append(Command.delete(line.id))
            refund.write({"invoice_line_ids": keep})
        refund.action_post()
        return refund
