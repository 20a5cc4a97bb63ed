"""Simulator of the QPay merchant API v2 (invoices paid by QR code or bank app).

Endpoints (relative to QPay's base URL; here the simulator's URL), all JSON:

=================================  ==========================================================
``POST /v2/auth/token``            HTTP Basic (client id, secret) -> tokens
``POST /v2/auth/refresh``          ``Authorization: Bearer <refresh_token>`` -> new tokens
``POST /v2/invoice``               create -> ``invoice_id``, ``qr_text``, ``qr_image``,
                                   ``qPay_shortUrl``, ``urls`` (bank app deep links)
``GET /v2/invoice/{id}``           the invoice, its status and payments
``DELETE /v2/invoice/{id}``        cancel an unpaid invoice
``POST /v2/payment/check``         ``{object_type: "INVOICE", object_id, offset}`` -> payments
``GET /v2/payment/{id}``           one payment
``DELETE /v2/payment/refund/{id}`` refund a paid payment (``{"note": ...}``)
=================================  ==========================================================

Every endpoint but ``/v2/auth/token`` needs ``Authorization: Bearer <access_token>``.

Rules:

* tokens: ``/v2/auth/token`` checks the Basic credentials (401 ``AUTHENTICATION_FAILED``);
  an access token lives ``access_ttl`` seconds, a refresh token ``refresh_ttl`` (both
  default 86400, as in the recorded sandbox answer); ``expires_in`` and
  ``refresh_expires_in`` are **Unix timestamps** of the expiry, not durations, as QPay
  answers (both readings say so). A missing, unknown or expired token is answered 401
  ``NO_CREDENDIALS`` (sic); a refresh token is not an access token and vice versa;
* invoice: ``invoice_code``, ``sender_invoice_no``, ``invoice_receiver_code``,
  ``invoice_description`` and ``callback_url`` (http/https) are required strings within the
  spec's lengths (45, 45, 45, 255, 255), else 400 ``OBJECT_DATA_ERROR`` with
  ``details.field``; ``invoice_code`` must be the client's (400 ``INVOICE_CODE_INVALID``);
  ``amount`` a number > 0 with at most 2 decimals (400 ``INVALID_AMOUNT``); invoices of
  another client are 422 ``INVOICE_NOTFOUND``;
* payment check: ``object_type`` INVOICE, QR or ITEM (400 ``INVALID_OBJECT_TYPE``); only
  invoices are simulated. ``count`` counts the rows, ``paid_amount`` sums the PAID ones;
* refund: only a PAID payment (400 ``PAYMENT_NOT_PAID``; refunded twice: 400
  ``PAYMENT_ALREADY_CANCELED``); the row's ``payment_status`` becomes ``REFUNDED``;
* errors are ``{"error": KEY, "message": KEY}`` (plus ``details`` for a bad field): 400
  validation, 401 authentication, 422 not found (the qpay_client SDK's ``QPayErrorCode``).

A payment never happens over the API: the test hook :meth:`QPaySimulator.pay` plays the
customer's bank app. It records a PAID payment, closes the invoice and calls its
``callback_url`` over real HTTP, unsigned, exactly as given (``GET`` by default; ``POST`` with
``{"payment_id": ...}`` on request), and notes the merchant's answer (QPay expects HTTP 200 and
the body ``SUCCESS``) in :meth:`QPaySimulator.callbacks`. Because the callback carries no
signature, a merchant must believe a payment only once ``/v2/payment/check`` lists it:
anything can call a callback URL, and the simulator's ``payment/check`` only reports what
:meth:`~QPaySimulator.pay` recorded.

Sources: no official machine-readable file. techpartners-asia/qpay-go (``qpay_v2/apis.go``,
``structs.go``: paths, field names, deep link shape ``{name, description, logo, link}``,
epoch ``expires_in``), Amraa1/qpay_client (``specs/openapi.json`` recorded from the sandbox,
``v2/schemas.py``, ``v2/error.py``: error keys and codes, epoch expiry, callback must answer
"SUCCESS"). Where they disagree:

* refunded status: qpay-go says ``REFUNDED``, qpay_client ``REFUND``: ``REFUNDED`` here;
* invoice statuses: qpay-go OPEN, CLOSED, CANCELLED; qpay_client OPEN, CLOSED: all three;
* amounts: qpay-go reads the payment rows' amounts as strings ("QPay returns numbers as
  text"), qpay_client as decimals: rows carry strings ("1500.00"), ``paid_amount`` a number;
* refund answer: only its 400 is recorded; the simulator answers 200 ``{}`` like invoice
  cancel;
* the refresh 401 body: the recorded Content-Length (53) is exactly that of
  ``{"error":"NO_CREDENDIALS","message":"NO_CREDENDIALS"}``.
"""

import base64
import copy
import json
import secrets
import struct
import threading
import uuid
import zlib
from decimal import Decimal, InvalidOperation
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request as UrlRequest
from urllib.request import urlopen

from . import Response, Simulator

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
OBJECT_TYPES = ("INVOICE", "QR", "ITEM")
REQUIRED_INVOICE_FIELDS = {
    # field: max length (Amraa1/qpay_client specs/openapi.json CreateInvoiceRequest)
    "invoice_code": 45,
    "sender_invoice_no": 45,
    "invoice_receiver_code": 45,
    "invoice_description": 255,
    "callback_url": 255,
}

#: Bank apps offered under the QR (name, description, deep link scheme).
BANK_APPS = (
    ("qPay wallet", "qPay хэтэвч", "qpaywallet://q?qPay_QRcode="),
    ("Khan bank", "Хаан банк", "khanbank://q?qPay_QRcode="),
    ("State bank", "Төрийн банк", "statebank://q?qPay_QRcode="),
    ("Xac bank", "Хас банк", "xacbank://q?qPay_QRcode="),
    ("Trade and Development bank", "TDB online", "tdbbank://q?qPay_QRcode="),
    ("Golomt bank", "Голомт банк", "golomtbank://q?qPay_QRcode="),
    ("Most money", "МОСТ мони", "most://q?qPay_QRcode="),
)


class QPayError(Exception):
    def __init__(self, status, key, field=None):
        super().__init__(key)
        self.status = status
        self.key = key
        self.field = field

    def body(self):
        body = {"error": self.key, "message": self.key}
        if self.field:
            body["details"] = {"field": self.field}
        return body


def _png(matrix, scale=4, border=4):
    """A black-and-white PNG of a boolean matrix, with the standard library only."""
    size = (len(matrix) + 2 * border) * scale
    white_row = b"\x00" + b"\xff" * size
    rows = [white_row] * (border * scale)
    for line in matrix:
        pixels = bytearray(b"\xff" * (border * scale))
        for dark in line:
            pixels += (b"\x00" if dark else b"\xff") * scale
        pixels += b"\xff" * (border * scale)
        rows += [b"\x00" + bytes(pixels)] * scale
    rows += [white_row] * (border * scale)

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def qr_png(text):
    """A scannable QR code of ``text`` as PNG bytes when the ``qrcode`` package is there (it is
    in Odoo's requirements), else a placeholder pattern (still a valid PNG)."""
    try:
        import qrcode  # optional: Odoo requires it, the simulator does not

        code = qrcode.QRCode(border=0)
        code.add_data(text)
        code.make(fit=True)
        matrix = code.get_matrix()
    except ImportError:
        seed = zlib.crc32(text.encode())
        matrix = [[(seed >> ((x * 7 + y * 3) % 31)) & 1 for x in range(21)] for y in range(21)]
    return _png(matrix)


class QPaySimulator(Simulator):
    """QPay v2 with in-memory state; see the module docstring.

    Settings: ``clients`` (``{client_id: (secret, invoice_code)}``), ``access_ttl``,
    ``refresh_ttl``. Test hooks: :meth:`pay`, :meth:`callbacks`, :meth:`invoice`,
    ``clock.advance(...)`` (token expiry), ``set_down``.
    """

    name = "qpay"

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        *,
        clients=None,
        access_ttl=86400,
        refresh_ttl=86400,
        **kwargs,
    ):
        super().__init__(host, port, **kwargs)
        self.clients = dict(clients or {"TEST_MERCHANT": ("123456", "TEST_INVOICE")})
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self._access = {}  # token -> (client_id, expires_at)
        self._refresh = {}
        self._invoices = {}  # invoice_id -> record
        self._payments = {}  # payment_id -> row (with "invoice_id", "client_id")
        self._callbacks = []
        self._payment_seq = 100000000000000

    # --- HTTP ---------------------------------------------------------------------------
    def dispatch(self, request):
        parts = request.path.strip("/").split("/")
        try:
            with self.lock:
                if request.method == "POST" and request.path == "/v2/auth/token":
                    return self.token(request)
                if request.method == "POST" and request.path == "/v2/auth/refresh":
                    return self.refresh(request)
                route = self._route(request.method, parts)
                if route is None:
                    return Response(404, {"error": "NOT_FOUND", "message": "NOT_FOUND"})
                client = self._bearer(request, self._access)
                handler, argument = route
                return handler(client, request, argument)
        except QPayError as error:
            return Response(error.status, error.body())

    def _route(self, method, parts):
        routes = {
            ("POST", ("v2", "invoice")): (self.create_invoice, None),
            ("POST", ("v2", "payment", "check")): (self.check_payment, None),
        }
        if (method, tuple(parts)) in routes:
            return routes[(method, tuple(parts))]
        if len(parts) == 3 and parts[:2] == ["v2", "invoice"]:
            handler = {"GET": self.get_invoice, "DELETE": self.cancel_invoice}.get(method)
            return (handler, parts[2]) if handler else None
        if len(parts) == 3 and parts[:2] == ["v2", "payment"] and method == "GET":
            return self.get_payment, parts[2]
        if len(parts) == 4 and parts[:3] == ["v2", "payment", "refund"] and method == "DELETE":
            return self.refund_payment, parts[3]
        return None

    @staticmethod
    def _body(request):
        try:
            body = request.json() if request.body else {}
        except ValueError:
            raise QPayError(400, "OBJECT_DATA_ERROR") from None
        if not isinstance(body, dict):
            raise QPayError(400, "OBJECT_DATA_ERROR")
        return body

    # --- auth ---------------------------------------------------------------------------
    def _issue_tokens(self, client_id):
        now = self.clock.epoch()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self._access[access] = (client_id, now + self.access_ttl)
        self._refresh[refresh] = (client_id, now + self.refresh_ttl)
        return Response(
            200,
            {
                "token_type": "bearer",
                "refresh_expires_in": int(now + self.refresh_ttl),
                "refresh_token": refresh,
                "access_token": access,
                "expires_in": int(now + self.access_ttl),
                "scope": "get_token",
                "not-before-policy": "0",
                "session_state": "simulator",
            },
        )

    def token(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            raise QPayError(401, "AUTHENTICATION_FAILED")
        try:
            client_id, _, secret = base64.b64decode(value).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            raise QPayError(401, "AUTHENTICATION_FAILED") from None
        known = self.clients.get(client_id)
        if known is None or not secrets.compare_digest(known[0], secret):
            raise QPayError(401, "AUTHENTICATION_FAILED")
        return self._issue_tokens(client_id)

    def refresh(self, request):
        client_id = self._bearer(request, self._refresh)
        return self._issue_tokens(client_id)

    def _bearer(self, request, store):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        entry = store.get(token) if scheme.lower() == "bearer" else None
        if entry is None or entry[1] <= self.clock.epoch():
            raise QPayError(401, "NO_CREDENDIALS")
        return entry[0]

    # --- invoices -----------------------------------------------------------------------
    def create_invoice(self, client_id, request, _argument):
        body = self._body(request)
        for field, limit in REQUIRED_INVOICE_FIELDS.items():
            value = body.get(field)
            if not isinstance(value, str) or not value.strip() or len(value) > limit:
                raise QPayError(400, "OBJECT_DATA_ERROR", field)
        if body["invoice_code"] != self.clients[client_id][1]:
            raise QPayError(400, "INVOICE_CODE_INVALID")
        callback = urlsplit(body["callback_url"])
        if callback.scheme not in ("http", "https") or not callback.netloc:
            raise QPayError(400, "OBJECT_DATA_ERROR", "callback_url")
        amount = body.get("amount")
        try:
            value = Decimal(str(amount))
        except InvalidOperation:
            value = Decimal(0)
        if isinstance(amount, bool) or not isinstance(amount, (int, float)) or value <= 0:
            raise QPayError(400, "INVALID_AMOUNT")
        if value != value.quantize(Decimal("0.01")):
            raise QPayError(400, "INVALID_AMOUNT")
        invoice_id = str(uuid.uuid4())
        qr_text = (
            "0002010102121531279404962794049600022310027138152045734530349654031"
            + f"{value:.2f}5802MN5904QPAY6011ULAANBAATAR6244{invoice_id.replace('-', '')}"
        )
        record = {
            "invoice_id": invoice_id,
            "client_id": client_id,
            "invoice_status": "OPEN",
            "request": copy.deepcopy(body),
            "amount": value,
            "qr_text": qr_text,
            "created_date": self.clock.now().strftime(DATE_FORMAT),
            "payment_ids": [],
        }
        self._invoices[invoice_id] = record
        return Response(
            200,
            {
                "invoice_id": invoice_id,
                "qr_text": qr_text,
                "qr_image": base64.b64encode(qr_png(qr_text)).decode("ascii"),
                "qPay_shortUrl": f"{self.url}/q/{invoice_id}",
                "urls": [
                    {
                        "name": name,
                        "description": description,
                        "logo": f"{self.url}/logo/{name.split()[0].lower()}.png",
                        "link": link + quote(qr_text, safe=""),
                    }
                    for name, description, link in BANK_APPS
                ],
            },
        )

    def _invoice(self, client_id, invoice_id):
        record = self._invoices.get(invoice_id)
        if record is None or record["client_id"] != client_id:
            raise QPayError(422, "INVOICE_NOTFOUND")
        return record

    def get_invoice(self, client_id, request, invoice_id):
        record = self._invoice(client_id, invoice_id)
        body = record["request"]
        rows = [self._public(self._payments[p]) for p in record["payment_ids"]]
        amount = f"{record['amount']:.2f}"
        return Response(
            200,
            {
                "invoice_id": invoice_id,
                "invoice_status": record["invoice_status"],
                "sender_invoice_no": body["sender_invoice_no"],
                "sender_branch_code": body.get("sender_branch_code"),
                "invoice_description": body["invoice_description"],
                "enable_expiry": body.get("enable_expiry", False),
                "allow_partial": body.get("allow_partial", False),
                "allow_exceed": body.get("allow_exceed", False),
                "total_amount": amount,
                "gross_amount": amount,
                "tax_amount": "0.00",
                "discount_amount": "0.00",
                "surcharge_amount": "0.00",
                "callback_url": body["callback_url"],
                "note": body.get("note"),
                "lines": [],
                "transactions": [],
                "inputs": [],
                "payments": rows,
            },
        )

    def cancel_invoice(self, client_id, request, invoice_id):
        record = self._invoice(client_id, invoice_id)
        if record["invoice_status"] == "CANCELLED":
            raise QPayError(400, "INVOICE_ALREADY_CANCELED")
        if record["invoice_status"] == "CLOSED":
            raise QPayError(400, "INVOICE_PAID")
        record["invoice_status"] = "CANCELLED"
        return Response(200, {})

    # --- payments -----------------------------------------------------------------------
    @staticmethod
    def _public(row):
        return {k: v for k, v in row.items() if k not in ("client_id", "invoice_id")}

    def check_payment(self, client_id, request, _argument):
        body = self._body(request)
        if body.get("object_type") not in OBJECT_TYPES:
            raise QPayError(400, "INVALID_OBJECT_TYPE")
        if body.get("object_type") != "INVOICE":
            raise QPayError(422, "QRCODE_NOTFOUND")
        record = self._invoice(client_id, str(body.get("object_id", "")))
        offset = body.get("offset") or {}
        page, limit = int(offset.get("page_number") or 1), int(offset.get("page_limit") or 100)
        rows = [self._public(self._payments[p]) for p in record["payment_ids"]]
        paid = sum(
            (Decimal(r["payment_amount"]) for r in rows if r["payment_status"] == "PAID"),
            Decimal(0),
        )
        return Response(
            200,
            {
                "count": len(rows),
                "paid_amount": float(paid) if paid != paid.to_integral() else int(paid),
                "rows": rows[(page - 1) * limit : page * limit],
            },
        )

    def _payment(self, client_id, payment_id):
        row = self._payments.get(payment_id)
        if row is None or row["client_id"] != client_id:
            raise QPayError(422, "PAYMENT_NOTFOUND")
        return row

    def get_payment(self, client_id, request, payment_id):
        row = self._payment(client_id, payment_id)
        answer = self._public(row)
        answer.update({"object_type": "INVOICE", "object_id": row["invoice_id"]})
        return Response(200, answer)

    def refund_payment(self, client_id, request, payment_id):
        self._body(request)  # {"note": ...}, optional
        row = self._payment(client_id, payment_id)
        if row["payment_status"] == "REFUNDED":
            raise QPayError(400, "PAYMENT_ALREADY_CANCELED")
        if row["payment_status"] != "PAID":
            raise QPayError(400, "PAYMENT_NOT_PAID")
        row["payment_status"] = "REFUNDED"
        return Response(200, {})

    # --- test hooks ---------------------------------------------------------------------
    def invoice(self, invoice_id):
        """A copy of the stored invoice record (or None)."""
        with self.lock:
            record = self._invoices.get(invoice_id)
            return copy.deepcopy(record) if record else None

    def callbacks(self):
        """Every callback made: ``{"url", "method", "status", "body", "error"}``."""
        with self.lock:
            return copy.deepcopy(self._callbacks)

    def pay(self, invoice_id, amount=None, *, callback=True, method="GET", wallet="Хаан банк"):
        """The customer pays ``invoice_id`` (in full unless ``amount``); returns the payment row.

        Records a PAID payment, closes the invoice when it is fully paid and, unless
        ``callback=False``, calls its ``callback_url`` (``method`` GET or POST) over HTTP from
        a separate thread -- this call waits for the callback to finish (at most 10 s), so a
        test can assert right after it. Raises ``KeyError`` for an unknown invoice and
        ``ValueError`` for one that is cancelled or already paid.
        """
        with self.lock:
            record = self._invoices[invoice_id]
            if record["invoice_status"] != "OPEN":
                raise ValueError(f"invoice {invoice_id} is {record['invoice_status']}")
            value = record["amount"] if amount is None else Decimal(str(amount))
            self._payment_seq += 1
            payment_id = str(self._payment_seq)
            row = {
                "payment_id": payment_id,
                "payment_status": "PAID",
                "payment_date": self.clock.now().strftime(DATE_FORMAT),
                "payment_fee": "0.00",
                "trx_fee": "0.00",
                "payment_amount": f"{value:.2f}",
                "payment_currency": "MNT",
                "payment_wallet": wallet,
                "payment_type": "P2P",
                "transaction_type": "P2P",
                "next_payment_date": None,
                "next_payment_datetime": None,
                "card_transactions": [],
                "p2p_transactions": [
                    {
                        "transaction_bank_code": "050000",
                        "account_bank_code": "050000",
                        "account_bank_name": "Хаан банк",
                        "account_number": "5041466217",
                        "status": "SUCCESS",
                        "amount": f"{value:.2f}",
                        "currency": "MNT",
                        "settlement_status": "SETTLED",
                    }
                ],
                "client_id": record["client_id"],
                "invoice_id": invoice_id,
            }
            self._payments[payment_id] = row
            record["payment_ids"].append(payment_id)
            paid = sum(
                (
                    Decimal(self._payments[p]["payment_amount"])
                    for p in record["payment_ids"]
                    if self._payments[p]["payment_status"] == "PAID"
                ),
                Decimal(0),
            )
            if paid >= record["amount"]:
                record["invoice_status"] = "CLOSED"
            url = record["request"]["callback_url"]
            public = self._public(row)
        if callback:
            # Outside the lock: the merchant's callback handler may call payment/check.
            worker = threading.Thread(target=self._callback, args=(url, method, payment_id))
            worker.start()
            worker.join(timeout=12)
        return public

    def _callback(self, url, method, payment_id):
        data = None
        headers = {"User-Agent": "qpay-simulator"}
        if method == "POST":
            data = json.dumps({"payment_id": payment_id}).encode()
            headers["Content-Type"] = "application/json"
        entry = {"url": url, "method": method, "status": None, "body": None, "error": None}
        try:
            with urlopen(
                UrlRequest(url, data=data, headers=headers, method=method), timeout=10
            ) as r:
                entry["status"], entry["body"] = r.status, r.read().decode("utf-8", "replace")
        except HTTPError as error:
            entry["status"], entry["body"] = error.code, error.read().decode("utf-8", "replace")
        except (URLError, OSError) as error:
            entry["error"] = str(error)
        with self.lock:
            self._callbacks.append(entry)


def start(port=0, host="127.0.0.1", **settings):
    """Start a :class:`QPaySimulator` in this process: returns ``(simulator, url)``."""
    simulator = QPaySimulator(host, port, **settings)
    return simulator, simulator.start()


def stop(simulator):
    simulator.stop()
