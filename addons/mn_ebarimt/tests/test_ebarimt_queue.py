from odoo.tests import tagged

from .common import MnEbarimtCommon


@tagged("post_install", "-at_install")
class TestEbarimtQueue(MnEbarimtCommon):
    def test_service_down_then_back(self):
        self.sim.set_down(True)
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self.assertEqual(invoice.state, "posted", "posting never waits on PosAPI")
        receipt = invoice.mn_ebarimt_receipt_ids
        self._send_queue()
        self.assertEqual((receipt.state, receipt.attempts), ("queued", 1))
        self.assertIn("not answering", receipt.error_message)
        self._send_queue()
        self.assertEqual((receipt.state, receipt.attempts), ("queued", 2))
        self.sim.set_down(False)
        self._send_queue()
        self.assertEqual((receipt.state, receipt.attempts), ("sent", 3))
        self.assertFalse(receipt.error_message)
        self._send_queue()
        receipt.action_mn_send()
        new = self._sim_new()
        self.assertEqual(len(new), 1, "exactly one receipt on PosAPI")
        self.assertEqual(new[0]["id"], receipt.ebarimt_id)

    def test_service_answering_503(self):
        self.sim.set_down(True, mode="503")
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        self.assertEqual(invoice.mn_ebarimt_receipt_ids.state, "queued")
        self.sim.set_down(False)
        self._send_queue()
        self.assertEqual(invoice.mn_ebarimt_receipt_ids.state, "sent")

    def test_down_service_stops_the_batch(self):
        self.sim.set_down(True)
        first = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        second = self._invoice([(self.product_vat, 2, 1120)]).mn_ebarimt_receipt_ids
        self._send_queue()
        self.assertEqual((first.attempts, second.attempts), (1, 0))
        self.sim.set_down(False)
        self._send_queue()
        self.assertEqual((first + second).mapped("state"), ["sent", "sent"])
        self.assertEqual(len(self._sim_new()), 2)

    def test_refused_receipt_retried_a_few_times(self):
        self.product_vat.mn_ebarimt_classification_code = False
        receipt = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        for _attempt in range(7):
            self._send_queue()
        self.assertEqual((receipt.state, receipt.attempts), ("error", 5))
        self.product_vat.mn_ebarimt_classification_code = "2349010"
        receipt.action_mn_retry()
        self.assertEqual((receipt.state, receipt.attempts), ("sent", 1))

    def test_duplicate_suffix_never_doubles(self):
        """An answer lost after PosAPI stored the receipt: the retry reuses the same
        billIdSuffix, PosAPI refuses it, and no second receipt is issued."""
        receipt = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        payload = receipt._mn_prepare_payload()
        receipt._mn_request("POST", "/rest/receipt", payload=payload)  # stored, answer lost
        self._send_queue()
        self.assertEqual(receipt.state, "error")
        self.assertIn("billIdSuffix", receipt.error_message)
        self.assertEqual(len(self._sim_new()), 1)
