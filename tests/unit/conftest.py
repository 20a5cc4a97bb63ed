"""Pure-Python logic of the addons, tested without Odoo.

Such logic lives in ``addons/<addon>/tools/`` and imports nothing from Odoo, so it can
be loaded here by path under a synthetic package name (``mn_pure.<addon>``), relative
imports between its modules included.
"""

import importlib
import importlib.util
import sys
import types
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"


def load_pure(addon, module):
    """Import ``addons/<addon>/tools/<module>.py`` without importing Odoo."""
    root = sys.modules.setdefault("mn_pure", types.ModuleType("mn_pure"))
    root.__path__ = []
    package_name = f"mn_pure.{addon}"
    if package_name not in sys.modules:
        package = types.ModuleType(package_name)
        package.__path__ = [str(ADDONS / addon / "tools")]
        sys.modules[package_name] = package
    return importlib.import_module(f"{package_name}.{module}")


@pytest.fixture(scope="session")
def pure():
    return load_pure
