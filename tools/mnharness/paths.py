"""Where things are: the checkout, its run folder, and the Odoo source tree."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_DIR = ROOT / ".run"
ADDONS_DIR = ROOT / "addons"
ODOO_CONF = ROOT / "odoo.conf"
FILESTORE_DIR = RUN_DIR / "odoo-data" / "filestore"
# MN_RUN_TAG lets several test runs share the checkout and the cluster at once: each gets
# its own databases, logs and reports (e.g. one per developer session or helper).
RUN_TAG = os.environ.get("MN_RUN_TAG", "")
LOG_DIR = RUN_DIR / "logs" / RUN_TAG if RUN_TAG else RUN_DIR / "logs"
REPORT_DIR = RUN_DIR / "reports" / RUN_TAG if RUN_TAG else RUN_DIR / "reports"
DEFAULT_ODOO_PATH = "/opt/odoo"
# Where make run / make test fetch Odoo when no tree is found (odoo_fetch.py; git-ignored).
ODOO_FETCH_DIR = ROOT / ".odoo"


def is_odoo_tree(path):
    return (Path(path) / "odoo-bin").is_file()


def odoo_candidates(environ=None):
    """Folders looked at for Odoo, in order: ODOO_PATH, /opt/odoo, the project's .odoo/."""
    environ = os.environ if environ is None else environ
    found = []
    for raw in (environ.get("ODOO_PATH"), DEFAULT_ODOO_PATH, ODOO_FETCH_DIR):
        path = Path(raw).resolve() if raw else None
        if path and path not in found:
            found.append(path)
    return found


def odoo_path(environ=None):
    """The Odoo 19 source tree (folder holding odoo-bin): the first candidate holding one,
    else the project's .odoo/, where odoo_fetch.ensure_odoo() fetches it."""
    for path in odoo_candidates(environ):
        if is_odoo_tree(path):
            return path
    return Path(ODOO_FETCH_DIR).resolve()


def odoo_available():
    return is_odoo_tree(odoo_path())


def suite_addons():
    """Names of this suite's addons (folders of addons/ with a manifest)."""
    return sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))


def tagged_db(base):
    """Database name for this run (suffixed with MN_RUN_TAG when set)."""
    return f"{base}_{RUN_TAG}" if RUN_TAG else base
