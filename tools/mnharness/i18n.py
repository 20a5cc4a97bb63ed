"""Keep each addon's ``i18n/<addon>.pot`` equal to what Odoo exports from its code, and its
``i18n/mn.po`` in step with it (translations kept, new terms added empty, stale ones dropped).

``make i18n`` runs :func:`sync` on a clone of the base template with the suite installed;
``MN_I18N_ADDONS=a,b make i18n`` limits the export to those addons (the others' files are
left as they are, e.g. while someone else edits them).
Odoo's own exporter (``odoo-bin i18n export``) is the single source of truth for what is
translatable, so the check in the addons' tests can compare against the same export.
"""

import os

import polib

from . import databases, pgcluster
from .odoo_cli import run_odoo
from .paths import ADDONS_DIR, LOG_DIR, suite_addons, tagged_db

I18N_DB = tagged_db("mn_i18n")
LANG_FILE = "mn.po"
HEADER = {
    "Project-Id-Version": "Odoo Server 19.0",
    "Language": "mn",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def merge_into_language_file(pot_path, po_path):
    """msgmerge ``pot_path`` into ``po_path``; return (total, untranslated msgids)."""
    pot = polib.pofile(str(pot_path))
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.merge(pot)
    # msgmerge semantics keep vanished entries as obsolete: the file must mirror the code.
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    po.metadata = dict(HEADER)
    po.save(str(po_path))
    untranslated = [e.msgid for e in po if not e.msgstr and not e.obsolete]
    return len(po), untranslated


def addons_to_sync(environ=None):
    """The suite's addons, or those named in MN_I18N_ADDONS (comma-separated)."""
    environ = os.environ if environ is None else environ
    addons = suite_addons()
    wanted = {name.strip() for name in environ.get("MN_I18N_ADDONS", "").split(",") if name.strip()}
    if not wanted:
        return addons
    unknown = wanted - set(addons)
    if unknown:
        raise SystemExit(
            f"MN_I18N_ADDONS names no addon of the suite: {', '.join(sorted(unknown))}"
        )
    return [addon for addon in addons if addon in wanted]


def sync():
    started = pgcluster.start()
    try:
        databases.drop(I18N_DB)
        rc = databases.create_suite_database(I18N_DB, log_name="i18n_install")
        if rc != 0:
            raise SystemExit(f"installing the suite failed: see {LOG_DIR / 'i18n_install.log'}")
        report = {}
        for addon in addons_to_sync():
            folder = ADDONS_DIR / addon / "i18n"
            folder.mkdir(exist_ok=True)
            pot_path = folder / f"{addon}.pot"
            run_odoo(
                ["-d", I18N_DB, addon, "-l", "pot", "-o", str(pot_path)],
                subcommand="i18n export",
                log_file=LOG_DIR / f"i18n_export_{addon}.log",
                quiet=True,
            )
            report[addon] = merge_into_language_file(pot_path, folder / LANG_FILE)
        databases.drop(I18N_DB)
    finally:
        pgcluster.stop_if_started(started)
    for addon, (total, untranslated) in report.items():
        print(f"{addon}: {total} terms, {len(untranslated)} untranslated")
        for msgid in untranslated[:20]:
            print(f"    {msgid!r}")
    return 0
