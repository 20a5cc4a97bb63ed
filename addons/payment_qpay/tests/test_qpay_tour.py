"""A phone pays a quotation with QPay in the portal, in Mongolian."""

import threading

from odoo.tests import new_test_user, tagged

from .common import QPayCommon


@tagged("post_install", "-at_install", "mn_tour")
class TestQPayTourPhone(QPayCommon):
    browser_size = "390x844"
    touch_enabled = True

    def _play_bank_app(self, known, stop):
        """The customer's bank app: pays the first QPay invoice the tour opens. No callback:
        the tour's «I have paid» asks QPay (the callback's own path is tested elsewhere)."""
        while not stop.wait(0.3):
            with self.sim.lock:
                new = [i for i in self.sim._invoices if i not in known]
            if new:
                self.sim.pay(new[0], callback=False)
                return

    def test_phone_pays_a_quotation_in_mongolian(self):
        self.env["res.lang"]._activate_lang("mn_MN")
        portal = new_test_user(
            self.env, "qpay_customer", groups="base.group_portal", lang="mn_MN", name="Бат Дорж"
        )
        order = self._create_so(
            partner_id=portal.partner_id.id,
            require_signature=False,
            require_payment=True,
            prepayment_percent=1.0,
        )
        order.action_quotation_sent()
        with self.sim.lock:
            known = set(self.sim._invoices)
        stop = threading.Event()
        payer = threading.Thread(target=self._play_bank_app, args=(known, stop))
        payer.start()
        try:
            self.start_tour(
                f"/my/orders/{order.id}", "payment_qpay_portal_tour", login="qpay_customer"
            )
        finally:
            stop.set()
            payer.join(timeout=15)
        self.env.invalidate_all()
        tx = order.transaction_ids
        self.assertEqual(tx.state, "done")
        self.assertEqual(order.state, "sale")
