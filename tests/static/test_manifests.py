"""Every addon's manifest is complete, OCA-shaped and its dependencies resolve."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = sorted(p.parent for p in (ROOT / "addons").glob("*/__manifest__.py"))
REQUIRED_KEYS = {
    "name",
    "summary",
    "version",
    "development_status",
    "category",
    "website",
    "author",
    "maintainers",
    "license",
    "depends",
    "installable",
}
ALLOWED_LICENSES = {"LGPL-3", "AGPL-3"}
ALLOWED_STATUS = {"Alpha", "Beta", "Production/Stable", "Mature"}
README_FRAGMENTS = {"DESCRIPTION.md", "USAGE.md", "CONTRIBUTORS.md"}


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def known_modules(odoo_path):
    """Modules that a dependency may name: the suite's own, and Odoo's when present."""
    names = {a.name for a in ADDONS}
    if odoo_path:
        for folder in (odoo_path / "addons", odoo_path / "odoo" / "addons"):
            names |= {p.parent.name for p in folder.glob("*/__manifest__.py")}
    return names


def test_suite_has_both_addons():
    assert {a.name for a in ADDONS} >= {"mn_crm_sales", "mn_crm_sales_reports"}


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_manifest_keys(addon):
    data = manifest(addon)
    missing = REQUIRED_KEYS - data.keys()
    assert not missing, f"{addon.name}: missing manifest keys {sorted(missing)}"
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", data["version"]), data["version"]
    assert data["license"] in ALLOWED_LICENSES
    assert data["development_status"] in ALLOWED_STATUS
    assert isinstance(data["maintainers"], list) and data["maintainers"]


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_manifest_files_exist(addon):
    data = manifest(addon)
    for key in ("data", "demo"):
        for rel in data.get(key, []):
            assert (addon / rel).is_file(), f"{addon.name}: {key} file {rel} missing"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_depends_resolve(addon, odoo_path):
    known = known_modules(odoo_path)
    suite = {a.name for a in ADDONS}
    for dep in manifest(addon)["depends"]:
        assert re.fullmatch(r"[a-z0-9_]+", dep), dep
        if odoo_path or dep in suite:
            assert dep in known, f"{addon.name} depends on unknown module {dep}"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_oca_layout(addon):
    fragments = {p.name for p in (addon / "readme").glob("*.md")}
    assert README_FRAGMENTS <= fragments, (
        f"{addon.name}: readme/ lacks {README_FRAGMENTS - fragments}"
    )
    pyproject = (addon / "pyproject.toml").read_text(encoding="utf-8")
    assert 'build-backend = "whool.buildapi"' in pyproject
    assert (addon / "README.rst").is_file(), f"{addon.name}: README.rst missing"
