#!/usr/bin/env python3
"""Language-quality checks of the project's Mongolian translations.

Reports, for every Mongolian ``.po`` file of the project (the addons' ``i18n/mn.po``, the
generated pack ``addons/mn_crm_sales/i18n_extra/`` and its sources ``i18n/pack/``):

- ``title-case``  a capitalised Cyrillic word in the middle of a sentence, copied from
                  English title case ("Борлуулалтын Баг"); Mongolian capitalises only the
                  first word of a sentence and proper names (``PROPER_NAMES``);
- ``quotes``      a quotation mark other than the project's «...» (“...”, „...“, "...",
                  '...') in the text a user reads (HTML attributes and markup left out);
- ``сэжим``       an inflection of Сэжим (Lead) without the vowel drop: сэжимийн,
                  сэжимүүд, ... where Mongolian writes сэжмийн, сэжмүүд (before a suffix
                  starting with a vowel the short и drops; сэжимд, сэжимтэй keep it).

The upstream extracts (``i18n/upstream/``) are upstream's text kept verbatim; the builder
corrects them with ``i18n/corrections.csv`` and the generated pack is checked here.

Usage: python i18n/tools/quality.py [FILE.po ...]   exit status 1 when anything is found
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]

# Capitalised words that stay capitalised anywhere in a sentence.
PROPER_NAMES = {
    # people's names in placeholders ("ж.нь. Бат-Эрдэнэ Дорж")
    "Дорж",
    "Монгол",
    "Монголын",
    "Монгол Улс",
    "Улаанбаатар",
    "Улаанбаатарын",
    "Улаанбаатар хот",
    # country names (res.country) on documents and addresses
    "Солонгос",
    "Британи",
    "Америкийн Нэгдсэн Улс",
}

CYR_UPPER = "А-ЯЁӨҮ"
CYR_LOWER = "а-яёөү"
# a menu step of a path: "Нүүр > Аппликейшнууд"
MENU_STEP = re.compile(r"\s*>")
# a capitalised Cyrillic word (not an all-capitals abbreviation such as ТТД, НӨАТ)
CAP_WORD = re.compile(rf"(?<![\w-])[{CYR_UPPER}][{CYR_LOWER}]+(?:-[{CYR_LOWER}]+)?(?![\w])")
# what may precede a capitalised word that starts a sentence, a title, a menu step, a list
SENTENCE_START = re.compile(r"(^|[.!?:;<>=«»(\[/|•·—–→#\-\n*\x00\x01“”„\"'‘’]|\.\.\.|…)\s*$")
# an item of an enumeration of capitalised names: "(Батлах, Илгээх, Цуцлах)"
ENUM_ITEM = re.compile(
    rf"(?:^|[(:.«\"“]|\x01)\s*[{CYR_UPPER}][^,()]*(?:,\s*[{CYR_UPPER}][^,()]*)*,\s*$"
)
QUOTE_CHARS = re.compile(r"[“”„‟\"'‘’‚]")
PYTHON_EXPR = re.compile(r"\bobject\.\w+")
SEZHIM = re.compile(r"(?i)(?<!\w)сэжим(?=[аэиоуөүеёыяю])\w*")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str
    msgid: str
    detail: str

    def __str__(self):
        msgid = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        return f"{self.path}:{self.line}: {self.kind}: {self.detail} (msgid {msgid!r})"


def default_files():
    addons = ROOT / "addons"
    files = sorted(addons.glob("*/i18n/mn.po"))
    files += sorted(addons.glob("*/i18n_extra/mn.po"))
    files += sorted(addons.glob("*/i18n_extra/code/*.po"))
    files += sorted((ROOT / "i18n" / "pack").glob("**/*.po"))
    return files


def readable_text(text):
    """The text a user reads: markup, attributes, placeholders and entities removed."""
    text = re.sub(r"<[^>]*>", " \x00 ", text)  # a tag boundary may start a new line of text
    # a placeholder may end a sentence (a list of reasons) or name a record: either way the
    # next word may be capitalised
    text = re.sub(r"%\([^)]*\)[sdf]|%[sdf]|\{\{[^}]*\}\}|\{[^}]*\}|\$\{[^}]*\}", " \x01 ", text)
    text = text.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", '"')
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return text


def title_case_leaks(text):
    """Capitalised Cyrillic words in the middle of a sentence."""
    text = readable_text(text)
    names = [
        (n.start(), n.end())
        for name in PROPER_NAMES
        for n in re.finditer(rf"(?<!\w){re.escape(name)}\w*", text)
    ]
    out = []
    for m in CAP_WORD.finditer(text):
        if any(start <= m.start() < end for start, end in names):
            continue
        before = text[: m.start()]
        if SENTENCE_START.search(before) or ENUM_ITEM.search(before):
            continue
        if MENU_STEP.match(text, m.end()):
            continue
        out.append(m.group(0))
    return out


def foreign_quotes(text, msgid=""):
    """Quotation marks other than «» in the readable text (apostrophes inside words aside).

    A msgid that is a Python expression (a report's file name over ``object``) keeps the
    quotes of its syntax.
    """
    if PYTHON_EXPR.search(msgid):
        return []
    text = readable_text(text)
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)  # an apostrophe inside a word is no quote
    return sorted(set(QUOTE_CHARS.findall(text)))


def sezhim_without_drop(text):
    return [m.group(0) for m in SEZHIM.finditer(text)]


def check_entry(entry):
    """[(kind, detail)] for one translated entry."""
    values = [entry.msgstr] + [v for _k, v in sorted(entry.msgstr_plural.items())]
    out = []
    for value in values:
        if not value:
            continue
        for word in title_case_leaks(value):
            out.append(("title-case", f"{word!r} capitalised mid-sentence in {value!r}"))
        quotes = foreign_quotes(value, entry.msgid)
        if quotes:
            out.append(("quotes", f"{''.join(quotes)} instead of «» in {value!r}"))
        for word in sezhim_without_drop(value):
            out.append(("сэжим", f"{word!r} without the vowel drop (сэжм-)"))
    return out


def check_file(path):
    path = Path(path)
    try:
        shown = str(path.resolve().relative_to(ROOT))
    except ValueError:
        shown = str(path)
    findings = []
    for entry in polib.pofile(str(path), wrapwidth=78):
        if entry.obsolete or not (entry.msgstr or entry.msgstr_plural):
            continue
        for kind, detail in check_entry(entry):
            findings.append(Finding(shown, entry.linenum, kind, entry.msgid, detail))
    return findings


def check(files=None):
    findings = []
    for path in files or default_files():
        findings += check_file(path)
    return findings


def main(argv):
    files = [Path(a) for a in argv] or None
    findings = check(files)
    for finding in findings:
        print(finding)
    kinds = {}
    for finding in findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "nothing"
    print(f"{len(findings)} finding(s): {summary}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
