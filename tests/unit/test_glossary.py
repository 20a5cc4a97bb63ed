"""The project glossary (i18n/glossary.csv) and the consistency of the language pack.

Plain pytest, no Odoo: reads the glossary, the generated pack
(addons/mn_crm_sales/i18n_extra/mn.po and code/*.mn.po) and, when an Odoo tree is at
ODOO_PATH, checks the pack against the core .pot files.
"""

import csv
import json
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "i18n" / "tools"))
import glossary  # noqa: E402
import scope  # noqa: E402

EXTRA = ROOT / "addons" / "mn_crm_sales" / "i18n_extra"
PACK_FILES = [EXTRA / "mn.po", *sorted((EXTRA / "code").glob("*.mn.po"))]
SEED_TERMS = {
    "Lead": "Сэжим",
    "Opportunity": "Боломж",
    "Convert to Opportunity": "Боломж руу хөрвүүлэх",
    "Merge": "Нэгтгэх",
    "Lost Reasons": "Амжилтгүй болсон шалтгаанууд",
    "Sales Team": "Борлуулалтын баг",
    "Team Leader": "Багийн ахлагч",
    "Salesperson": "Борлуулагч",
    "Quotation": "Үнийн санал",
    "Pricelist": "Үнийн хүснэгт",
    "Discount": "Хөнгөлөлт",
    "Stage": "Үе шат",
    "Won": "Амжилттай",
    "Lost": "Амжилтгүй",
    "Mark as Lost": "Амжилтгүй гэж тэмдэглэх",
}


@pytest.fixture(scope="module")
def terms():
    return glossary.load()


def test_glossary_parses_with_the_expected_columns(terms):
    with open(glossary.GLOSSARY_CSV, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["english", "context", "mongolian", "source", "note"]
    assert 60 <= len(terms) <= 120
    for term in terms:
        assert term.english and term.mongolian, term
        assert term.source in {"seed", "core", "project"}, term
        assert term.context in {"", "menu", "stage", "settings", "selection", "button"}, term


def test_glossary_has_no_duplicate_english_and_context(terms):
    keys = [(t.english.lower(), t.context) for t in terms]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_glossary_keeps_the_seed_vocabulary(terms):
    by_english = {(t.english, t.context): t.mongolian for t in terms}
    for english, mongolian in SEED_TERMS.items():
        assert by_english.get((english, "")) == mongolian, english
    assert by_english[("Customers", "menu")] == "Захиалагчид"
    assert by_english[("Pricing", "settings")] == "Үнэ тооцоолол"


def test_every_glossary_word_satisfies_its_own_stems(terms):
    for term in terms:
        assert term.used_in(term.mongolian), term.english


def test_choices_between_core_renderings_are_recorded(terms):
    notes = {t.english: t.note for t in terms}
    assert "Ялсан" in notes["Won"]
    assert "Ялагдсанаар" in notes["Mark as Lost"]


def test_matching_respects_word_boundaries(terms):
    found = {t.english for t in glossary.matching_terms(terms, "Team Leader won't lead")}
    assert "Team Leader" in found
    assert "Won" not in found  # "won't" is another word
    assert "Lead" in found
    assert {t.english for t in glossary.matching_terms(terms, "Leaderboard")} == set()


def test_variant_replacement_puts_the_glossary_word(terms):
    assert glossary.apply_variants(terms, "Won", "Ялсан") == "Амжилттай"
    assert glossary.apply_variants(terms, "Is Won", "Ялсан эсэх") == "Амжилттай эсэх"
    fixed = glossary.apply_variants(terms, "Customer", "Үйлчлүүлэгч")
    assert fixed == "Захиалагч"


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.name)
def test_pack_uses_the_glossary(terms, path):
    """An entry whose English contains a glossary term uses the term's Mongolian form."""
    bad = []
    for entry in polib.pofile(str(path)):
        if not entry.msgstr:
            continue
        refs = scope.entry_refs(entry)
        for term in glossary.violations(terms, entry.msgid, entry.msgstr, refs):
            bad.append(f"{entry.msgid!r} -> {entry.msgstr!r}: {term.english}={term.mongolian}")
    assert not bad, "\n".join(bad)


def test_pack_references_are_core_references():
    """Every ``#:`` line is exactly a reference of core's .pot for the same msgid."""
    if not scope.pot_path("crm").exists():
        pytest.skip(f"no Odoo tree at {scope.odoo_path()}")
    core = {}
    for module in scope.SCOPE:
        for entry in polib.pofile(str(scope.pot_path(module))):
            core.setdefault(entry.msgid, set()).update(scope.entry_refs(entry))
    lines = (EXTRA / "mn.po").read_text(encoding="utf-8").splitlines()
    assert all(" " not in line[3:] for line in lines if line.startswith("#: ")), (
        "one reference per #: line"
    )
    for entry in polib.pofile(str(EXTRA / "mn.po")):
        unknown = set(scope.entry_refs(entry)) - core.get(entry.msgid, set())
        assert not unknown, (entry.msgid, unknown)


def test_pack_is_up_to_date():
    if not scope.pot_path("crm").exists():
        pytest.skip(f"no Odoo tree at {scope.odoo_path()}")
    import build_pack

    assert build_pack.main(["--check"]) == 0, "run: python i18n/tools/build_pack.py"


def test_enforced_entries_replace_an_upstream_value():
    items = json.loads((EXTRA / "enforced.json").read_text(encoding="utf-8"))
    assert items
    for item in items:
        assert item["upstream"] != item["pack"], item
        assert item["refs"] and all(r.startswith(("model:", "model_terms:")) for r in item["refs"])
    sources = {i["source"] for i in items}
    assert {"Won", "Qualified", "Proposition", "Reporting"} <= sources
