import io

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import trans_export

SUITE = ("mn_crm_sales", "mn_crm_sales_reports")


def _keys(catalog):
    return {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}


@tagged("post_install", "-at_install")
class TestSuiteTranslations(TransactionCase):
    """The committed .pot files are what Odoo exports from the code, and mn.po translates all."""

    def _export(self, addon):
        buffer = io.BytesIO()
        trans_export(False, [addon], buffer, "po", self.env)
        return polib.pofile(buffer.getvalue().decode())

    def test_pot_matches_the_code(self):
        for addon in SUITE:
            with self.subTest(addon=addon):
                exported = _keys(self._export(addon))
                committed = _keys(polib.pofile(file_path(f"{addon}/i18n/{addon}.pot")))
                self.assertFalse(exported - committed, "terms missing from the .pot: run make i18n")
                self.assertFalse(committed - exported, "stale terms in the .pot: run make i18n")

    def test_every_term_has_a_mongolian_translation(self):
        for addon in SUITE:
            with self.subTest(addon=addon):
                exported = _keys(self._export(addon))
                mongolian = polib.pofile(file_path(f"{addon}/i18n/mn.po"))
                translated = {(e.msgctxt, e.msgid) for e in mongolian if e.msgstr and not e.fuzzy}
                self.assertFalse(exported - translated, "untranslated terms in mn.po")
