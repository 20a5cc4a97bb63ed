"""Mongolian register numbers (регистрийн дугаар): normalisation and validation.

Two kinds exist:

* a legal entity (company) has exactly 7 digits, e.g. ``2012345``;
* a citizen has 2 Cyrillic letters and 8 digits, e.g. ``УБ99031512``.

The citizen number is laid out as ``LL YY MM DD S C`` (procedure of the General Authority
for State Registration, order No. 331 of 2010):

* ``LL``: code of the aimag/district and sum/khoroo of residence when the number was issued;
* ``YYMMDD``: birth date. Births from 1900 to 1999 have ``MM`` = 01-12 (year ``19YY``);
  births from 2000 have 20 added to the month, so ``MM`` = 21-32 means year ``20YY`` and
  month ``MM - 20``;
* ``S``: the 9th character (the penultimate digit) encodes the sex: by the convention used
  by the registration authority, odd means male and even (0 included) means female;
* ``C``: a control code. Its algorithm is not published, so it is NOT checked here: a
  number that passes :func:`parse` is plausible, not proven to exist.

This module has no user-visible text: errors carry a stable machine ``code`` and ``params``
that the Odoo layer turns into translated messages.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

KIND_COMPANY = "company"
KIND_INDIVIDUAL = "individual"
SEX_MALE = "male"
SEX_FEMALE = "female"

# Separators people type or paste into the number: whitespace (NBSP included), dots,
# the ASCII hyphen and the Unicode dashes/minus that word processors substitute for it.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")

# Latin letters that look like Cyrillic ones, for numbers typed on a Latin keyboard layout.
# Only upper case is needed: normalize() upper-cases before translating.
_LATIN_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")

# Digits are matched as ASCII only: ``\d`` would also accept other scripts' digits.
_COMPANY = re.compile(r"[0-9]{7}")
# Shape of a citizen number before the letters are checked, so that a wrong letter
# ('letters') is told apart from a value that is not a register number at all ('shape').
_INDIVIDUAL = re.compile(r"([^\W\d_]{2})([0-9]{8})")

# Cyrillic capitals А-Я plus the Mongolian Ө and Ү and Ё. Ъ, Ь and Ы are kept out of the
# first position only: no Mongolian word, hence no aimag/district code, starts with them.
_LETTERS = frozenset(map(chr, range(ord("А"), ord("Я") + 1))) | {"Ө", "Ү", "Ё"}
_NOT_FIRST = frozenset("ЪЬЫ")

# Added to the month of births from the year 2000 on.
_MILLENNIUM_MONTH_OFFSET = 20


class RegisterNumberError(ValueError):
    """An invalid register number.

    ``code`` is a stable machine code: 'empty', 'shape', 'letters', 'month', 'day' or
    'future'; ``params`` holds the values a message about it may quote.
    """

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class RegisterNumber:
    """A parsed register number; ``birth_date`` and ``sex`` are None for a company."""

    number: str
    kind: str
    birth_date: date | None
    sex: str | None


def normalize(raw: str | None) -> str:
    """Return ``raw`` in canonical form, without validating it; '' for None/False/blank.

    NFKC folds full-width digits and decomposed letters (Е + diaeresis) pasted from
    documents; separators are dropped; the text is upper-cased (Cyrillic included, so
    'уб' gives 'УБ') and Latin look-alike letters become their Cyrillic twins.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw)
    text = _SEPARATORS.sub("", text).upper()
    return text.translate(_LATIN_LOOKALIKES)


def parse(raw: str | None, today: date | None = None) -> RegisterNumber:
    """Parse ``raw`` into a :class:`RegisterNumber` or raise :class:`RegisterNumberError`.

    ``today`` (default: ``date.today()``) is the date a citizen's birth date must not
    be after.
    """
    number = normalize(raw)
    if not number:
        raise RegisterNumberError("empty")
    if _COMPANY.fullmatch(number):
        return RegisterNumber(number, KIND_COMPANY, None, None)
    match = _INDIVIDUAL.fullmatch(number)
    if not match:
        raise RegisterNumberError("shape", number=number)
    letters, digits = match.groups()
    if letters[0] in _NOT_FIRST or not set(letters) <= _LETTERS:
        raise RegisterNumberError("letters", number=number, letters=letters)
    birth_date = _birth_date(number, digits)
    if today is None:
        today = date.today()
    elif isinstance(today, datetime):
        # A datetime cannot be compared with a date.
        today = today.date()
    if birth_date > today:
        raise RegisterNumberError("future", number=number, birth_date=birth_date, today=today)
    sex = SEX_MALE if int(digits[6]) % 2 else SEX_FEMALE
    return RegisterNumber(number, KIND_INDIVIDUAL, birth_date, sex)


def is_valid(raw: str | None, today: date | None = None) -> bool:
    """Tell whether ``raw`` parses; see :func:`parse`."""
    try:
        parse(raw, today)
    except RegisterNumberError:
        return False
    return True


def _birth_date(number: str, digits: str) -> date:
    """Decode the birth date from the 8 digits of a citizen number."""
    year, month, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if 1 <= month <= 12:
        year += 1900
    elif 1 + _MILLENNIUM_MONTH_OFFSET <= month <= 12 + _MILLENNIUM_MONTH_OFFSET:
        year += 2000
        month -= _MILLENNIUM_MONTH_OFFSET
    else:
        raise RegisterNumberError("month", number=number, month=month)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise RegisterNumberError("day", number=number, year=year, month=month, day=day)
    return date(year, month, day)
