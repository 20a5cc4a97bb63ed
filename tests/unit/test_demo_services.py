"""make run's stand-ins of the Mongolian services (tools/mnharness/demo_services.py): both
simulators start next to Odoo and answer over real HTTP; a taken port is reported, not fatal."""

import base64
import json
import socket
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from mnharness import demo_services  # noqa: E402


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.loads(response.read() or b"{}")


def test_both_simulators_start_and_answer():
    started = demo_services.start(posapi_port=0, qpay_port=0)
    try:
        names = [name for name, __, __ in started]
        assert names == ["PosAPI 3.0", "QPay v2"]
        posapi_url = started[0][2]
        status, info = _get(f"{posapi_url}/rest/info")
        assert status == 200
        assert any(m["tin"] == demo_services.DEMO_MERCHANT_TIN for m in info["merchants"])
    finally:
        demo_services.stop(started)


def test_a_taken_port_is_reported_not_fatal(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = demo_services.start(posapi_port=port, qpay_port=0)
        try:
            assert [name for name, __, __ in started] == ["QPay v2"]
            assert f"not started on port {port}" in capsys.readouterr().out
        finally:
            demo_services.stop(started)


def test_demo_setup_script_is_valid_python():
    script = demo_services.EBARIMT_SETUP.format(url="http://127.0.0.1:7080", tin="37900846788")
    compile(script, "ebarimt_setup", "exec")


def _post(url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, json.loads(response.read() or b"{}")


def test_qpay_setup_script_is_valid_python_and_enables_the_provider():
    script = demo_services.qpay_setup_script("http://127.0.0.1:7081")
    compile(script, "qpay_setup", "exec")
    assert '"qpay_api_url": "http://127.0.0.1:7081"' in script
    assert '"state": "enabled"' in script
    assert '"is_published": True' in script


def test_qpay_demo_credentials_are_the_simulators_merchant():
    """The provider make run configures can log in and open an invoice on the simulator."""
    started = demo_services.start(posapi_port=0, qpay_port=0)
    try:
        qpay_url = dict((name, url) for name, __, url in started)["QPay v2"]
        basic = base64.b64encode(
            f"{demo_services.QPAY_CLIENT_ID}:{demo_services.QPAY_CLIENT_SECRET}".encode()
        ).decode()
        status, tokens = _post(
            f"{qpay_url}/v2/auth/token", headers={"Authorization": f"Basic {basic}"}
        )
        assert status == 200
        status, invoice = _post(
            f"{qpay_url}/v2/invoice",
            {
                "invoice_code": demo_services.QPAY_INVOICE_CODE,
                "sender_invoice_no": "S00001-1",
                "invoice_receiver_code": "1",
                "invoice_description": "S00001-1",
                "amount": 1500,
                "callback_url": "http://127.0.0.1:8069/payment/qpay/callback?ref=S00001-1",
            },
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        )
        assert status == 200 and invoice["qr_text"]
    finally:
        demo_services.stop(started)


def test_demo_company_setup_runs_both_scripts(monkeypatch):
    """configure_demo_company feeds odoo-bin shell the e-barimt and the QPay setup at once,
    QPay on the simulator's port unless told otherwise."""
    from mnharness import odoo_cli

    seen = {}
    monkeypatch.setattr(odoo_cli, "run_odoo", lambda args, **kwargs: seen.update(kwargs))
    demo_services.configure_demo_company("db", "http://127.0.0.1:7080")
    assert "mn_ebarimt_url" in seen["stdin"]
    assert f'"qpay_api_url": "http://127.0.0.1:{demo_services.QPAY_PORT}"' in seen["stdin"]
    demo_services.configure_demo_company("db", "http://127.0.0.1:7080", "http://127.0.0.1:9999")
    assert '"qpay_api_url": "http://127.0.0.1:9999"' in seen["stdin"]
