"""Mongolian numbers and money amounts in words (pure Python, no Odoo imports).

``num2words`` has no Mongolian, so the grammar is written out here.

Range: every integer from 0 to ``MAX_NUMBER`` = 10**15 ("нэг тунамал") inclusive.

Grammar
-------
Each number word has a *standalone* form, used when the word ends the number and nothing
follows it, and an *attributive* (bound) form, used when another word follows::

    digit   1 нэг/нэг  2 хоёр/хоёр  3 гурав/гурван  4 дөрөв/дөрвөн  5 тав/таван
            6 зургаа/зургаан  7 долоо/долоон  8 найм/найман  9 ес/есөн
    tens   10 арав/арван  20 хорь/хорин  30 гуч/гучин  40 дөч/дөчин  50 тавь/тавин
           60 жар/жаран  70 дал/далан  80 ная/наян  90 ер/ерэн
    100    зуу/зуун
    10**3  мянга/мянган
    10**6  сая, 10**9 тэрбум, 10**12 их наяд, 10**15 тунамал   (invariant)
    0      тэг                                                   (invariant)

1. A group 1..999 is ``[digit зуу] [tens] [digit]``, e.g. 345 = гурван зуун дөчин тав.
   11..19 are "арван" + digit: 11 арван нэг, 19 арван ес.
2. A number is its groups from the largest scale down, each non-zero group followed by
   its scale word: 12 345 = арван хоёр мянга гурван зуун дөчин тав. Zero groups are
   skipped: 1 000 001 = нэг сая нэг.
3. A count of one is always spoken: 100 = "нэг зуу", 1000 = "нэг мянга", 10**6 = "нэг сая"
   (invoices write "Нэг зуун төгрөг", never a bare "Зуун төгрөг").
4. Every word followed by another word of the same number takes its attributive form
   (гурван зуу, хорин нэг, зуун тав, таван сая) -- except мянга, which stays "мянга"
   before further number words: 2 024 = хоёр мянга хорин дөрөв.
5. The last word is standalone (``number_to_words(n)``) or, when a noun follows, such as
   the currency unit, attributive (``number_to_words(n, attributive=True)``):
   3 гурван төгрөг, 20 хорин төгрөг, 1000 нэг мянган төгрөг, 1234 нэг мянга хоёр зуун
   гучин дөрвөн төгрөг.
6. "нэг" is also the attributive form of 1 (11 төгрөг = "арван нэг төгрөг"): the literary
   "нэгэн" is not used in amounts.

Scale words: 10**12 is "их наяд", the word Mongolbank and the financial press use for a
trillion (the loanword "триллион" is not used). 10**15 is the next word of the same native
scale, "тунамал" (not "квадриллион"); an amount that large only occurs at the upper limit.

Amounts (``amount_to_words``): the integer part in the attributive form, the unit, then,
unless the rounded sub-unit part is zero, the sub-unit count (attributive) and the
sub-unit: 1234.50 = "Нэг мянга хоёр зуун гучин дөрвөн төгрөг тавин мөнгө",
0.05 = "Тэг төгрөг таван мөнгө", 0 = "Тэг төгрөг". Negative amounts start with "хасах".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import NamedTuple

__all__ = ["MAX_NUMBER", "VOCABULARY", "amount_to_words", "number_to_words"]

MAX_NUMBER = 10**15


class _Word(NamedTuple):
    standalone: str  # last word of the number, nothing follows
    attributive: str  # last word of the number, a noun follows
    inner: str  # another word of the number follows


def _word(standalone, attributive=None, inner=None):
    attributive = attributive or standalone
    return _Word(standalone, attributive, inner or attributive)


_ZERO = _word("тэг")
_DIGITS = (None,) + tuple(
    _word(*forms)
    for forms in (
        ("нэг",),
        ("хоёр",),
        ("гурав", "гурван"),
        ("дөрөв", "дөрвөн"),
        ("тав", "таван"),
        ("зургаа", "зургаан"),
        ("долоо", "долоон"),
        ("найм", "найман"),
        ("ес", "есөн"),
    )
)
_TENS = (None,) + tuple(
    _word(*forms)
    for forms in (
        ("арав", "арван"),
        ("хорь", "хорин"),
        ("гуч", "гучин"),
        ("дөч", "дөчин"),
        ("тавь", "тавин"),
        ("жар", "жаран"),
        ("дал", "далан"),
        ("ная", "наян"),
        ("ер", "ерэн"),
    )
)
_HUNDRED = _word("зуу", "зуун")
# Largest first; мянга keeps its standalone form before further number words (rule 4).
_SCALES = (
    (10**15, _word("тунамал")),
    (10**12, _word("их наяд")),
    (10**9, _word("тэрбум")),
    (10**6, _word("сая")),
    (10**3, _word("мянга", "мянган", "мянга")),
)

#: Every word ``number_to_words`` can produce ("их наяд" counts as "их" and "наяд").
VOCABULARY = frozenset(
    part
    for word in (_ZERO, _HUNDRED, *_DIGITS[1:], *_TENS[1:], *(w for _, w in _SCALES))
    for form in word
    for part in form.split()
)


def _group_words(n):
    """Words of 1 <= n <= 999 (rule 1)."""
    hundreds, rest = divmod(n, 100)
    tens, digit = divmod(rest, 10)
    words = [_DIGITS[hundreds], _HUNDRED] if hundreds else []
    if tens:
        words.append(_TENS[tens])
    if digit:
        words.append(_DIGITS[digit])
    return words


def _check_number(n):
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"{n} is outside 0..{MAX_NUMBER}")


def number_to_words(n: int, attributive: bool = False) -> str:
    """Spell ``0 <= n <= 10**15`` in Mongolian, lower case.

    The last word is standalone (``2000 -> "хоёр мянга"``) unless ``attributive`` is true,
    for a number followed by a noun (``2000 -> "хоёр мянган"``). Raises ``TypeError`` for a
    non-int and ``ValueError`` outside the range.
    """
    _check_number(n)
    if n == 0:
        return _ZERO.standalone
    words = []
    for value, scale in _SCALES:
        count, n = divmod(n, value)
        if count:
            words += [*_group_words(count), scale]
    if n:
        words += _group_words(n)
    *inner, last = words
    final = last.attributive if attributive else last.standalone
    return " ".join([*(word.inner for word in inner), final])


def _to_decimal(amount):
    if isinstance(amount, bool):
        raise TypeError("expected an amount, got bool")
    if isinstance(amount, Decimal):
        value = amount
    elif isinstance(amount, int):
        value = Decimal(amount)
    elif isinstance(amount, float):
        # repr() is the shortest string that round-trips, so 1.005 is read as typed.
        value = Decimal(repr(amount))
    elif isinstance(amount, str):
        try:
            value = Decimal(amount.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {amount!r}") from None
    else:
        raise TypeError(f"expected int, float, str or Decimal, got {type(amount).__name__}")
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {amount!r}")
    return value


def amount_to_words(
    amount, unit="төгрөг", subunit="мөнгө", subunit_digits=2, capitalize=True
) -> str:
    """Spell a money amount: ``1234.5 -> "Нэг мянга хоёр зуун гучин дөрвөн төгрөг тавин мөнгө"``.

    ``amount`` is an int, float, str or ``Decimal``; it is rounded half-up to
    ``subunit_digits`` decimals (1 unit = 10**subunit_digits sub-units). The sub-unit part
    is left out when it rounds to zero. Negative amounts are prefixed with "хасах"; an
    amount that rounds to zero has no sign. Raises ``ValueError`` when the integer part
    exceeds 10**15 or the amount is not a finite number.
    """
    if isinstance(subunit_digits, bool) or not isinstance(subunit_digits, int):
        raise TypeError("subunit_digits must be an int")
    if subunit_digits < 0:
        raise ValueError("subunit_digits must be >= 0")
    value = _to_decimal(amount)
    if abs(value) >= MAX_NUMBER + 1:  # also keeps quantize() within the precision below
        raise ValueError(f"{amount!r}: the integer part exceeds {MAX_NUMBER}")
    with localcontext() as context:
        context.prec = len(str(MAX_NUMBER)) + subunit_digits + 1
        rounded = value.quantize(Decimal(1).scaleb(-subunit_digits), rounding=ROUND_HALF_UP)
        whole = int(abs(rounded))
        fraction = int((abs(rounded) - whole).scaleb(subunit_digits))
    if whole > MAX_NUMBER:
        raise ValueError(f"{amount!r}: the integer part exceeds {MAX_NUMBER}")
    words = [number_to_words(whole, attributive=True), unit]
    if fraction:
        words += [number_to_words(fraction, attributive=True), subunit]
    if rounded < 0:
        words.insert(0, "хасах")
    text = " ".join(word for word in words if word)
    return text[:1].upper() + text[1:] if capitalize else text
