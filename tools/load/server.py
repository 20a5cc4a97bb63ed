"""Odoo in production shape: ``--workers`` prefork processes and a cron worker.

The server serves one database on a free loopback port. ``http_workers`` and
``busy_worker`` read ``/proc`` to find which children are HTTP workers (they hold the
listening socket; the cron worker closes it) and which of them holds an accepted
connection right now (a request in flight), for the worker-kill fault.
"""

import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

from mnharness.odoo_cli import free_port, odoo_cmd, odoo_env
from mnharness.paths import LOG_DIR, ROOT

GIB = 1024**3
LISTEN, ESTABLISHED = "0A", "01"


class Server:
    def __init__(
        self, db, *, workers=4, cron_threads=1, db_maxconn=None, log_name="load", extra=()
    ):
        self.db = db
        self.extra = list(extra)
        self.workers = workers
        self.cron_threads = cron_threads
        self.db_maxconn = db_maxconn
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_file = LOG_DIR / f"{log_name}_server.log"
        self.proc = None
        self.supervising = False
        self.restarts = []

    def command(self):
        args = [
            "-d",
            self.db,
            "--db-filter",
            f"^{self.db}$",
            "--http-port",
            str(self.port),
            "--gevent-port",
            str(free_port()),
            "--workers",
            str(self.workers),
            "--max-cron-threads",
            str(self.cron_threads),
            # generous: a slow request on a busy machine is measured, not killed
            "--limit-time-cpu",
            "600",
            "--limit-time-real",
            "1200",
            "--limit-memory-soft",
            str(4 * GIB),
            "--limit-memory-hard",
            str(5 * GIB),
            "--limit-request",
            "100000",
        ]
        if self.db_maxconn:
            args += ["--db_maxconn", str(self.db_maxconn)]
        return odoo_cmd(*args, *self.extra)

    def launch(self, mode="w"):
        """Start odoo-bin (its own process group, so that ``stop`` ends its children too)."""
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = open(self.log_file, mode, encoding="utf-8")  # noqa: SIM115 - lives with the server
        self.proc = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=odoo_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def start(self, timeout=240):
        """Wait until the launched server serves (launch it first if needed)."""
        if not self.proc:
            self.launch()
        if not self.wait_serving(timeout):
            self.stop()
            raise SystemExit(f"Odoo did not serve {self.url} within {timeout}s: {self.log_file}")
        return self

    def serves(self):
        try:
            with urllib.request.urlopen(f"{self.url}/web/login", timeout=10) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def wait_serving(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                return False
            if self.serves():
                return True
            time.sleep(0.5)
        return False

    def supervise(self):
        """Restart odoo-bin when its master process exits, as systemd's ``Restart=always``
        does in production; each restart is recorded in ``restarts``.

        Odoo's prefork master checks the registries before it forks a process (a worker
        replacing a dead one, the gevent process); when PostgreSQL refuses the connection
        at that moment the master logs the error and exits with every worker
        (``PreforkServer.run``): without a supervisor the server stays down.
        """
        self.supervising = True
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        while self.supervising:
            proc = self.proc
            if proc.poll() is not None and self.supervising:
                start, code = time.time(), proc.returncode
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # workers the master left behind
                except ProcessLookupError:
                    pass
                time.sleep(1)
                self.launch(mode="a")
                served = self.wait_serving(180)
                self.restarts.append(
                    f"the Odoo master exited (code {code}) and was restarted: "
                    + (f"serving after {time.time() - start:.1f} s" if served else "NOT serving")
                )
                print(f"[load] {self.restarts[-1]}", flush=True)
            time.sleep(0.5)

    def stop(self, grace=5):
        """SIGTERM (Odoo stops its workers gracefully); after ``grace`` seconds SIGKILL to
        the server's process group (master, workers, cron and gevent processes)."""
        self.supervising = False
        if not self.proc:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    # -- the processes -------------------------------------------------------------------------

    def children(self):
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    fields = stat.read().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                pids.append(int(entry))
        return pids

    def _sockets(self, state):
        """Inodes of this server's TCP sockets in ``state`` (on its HTTP port)."""
        inodes = set()
        with open("/proc/net/tcp", encoding="ascii") as table:
            next(table)
            for row in table:
                cols = row.split()
                if int(cols[1].split(":")[1], 16) == self.port and cols[3] == state:
                    inodes.add(cols[9])
        return inodes

    @staticmethod
    def _holds(pid, inodes):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return True
        except OSError:
            pass
        return False

    def http_workers(self):
        listening = self._sockets(LISTEN)
        return [pid for pid in self.children() if self._holds(pid, listening)]

    def cron_workers(self):
        """Children that are neither HTTP workers nor the gevent (longpolling) process."""
        http = set(self.http_workers())
        cron = []
        for pid in self.children():
            try:
                cmdline = open(f"/proc/{pid}/cmdline", "rb").read()  # noqa: SIM115
            except OSError:
                continue
            if pid not in http and b"gevent" not in cmdline:
                cron.append(pid)
        return cron

    def busy_worker(self, timeout=10):
        """An HTTP worker holding an accepted connection (a request in flight), or None."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            accepted = self._sockets(ESTABLISHED)
            for pid in self.http_workers():
                if self._holds(pid, accepted):
                    return pid
            time.sleep(0.05)
        return None
