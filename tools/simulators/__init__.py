"""Local simulators of the Mongolian services the suite talks to, over real HTTP.

Two standard-library HTTP services (``http.server.ThreadingHTTPServer`` + ``json``):

* :mod:`simulators.posapi` -- e-barimt PosAPI 3.0, the receipt service a merchant runs
  locally (default port 7080), validated against the official OpenAPI file itself;
* :mod:`simulators.qpay` -- the QPay merchant API v2 (tokens, invoices, payment check,
  refunds, callbacks).

Both keep their own in-memory state behind one lock (safe for concurrent requests), and share
what this module defines: a clock tests can move (:class:`Clock`), a "down" switch
(:meth:`Simulator.set_down`) and the in-process life cycle::

    from simulators import posapi
    sim, url = posapi.start(port=0)      # a free loopback port; url = "http://127.0.0.1:N"
    ...                                  # talk HTTP to url
    sim.set_down(True)                   # connections refused (mode="refuse", the default)
    sim.set_down(True, mode="503")       # or: every request answered 503
    sim.set_down(False)                  # back, same port, same state
    posapi.stop(sim)                     # or sim.stop()

From a shell: ``PYTHONPATH=tools python -m simulators posapi --port 7080`` (see
``tools/simulators/README.md``).
"""

import json
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

#: Mongolia has kept UTC+8 without daylight saving since 2017; a fixed zone needs no tzdata.
ULAANBAATAR = timezone(timedelta(hours=8), "Asia/Ulaanbaatar")


class Clock:
    """Wall-clock time plus an offset that tests move with :meth:`advance`.

    PosAPI's "unique per day" rules use the Ulaanbaatar calendar day of :meth:`now`; QPay's
    token expiry uses :meth:`epoch`.
    """

    def __init__(self):
        self._offset = 0.0
        self._lock = threading.Lock()

    def epoch(self):
        with self._lock:
            return time.time() + self._offset

    def now(self):
        """The current time in Ulaanbaatar (aware datetime)."""
        return datetime.fromtimestamp(self.epoch(), ULAANBAATAR)

    def advance(self, seconds=0.0, *, days=0, hours=0):
        """Move the clock forward (or back, with negative values)."""
        with self._lock:
            self._offset += seconds + hours * 3600 + days * 86400

    def reset(self):
        with self._lock:
            self._offset = 0.0


class Response:
    """What a simulator's ``dispatch`` returns: status, JSON-able body (or bytes), headers."""

    def __init__(self, status=200, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = headers or {}

    def encode(self):
        if self.body is None:
            return b"", "application/json"
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("Content-Type", "application/octet-stream")
        data = json.dumps(self.body, ensure_ascii=False).encode("utf-8")
        return data, "application/json; charset=utf-8"


class Request:
    """One HTTP request as a simulator sees it."""

    def __init__(self, method, target, headers, body):
        parts = urlsplit(target)
        self.method = method
        self.path = parts.path.rstrip("/") or "/"
        self.query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        self.headers = headers
        self.body = body

    def json(self):
        """The body decoded as JSON; ``ValueError`` when it is not JSON."""
        if not self.body:
            raise ValueError("empty body")
        return json.loads(self.body.decode("utf-8"))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mn-simulator/1.0"

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        sim = self.server.simulator
        if sim.down_mode == "503":
            response = Response(503, sim.down_body())
        else:
            request = Request(self.command, self.path, self.headers, body)
            try:
                response = sim.dispatch(request)
            except Exception as exc:  # a simulator bug must still answer, and say what broke
                response = Response(500, {"status": "ERROR", "message": f"simulator error: {exc}"})
        data, content_type = response.encode()
        self.send_response(response.status)
        self.send_header("Content-Type", content_type)
        for key, value in response.headers.items():
            if key != "Content-Type":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = do_HEAD = _handle

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        if self.server.simulator.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class Simulator:
    """Base of both simulators: state lock, clock, HTTP life cycle and the down switch.

    Subclasses implement :meth:`dispatch` (``Request`` -> ``Response``) and hold their state
    under ``self.lock``.
    """

    name = "simulator"

    def __init__(self, host="127.0.0.1", port=0, *, clock=None, verbose=False):
        self.host = host
        self.port = port
        self.clock = clock or Clock()
        self.verbose = verbose
        self.lock = threading.RLock()
        self.down_mode = None
        self._httpd = None
        self._thread = None

    # --- life cycle -------------------------------------------------------------------
    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def start(self):
        """Listen (port 0 picks a free one, kept for restarts) and serve in a daemon thread."""
        if self._httpd is not None:
            return self.url
        self._httpd = _Server((self.host, self.port), _Handler)
        self._httpd.simulator = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() waits for one poll
            name=f"{self.name}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self.url

    def stop(self):
        """Stop listening; the state is kept (``start`` again serves it on the same port)."""
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
            self._thread.join(timeout=5)
            self._thread = None

    def serve_forever(self):
        """Serve in the calling thread until Ctrl-C (the command line uses this)."""
        self.start()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    # --- test hooks -------------------------------------------------------------------
    def set_down(self, down=True, mode="refuse"):
        """Make the service unreachable, for testing callers' queues and retries.

        ``mode="refuse"``: the listening socket is closed, so connections are refused
        (``ConnectionRefusedError`` / ``URLError``), as when the service is not running.
        ``mode="503"``: the socket stays open and every request is answered HTTP 503 with a
        JSON error body. ``set_down(False)`` listens again on the same port; state is kept.
        """
        if mode not in ("refuse", "503"):
            raise ValueError("mode must be 'refuse' or '503'")
        if not down:
            self.down_mode = None
            self.start()
        elif mode == "503":
            self.down_mode = "503"
            self.start()
        else:
            self.down_mode = "refuse"
            self.stop()

    def down_body(self):
        return {"status": "ERROR", "message": "service unavailable (simulator down mode)"}

    def dispatch(self, request):  # pragma: no cover - abstract
        raise NotImplementedError


def start(simulator):
    """Start ``simulator`` and return ``(simulator, url)``."""
    return simulator, simulator.start()


def stop(simulator):
    simulator.stop()
