"""The portal's Pay button on a quotation and on an invoice, to the confirmed document."""

import re

from odoo import Command
from odoo.tests import tagged

from .common import QPayCommon


@tagged("post_install", "-at_install")
class TestQPayPortal(QPayCommon):
    def _pay_values(self, amount, landing_route):
        return {
            "provider_id": self.provider.id,
            "payment_method_id": self.method.id,
            "token_id": None,
            "amount": amount,
            "flow": "redirect",
            "tokenization_requested": False,
            "landing_route": landing_route,
        }

    def _status_page(self):
        """What the customer sees after the redirect form: /payment/status."""
        response = self.url_open("/payment/qpay/return", data={"reference": "ignored"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/payment/status"), response.url)
        return response.text

    def _poll(self):
        """The status page's poll, which post-processes the transaction."""
        self.env.flush_all()
        result = self.make_jsonrpc_request("/payment/status/poll")
        self.env.invalidate_all()
        return result

    def test_quotation_paid_by_qr_is_confirmed(self):
        order = self.sale_order
        order.write({"require_payment": True, "prepayment_percent": 1.0})
        self.env.flush_all()
        values = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/transaction",
            {
                "access_token": order._portal_ensure_token(),
                **self._pay_values(order.amount_total, order.get_portal_url()),
            },
        )
        self.assertEqual(values["state"], "draft")
        self.assertIn("/payment/qpay/return", values["redirect_form_html"])
        self.env.invalidate_all()
        tx = order.transaction_ids
        self.assertEqual(len(tx), 1)

        page = self._status_page()
        self.assertIn('name="o_qpay_panel"', page)
        self.assertIn(tx.qpay_qr_text, page)
        self.assertIn("khanbank://q?qPay_QRcode=", page)
        self.assertIn("data:image/png;base64,", page)
        self.assertEqual(self._poll()["state"], "draft")

        self._pay(tx)
        self.assertEqual(tx.state, "done")
        result = self._poll()
        self.assertEqual(result["state"], "done")
        self.assertEqual(order.state, "sale", "a quotation asking for payment is confirmed")
        self.assertTrue(tx.is_post_processed)

    def test_invoice_paid_by_qr_is_reconciled(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 2, "price_unit": 12500}
                    )
                ],
            }
        )
        invoice.action_post()
        self.env.flush_all()
        values = self.make_jsonrpc_request(
            f"/invoice/transaction/{invoice.id}",
            {
                "access_token": invoice._portal_ensure_token(),
                **self._pay_values(invoice.amount_residual, invoice.get_portal_url()),
            },
        )
        self.assertEqual(values["state"], "draft")
        self.env.invalidate_all()
        tx = invoice.transaction_ids
        self._status_page()
        self._pay(tx)
        self._poll()
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.payment_id, "the post-processing records the payment")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))

    def test_check_button_confirms_without_callback(self):
        order = self.sale_order
        self.env.flush_all()
        self.make_jsonrpc_request(
            f"/my/orders/{order.id}/transaction",
            {
                "access_token": order._portal_ensure_token(),
                **self._pay_values(order.amount_total, order.get_portal_url()),
            },
        )
        self.env.invalidate_all()
        tx = order.transaction_ids
        page = self._status_page()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.sim.pay(tx.provider_reference, callback=False)
        response = self.url_open("/payment/qpay/check", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(tx.state, "done")
        self.assertNotIn('name="o_qpay_panel"', response.text, "paid: no QR any more")
