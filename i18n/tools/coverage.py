#!/usr/bin/env python3
"""Coverage of the Mongolian pack over the seed's screens, per core module.

For every core module in scope (i18n/tools/scope.py) it counts the .pot entries that the
seed's screens show (model and view terms), and how many have a Mongolian text:

  upstream  translated in upstream's mn.po (i18n/upstream/, before this pack); "not read"
            where no upstream extract was saved (the count would then be unknown, not 0)
  pack      translated by our own work (i18n/pack/ overrides, shared terms)
  combined  in the generated pack (i18n_extra/mn.po): upstream kept or replaced + ours

and, for the modules with a code pack, the code terms (Python/JS) the pack supplies.
Usage: python i18n/tools/coverage.py   (make i18n-coverage)
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_pack  # noqa: E402
import glossary  # noqa: E402
import scope  # noqa: E402


def module_coverage(resolver, pack_ids, module):
    total = upstream = own = combined = 0
    for entry in polib.pofile(str(scope.pot_path(module))):
        refs = scope.scoped_refs(module, entry)
        if not refs:
            continue
        total += 1
        if resolver.upstream.get(module, {}).get(entry.msgid):
            upstream += 1
        if resolver.overrides.get(module, {}).get(entry.msgid) or resolver.common.get(entry.msgid):
            own += 1
        if set(refs) & pack_ids.get(entry.msgid, set()):
            combined += 1
    return total, upstream, own, combined


def code_coverage(module):
    pot = polib.pofile(str(scope.pot_path(module)))
    total = sum(1 for e in pot if scope.code_refs(e))
    path = build_pack.OUT_CODE / f"{module}.mn.po"
    done = len([e for e in polib.pofile(str(path)) if e.msgstr]) if path.exists() else 0
    return total, done


def pct(part, whole):
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def main():
    resolver = build_pack.Resolver(glossary.load())
    pack_ids = {
        e.msgid: set(scope.entry_refs(e)) for e in polib.pofile(str(build_pack.OUT_PO)) if e.msgstr
    }
    print(f"{'module':<22}{'entries':>8}  {'upstream':>15}  {'pack (ours)':>15}  {'combined':>15}")
    sums = [0, 0, 0, 0]
    for module in scope.SCOPE:
        total, up, own, comb = module_coverage(resolver, pack_ids, module)
        sums = [a + b for a, b in zip(sums, (total, up, own, comb), strict=True)]
        read = (build_pack.I18N / "upstream" / f"{module}.mn.po").exists()
        up_col = f"{up:>6} {pct(up, total)}" if read else f"{'not read':>15}"
        print(
            f"{module:<22}{total:>8}  {up_col}  {own:>6} {pct(own, total)}"
            f"  {comb:>6} {pct(comb, total)}"
        )
    total, up, own, comb = sums
    print(
        f"{'all model/view terms':<22}{total:>8}  {up:>6} {pct(up, total)}  {own:>6} "
        f"{pct(own, total)}  {comb:>6} {pct(comb, total)}"
    )
    print("\ncode terms (Python _()/env._(), JS _t) supplied by i18n_extra/code/:")
    for module in scope.CODE_SCOPE:
        total, done = code_coverage(module)
        if done:
            print(f"{module:<22}{total:>8}  {done:>6} {pct(done, total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
