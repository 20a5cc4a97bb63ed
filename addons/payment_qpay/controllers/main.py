from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.payment.controllers.post_processing import PaymentPostProcessing
from odoo.addons.payment.logging import get_payment_logger

_logger = get_payment_logger(__name__)


class QPayController(http.Controller):
    _return_url = "/payment/qpay/return"
    _callback_url = "/payment/qpay/callback"
    _check_url = "/payment/qpay/check"

    @http.route(
        _return_url, type="http", auth="public", methods=["POST"], csrf=False, save_session=False
    )
    def qpay_return(self, **_data):
        """The redirect form lands here: the status page shows the QR code and bank links of
        the monitored transaction and follows it until QPay confirms the payment."""
        return request.redirect("/payment/status")

    @http.route(
        _callback_url,
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def qpay_callback(self, ref=None, access_token=None, **_data):
        """QPay's unsigned callback: it only triggers a payment/check of the transaction.

        Whatever else the call carries (a payment id, an amount, a status) is ignored. A call
        whose URL Odoo did not write (unknown reference, wrong token) gets no check at all.

        :return: "SUCCESS", the answer QPay expects.
        """
        tx_sudo = (
            request.env["payment.transaction"].sudo()._search_by_reference("qpay", {"ref": ref})
        )
        if not tx_sudo or not tx_sudo._qpay_check_callback_token(access_token):
            _logger.warning("QPay callback refused: reference %r, bad or missing token.", ref)
            raise Forbidden()
        try:
            tx_sudo._qpay_check_payment()
        except ValidationError as error:
            # The polling cron checks again later; QPay is told nothing went wrong on its side.
            _logger.warning("QPay check of %s after its callback failed: %s", ref, error)
        return request.make_response("SUCCESS", headers=[("Content-Type", "text/plain")])

    @http.route(_check_url, type="http", auth="public", methods=["POST"], website=True)
    def qpay_check(self, **_data):
        """The customer's "I have paid" button on the status page: check now, show the result."""
        tx_sudo = (
            request.env["payment.transaction"]
            .sudo()
            .browse(request.session.get(PaymentPostProcessing.MONITORED_TX_ID_KEY))
            .exists()
        )
        if tx_sudo.provider_code == "qpay":
            try:
                tx_sudo._qpay_check_payment()
            except ValidationError as error:
                _logger.warning("QPay check of %s failed: %s", tx_sudo.reference, error)
        return request.redirect("/payment/status")
