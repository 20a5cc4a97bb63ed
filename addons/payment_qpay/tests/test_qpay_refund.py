"""Refunds: the whole QPay payment (DELETE /v2/payment/refund/{id}), believed once QPay
reports the payment REFUNDED."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import QPayCommon


@tagged("post_install", "-at_install")
class TestQPayRefund(QPayCommon):
    def _paid_transaction(self):
        tx = self._transaction(amount=1500.0)
        self._open_invoice(tx)
        self._pay(tx)
        self.assertEqual(tx.state, "done")
        return tx

    def test_refund_returns_the_payment(self):
        tx = self._paid_transaction()
        self.assertEqual(self.provider.support_refund, "full_only")
        tx.action_refund()
        refund = tx.child_transaction_ids
        self.assertEqual(refund.operation, "refund")
        self.assertEqual(refund.amount, -1500.0)
        self.assertEqual(refund.state, "done")
        check = self.provider._qpay_request(
            "POST",
            "/v2/payment/check",
            json={"object_type": "INVOICE", "object_id": tx.provider_reference},
        )
        self.assertEqual([row["payment_status"] for row in check["rows"]], ["REFUNDED"])

    @mute_logger("odoo.addons.payment.models.payment_provider")
    def test_second_refund_is_refused_by_qpay(self):
        tx = self._paid_transaction()
        tx._refund()
        second = tx._refund()
        self.assertEqual(second.state, "error")
        self.assertIn("PAYMENT_ALREADY_CANCELED", second.state_message)

    def test_refund_without_payment_is_an_error(self):
        tx = self._paid_transaction()
        tx.qpay_payment_ids = False
        refund = tx._refund()
        self.assertEqual(refund.state, "error")
        self.assertIn("QPay has no payment to refund", refund.state_message)
