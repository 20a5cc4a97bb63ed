#!/usr/bin/env python3
"""Translator's helper: list the pack's gaps of a module, numbered, and append translations.

  python i18n/tools/fill.py list MODULE [--code]      numbered gaps (msgid shown escaped)
  python i18n/tools/fill.py add MODULE [--code] < f   lines "N<TAB>Mongolian" → i18n/pack/

The numbers are positions in the module's .pot, so they are stable while the .pot is.
``add`` writes ordinary PO entries (msgid copied from the .pot), so nobody retypes long
English sources by hand.
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_pack  # noqa: E402
import glossary  # noqa: E402
import scope  # noqa: E402


def candidates(module, code):
    pot = polib.pofile(str(scope.pot_path(module)))
    for index, entry in enumerate(pot):
        refs = scope.code_refs(entry) if code else scope.scoped_refs(module, entry)
        if refs:
            yield index, entry, refs


def pack_file(module, code):
    return build_pack.I18N / "pack" / ("code" if code else "") / f"{module}.po"


def gaps(module, code):
    resolver = build_pack.Resolver(glossary.load())
    own = build_pack.read_po(pack_file(module, code))
    for index, entry, refs in candidates(module, code):
        if code:
            up = resolver.upstream.get(module, {}).get(entry.msgid)
            if entry.msgid not in own and not up:
                yield index, entry, refs
            continue
        value, _origin, _rep = resolver.resolve(module, entry.msgid, refs)
        if value is None:
            yield index, entry, refs


def main(argv):
    action, module = argv[0], argv[1]
    code = "--code" in argv
    if action == "list":
        for index, entry, refs in gaps(module, code):
            kind = refs[0].split(":")[1].split(",")[0] if not code else refs[0].split("/")[-1]
            print(f"{index}\t[{kind}]\t{entry.msgid!r}")
        return 0
    entries = {i: e for i, e, _r in candidates(module, code)}
    path = pack_file(module, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.pofile(str(path)) if path.exists() else polib.POFile()
    if not path.exists():
        po.metadata = {"Language": "mn", "Content-Type": "text/plain; charset=UTF-8"}
    known = {e.msgid: e for e in po}
    for line in sys.stdin.read().splitlines():
        if not line.strip() or "\t" not in line:
            continue
        num, text = line.split("\t", 1)
        flags = []
        if num.endswith("!"):
            num, flags = num[:-1], [build_pack.FORCE_FLAG]
        entry = entries[int(num)]
        text = text.replace("\\n", "\n")
        if entry.msgid in known:
            known[entry.msgid].msgstr = text
            known[entry.msgid].flags = flags
        else:
            po.append(polib.POEntry(msgid=entry.msgid, msgstr=text, flags=flags))
    po.wrapwidth = 0
    po.save(str(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
