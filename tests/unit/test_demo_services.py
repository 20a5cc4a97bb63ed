"""make run's stand-ins of the Mongolian services (tools/mnharness/demo_services.py): both
simulators start next to Odoo and answer over real HTTP; a taken port is reported, not fatal."""

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
