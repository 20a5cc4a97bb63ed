"""Command lines for the Odoo tree at ODOO_PATH, with the project's odoo.conf."""

import contextlib
import os
import socket
import subprocess
import sys

from . import pgcluster
from .paths import ODOO_CONF, ROOT, odoo_path


def odoo_env():
    env = dict(os.environ)
    env["ODOO_PATH"] = str(odoo_path())
    # odoo.conf leaves db_port unset so that libpq takes the embedded cluster's port from here.
    env["PGPORT"] = str(pgcluster.PORT)
    env.setdefault("PYTHONUNBUFFERED", "1")
    # Odoo reads its own tree first; the suite's pure-Python helpers stay importable by path.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(odoo_path()), env.get("PYTHONPATH", "")) if p
    )
    return env


# What runs odoo-bin: this venv's Python, or a longer prefix inside wrapped() (coverage).
_runner = [sys.executable]


@contextlib.contextmanager
def wrapped(prefix):
    """odoo-bin commands built inside this block run under ``prefix`` instead of ``python``,
    e.g. ``python -m coverage run --parallel-mode`` (coverage_report.measuring)."""
    global _runner  # noqa: PLW0603
    previous, _runner = _runner, list(prefix)
    try:
        yield
    finally:
        _runner = previous


def python_cmd():
    """This venv's Python, or the prefix of the enclosing wrapped() block."""
    return list(_runner)


def odoo_cmd(*args, subcommand=None):
    """``python odoo-bin [subcommand] -c odoo.conf args...`` with this venv's Python."""
    cmd = [*_runner, str(odoo_path() / "odoo-bin")]
    if subcommand:
        cmd += subcommand.split()  # e.g. "shell", "db", "i18n export"
    return [*cmd, "-c", str(ODOO_CONF), *args]


def run_odoo(args, *, subcommand=None, log_file=None, stdin=None, check=True, quiet=False):
    """Run odoo-bin to completion in the checkout; tee its log to ``log_file``."""
    cmd = odoo_cmd(*args, subcommand=subcommand)
    if log_file:
        log_file.parent.mkdir(parents=True, exist_ok=True)
    # Line-buffered so a running test can be followed with tail -f.
    out = open(log_file, "w", encoding="utf-8", buffering=1) if log_file else None  # noqa: SIM115
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=odoo_env(),
            text=True,
            stdin=subprocess.PIPE if stdin is not None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        if stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        for line in proc.stdout:
            if out:
                out.write(line)
            if not quiet:
                sys.stdout.write(line)
        proc.wait()
    finally:
        if out:
            out.close()
    if check and proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return proc.returncode


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
