"""ruff and pylint-odoo's mandatory (OCA) checks pass on the whole repository."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(cmd):
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def test_ruff_check():
    rc, out = run([sys.executable, "-m", "ruff", "check", "--no-fix", "."])
    assert rc == 0, out


def test_ruff_format():
    rc, out = run([sys.executable, "-m", "ruff", "format", "--check", "addons", "tools", "tests"])
    assert rc == 0, out


def test_pylint_odoo_mandatory():
    addons = sorted(str(p.parent) for p in (ROOT / "addons").glob("*/__manifest__.py"))
    rc, out = run([sys.executable, "-m", "pylint", "--rcfile=.pylintrc-mandatory", *addons])
    assert rc == 0, out
