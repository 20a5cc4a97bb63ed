"""The project glossary (i18n/glossary.csv) and the consistency check of translations.

Columns: english, context, mongolian, source (seed / core / project), note.
The note column holds free text plus ``key=value`` parts separated by ``;``:

- ``stem=a|b``      regular expressions (case-insensitive); a translation uses the term when
                    one of them occurs in it (Mongolian inflects: сэжим → сэжмийг).
- ``variants=x|y``  Mongolian words that upstream uses for the same English term; the pack
                    builder replaces them by the glossary word inside upstream translations.
- ``except=r1|r2``  regular expressions on the English source: entries matching one are
                    documented exceptions (another sense of the English word).

``context`` narrows where a term applies: ``menu`` (menus), ``stage`` (stage records),
``settings`` (settings views), ``selection`` (selection values), ``button`` (everything but
field descriptions and help texts), empty for everywhere.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

GLOSSARY_CSV = Path(__file__).resolve().parents[1] / "glossary.csv"
CONTEXT_REFS = {
    "menu": ("model:ir.ui.menu,",),
    "stage": ("model:crm.stage,",),
    "settings": ("model_terms:ir.ui.view,arch_db:",),
    "selection": ("model:ir.model.fields.selection,",),
}


@dataclass
class Term:
    english: str
    context: str
    mongolian: str
    source: str
    note: str
    stems: list = field(default_factory=list)
    variants: list = field(default_factory=list)
    excepts: list = field(default_factory=list)

    @property
    def pattern(self):
        # word boundary that also refuses an apostrophe ("Won't" is not "Won")
        return re.compile(r"(?<![\w'’])" + re.escape(self.english) + r"(?![\w'’])", re.I)

    def applies_to_refs(self, refs):
        if not self.context or self.context == "button":
            if self.context == "button":
                return (
                    any("field_description" not in r and ",help:" not in r for r in refs)
                    or not refs
                )
            return True
        prefixes = CONTEXT_REFS.get(self.context, ())
        if self.context == "settings":
            return any(r.startswith(prefixes) and "res_config_settings" in r for r in refs)
        return any(r.startswith(prefixes) for r in refs)

    def used_in(self, text):
        stems = self.stems or [re.escape(self.mongolian)]
        return any(re.search(s, text, re.I) for s in stems)


def _parse_note(note):
    keys = {}
    for part in note.split(";"):
        if "=" in part:
            key, _, value = part.partition("=")
            if key.strip() in ("stem", "variants", "except"):
                keys[key.strip()] = [v for v in value.strip().split("|") if v]
    return keys


def load(path=GLOSSARY_CSV):
    terms = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            keys = _parse_note(row["note"])
            terms.append(
                Term(
                    english=row["english"].strip(),
                    context=row["context"].strip(),
                    mongolian=row["mongolian"].strip(),
                    source=row["source"].strip(),
                    note=row["note"].strip(),
                    stems=keys.get("stem", []),
                    variants=keys.get("variants", []),
                    excepts=keys.get("except", []),
                )
            )
    return terms


def _clean_source(msgid):
    """English text a user reads: markup, attributes and placeholders removed."""
    text = re.sub(r"<[^>]*>", " ", msgid)
    text = re.sub(r"%\([^)]*\)[sd]|%[sd]|\{\{[^}]*\}\}", " ", text)
    return text


def matching_terms(terms, msgid, refs=()):
    """Glossary terms that occur in the English source, longest first, without overlap."""
    text = _clean_source(msgid)
    taken = []
    found = []
    for term in sorted(terms, key=lambda t: -len(t.english)):
        if not term.applies_to_refs(list(refs)):
            continue
        if any(re.search(e, msgid, re.I) for e in term.excepts):
            continue
        for m in term.pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(term)
            break
    return found


def violations(terms, msgid, msgstr, refs=()):
    """Glossary terms the translation fails to use."""
    if not msgstr:
        return []
    return [t for t in matching_terms(terms, msgid, refs) if not t.used_in(msgstr)]


def apply_variants(terms, msgid, msgstr, refs=()):
    """Replace known upstream variants of the glossary terms found in msgid."""
    out = msgstr
    for term in matching_terms(terms, msgid, refs):
        if term.used_in(out):
            continue
        for variant in term.variants:
            word = term.mongolian.split()[0] if " " not in variant else term.mongolian

            def repl(m, word=word):
                return word[0].upper() + word[1:] if m.group(0)[0].isupper() else word.lower()

            out = re.sub(variant, repl, out, flags=re.I)
    return out
