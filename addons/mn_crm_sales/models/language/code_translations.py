"""Mongolian code terms for core modules, merged into Odoo's code-translation cache.

Odoo reads the translations of Python ``_()``/``env._()`` and JS ``_t`` terms lazily, per
module, only from that module's own ``i18n/`` and ``i18n_extra/`` folders
(``odoo.tools.translate.CodeTranslations._get_code_translations``). A core module without
a Mongolian file would therefore stay English in messages and in the web client, whatever
this addon ships in its own folder.

This patch, applied once at import, makes ``_get_code_translations(module, lang, ...)`` also
read ``mn_crm_sales/i18n_extra/code/<module>.mn.po`` when

- ``lang`` is Mongolian (``mn`` or ``mn_*``), and
- the module is one the pack covers (a file exists for it),

and merges only the terms the module itself leaves untranslated: a translation shipped by
the module (``addons/<module>/i18n/mn.po``) always wins. The filter function of the caller
(Python vs JS terms) is applied to the pack's rows too. Caches already filled for those
modules and languages are dropped so the merge takes effect at once.
"""

import logging
from pathlib import Path

from odoo.tools import translate

_logger = logging.getLogger(__name__)

PACK_DIR = Path(__file__).resolve().parents[2] / "i18n_extra" / "code"
_PATCH_FLAG = "_mn_crm_sales_code_pack"


def pack_modules():
    """Core modules for which the pack ships code terms."""
    return sorted(p.name.removesuffix(".mn.po") for p in PACK_DIR.glob("*.mn.po"))


def is_mongolian(lang):
    return bool(lang) and (lang == "mn" or lang.startswith("mn_"))


def pack_translations(module_name, lang, filter_func):
    """Code terms of the pack for one core module, filtered like Odoo's own reader."""
    path = PACK_DIR / f"{module_name}.mn.po"
    if not is_mongolian(lang) or not path.is_file():
        return {}
    with open(path, "rb") as fileobj:
        return translate.CodeTranslations._read_code_translations_file(fileobj, filter_func)


def _patched_get_code_translations(original):
    def _get_code_translations(module_name, lang, filter_func):
        translations = original(module_name, lang, filter_func)
        extra = pack_translations(module_name, lang, filter_func)
        if not extra:
            return translations
        merged = dict(extra)
        merged.update(translations)  # the module's own translations win
        return merged

    _get_code_translations.__wrapped__ = original
    setattr(_get_code_translations, _PATCH_FLAG, True)
    return _get_code_translations


def apply_patch():
    current = translate.CodeTranslations.__dict__["_get_code_translations"].__func__
    if getattr(current, _PATCH_FLAG, False):
        return False
    translate.CodeTranslations._get_code_translations = staticmethod(
        _patched_get_code_translations(current)
    )
    # drop what was cached before the patch for the modules and languages concerned
    cache = translate.code_translations
    for store in (cache.python_translations, cache.web_translations):
        for key in [k for k in store if k[0] in pack_modules() and is_mongolian(k[1])]:
            store.pop(key, None)
    _logger.debug("mn_crm_sales: Mongolian code terms merged for %s", pack_modules())
    return True


apply_patch()
