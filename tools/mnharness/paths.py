"""Where things are: the checkout, its run folder, and the Odoo source tree."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_DIR = ROOT / ".run"
ADDONS_DIR = ROOT / "addons"
ODOO_CONF = ROOT / "odoo.conf"
FILESTORE_DIR = RUN_DIR / "odoo-data" / "filestore"
LOG_DIR = RUN_DIR / "logs"
DEFAULT_ODOO_PATH = "/opt/odoo"


def odoo_path():
    """The Odoo 19 source tree (folder holding odoo-bin), from ODOO_PATH."""
    return Path(os.environ.get("ODOO_PATH") or DEFAULT_ODOO_PATH).resolve()


def odoo_available():
    return (odoo_path() / "odoo-bin").is_file()


def suite_addons():
    """Names of this suite's addons (folders of addons/ with a manifest)."""
    return sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))
