"""QPay v2 constants (developer.qpay.mn; read in techpartners-asia/qpay-go and
Amraa1/qpay_client, see tools/simulators/qpay.py)."""

PROVIDER_CODE = "qpay"

# The payment method the provider activates: QPay is one method (QR code or bank app).
DEFAULT_PAYMENT_METHOD_CODES = {"qpay"}

# QPay settles in tögrög only.
SUPPORTED_CURRENCIES = {"MNT"}

API_URL_PRODUCTION = "https://merchant.qpay.mn"
API_URL_SANDBOX = "https://merchant-sandbox.qpay.mn"

# A token this close to its expiry is renewed before use (qpay-go uses one minute).
TOKEN_MARGIN_SECONDS = 60

# Field lengths of the invoice request (qpay_client specs/openapi.json).
SENDER_INVOICE_NO_MAX = 45
RECEIVER_CODE_MAX = 45
DESCRIPTION_MAX = 255

# payment/check rows: a payment is believed only in this status.
PAYMENT_STATUS_PAID = "PAID"
PAYMENT_STATUS_REFUNDED = "REFUNDED"

# The polling cron looks at transactions waiting for a QR payment this many days back.
POLL_DAYS = 3
POLL_BATCH = 100

# Scope of the HMAC that signs the callback URL Odoo gives QPay.
CALLBACK_TOKEN_SCOPE = "payment_qpay_callback"
