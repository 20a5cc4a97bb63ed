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


def odoo_path():
    """The Odoo 19 source tree (folder holding odoo-bin), from ODOO_PATH."""
    return Path(os.environ.get("ODOO_PATH") or DEFAULT_ODOO_PATH).resolve()


def odoo_available():
    return (odoo_path() / "odoo-bin").is_file()


def suite_addons():
    """Names of this suite's addons (folders of addons/ with a manifest)."""
    return sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))


def tagged_db(base):
    """Database name for this run (suffixed with MN_RUN_TAG when set)."""
    return f"{base}_{RUN_TAG}" if RUN_TAG else base
