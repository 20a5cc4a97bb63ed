"""What a register number typed into a search box may stand for.

Stored register numbers are canonical (see :func:`register_number.normalize`): Cyrillic
capitals and ASCII digits only. A user searching on a Latin keyboard does not always type
look-alike letters: "ub 99031512" means УБ (Улаанбаатар), yet ``normalize`` keeps the Latin
``U`` (it has no Cyrillic look-alike) and gives ``UВ99031512``. Searching therefore tries
two readings of the typed letters, the look-alike one and the phonetic one, and keeps those
that can occur in a stored number. Storing never uses this module: a number being saved
must be written unambiguously.
"""

import re
import unicodedata

from .register_number import normalize

# Latin letters read as the Mongolian Cyrillic letter they transliterate (MNS 5217:2012,
# one letter each). C, X and Y have no single phonetic reading: their look-alikes
# (С, Х, У) are already tried by normalize().
_LATIN_PHONETIC = str.maketrans("ABDEFGHIJKLMNOPRSTUVZÖÜ", "АБДЭФГХИЖКЛМНОПРСТУВЗӨҮ")

# What a stored number is made of, plus the wildcards of like patterns: a form with any
# other character (a Latin letter left over, an '@') cannot match a stored number.
_SEARCHABLE = re.compile(r"[А-ЯЁӨҮ0-9%_]+")

# What a name search treats as (the start or a part of) a register number: up to two
# letters then at least four digits. Shorter input ("a", "2") would match far too many
# numbers to be useful next to names.
_NUMBER_LIKE = re.compile(r"[А-ЯӨҮЁ]{0,2}[0-9]{4,8}")


def search_forms(raw: str | None) -> list[str]:
    """Canonical forms ``raw`` may stand for, most likely first; [] if none can match."""
    if not raw:
        return []
    phonetic = unicodedata.normalize("NFKC", raw).upper().translate(_LATIN_PHONETIC)
    forms = dict.fromkeys((normalize(raw), normalize(phonetic)))
    return [form for form in forms if _SEARCHABLE.fullmatch(form)]


def looks_like_number(raw: str | None) -> bool:
    """Tell whether ``raw`` reads as a register number or a part of one worth searching."""
    return any(_NUMBER_LIKE.fullmatch(form) for form in search_forms(raw))
