"""A QPay payment is believed only when payment/check says so: by callback, by polling."""

from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import INVOICE_CODE, QPayCommon


@tagged("post_install", "-at_install")
class TestQPayPayment(QPayCommon):
    def test_pay_button_creates_the_qpay_invoice(self):
        tx = self._transaction(amount=1500.0)
        values = self._open_invoice(tx)
        self.assertIn('action="/payment/qpay/return"', values["redirect_form_html"])
        stored = self.sim.invoice(tx.provider_reference)
        self.assertEqual(stored["invoice_status"], "OPEN")
        request = stored["request"]
        self.assertEqual(request["invoice_code"], INVOICE_CODE)
        self.assertEqual(request["sender_invoice_no"], tx.reference)
        self.assertEqual(request["amount"], 1500)
        callback = urlsplit(request["callback_url"])
        self.assertEqual(callback.path, "/payment/qpay/callback")
        self.assertEqual(parse_qs(callback.query)["ref"], [tx.reference])
        # What the customer pays with is kept on the transaction.
        self.assertEqual(tx.qpay_qr_text, stored["qr_text"])
        self.assertTrue(tx.qpay_qr_image)
        self.assertIn("khanbank://", " ".join(bank["link"] for bank in tx.qpay_bank_urls))

    def test_callback_confirms_after_payment_check(self):
        tx = self._transaction()
        self._open_invoice(tx)
        with patch.object(self.sim, "check_payment", wraps=self.sim.check_payment) as check:
            row = self._pay(tx)
        self.assertEqual(check.call_count, 1, "the callback triggers exactly one payment/check")
        [call] = self._new_callbacks()
        self.assertEqual((call["status"], call["body"]), (200, "SUCCESS"))
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.qpay_payment_ids, row["payment_id"])

    def test_callback_by_post_ignores_its_body(self):
        tx = self._transaction(amount=2750.5)
        self._open_invoice(tx)
        self._pay(tx, method="POST")
        self.assertEqual(tx.state, "done")

    def test_polling_cron_confirms_without_callback(self):
        paid, unpaid = self._transaction(), self._transaction(amount=990.0)
        self._open_invoice(paid)
        self._open_invoice(unpaid)
        self.env.flush_all()
        self.sim.pay(paid.provider_reference, callback=False)
        self.assertEqual(paid.state, "draft", "nothing is believed before a check")
        self.env["payment.transaction"]._qpay_cron_check_pending()
        self.assertEqual(paid.state, "done")
        self.assertEqual(unpaid.state, "draft")

    @mute_logger(
        "odoo.addons.payment_qpay.controllers.main",
        "odoo.addons.payment.models.payment_transaction",
    )
    def test_forged_callback_without_token_gets_no_check(self):
        tx = self._transaction()
        self._open_invoice(tx)
        self.env.flush_all()
        with patch.object(self.sim, "check_payment", wraps=self.sim.check_payment) as check:
            for query in (
                {"ref": tx.reference},
                {"ref": tx.reference, "access_token": "0" * 64},
                {"ref": "NO-SUCH-REF", "access_token": tx._qpay_callback_token()},
                {"payment_id": "100000000000001", "payment_status": "PAID"},
            ):
                response = self.url_open("/payment/qpay/callback", params=query)
                self.assertEqual(response.status_code, 403, query)
        self.assertEqual(check.call_count, 0)
        self.env.invalidate_all()
        self.assertEqual(tx.state, "draft")

    def test_forged_callback_with_unpaid_check_stays_draft(self):
        tx = self._transaction()
        self._open_invoice(tx)
        self.env.flush_all()
        callback_url = self.sim.invoice(tx.provider_reference)["request"]["callback_url"]
        with patch.object(self.sim, "check_payment", wraps=self.sim.check_payment) as check:
            response = self.url_open(
                callback_url,
                data={"payment_id": "1", "payment_status": "PAID", "amount": "1500"},
            )
        self.assertEqual((response.status_code, response.text), (200, "SUCCESS"))
        self.assertEqual(check.call_count, 1, "the call only triggers a check")
        self.env.invalidate_all()
        self.assertEqual(tx.state, "draft")
        self.assertFalse(tx.qpay_payment_ids)

    def test_underpaid_invoice_is_not_done(self):
        tx = self._transaction(amount=1500.0)
        self._open_invoice(tx)
        self._pay(tx, amount=1000)
        self.assertEqual(tx.state, "draft")

    def test_overpaid_invoice_is_an_error_not_done(self):
        tx = self._transaction(amount=1500.0)
        self._open_invoice(tx)
        self._pay(tx, amount=1600)
        self.assertEqual(tx.state, "error")

    def test_done_transaction_is_not_checked_again(self):
        tx = self._transaction()
        self._open_invoice(tx)
        self._pay(tx)
        with patch.object(self.sim, "check_payment", wraps=self.sim.check_payment) as check:
            self.env["payment.transaction"]._qpay_cron_check_pending()
            tx._qpay_check_payment()
        self.assertEqual(check.call_count, 0)

    @mute_logger("odoo.addons.payment.models.payment_provider")
    def test_qpay_down_fails_the_transaction_with_a_message(self):
        self.sim.set_down(True)
        tx = self._transaction()
        values = tx._get_processing_values()
        self.assertEqual(values["state"], "error")
        self.assertEqual(tx.state, "error")
        self.assertIn("Could not establish the connection", tx.state_message)

    @mute_logger("odoo.addons.payment.models.payment_provider")
    def test_polling_survives_qpay_down(self):
        tx = self._transaction()
        self._open_invoice(tx)
        self.env.flush_all()
        self.sim.pay(tx.provider_reference, callback=False)
        self.sim.set_down(True, mode="503")
        self.env["payment.transaction"]._qpay_cron_check_pending()
        self.assertEqual(tx.state, "draft")
        self.sim.set_down(False)
        self.env["payment.transaction"]._qpay_cron_check_pending()
        self.assertEqual(tx.state, "done")

    @mute_logger(
        "odoo.addons.payment_qpay.controllers.main", "odoo.addons.payment.models.payment_provider"
    )
    def test_callback_while_qpay_down_is_acknowledged_and_polled_later(self):
        tx = self._transaction()
        self._open_invoice(tx)
        self.env.flush_all()
        callback_url = self.sim.invoice(tx.provider_reference)["request"]["callback_url"]
        self.sim.pay(tx.provider_reference, callback=False)
        self.sim.set_down(True, mode="503")
        response = self.url_open(callback_url)
        self.assertEqual((response.status_code, response.text), (200, "SUCCESS"))
        self.env.invalidate_all()
        self.assertEqual(tx.state, "draft", "QPay could not confirm it")
        self.sim.set_down(False)
        self.env["payment.transaction"]._qpay_cron_check_pending()
        self.assertEqual(tx.state, "done")
