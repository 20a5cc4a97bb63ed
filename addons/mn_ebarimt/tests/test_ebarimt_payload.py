"""Rules of the POST /rest/receipt body not proven elsewhere (docs/ebarimt_payload.md)."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MERCHANT_TIN, MnEbarimtCommon


@tagged("post_install", "-at_install")
class TestEbarimtPayload(MnEbarimtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tax, Product = cls.env["account.tax"], cls.env["product.product"]
        cls.tax_zero = Tax.create(
            {
                "name": "MN VAT 0% (e-barimt test)",
                "amount": 0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": cls.company.id,
            }
        )
        cls.tax_excluded = Tax.create(
            {
                "name": "MN VAT 10% excluded (e-barimt test)",
                "amount": 10,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company.id,
            }
        )
        cls.product_zero = Product.create(
            {
                "name": "Экспортын тээвэр",
                "mn_ebarimt_classification_code": "6511905",
                "mn_ebarimt_tax_product_code": "502",
                "taxes_id": [Command.set(cls.tax_zero.ids)],
            }
        )
        cls.product_no_vat = Product.create(
            {
                "name": "Хилийн гадна үйлчилгээ",
                "mn_ebarimt_classification_code": "8399000",
                "taxes_id": [Command.clear()],
            }
        )
        cls.product_excluded = Product.create(
            {
                "name": "Цаас А4",
                "mn_ebarimt_classification_code": "3212911",
                "taxes_id": [Command.set(cls.tax_excluded.ids)],
            }
        )

    def _sent_request(self, invoice):
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "sent", receipt.error_message)
        return receipt, self._sim_request(receipt)

    def test_one_sub_receipt_per_tax_type(self):
        """Four tax types, two lines of one: four sub-receipts, in a fixed order; city tax
        only on VAT_ABLE and VAT_FREE items, VAT only on VAT_ABLE."""
        self.company.mn_ebarimt_city_tax_rate = "0.02"
        invoice = self._invoice(
            [
                (self.product_vat, 1, 1120),
                (self.product_free, 1, 1020),
                (self.product_zero, 1, 5000),
                (self.product_no_vat, 1, 700),
                (self.product_vat, 2, 560),
            ]
        )
        _receipt, request = self._sent_request(invoice)
        subs = request["receipts"]
        self.assertEqual(
            [sub["taxType"] for sub in subs], ["VAT_ABLE", "VAT_FREE", "VAT_ZERO", "NO_VAT"]
        )
        by_type = {sub["taxType"]: sub for sub in subs}
        self.assertEqual(len(by_type["VAT_ABLE"]["items"]), 2)
        self.assertEqual(
            (by_type["VAT_ABLE"]["totalVAT"], by_type["VAT_ABLE"]["totalCityTax"]), (200, 40)
        )
        self.assertEqual(
            (by_type["VAT_FREE"]["totalVAT"], by_type["VAT_FREE"]["totalCityTax"]), (0, 20)
        )
        for tax_type in ("VAT_ZERO", "NO_VAT"):
            self.assertEqual(
                (by_type[tax_type]["totalVAT"], by_type[tax_type]["totalCityTax"]), (0, 0)
            )
        self.assertEqual(by_type["VAT_ZERO"]["items"][0]["taxProductCode"], "502")
        self.assertIsNone(by_type["NO_VAT"]["items"][0]["taxProductCode"])
        self.assertIsNone(by_type["VAT_ABLE"]["items"][0]["taxProductCode"])
        self.assertEqual(request["totalAmount"], invoice.amount_total)
        self.assertEqual((request["totalVAT"], request["totalCityTax"]), (200, 60))

    def test_amounts_include_tax_when_prices_exclude_it(self):
        """A tax added on top of the price: item and receipt amounts are tax included."""
        invoice = self._invoice([(self.product_excluded, 3, 1000)])
        self.assertEqual(invoice.amount_total, 3300)
        _receipt, request = self._sent_request(invoice)
        item = request["receipts"][0]["items"][0]
        self.assertEqual((item["qty"], item["unitPrice"], item["totalAmount"]), (3, 1100, 3300))
        self.assertEqual(item["totalVAT"], 300)
        self.assertEqual((request["totalAmount"], request["totalVAT"]), (3300, 300))

    def test_header_fields_and_payment(self):
        invoice = self._invoice([(self.product_free, 2, 2500)])
        receipt, request = self._sent_request(invoice)
        self.assertEqual(
            {key: request[key] for key in ("branchNo", "districtCode", "posNo", "merchantTin")},
            {
                "branchNo": "001",
                "districtCode": "2501",
                "posNo": "001",
                "merchantTin": MERCHANT_TIN,
            },
        )
        self.assertEqual(request["receipts"][0]["merchantTin"], MERCHANT_TIN)
        self.assertEqual(request["type"], "B2C_RECEIPT")
        for key in ("customerTin", "consumerNo", "inactiveId", "reportMonth"):
            self.assertIsNone(request[key], key)
        self.assertEqual(request["billIdSuffix"], receipt.bill_id_suffix)
        self.assertEqual(
            request["payments"], [{"code": "CASH", "status": "PAID", "paidAmount": 5000}]
        )
        item = request["receipts"][0]["items"][0]
        self.assertEqual((item["barCode"], item["barCodeType"]), (None, "UNDEFINED"))
        self.assertEqual(item["measureUnit"], invoice.invoice_line_ids.product_uom_id.name)

    def test_bill_id_suffix_unique_per_day(self):
        first = self._invoice([(self.product_vat, 1, 1120)])
        second = self._invoice([(self.product_vat, 1, 1120)])
        receipts = first.mn_ebarimt_receipt_ids | second.mn_ebarimt_receipt_ids
        suffixes = receipts.mapped("bill_id_suffix")
        self.assertEqual(len(set(suffixes)), 2, "fixed when queued, one per receipt")
        self._send_queue()
        self.assertEqual(receipts.mapped("state"), ["sent", "sent"])
        sent = [self._sim_request(receipt)["billIdSuffix"] for receipt in receipts]
        self.assertEqual(sent, suffixes)

    def test_payment_code_as_posapi_lists_it(self):
        self.company.mn_ebarimt_payment_code = "BANK_TRANSFER"
        _receipt, request = self._sent_request(self._invoice([(self.product_vat, 1, 1120)]))
        self.assertEqual(request["payments"][0]["code"], "BANK_TRANSFER")
        self.company.mn_ebarimt_payment_code = "QPAY"  # not in /rest/info paymentTypes
        refused = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        receipt = refused.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "error")
        self.assertIn("paymentTypes", receipt.error_message)

    def test_missing_tax_product_code_is_an_error(self):
        self.product_free.mn_ebarimt_tax_product_code = False
        invoice = self._invoice([(self.product_free, 1, 2500)])
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "error")
        self.assertIn("tax product code", receipt.error_message)
        self.assertFalse(self._sim_new(), "nothing reached PosAPI")

    def test_negative_line_is_an_error(self):
        """A discount line of negative amount has no e-barimt item: refused, nothing sent."""
        invoice = self._invoice([(self.product_vat, 2, 1120), (self.product_vat, 1, -100)])
        self._send_queue()
        receipt = invoice.mn_ebarimt_receipt_ids
        self.assertEqual(receipt.state, "error")
        self.assertIn("positive", receipt.error_message)
        self.assertFalse(self._sim_new())

    def test_consumer_no_on_b2c_only(self):
        """The citizen's e-barimt number goes on B2C receipts only (PosAPI then registers
        the receipt for them: easy); a company buyer's B2B receipt never carries one."""
        self.customer.mn_ebarimt_consumer_no = "10038071"
        self.buyer.mn_ebarimt_consumer_no = "10038072"
        receipt, request = self._sent_request(self._invoice([(self.product_vat, 1, 1120)]))
        self.assertEqual((request["type"], request["consumerNo"]), ("B2C_RECEIPT", "10038071"))
        self.assertIs(self.sim.receipt(receipt.ebarimt_id)["response"]["easy"], True)
        b2b = self._invoice([(self.product_vat, 1, 1120)], partner=self.buyer)
        _receipt, request = self._sent_request(b2b)
        self.assertEqual((request["type"], request["consumerNo"]), ("B2B_RECEIPT", None))
        for number in ("1003807", "ABCDEFGH", "١٠٠٣٨٠٧١"):
            with self.subTest(number=number), self.assertRaisesRegex(ValidationError, "8 digits"):
                with self.env.cr.savepoint():
                    self.customer.mn_ebarimt_consumer_no = number
            self.assertEqual(self.customer.mn_ebarimt_consumer_no, "10038071")
