"""Language quality of the Mongolian translations (i18n/tools/quality.py and choices).

Plain pytest, no Odoo: the checker finds nothing in the project's .po files, and the
choices of i18n/README.md ("Recorded choices", "Writing rules", the seed's Үүсгэх) hold.
Where the Odoo tree is importable, Odoo's own PoFileReader reads the pack.
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "i18n" / "tools"))
import quality  # noqa: E402
import scope  # noqa: E402

EXTRA = ROOT / "addons" / "mn_crm_sales" / "i18n_extra"
PACK = EXTRA / "mn.po"
REPORTS_PO = ROOT / "addons" / "mn_crm_sales_reports" / "i18n" / "mn.po"
SEED_DIR = Path(os.environ.get("MN_SEED_DIR", ROOT.parent / "shared" / "seed"))
PRIORITY_MEDIUM = "model:ir.model.fields.selection,name:crm.selection__crm_lead__priority__1"
UTM_MEDIUM = "model:ir.model.fields,field_description:crm.field_crm_lead__medium_id"
CREATE_BUTTONS = {
    "code:addons/web/static/src/views/list/list_controller.xml:0",
    "code:addons/web/static/src/views/kanban/kanban_controller.xml:0",
    "code:addons/web/static/src/views/form/form_controller.xml:0",
}


def seed_text():
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"no seed at {SEED_DIR} (MN_SEED_DIR)")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def entries_by_ref(path):
    """{record reference: msgstr} of a .po file; fails when one is in two entries.

    (A view's ``model_terms:`` reference is in one entry per term of the view.)
    """
    out = {}
    for entry in polib.pofile(str(path)):
        for ref in scope.entry_refs(entry):
            if ref.startswith("model_terms:"):
                continue
            assert ref not in out, f"{ref} in two entries"
            out[ref] = entry.msgstr
    return out


# -- the checker ---------------------------------------------------------------------------


def test_the_project_po_files_have_no_language_finding():
    findings = quality.check()
    assert not findings, "\n".join(map(str, findings))


def test_the_checker_reads_every_project_po_file():
    files = {str(p.relative_to(ROOT)) for p in quality.default_files()}
    assert "addons/mn_crm_sales/i18n/mn.po" in files
    assert "addons/mn_crm_sales_reports/i18n/mn.po" in files
    assert "addons/mn_ebarimt/i18n/mn.po" in files
    assert "addons/mn_crm_sales/i18n_extra/mn.po" in files
    assert "addons/mn_crm_sales/i18n_extra/code/web.mn.po" in files
    assert "i18n/pack/crm.po" in files


def test_the_checker_script_exits_zero():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "i18n" / "tools" / "quality.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("0 finding(s): nothing")


@pytest.mark.parametrize(
    "text",
    [
        "Багийн Ахлагч",
        "Идэвхтэй Сэжмүүд",
        "Энэ бичилт Нягтлан бодох бүртгэл суулгахаас өмнө үүссэн.",
        "# Оноогдоогүй Сэжмүүд",
        "<span>Нэгтгэсэн Сэжим/Боломжууд</span>",
        "Хадгалах. Дараа нь Илгээх товч дарна",
    ],
)
def test_the_checker_finds_title_case(text):
    assert quality.title_case_leaks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Багийн ахлагч",
        "Борлуулалтын шинжилгээ: Хөнгөлөлт ба ашиг",
        "CRM > Тохиргоо > Амжилтгүй болсон шалтгаанууд",
        "Сэжим → Боломж (%)",
        "товчоор (Батлах, Илгээх, Цуцлах) өөрчлөгдөнө",
        "ж.нь. Бараа, Үйлчилгээ",
        "ж.нь. Бат-Эрдэнэ Дорж",
        "Улаанбаатар хотод Монгол Улсын хуулиар",
        "Хадгалах. Дараа нь илгээнэ",
        "%(reasons)s Багийн ахлагчаас зөвшөөрөл хүснэ үү.",
        "зөвхөн «Нэхэмжлэл үүсгэх» товчоор",
        "ТТД, НӨАТ",
    ],
)
def test_the_checker_lets_mongolian_capitals_be(text):
    assert quality.title_case_leaks(text) == []


@pytest.mark.parametrize(
    "text",
    ['"Олон баг" идэвхжүүлэх', "'дууссан' төлөвтэй", "“Хадгалах” дарна", "„Шалгах“"],
)
def test_the_checker_finds_other_quotes(text):
    assert quality.foreign_quotes(text)


@pytest.mark.parametrize(
    "text",
    [
        "«Олон баг» идэвхжүүлэх",
        '<i class="fa fa-building" title="Компани"/>',
        "<span class='o_stat_text'>Сэжим</span>",
        "Odoo's",
    ],
)
def test_the_checker_lets_guillemets_and_markup_be(text):
    assert quality.foreign_quotes(text) == []


def test_a_python_expression_keeps_its_quotes():
    msgid = "'Sales summary %s' % (object.year)"
    assert quality.foreign_quotes("'Борлуулалтын хураангуй %s' % (object.year)", msgid) == []


@pytest.mark.parametrize(
    "text", ["сэжимийн", "Сэжимүүд", "сэжимүүдийг", "сэжимийг", "сэжимээс", "сэжимээ"]
)
def test_the_checker_finds_sezhim_without_the_vowel_drop(text):
    assert quality.sezhim_without_drop(text)


@pytest.mark.parametrize("text", ["сэжим", "сэжмийн", "Сэжмүүд", "сэжимд", "сэжимтэй"])
def test_the_checker_accepts_sezhim_forms(text):
    assert quality.sezhim_without_drop(text) == []


def test_the_checker_reports_file_and_line(tmp_path):
    po = tmp_path / "mn.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Team Leader"\nmsgstr "Багийн Ахлагч"\n',
        encoding="utf-8",
    )
    findings = quality.check([po])
    assert [(f.line, f.kind, f.msgid) for f in findings] == [(5, "title-case", "Team Leader")]
    assert quality.main([str(po)]) == 1


# -- the glossary's seed rows ----------------------------------------------------------------


def test_glossary_seed_rows_are_written_in_the_seed():
    seed = seed_text().lower()
    with open(ROOT / "i18n" / "glossary.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source"] == "seed"]
    assert rows
    missing = [
        f"{r['english']}={r['mongolian']}" for r in rows if r["mongolian"].lower() not in seed
    ]
    assert not missing, f"source=seed but not in the seed: {missing}"


# -- meanings ---------------------------------------------------------------------------


def test_priority_medium_and_utm_medium_get_their_own_words():
    refs = entries_by_ref(PACK)
    assert refs[PRIORITY_MEDIUM] == "Дунд"
    assert refs[UTM_MEDIUM] == "Хэрэгсэл"
    enforced = json.loads((EXTRA / "enforced.json").read_text(encoding="utf-8"))
    item = next(i for i in enforced if PRIORITY_MEDIUM in i["refs"])
    assert (item["source"], item["upstream"], item["pack"]) == ("Medium", "Хэрэгсэл", "Дунд")
    assert item["refs"] == [PRIORITY_MEDIUM]  # the UTM medium keeps upstream's word


def test_odoo_applies_each_medium_through_its_references():
    """Odoo's own reader of the pack: each reference gets its entry's value."""
    odoo_path = scope.odoo_path()
    if not (Path(odoo_path) / "odoo" / "tools" / "translate.py").exists():
        pytest.skip(f"no Odoo tree at {odoo_path}")
    sys.path.insert(0, str(odoo_path))
    try:
        translate = pytest.importorskip("odoo.tools.translate")
    finally:
        sys.path.remove(str(odoo_path))
    rows = {
        (row["module"], row["imd_name"]): row["value"]
        for row in translate.PoFileReader(str(PACK))
        if row["src"] == "Medium"
    }
    assert rows[("crm", "selection__crm_lead__priority__1")] == "Дунд"
    assert rows[("crm", "field_crm_lead__medium_id")] == "Хэрэгсэл"
    assert rows[("sale", "field_sale_order__medium_id")] == "Хэрэгсэл"


def test_prorated_revenue_is_probability_weighted():
    prorated = {e.msgid: e.msgstr for e in polib.pofile(str(PACK)) if "Prorated" in e.msgid}
    assert {"Prorated Revenue", "Prorated Revenues", "Prorated MRR"} <= set(prorated)
    for msgid, value in prorated.items():
        assert "Магадлалаар жигнэсэн" in value, (msgid, value)
        assert "Магадлагдсан" not in value and "Хуваарилсан" not in value, (msgid, value)


def test_the_reports_margin_is_an_amount():
    by_msgid = {e.msgid: e.msgstr for e in polib.pofile(str(REPORTS_PO))}
    assert by_msgid["Margin"] == "Ашгийн дүн"
    assert "хувь" in by_msgid["Margin (%)"]
    for msgid in ("Discounts and Margins", "Sales Analysis: Discounts and Margins"):
        assert "хувь" not in by_msgid[msgid], msgid


# -- the seed's "Үүсгэх" button --------------------------------------------------------------


def test_the_seeds_create_button_is_odoo_19s_new_button():
    """The seed says Үүсгэх; Odoo 19's button is New = Шинэ, documented in i18n/README.md."""
    seed = seed_text()
    assert "Үүсгэх товч дарна" in seed
    web = polib.pofile(str(EXTRA / "code" / "web.mn.po"))
    new = next(e for e in web if e.msgid == "New")
    assert CREATE_BUTTONS <= set(scope.entry_refs(new)), "web's New is the create buttons' term"
    assert new.msgstr == "Шинэ"
    readme = (ROOT / "i18n" / "README.md").read_text(encoding="utf-8")
    assert '### The seed\'s "Үүсгэх" is Odoo 19\'s "Шинэ"' in readme
    assert "presses **Шинэ**" in readme


def test_odoo_19_still_labels_the_create_buttons_new():
    """If core renames the buttons, the mapping above must be decided again."""
    odoo_path = Path(scope.odoo_path())
    views = odoo_path / "addons" / "web" / "static" / "src" / "views"
    if not views.is_dir():
        pytest.skip(f"no Odoo tree at {odoo_path}")
    for rel in ("list/list_controller.xml", "kanban/kanban_controller.xml"):
        text = (views / rel).read_text(encoding="utf-8")
        assert "New\n" in text or ">New<" in text, rel
