from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MnEbarimtCommon


@tagged("post_install", "-at_install")
class TestEbarimtCredit(MnEbarimtCommon):
    def _sent_invoice(self, lines, partner=None):
        invoice = self._invoice(lines, partner=partner)
        self._send_queue()
        self.assertEqual(invoice.mn_ebarimt_receipt_ids.state, "sent")
        return invoice

    def test_full_credit_note_returns_b2c(self):
        invoice = self._sent_invoice([(self.product_vat, 2, 1120)])
        original = invoice.mn_ebarimt_receipt_ids
        refund = self._refund(invoice)
        credit = refund.mn_ebarimt_receipt_ids
        self.assertEqual(credit.state, "queued")
        self._send_queue()
        self.assertEqual((credit.state, credit.operation), ("sent", "return"), credit.error_message)
        self.assertEqual(credit.inactive_id, original.ebarimt_id)
        self.assertEqual(original.state, "voided")
        self.assertEqual(self.sim.receipt(original.ebarimt_id)["state"], "RETURNED")
        self.assertEqual(len(self._sim_new()), 1)

    def test_partial_credit_note_corrects(self):
        invoice = self._sent_invoice([(self.product_vat, 2, 1120), (self.product_free, 3, 2500)])
        original = invoice.mn_ebarimt_receipt_ids
        refund = self._refund(invoice, [(self.product_free, 1)])
        credit = refund.mn_ebarimt_receipt_ids
        self._send_queue()
        self.assertEqual(
            (credit.state, credit.operation), ("sent", "correction"), credit.error_message
        )
        self.assertEqual(original.replaced_by_id, credit)
        self.assertEqual(self.sim.receipt(original.ebarimt_id)["state"], "REPLACED")
        request = self._sim_request(credit)
        self.assertEqual(request["inactiveId"], original.ebarimt_id)
        self.assertEqual(request["totalAmount"], 2240 + 5000)
        subs = {sub["taxType"]: sub for sub in request["receipts"]}
        self.assertEqual(subs["VAT_FREE"]["items"][0]["qty"], 2)

        # a second credit note names the latest receipt of the chain
        refund2 = self._refund(invoice, [(self.product_vat, 1)])
        self._send_queue()
        second = refund2.mn_ebarimt_receipt_ids
        self.assertEqual(second.state, "sent", second.error_message)
        self.assertEqual(self._sim_request(second)["inactiveId"], credit.ebarimt_id)
        self.assertEqual(self._sim_request(second)["totalAmount"], 1120 + 5000)

    def test_credit_note_waits_for_the_original(self):
        self.sim.set_down(True)
        invoice = self._invoice([(self.product_vat, 1, 1120)])
        self._send_queue()
        refund = self._refund(invoice)
        self.sim.set_down(False)
        self._send_queue()
        self.assertEqual(invoice.mn_ebarimt_receipt_ids.state, "voided")
        self.assertEqual(refund.mn_ebarimt_receipt_ids.state, "sent")

    def test_full_credit_note_of_b2b_is_returned_on_the_portal(self):
        """DELETE returns B2C receipts only and a correction (inactiveId) must carry what is
        left of the sale: PosAPI has no call for a whole B2B return. The credit note's
        receipt waits for the accountant's return on the portal, it is not an error."""
        invoice = self._sent_invoice([(self.product_vat, 1, 1120)], partner=self.buyer)
        original = invoice.mn_ebarimt_receipt_ids
        refund = self._refund(invoice)
        self._send_queue()
        credit = refund.mn_ebarimt_receipt_ids
        self.assertEqual(
            (credit.state, credit.operation), ("manual", "return"), credit.error_message
        )
        self.assertFalse(credit.error_message)
        self.assertEqual(credit.inactive_id, original.ebarimt_id)
        self.assertEqual(len(self._sim_new()), 1, "neither a DELETE nor a correction was sent")
        self.assertEqual(self.sim.receipt(original.ebarimt_id)["state"], "ACTIVE")
        self._send_queue()
        self.assertEqual((credit.state, credit.attempts), ("manual", 1), "the queue leaves it")
        with self.assertRaises(UserError):
            original.action_mn_mark_returned()
        self.assertEqual(original.state, "sent")
        credit.action_mn_mark_returned()
        self.assertEqual((credit.state, original.state), ("sent", "voided"))

    def test_b2b_partial_then_whole_credit_names_the_latest_receipt(self):
        invoice = self._sent_invoice(
            [(self.product_vat, 2, 1120), (self.product_free, 1, 2500)], partner=self.buyer
        )
        original = invoice.mn_ebarimt_receipt_ids
        first = self._refund(invoice, [(self.product_free, 1)]).mn_ebarimt_receipt_ids
        self._send_queue()
        self.assertEqual((first.state, first.operation), ("sent", "correction"))
        self.assertEqual(self._sim_request(first)["type"], "B2B_RECEIPT")
        last = self._refund(invoice, [(self.product_vat, 2)]).mn_ebarimt_receipt_ids
        self._send_queue()
        self.assertEqual((last.state, last.inactive_id), ("manual", first.ebarimt_id))
        last.action_mn_mark_returned()
        self.assertEqual((original.state, first.state), ("voided", "voided"))

    def test_void_refuses_b2b(self):
        invoice = self._sent_invoice([(self.product_vat, 1, 1120)], partner=self.buyer)
        receipt = invoice.mn_ebarimt_receipt_ids
        with self.assertRaisesRegex(UserError, "B2C"):
            receipt.action_mn_void()
        self.assertEqual(receipt.state, "sent")
        self.assertEqual(self.sim.receipt(receipt.ebarimt_id)["state"], "ACTIVE")

    def test_void_b2c(self):
        invoice = self._sent_invoice([(self.product_vat, 1, 1120)])
        receipt = invoice.mn_ebarimt_receipt_ids
        receipt.action_mn_void()
        self.assertEqual(receipt.state, "voided")
        self.assertEqual(self.sim.receipt(receipt.ebarimt_id)["state"], "RETURNED")
