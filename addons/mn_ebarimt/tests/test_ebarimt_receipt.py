from decimal import Decimal

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BUYER_TIN, MERCHANT_TIN, MnEbarimtCommon


@tagged("post_install", "-at_install")
class TestEbarimtReceipt(MnEbarimtCommon):
    def test_b2c_mixed_tax_types(self):
        """A 10 % VAT line and a tax-free line: two sub-receipts whose totals add up."""
        invoice = self._invoice([(self.product_vat, 2, 1120), (self.product_free, 3, 2500)])
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "queued")
        self.assertFalse(self._sim_new(), "posting must not call PosAPI")
        self._send_queue()
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        self.assertRegex(receipt.ebarimt_id, r"^\d{33}$")
        self.assertRegex(receipt.ebarimt_date, r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
        self.assertEqual(invoice.mn_ebarimt_state, "sent")
        request = self._sim_request(receipt)
        self.assertEqual(request["type"], "B2C_RECEIPT")
        self.assertIsNone(request["customerTin"])
        self.assertEqual(request["merchantTin"], MERCHANT_TIN)
        self.assertEqual(request["totalAmount"], invoice.amount_total)
        self.assertEqual(request["totalAmount"], 9740)
        self.assertEqual(request["totalVAT"], 203.64)  # 2240 x 0.10 / 1.10
        self.assertEqual(request["totalCityTax"], 0)
        subs = {sub["taxType"]: sub for sub in request["receipts"]}
        self.assertEqual(set(subs), {"VAT_ABLE", "VAT_FREE"})
        self.assertEqual(subs["VAT_ABLE"]["totalAmount"], 2240)
        self.assertEqual(subs["VAT_FREE"]["totalAmount"], 7500)
        self.assertEqual(subs["VAT_FREE"]["totalVAT"], 0)
        free_item = subs["VAT_FREE"]["items"][0]
        self.assertEqual(free_item["taxProductCode"], "320")
        self.assertEqual(free_item["classificationCode"], "0111100")
        self.assertEqual((free_item["qty"], free_item["unitPrice"]), (3, 2500))
        vat_item = subs["VAT_ABLE"]["items"][0]
        self.assertEqual(
            (vat_item["barCode"], vat_item["barCodeType"]),
            (receipt.move_id.invoice_line_ids[0].product_id.barcode, "GS1"),
        )
        self.assertEqual(receipt.amount_total, 9740)
        self.assertEqual(receipt.amount_vat, 203.64)

    def test_b2b_tin_looked_up(self):
        self.assertFalse(self.buyer.mn_ebarimt_tin)
        invoice = self._invoice([(self.product_vat, 1, 1120)], partner=self.buyer)
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        self.assertEqual(receipt.receipt_type, "B2B_RECEIPT")
        self.assertEqual(receipt.customer_tin, BUYER_TIN)
        self.assertEqual(self.buyer.mn_ebarimt_tin, BUYER_TIN)
        request = self._sim_request(receipt)
        self.assertEqual((request["type"], request["customerTin"]), ("B2B_RECEIPT", BUYER_TIN))
        answer = self.sim.receipt(receipt.ebarimt_id)["response"]
        self.assertEqual(answer["lottery"], "")

    def test_unknown_register_number_is_b2c(self):
        stranger = self.env["res.partner"].create(
            {"name": "Бүртгэлгүй ХХК", "is_company": True, "mn_register_number": "9988776"}
        )
        invoice = self._invoice([(self.product_vat, 1, 1120)], partner=stranger)
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual((receipt.state, receipt.receipt_type), ("sent", "B2C_RECEIPT"))
        self.assertFalse(stranger.mn_ebarimt_tin)

    def test_city_tax_two_percent(self):
        self.company.mn_ebarimt_city_tax_rate = "0.02"
        invoice = self._invoice([(self.product_vat, 1, 1120), (self.product_free, 1, 1020)])
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        request = self._sim_request(receipt)
        subs = {sub["taxType"]: sub for sub in request["receipts"]}
        self.assertEqual(
            (subs["VAT_ABLE"]["totalVAT"], subs["VAT_ABLE"]["totalCityTax"]), (100, 20)
        )
        self.assertEqual((subs["VAT_FREE"]["totalVAT"], subs["VAT_FREE"]["totalCityTax"]), (0, 20))
        self.assertEqual((request["totalVAT"], request["totalCityTax"]), (100, 40))
        self.assertEqual(receipt.amount_city_tax, 40)

    def test_city_tax_one_percent(self):
        self.company.mn_ebarimt_city_tax_rate = "0.01"
        self.sim.city_tax_rate = Decimal("0.01")
        invoice = self._invoice([(self.product_vat, 1, 1110)])
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        request = self._sim_request(receipt)
        self.assertEqual((request["totalVAT"], request["totalCityTax"]), (100, 10))

    def test_city_tax_off(self):
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        request = self._sim_request(invoice.mn_ebarimt_receipt_ids)
        self.assertEqual((request["totalVAT"], request["totalCityTax"]), (101.82, 0))

    def test_rounding_totals_add_up(self):
        """Unit prices that do not divide evenly: items, sub-receipts and receipt agree."""
        invoice = self._invoice(
            [
                (self.product_vat, 3, 333.33),
                (self.product_vat, 7, 14.29),
                (self.product_free, 1, 0.01),
            ]
        )
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        request = self._sim_request(receipt)
        self.assertAlmostEqual(request["totalAmount"], invoice.amount_total, places=2)
        for sub in request["receipts"]:
            self.assertAlmostEqual(
                sub["totalVAT"], sum(item["totalVAT"] for item in sub["items"]), places=2
            )

    def test_missing_classification_code_is_an_error(self):
        self.product_vat.mn_ebarimt_classification_code = False
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "error")
        self.assertIn("classification code", receipt.error_message)
        self.assertEqual(receipt.attempts, 1)
        self.assertFalse(self._sim_new())

    def test_issue_on_demand(self):
        self.company.mn_ebarimt_issue_on = "manual"
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self.assertFalse(invoice.mn_ebarimt_receipt_ids)
        self.assertTrue(invoice.mn_ebarimt_available)
        action = invoice.action_mn_ebarimt_issue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(action["res_id"], receipt.id)
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        self.assertEqual(len(self._sim_new()), 1)

    def test_disabled_company_queues_nothing(self):
        self.company.mn_ebarimt_enabled = False
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(invoice.mn_ebarimt_receipt_ids)

    def test_sent_invoice_cannot_go_back_to_draft(self):
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        with self.assertRaisesRegex(UserError, "credit note"):
            invoice.button_draft()
        self.assertEqual(invoice.state, "posted")

    def test_draft_invoice_not_sent(self):
        self.sim.set_down(True)
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        invoice.button_draft()
        self.sim.set_down(False)
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "error")
        self.assertFalse(self._sim_new())
        invoice.action_post()
        self.assertEqual((receipt.state, receipt.attempts), ("queued", 0))
        self._send_queue()
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        self.assertEqual(len(self._sim_new()), 1)
