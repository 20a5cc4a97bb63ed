import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def odoo_path():
    """The Odoo tree at ODOO_PATH, or None when absent (checks then skip core lookups)."""
    path = Path(os.environ.get("ODOO_PATH") or "/opt/odoo")
    return path if (path / "odoo-bin").is_file() else None
