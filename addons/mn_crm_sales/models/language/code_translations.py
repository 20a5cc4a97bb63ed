"""Mongolian code terms for core modules, in the databases where the suite is installed.

Odoo reads the translations of Python ``_()``/``env._()`` and JS ``_t`` terms lazily, per
module, only from that module's own ``i18n/`` and ``i18n_extra/`` folders, and keeps them
in one cache for the whole server process (``odoo.tools.translate.code_translations``).
A core module without a Mongolian file would therefore stay English in messages and in
the web client, whatever this addon ships in its own folder.

How: at import, ``CodeTranslations.get_python_translations`` and ``get_web_translations``
(the two readers every ``_()``, ``env._()`` and the web client's ``/web/webclient/
translations`` go through) are wrapped. For a Mongolian language (``mn``, ``mn_*``), a
core module the pack covers (``i18n_extra/code/<module>.mn.po``) and a database whose
registry has this addon loaded (the database the current thread serves: Odoo names it
on every request, RPC call, cron job and test), they return the module's own terms over
the pack's (a translation shipped by the module always wins), from a cache of their own.
Everything else (other languages, other modules, databases without the suite) gets
core's reader and core's cache, untouched.

Why this way: one server process serves several databases, and core's cache is shared
by all of them; merging the pack into it would translate core's messages in databases
that never installed the suite.
"""

import logging
import threading
from pathlib import Path

from odoo.modules.registry import Registry
from odoo.tools import translate
from odoo.tools.misc import ReadonlyDict

_logger = logging.getLogger(__name__)

MODULE = "mn_crm_sales"
PACK_DIR = Path(__file__).resolve().parents[2] / "i18n_extra" / "code"
_PATCH_FLAG = "_mn_crm_sales_code_pack"


def pack_modules():
    """Core modules for which the pack ships code terms."""
    return sorted(p.name.removesuffix(".mn.po") for p in PACK_DIR.glob("*.mn.po"))


PACK_MODULES = frozenset(pack_modules())


def is_mongolian(lang):
    return bool(lang) and (lang == "mn" or lang.startswith("mn_"))


def suite_installed(dbname=None):
    """Whether the suite is loaded in ``dbname`` (default: the current thread's database)."""
    dbname = dbname or getattr(threading.current_thread(), "dbname", None)
    if not dbname:
        return False
    try:
        registry = Registry.registries[dbname]
    except KeyError:
        return False
    return MODULE in registry._init_modules


def pack_applies(module_name, lang):
    return module_name in PACK_MODULES and is_mongolian(lang) and suite_installed()


def pack_translations(module_name, lang, filter_func):
    """Code terms of the pack for one core module, filtered like Odoo's own reader."""
    path = PACK_DIR / f"{module_name}.mn.po"
    if not is_mongolian(lang) or not path.is_file():
        return {}
    with open(path, "rb") as fileobj:
        return translate.CodeTranslations._read_code_translations_file(fileobj, filter_func)


def merged_translations(module_name, lang, filter_func):
    """The pack's terms with the module's own over them."""
    merged = pack_translations(module_name, lang, filter_func)
    merged.update(translate.CodeTranslations._get_code_translations(module_name, lang, filter_func))
    return merged


def _python_terms(row):
    return row.get("value") and translate.PYTHON_TRANSLATION_COMMENT in row["comments"]


def _web_terms(row):
    return row.get("value") and translate.JAVASCRIPT_TRANSLATION_COMMENT in row["comments"]


def _patched_get_python_translations(original):
    def get_python_translations(self, module_name, lang):
        if not pack_applies(module_name, lang):
            return original(self, module_name, lang)
        store = self.__dict__.setdefault("mn_python_translations", {})
        if (module_name, lang) not in store:
            terms = merged_translations(module_name, lang, _python_terms)
            store[(module_name, lang)] = ReadonlyDict(terms)
        return store[(module_name, lang)]

    setattr(get_python_translations, _PATCH_FLAG, True)
    return get_python_translations


def _patched_get_web_translations(original):
    def get_web_translations(self, module_name, lang):
        if not pack_applies(module_name, lang):
            return original(self, module_name, lang)
        store = self.__dict__.setdefault("mn_web_translations", {})
        if (module_name, lang) not in store:
            terms = merged_translations(module_name, lang, _web_terms)
            store[(module_name, lang)] = ReadonlyDict(
                {
                    "messages": tuple(
                        ReadonlyDict({"id": src, "string": value}) for src, value in terms.items()
                    )
                }
            )
        return store[(module_name, lang)]

    setattr(get_web_translations, _PATCH_FLAG, True)
    return get_web_translations


def apply_patch():
    """Wrap core's two readers once per process; return whether this call did it."""
    cls = translate.CodeTranslations
    if getattr(cls.get_python_translations, _PATCH_FLAG, False):
        return False
    cls.get_python_translations = _patched_get_python_translations(cls.get_python_translations)
    cls.get_web_translations = _patched_get_web_translations(cls.get_web_translations)
    _logger.debug("mn_crm_sales: Mongolian code terms for %s", sorted(PACK_MODULES))
    return True


apply_patch()
