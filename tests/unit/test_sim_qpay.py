"""The QPay merchant API v2 simulator (tools/simulators/qpay.py), over real HTTP."""

import base64
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from sim_http import request_json  # noqa: E402
from simulators import qpay  # noqa: E402

BASIC = "Basic " + base64.b64encode(b"TEST_MERCHANT:123456").decode()


@pytest.fixture
def sim():
    simulator, _url = qpay.start(port=0, access_ttl=300, refresh_ttl=3600)
    yield simulator
    qpay.stop(simulator)


def call(url, method, path, body=None, auth=None):
    return request_json(
        url + path, method, body=body, headers={"Authorization": auth} if auth else None
    )


def token(sim):
    status, answer = call(sim.url, "POST", "/v2/auth/token", auth=BASIC)
    assert status == 200, answer
    return answer


def bearer(sim):
    return "Bearer " + token(sim)["access_token"]


def invoice_body(callback_url="http://127.0.0.1:9/cb", **extra):
    body = {
        "invoice_code": "TEST_INVOICE",
        "sender_invoice_no": "INV/2026/0042",
        "invoice_receiver_code": "terminal",
        "invoice_description": "Захиалга S00042",
        "amount": 15000,
        "callback_url": callback_url,
    }
    body.update(extra)
    return body


def create_invoice(sim, auth, **extra):
    status, answer = call(sim.url, "POST", "/v2/invoice", invoice_body(**extra), auth)
    assert status == 200, answer
    return answer


def check(sim, auth, invoice_id):
    body = {
        "object_type": "INVOICE",
        "object_id": invoice_id,
        "offset": {"page_number": 1, "page_limit": 100},
    }
    status, answer = call(sim.url, "POST", "/v2/payment/check", body, auth)
    assert status == 200, answer
    return answer


class Merchant:
    """A merchant's callback endpoint: believes a payment only when payment/check shows it."""

    def __init__(self, sim, auth):
        self.sim, self.auth, self.hits, self.verdicts = sim, auth, [], []
        merchant = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                merchant.hits.append((self.command, self.path, body))
                invoice_id = merchant.invoice_id
                paid = check(merchant.sim, merchant.auth, invoice_id)
                merchant.verdicts.append(
                    "paid" if any(r["payment_status"] == "PAID" for r in paid["rows"]) else "unpaid"
                )
                self.send_response(200)
                self.send_header("Content-Length", "7")
                self.end_headers()
                self.wfile.write(b"SUCCESS")

            do_GET = do_POST = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.invoice_id = None
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def merchant(sim):
    listener = Merchant(sim, bearer(sim))
    yield listener
    listener.close()


# --- tokens -----------------------------------------------------------------------------
def test_token_needs_basic_credentials(sim):
    wrong = "Basic " + base64.b64encode(b"TEST_MERCHANT:wrong").decode()
    for auth in (None, wrong, "Bearer x"):
        status, answer = call(sim.url, "POST", "/v2/auth/token", auth=auth)
        assert status == 401
        assert answer == {"error": "AUTHENTICATION_FAILED", "message": "AUTHENTICATION_FAILED"}


def test_token_expiry_is_an_epoch_timestamp(sim):
    before = time.time()
    answer = token(sim)
    assert answer["token_type"] == "bearer"
    assert before + 299 <= answer["expires_in"] <= time.time() + 301
    assert before + 3599 <= answer["refresh_expires_in"] <= time.time() + 3601


def test_calls_need_a_valid_access_token(sim):
    for auth in (None, "Bearer nonsense", BASIC):
        status, answer = call(sim.url, "POST", "/v2/invoice", invoice_body(), auth)
        assert status == 401
        assert answer == {"error": "NO_CREDENDIALS", "message": "NO_CREDENDIALS"}


def test_access_token_expires_and_refresh_renews_it(sim):
    tokens = token(sim)
    access = "Bearer " + tokens["access_token"]
    assert call(sim.url, "POST", "/v2/invoice", invoice_body(), access)[0] == 200
    sim.clock.advance(301)
    status, answer = call(sim.url, "POST", "/v2/invoice", invoice_body(), access)
    assert (status, answer["message"]) == (401, "NO_CREDENDIALS")
    # an access token is not a refresh token
    assert call(sim.url, "POST", "/v2/auth/refresh", auth=access)[0] == 401
    status, renewed = call(
        sim.url, "POST", "/v2/auth/refresh", auth="Bearer " + tokens["refresh_token"]
    )
    assert status == 200, renewed
    assert renewed["access_token"] != tokens["access_token"]
    fresh = "Bearer " + renewed["access_token"]
    assert call(sim.url, "POST", "/v2/invoice", invoice_body(), fresh)[0] == 200
    # a refresh token is not an access token
    refresh_as_access = "Bearer " + renewed["refresh_token"]
    assert call(sim.url, "POST", "/v2/invoice", invoice_body(), refresh_as_access)[0] == 401


def test_refresh_token_expires(sim):
    tokens = token(sim)
    sim.clock.advance(3601)
    status, answer = call(
        sim.url, "POST", "/v2/auth/refresh", auth="Bearer " + tokens["refresh_token"]
    )
    assert (status, answer["error"]) == (401, "NO_CREDENDIALS")
    assert call(sim.url, "POST", "/v2/auth/token", auth=BASIC)[0] == 200


# --- invoices ---------------------------------------------------------------------------
def test_invoice_create(sim):
    answer = create_invoice(sim, bearer(sim))
    assert {"invoice_id", "qr_text", "qr_image", "urls"} <= set(answer)
    png = base64.b64decode(answer["qr_image"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"IEND" in png
    assert len(answer["urls"]) >= 3
    for link in answer["urls"]:
        assert set(link) == {"name", "description", "logo", "link"}
        assert "://" in link["link"]
    status, stored = call(sim.url, "GET", f"/v2/invoice/{answer['invoice_id']}", auth=bearer(sim))
    assert status == 200
    assert (stored["invoice_status"], stored["total_amount"]) == ("OPEN", "15000.00")
    assert stored["sender_invoice_no"] == "INV/2026/0042"


@pytest.mark.parametrize(
    "change, key",
    [
        ({"callback_url": None}, "OBJECT_DATA_ERROR"),
        ({"callback_url": "ftp://example.invalid/cb"}, "OBJECT_DATA_ERROR"),
        ({"sender_invoice_no": ""}, "OBJECT_DATA_ERROR"),
        ({"invoice_receiver_code": None}, "OBJECT_DATA_ERROR"),
        ({"invoice_description": "x" * 256}, "OBJECT_DATA_ERROR"),
        ({"invoice_code": "OTHER_INVOICE"}, "INVOICE_CODE_INVALID"),
        ({"amount": 0}, "INVALID_AMOUNT"),
        ({"amount": "15000"}, "INVALID_AMOUNT"),
        ({"amount": 10.005}, "INVALID_AMOUNT"),
    ],
)
def test_invoice_validation(sim, change, key):
    body = invoice_body(**change)
    status, answer = call(sim.url, "POST", "/v2/invoice", body, bearer(sim))
    assert status == 400
    assert (answer["error"], answer["message"]) == (key, key)


def test_invoices_of_another_client_are_not_found(sim):
    sim.clients["OTHER"] = ("pw", "OTHER_INVOICE")
    invoice_id = create_invoice(sim, bearer(sim))["invoice_id"]
    other = call(
        sim.url, "POST", "/v2/auth/token", auth="Basic " + base64.b64encode(b"OTHER:pw").decode()
    )[1]
    status, answer = call(
        sim.url, "GET", f"/v2/invoice/{invoice_id}", auth="Bearer " + other["access_token"]
    )
    assert (status, answer["error"]) == (422, "INVOICE_NOTFOUND")


def test_cancel_invoice(sim):
    auth = bearer(sim)
    invoice_id = create_invoice(sim, auth)["invoice_id"]
    assert call(sim.url, "DELETE", f"/v2/invoice/{invoice_id}", auth=auth) == (200, {})
    status, answer = call(sim.url, "DELETE", f"/v2/invoice/{invoice_id}", auth=auth)
    assert (status, answer["error"]) == (400, "INVOICE_ALREADY_CANCELED")
    with pytest.raises(ValueError):
        sim.pay(invoice_id, callback=False)
    paid = create_invoice(sim, auth)["invoice_id"]
    sim.pay(paid, callback=False)
    status, answer = call(sim.url, "DELETE", f"/v2/invoice/{paid}", auth=auth)
    assert (status, answer["error"]) == (400, "INVOICE_PAID")


# --- payments ---------------------------------------------------------------------------
def test_payment_check_before_and_after_pay(sim):
    auth = bearer(sim)
    invoice_id = create_invoice(sim, auth)["invoice_id"]
    assert check(sim, auth, invoice_id) == {"count": 0, "paid_amount": 0, "rows": []}
    row = sim.pay(invoice_id, callback=False)
    answer = check(sim, auth, invoice_id)
    assert answer["count"] == 1 and answer["paid_amount"] == 15000
    assert answer["rows"][0]["payment_id"] == row["payment_id"]
    assert answer["rows"][0]["payment_status"] == "PAID"
    assert answer["rows"][0]["payment_amount"] == "15000.00"
    status, invoice = call(sim.url, "GET", f"/v2/invoice/{invoice_id}", auth=auth)
    assert invoice["invoice_status"] == "CLOSED"
    status, payment = call(sim.url, "GET", f"/v2/payment/{row['payment_id']}", auth=auth)
    assert status == 200 and payment["object_id"] == invoice_id


def test_payment_check_validates_object_type(sim):
    body = {"object_type": "ORDER", "object_id": "x", "offset": {}}
    status, answer = call(sim.url, "POST", "/v2/payment/check", body, bearer(sim))
    assert (status, answer["error"]) == (400, "INVALID_OBJECT_TYPE")
    body["object_type"] = "INVOICE"
    status, answer = call(sim.url, "POST", "/v2/payment/check", body, bearer(sim))
    assert (status, answer["error"]) == (422, "INVOICE_NOTFOUND")


def test_callback_delivered_over_http_after_the_payment(sim, merchant):
    invoice_id = create_invoice(
        sim, merchant.auth, callback_url=merchant.url + "/qpay/callback?order=S00042"
    )["invoice_id"]
    merchant.invoice_id = invoice_id
    sim.pay(invoice_id)
    assert merchant.hits == [("GET", "/qpay/callback?order=S00042", b"")]
    assert merchant.verdicts == ["paid"]  # payment/check already shows it during the callback
    (log,) = sim.callbacks()
    assert (log["status"], log["body"], log["error"]) == (200, "SUCCESS", None)


def test_callback_by_post(sim, merchant):
    invoice_id = create_invoice(sim, merchant.auth, callback_url=merchant.url + "/cb")["invoice_id"]
    merchant.invoice_id = invoice_id
    row = sim.pay(invoice_id, method="POST")
    method, path, body = merchant.hits[0]
    assert (method, path, json.loads(body)) == ("POST", "/cb", {"payment_id": row["payment_id"]})


def test_forged_callback_is_not_believed(sim, merchant):
    invoice_id = create_invoice(sim, merchant.auth, callback_url=merchant.url + "/cb")["invoice_id"]
    merchant.invoice_id = invoice_id
    # anyone can call the unsigned callback URL, claiming anything
    forged = urllib.request.Request(merchant.url + "/cb?payment_id=1&status=PAID", method="GET")
    with urllib.request.urlopen(forged, timeout=10) as answer:
        assert answer.read() == b"SUCCESS"
    assert merchant.verdicts == ["unpaid"]
    assert check(sim, merchant.auth, invoice_id)["count"] == 0
    assert sim.invoice(invoice_id)["invoice_status"] == "OPEN"


def test_callback_failure_is_recorded_not_raised(sim):
    invoice_id = create_invoice(sim, bearer(sim), callback_url="http://127.0.0.1:9/cb")[
        "invoice_id"
    ]
    sim.pay(invoice_id)
    (log,) = sim.callbacks()
    assert log["status"] is None and log["error"]


def test_refund(sim):
    auth = bearer(sim)
    invoice_id = create_invoice(sim, auth)["invoice_id"]
    status, answer = call(sim.url, "DELETE", "/v2/payment/refund/123", {"note": "x"}, auth)
    assert (status, answer["error"]) == (422, "PAYMENT_NOTFOUND")
    row = sim.pay(invoice_id, callback=False)
    path = f"/v2/payment/refund/{row['payment_id']}"
    assert call(sim.url, "DELETE", path, {"note": "Буцаалт"}, auth) == (200, {})
    answer = check(sim, auth, invoice_id)
    assert answer["rows"][0]["payment_status"] == "REFUNDED"
    assert answer["paid_amount"] == 0
    status, answer = call(sim.url, "DELETE", path, {"note": "again"}, auth)
    assert (status, answer["error"]) == (400, "PAYMENT_ALREADY_CANCELED")


def test_down_mode(sim):
    auth = bearer(sim)
    sim.set_down(True)
    with pytest.raises(urllib.error.URLError):
        call(sim.url, "POST", "/v2/auth/token", auth=BASIC)
    sim.set_down(True, mode="503")
    assert call(sim.url, "POST", "/v2/auth/token", auth=BASIC)[0] == 503
    sim.set_down(False)
    assert call(sim.url, "POST", "/v2/invoice", invoice_body(), auth)[0] == 200  # token kept
