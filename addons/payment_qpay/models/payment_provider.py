from datetime import UTC, datetime, timedelta

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import urls

from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)


class QPayTokenRefused(ValidationError):
    """QPay answered 401 NO_CREDENDIALS to a bearer token: it expired or QPay forgot it."""


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(selection_add=[("qpay", "QPay")], ondelete={"qpay": "set default"})
    qpay_client_id = fields.Char(
        string="QPay Client ID",
        help="The merchant's user name at QPay (client_id).",
        required_if_provider="qpay",
        copy=False,
    )
    qpay_client_secret = fields.Char(
        string="QPay Client Secret",
        help="The merchant's password at QPay (client_secret).",
        required_if_provider="qpay",
        copy=False,
        groups="base.group_system",
    )
    qpay_invoice_code = fields.Char(
        string="QPay Invoice Code",
        help="The invoice template code QPay gave the merchant (invoice_code).",
        required_if_provider="qpay",
        copy=False,
    )
    qpay_api_url = fields.Char(
        string="QPay API URL",
        help="Leave empty for QPay itself: the sandbox in test mode, production when enabled.",
        copy=False,
    )
    # The tokens live as long as QPay says (Unix timestamps in its answer): kept here so that
    # every worker and the cron share them instead of logging in on each request.
    qpay_access_token = fields.Char(copy=False, groups="base.group_system")
    qpay_access_expiry = fields.Datetime(copy=False, groups="base.group_system")
    qpay_refresh_token = fields.Char(copy=False, groups="base.group_system")
    qpay_refresh_expiry = fields.Datetime(copy=False, groups="base.group_system")

    # === COMPUTE METHODS === #

    def _compute_feature_support_fields(self):
        """Override of `payment`: QPay refunds a whole payment (DELETE /v2/payment/refund)."""
        result = super()._compute_feature_support_fields()
        self.filtered(lambda p: p.code == "qpay").update({"support_refund": "full_only"})
        return result

    def _get_supported_currencies(self):
        """Override of `payment`: QPay settles in tögrög only."""
        supported_currencies = super()._get_supported_currencies()
        if self.code == "qpay":
            supported_currencies = supported_currencies.filtered(
                lambda c: c.name in const.SUPPORTED_CURRENCIES
            )
        return supported_currencies

    # === CRUD METHODS === #

    def _get_default_payment_method_codes(self):
        """Override of `payment` to return the default payment method codes."""
        self.ensure_one()
        if self.code != "qpay":
            return super()._get_default_payment_method_codes()
        return const.DEFAULT_PAYMENT_METHOD_CODES

    def _get_reset_values(self):
        """Override of `payment`: forget the credentials and the tokens they bought."""
        values = super()._get_reset_values()
        if self.code == "qpay":
            values.update(self._qpay_forget_tokens_values())
            values.update({"qpay_client_id": False, "qpay_client_secret": False})
        return values

    def write(self, vals):
        # New credentials or another server: the tokens of the old ones are worthless.
        if {"qpay_client_id", "qpay_client_secret", "qpay_api_url"} & vals.keys():
            vals = {**self._qpay_forget_tokens_values(), **vals}
        return super().write(vals)

    # === BUSINESS METHODS - TOKENS === #

    @staticmethod
    def _qpay_forget_tokens_values():
        return {
            "qpay_access_token": False,
            "qpay_access_expiry": False,
            "qpay_refresh_token": False,
            "qpay_refresh_expiry": False,
        }

    def _qpay_get_api_url(self):
        self.ensure_one()
        if self.qpay_api_url:
            return self.qpay_api_url
        return const.API_URL_PRODUCTION if self.state == "enabled" else const.API_URL_SANDBOX

    def _qpay_get_access_token(self, renew=False):
        """A valid access token: the stored one, else refreshed, else a new login.

        :param bool renew: QPay refused the stored token; get another one whatever its expiry.
        """
        self.ensure_one()
        limit = fields.Datetime.now() + timedelta(seconds=const.TOKEN_MARGIN_SECONDS)
        if (
            not renew
            and self.qpay_access_token
            and self.qpay_access_expiry
            and self.qpay_access_expiry > limit
        ):
            return self.qpay_access_token
        answer = None
        if (
            self.qpay_refresh_token
            and self.qpay_refresh_expiry
            and self.qpay_refresh_expiry > limit
        ):
            try:
                answer = self._send_api_request(
                    "POST", "/v2/auth/refresh", qpay_bearer=self.qpay_refresh_token
                )
            except QPayTokenRefused:
                answer = None  # the refresh token is gone too: log in again
        if answer is None:
            answer = self._send_api_request("POST", "/v2/auth/token", qpay_basic=True)
        self._qpay_store_tokens(answer)
        return self.qpay_access_token

    def _qpay_store_tokens(self, answer):
        def expiry(value):
            # QPay answers Unix timestamps of the expiry (both readings agree); a small number
            # can only be a lifetime in seconds.
            value = int(value or 0)
            if value < 10**9:
                return fields.Datetime.now() + timedelta(seconds=value)
            return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)

        if not answer.get("access_token"):
            raise ValidationError(self.env._("QPay did not return an access token."))
        self.write(
            {
                "qpay_access_token": answer["access_token"],
                "qpay_access_expiry": expiry(answer.get("expires_in")),
                "qpay_refresh_token": answer.get("refresh_token") or False,
                "qpay_refresh_expiry": answer.get("refresh_token")
                and expiry(answer.get("refresh_expires_in")),
            }
        )

    def _qpay_request(self, method, endpoint, *, json=None, reference=None):
        """Call QPay with the access token; renew it once when QPay no longer accepts it.

        :raise ValidationError: the request failed (translated message).
        """
        self.ensure_one()
        try:
            return self._send_api_request(
                method,
                endpoint,
                json=json,
                reference=reference,
                qpay_bearer=self._qpay_get_access_token(),
            )
        except QPayTokenRefused:
            return self._send_api_request(
                method,
                endpoint,
                json=json,
                reference=reference,
                qpay_bearer=self._qpay_get_access_token(renew=True),
            )

    # === REQUEST HELPERS === #

    def _build_request_url(self, endpoint, **kwargs):
        """Override of `payment` to build the request URL."""
        if self.code != "qpay":
            return super()._build_request_url(endpoint, **kwargs)
        return urls.urljoin(self._qpay_get_api_url().rstrip("/") + "/", endpoint.lstrip("/"))

    def _build_request_headers(self, method, endpoint, payload, **kwargs):
        """Override of `payment`: the bearer token of every call but the login."""
        if self.code != "qpay":
            return super()._build_request_headers(method, endpoint, payload, **kwargs)
        headers = {"Accept": "application/json"}
        if kwargs.get("qpay_bearer"):
            headers["Authorization"] = f"Bearer {kwargs['qpay_bearer']}"
        return headers

    def _build_request_auth(self, **kwargs):
        """Override of `payment`: the login (POST /v2/auth/token) is HTTP Basic."""
        if self.code != "qpay" or not kwargs.get("qpay_basic"):
            return super()._build_request_auth(**kwargs)
        return (self.qpay_client_id or "", self.qpay_client_secret or "")

    def _log_response(self, response, *, reference=None):
        """Override of `payment`: a refused token is renewed, not an error worth an alarm."""
        if self.code == "qpay" and self._qpay_error_key(response) == "NO_CREDENDIALS":
            _logger.info(
                "QPay refused the token for %s (%s): renewing it.",
                reference or f"provider {self.id}",
                response.url,
            )
            return
        super()._log_response(response, reference=reference)

    def _parse_response_content(self, response, **kwargs):
        """Override of `payment`: refunds and cancellations may answer an empty body."""
        if self.code != "qpay":
            return super()._parse_response_content(response, **kwargs)
        return response.json() if response.content.strip() else {}

    def _parse_response_error(self, response):
        """Override of `payment`: QPay's error key, and a typed error for a refused token."""
        if self.code != "qpay":
            return super()._parse_response_error(response)
        key = self._qpay_error_key(response)
        if key == "NO_CREDENDIALS":  # sic, QPay's spelling
            raise QPayTokenRefused(self.env._("QPay refused the access token."))
        if key == "AUTHENTICATION_FAILED":
            return self.env._("QPay refused the client ID or secret.")
        return key or response.text

    @staticmethod
    def _qpay_error_key(response):
        try:
            body = response.json()
        except ValueError:
            return None
        return body.get("error") if isinstance(body, dict) else None
