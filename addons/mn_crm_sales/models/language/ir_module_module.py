"""Loading policy of the Mongolian language pack (``i18n_extra/mn.po``).

Odoo already loads ``mn_crm_sales/i18n_extra/mn.po`` with the addon's own terms whenever
Mongolian is installed or updated and whenever the addon is installed or updated
(``_load_module_terms`` → ``get_po_paths`` → ``TranslationImporter``), applying each entry
through the xmlids of its ``#:`` references, with ``overwrite=False``: a value already in the
database is kept. That is right for user edits, wrong where the database holds an upstream
Mongolian value that the project glossary replaces (e.g. Won = Ялсан where the suite says
Амжилттай).

So after Odoo's own loading, for Mongolian and when the loaded modules include this addon or
a core module the pack covers, the entries listed in ``i18n_extra/enforced.json`` are applied
with overwrite, record by record, *only where the current database value still equals the
upstream value the pack replaces* (or is missing). A value a user edited differs from
upstream and is never touched.
"""

import json
import logging
from pathlib import Path

from odoo import api, models

from .code_translations import is_mongolian

_logger = logging.getLogger(__name__)

ADDON = "mn_crm_sales"
ENFORCED_JSON = Path(__file__).resolve().parents[2] / "i18n_extra" / "enforced.json"


def load_enforced():
    if not ENFORCED_JSON.is_file():
        return []
    return json.loads(ENFORCED_JSON.read_text(encoding="utf-8"))


def parse_ref(ref):
    """``model_terms:ir.ui.view,arch_db:crm.view`` → (is_terms, model, field, xmlid)."""
    kind, _, rest = ref.partition(":")
    model_field, _, xmlid = rest.partition(":")
    model, _, field_name = model_field.partition(",")
    return kind == "model_terms", model, field_name, xmlid


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False):
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        mn_langs = [lang for lang in langs if is_mongolian(lang)]
        if mn_langs and self._mn_pack_concerned(modules):
            self._mn_apply_enforced_terms(mn_langs, modules)
        return res

    @api.model
    def _mn_pack_concerned(self, modules):
        """True when the pack's enforced terms may need (re)applying for these modules."""
        modules = set(modules)
        if ADDON in modules:
            return True
        if not modules & {item["module"] for item in load_enforced()}:
            return False
        addon = self.sudo().search([("name", "=", ADDON)], limit=1)
        return addon.state in ("installed", "to upgrade", "to install")

    @api.model
    def _mn_apply_enforced_terms(self, langs, modules=None):
        """Overwrite upstream values that the glossary replaces, never a user's edit.

        Returns the number of values written.
        """
        written = 0
        for item in load_enforced():
            if modules is not None and ADDON not in modules and item["module"] not in modules:
                continue
            for ref in item["refs"]:
                for lang in langs:
                    written += self._mn_enforce_one(ref, lang, item)
        if written:
            self.env.registry.clear_cache()
            _logger.info("mn_crm_sales: %s glossary-enforced term(s) applied", written)
        return written

    @api.model
    def _mn_enforce_one(self, ref, lang, item):
        is_terms, model, field_name, xmlid = parse_ref(ref)
        record = self.env.ref(xmlid, raise_if_not_found=False)
        if record is None or record._name != model or field_name not in record._fields:
            return 0
        record = record.sudo().with_context(lang="en_US", active_test=False)
        current = self._mn_current_value(record, field_name, lang, item["source"], is_terms)
        if current is False:  # the source text is not (or no longer) in the record
            return 0
        if current not in ("", None, item["upstream"]) or current == item["pack"]:
            return 0
        if is_terms:
            record.update_field_translations(field_name, {lang: {item["source"]: item["pack"]}})
        else:
            record.update_field_translations(field_name, {lang: item["pack"]})
        return 1

    @api.model
    def _mn_current_value(self, record, field_name, lang, source, is_terms):
        """The record's current translation of ``source`` in ``lang`` ('' when none).

        False when the record does not carry ``source`` (another text, another version).
        """
        translations, _context = record.get_field_translations(field_name, [lang])
        for row in translations:
            if row["lang"] != lang:
                continue
            if is_terms and row["source"] != source:
                continue
            if not is_terms and row["source"] != source:
                return False
            return row["value"] or ""
        return False if is_terms else ""
