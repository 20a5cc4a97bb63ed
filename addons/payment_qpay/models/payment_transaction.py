from datetime import timedelta
from decimal import Decimal, InvalidOperation

from werkzeug.urls import url_encode

from odoo import api, fields, models, modules
from odoo.exceptions import ValidationError
from odoo.tools import consteq, float_round, urls
from odoo.tools import hmac as hmac_tool

from odoo.addons.payment.logging import get_payment_logger

from .. import const
from ..controllers.main import QPayController

_logger = get_payment_logger(__name__)


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    # What QPay answered to POST /v2/invoice: the customer pays with these; the QPay invoice
    # id itself is the transaction's provider_reference.
    qpay_qr_text = fields.Char(string="QPay QR Text", readonly=True, copy=False)
    qpay_qr_image = fields.Binary(
        string="QPay QR Code", attachment=False, readonly=True, copy=False
    )
    qpay_bank_urls = fields.Json(string="QPay Bank App Links", readonly=True, copy=False)
    qpay_payment_ids = fields.Char(
        string="QPay Payments",
        help="The QPay payment ids payment/check listed as PAID (comma-separated).",
        readonly=True,
        copy=False,
    )

    # === BUSINESS METHODS - PAYMENT FLOW === #

    def _get_specific_rendering_values(self, processing_values):
        """Override of `payment`: create the QPay invoice the customer pays by QR code.

        Note: self.ensure_one() from `_get_processing_values`
        """
        if self.provider_code != "qpay":
            return super()._get_specific_rendering_values(processing_values)
        try:
            answer = self.provider_id._qpay_request(
                "POST",
                "/v2/invoice",
                json=self._qpay_prepare_invoice_payload(),
                reference=self.reference,
            )
        except ValidationError as error:
            self._set_error(str(error))
            return {}
        if not answer.get("invoice_id") or not answer.get("qr_text"):
            self._set_error(self.env._("QPay did not return an invoice to pay."))
            return {}
        self.write(
            {
                "provider_reference": answer["invoice_id"],
                "qpay_qr_text": answer["qr_text"],
                "qpay_qr_image": answer.get("qr_image") or False,
                "qpay_bank_urls": [
                    {key: url.get(key) for key in ("name", "description", "link")}
                    for url in answer.get("urls") or []
                    if isinstance(url, dict) and url.get("link")
                ],
            }
        )
        return {"api_url": QPayController._return_url, "reference": self.reference}

    def _qpay_prepare_invoice_payload(self):
        self.ensure_one()
        provider = self.provider_id
        partner = self.partner_id
        amount = float_round(self.amount, precision_digits=2)
        description = self.env._(
            "%(reference)s, %(company)s", reference=self.reference, company=self.company_id.name
        )
        return {
            "invoice_code": provider.qpay_invoice_code,
            "sender_invoice_no": self.reference[: const.SENDER_INVOICE_NO_MAX],
            "invoice_receiver_code": (partner.vat or str(partner.id))[: const.RECEIVER_CODE_MAX],
            "invoice_description": description[: const.DESCRIPTION_MAX],
            "amount": int(amount) if amount == int(amount) else amount,
            "callback_url": self._qpay_callback_url(),
        }

    def _qpay_callback_token(self):
        self.ensure_one()
        return hmac_tool(self.env(su=True), const.CALLBACK_TOKEN_SCOPE, self.reference)

    def _qpay_check_callback_token(self, token):
        self.ensure_one()
        return bool(token) and consteq(str(token), self._qpay_callback_token())

    def _qpay_callback_url(self):
        """The URL QPay calls once paid: it names the transaction and proves Odoo wrote it, so
        that a stranger's call does not even cost a payment/check."""
        self.ensure_one()
        base_url = self.provider_id.get_base_url()
        query = url_encode({"ref": self.reference, "access_token": self._qpay_callback_token()})
        return f"{urls.urljoin(base_url, QPayController._callback_url)}?{query}"

    def _qpay_check_payment(self):
        """Ask QPay (POST /v2/payment/check) whether the transactions' invoices are paid.

        The callback is unsigned: this answer is the only one believed. A transaction is done
        when the PAID rows add up to its amount; nothing paid leaves it as it is.

        :raise ValidationError: QPay could not be asked.
        """
        for tx in self.filtered(
            lambda t: t.provider_code == "qpay"
            and t.state in ("draft", "pending")
            and t.operation != "refund"
            and t.provider_reference
        ):
            answer = tx.provider_id._qpay_request(
                "POST",
                "/v2/payment/check",
                json={
                    "object_type": "INVOICE",
                    "object_id": tx.provider_reference,
                    "offset": {"page_number": 1, "page_limit": 100},
                },
                reference=tx.reference,
            )
            rows = [
                row
                for row in answer.get("rows") or []
                if isinstance(row, dict) and row.get("payment_status") == const.PAYMENT_STATUS_PAID
            ]
            paid = sum((_decimal(row.get("payment_amount")) for row in rows), Decimal(0))
            if not rows or tx.currency_id.compare_amounts(float(paid), tx.amount) < 0:
                _logger.info(
                    "QPay reports %s paid of %s for transaction %s: still waiting.",
                    paid,
                    tx.amount,
                    tx.reference,
                )
                continue
            tx._process(
                "qpay",
                {
                    "ref": tx.reference,
                    "amount": float(paid),
                    "currency": rows[0].get("payment_currency") or "MNT",
                    "payment_ids": [str(row.get("payment_id")) for row in rows],
                },
            )

    @api.model
    def _qpay_cron_check_pending(self):
        """Poll QPay for the transactions still waiting for their QR payment (the callback may
        never come: Odoo unreachable, QPay down, the customer closed the page)."""
        since = fields.Datetime.now() - timedelta(days=const.POLL_DAYS)
        txs = self.search(
            [
                ("provider_code", "=", "qpay"),
                ("state", "in", ("draft", "pending")),
                ("operation", "!=", "refund"),
                ("provider_reference", "!=", False),
                ("create_date", ">=", since),
            ],
            order="id",
            limit=const.POLL_BATCH,
        )
        remaining = len(txs)
        for tx in txs:
            remaining -= 1
            try:
                with self.env.cr.savepoint():
                    tx._qpay_check_payment()
            except ValidationError as error:
                _logger.info("QPay check of %s failed, next run retries: %s", tx.reference, error)
            if not modules.module.current_test and not self.env["ir.cron"]._commit_progress(
                1, remaining=remaining
            ):
                break  # the cron's time is up: it is rescheduled for the rest
        return True

    # === BUSINESS METHODS - PROCESSING === #

    @api.model
    def _extract_reference(self, provider_code, payment_data):
        """Override of `payment`: the reference is the `ref` of the callback URL Odoo wrote."""
        if provider_code != "qpay":
            return super()._extract_reference(provider_code, payment_data)
        return payment_data.get("ref")

    def _extract_amount_data(self, payment_data):
        """Override of `payment`: the amount payment/check (or the refund) confirmed."""
        if self.provider_code != "qpay":
            return super()._extract_amount_data(payment_data)
        return {"amount": payment_data.get("amount"), "currency_code": payment_data.get("currency")}

    def _apply_updates(self, payment_data):
        """Override of `payment`: only QPay's own answers reach here, never a callback's body."""
        if self.provider_code != "qpay":
            return super()._apply_updates(payment_data)
        if self.operation != "refund":
            self.qpay_payment_ids = ",".join(payment_data.get("payment_ids") or [])
        self._set_done()

    # === BUSINESS METHODS - REFUNDS === #

    def _send_refund_request(self):
        """Override of `payment`: refund every QPay payment of the source transaction
        (DELETE /v2/payment/refund/{id}), then believe it once GET /v2/payment/{id} says
        REFUNDED.

        Note: self.ensure_one() from :meth:`_refund`
        """
        if self.provider_code != "qpay":
            return super()._send_refund_request()
        source = self.source_transaction_id
        payment_ids = [pid for pid in (source.qpay_payment_ids or "").split(",") if pid]
        if not payment_ids:
            raise ValidationError(self.env._("QPay has no payment to refund for this transaction."))
        provider = self.provider_id
        for payment_id in payment_ids:
            provider._qpay_request(
                "DELETE",
                f"/v2/payment/refund/{payment_id}",
                json={
                    "callback_url": source._qpay_callback_url(),
                    "note": self.env._("Refund of %(reference)s", reference=source.reference),
                },
                reference=self.reference,
            )
        rows = [
            provider._qpay_request("GET", f"/v2/payment/{pid}", reference=self.reference)
            for pid in payment_ids
        ]
        if any(row.get("payment_status") != const.PAYMENT_STATUS_REFUNDED for row in rows):
            raise ValidationError(self.env._("QPay has not confirmed the refund."))
        self._process(
            "qpay",
            {
                "ref": self.reference,
                "amount": float(sum((_decimal(r.get("payment_amount")) for r in rows), Decimal(0))),
                "currency": rows[0].get("payment_currency") or "MNT",
            },
        )


def _decimal(value):
    """QPay writes amounts as text ("1500.00"): an unreadable one counts as nothing paid."""
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)
