"""XML, access-rights CSV and translation files of the addons parse and are consistent."""

import csv
from pathlib import Path

import polib
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
XML_FILES = sorted(ADDONS.glob("*/**/*.xml"))
ACCESS_FILES = sorted(ADDONS.glob("*/security/ir.model.access.csv"))
PO_FILES = (
    sorted(ADDONS.glob("*/i18n*/*.po"))
    + sorted(ADDONS.glob("*/i18n/*.pot"))
    + sorted((ROOT / "i18n").glob("**/*.po"))
)
ACCESS_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]


def rel(path):
    return str(path.relative_to(ROOT)) if isinstance(path, Path) else str(path)


@pytest.mark.parametrize("path", XML_FILES, ids=rel)
def test_xml_well_formed(path):
    root = etree.parse(str(path)).getroot()
    assert root.tag == "odoo" or path.parts[-3:-1] == ("static", "src") or "static" in path.parts


@pytest.mark.parametrize("path", XML_FILES, ids=rel)
def test_xml_uses_odoo19_idioms(path):
    text = path.read_text(encoding="utf-8")
    assert "<tree" not in text, "Odoo 19 list views are <list>"
    assert " attrs=" not in text and " states=" not in text, "use expression attributes"
    assert "groups_id" not in text, "Odoo 19 names it group_ids"


@pytest.mark.parametrize("path", ACCESS_FILES, ids=rel)
def test_access_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ACCESS_HEADER
    ids = [row[0] for row in rows[1:]]
    assert len(ids) == len(set(ids)), "duplicate access ids"
    for row in rows[1:]:
        assert len(row) == len(ACCESS_HEADER), row
        assert all(flag in ("0", "1") for flag in row[4:]), row


@pytest.mark.parametrize("path", PO_FILES, ids=rel)
def test_po_file_valid(path):
    catalog = polib.pofile(str(path))
    msgids = [(entry.msgctxt, entry.msgid) for entry in catalog]
    assert len(msgids) == len(set(msgids)), "duplicate msgid"
    for entry in catalog:
        if entry.msgstr and "%" in entry.msgid:
            assert entry.msgid.count("%") == entry.msgstr.count("%"), entry.msgid
