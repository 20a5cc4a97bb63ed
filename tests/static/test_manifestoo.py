"""The OCA's manifest tool (manifestoo) on the suite: every dependency resolves in Odoo 19
and no dependency carries a licence the suite's LGPL-3 cannot use.

Needs the Odoo tree for core addons' manifests; skipped without it (``make test`` always has
it: the harness fetches Odoo first).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANIFESTOO = Path(sys.executable).with_name("manifestoo")


def _manifestoo(odoo_path, *command):
    addons_path = ",".join(str(odoo_path / sub) for sub in ("addons", "odoo/addons"))
    return subprocess.run(
        [
            str(MANIFESTOO),
            "--select-addons-dir",
            str(ROOT / "addons"),
            "--addons-path",
            addons_path,
            "--odoo-series",
            "19.0",
            *command,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def odoo(odoo_path):
    if odoo_path is None:
        pytest.skip("no Odoo tree: core addons' manifests cannot be read")
    assert MANIFESTOO.exists(), "manifestoo is in requirements.txt: run make venv"
    return odoo_path


def test_every_dependency_is_found(odoo):
    proc = _manifestoo(odoo, "list-missing")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"missing dependencies: {proc.stdout}"


def test_dependency_licences_are_compatible(odoo):
    proc = _manifestoo(odoo, "check-licenses")
    assert proc.returncode == 0, proc.stdout + proc.stderr
