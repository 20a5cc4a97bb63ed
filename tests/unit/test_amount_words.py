"""Mongolian amounts in words: addons/mn_crm_sales/tools/amount_words.py."""

import random
from decimal import Decimal

import pytest

# (n, standalone, attributive i.e. in front of a noun such as "төгрөг")
NUMBERS = [
    (0, "тэг", "тэг"),
    (1, "нэг", "нэг"),
    (2, "хоёр", "хоёр"),
    (3, "гурав", "гурван"),
    (4, "дөрөв", "дөрвөн"),
    (5, "тав", "таван"),
    (6, "зургаа", "зургаан"),
    (7, "долоо", "долоон"),
    (8, "найм", "найман"),
    (9, "ес", "есөн"),
    (10, "арав", "арван"),
    (11, "арван нэг", "арван нэг"),
    (12, "арван хоёр", "арван хоёр"),
    (19, "арван ес", "арван есөн"),
    (20, "хорь", "хорин"),
    (21, "хорин нэг", "хорин нэг"),
    (30, "гуч", "гучин"),
    (40, "дөч", "дөчин"),
    (50, "тавь", "тавин"),
    (60, "жар", "жаран"),
    (70, "дал", "далан"),
    (80, "ная", "наян"),
    (90, "ер", "ерэн"),
    (99, "ерэн ес", "ерэн есөн"),
    (100, "нэг зуу", "нэг зуун"),
    (101, "нэг зуун нэг", "нэг зуун нэг"),
    (110, "нэг зуун арав", "нэг зуун арван"),
    (111, "нэг зуун арван нэг", "нэг зуун арван нэг"),
    (200, "хоёр зуу", "хоёр зуун"),
    (345, "гурван зуун дөчин тав", "гурван зуун дөчин таван"),
    (999, "есөн зуун ерэн ес", "есөн зуун ерэн есөн"),
    (1_000, "нэг мянга", "нэг мянган"),
    (1_001, "нэг мянга нэг", "нэг мянга нэг"),
    (1_010, "нэг мянга арав", "нэг мянга арван"),
    (1_234, "нэг мянга хоёр зуун гучин дөрөв", "нэг мянга хоёр зуун гучин дөрвөн"),
    (2_000, "хоёр мянга", "хоёр мянган"),
    (2_024, "хоёр мянга хорин дөрөв", "хоёр мянга хорин дөрвөн"),
    (10_000, "арван мянга", "арван мянган"),
    (15_000, "арван таван мянга", "арван таван мянган"),
    (100_000, "нэг зуун мянга", "нэг зуун мянган"),
    (1_000_000, "нэг сая", "нэг сая"),
    (1_000_001, "нэг сая нэг", "нэг сая нэг"),
    (5_300_000, "таван сая гурван зуун мянга", "таван сая гурван зуун мянган"),
    (10**9, "нэг тэрбум", "нэг тэрбум"),
    (40 * 10**9, "дөчин тэрбум", "дөчин тэрбум"),
    (10**12, "нэг их наяд", "нэг их наяд"),
    (10**12 + 1_000, "нэг их наяд нэг мянга", "нэг их наяд нэг мянган"),
    (
        10**15 - 1,
        "есөн зуун ерэн есөн их наяд есөн зуун ерэн есөн тэрбум есөн зуун ерэн есөн сая"
        " есөн зуун ерэн есөн мянга есөн зуун ерэн ес",
        "есөн зуун ерэн есөн их наяд есөн зуун ерэн есөн тэрбум есөн зуун ерэн есөн сая"
        " есөн зуун ерэн есөн мянга есөн зуун ерэн есөн",
    ),
    (10**15, "нэг тунамал", "нэг тунамал"),
]

# Written out here, independently of the module, so that a stray word fails the test.
VOCABULARY = set(
    "тэг нэг хоёр гурав гурван дөрөв дөрвөн тав таван зургаа зургаан долоо долоон"
    " найм найман ес есөн арав арван хорь хорин гуч гучин дөч дөчин тавь тавин"
    " жар жаран дал далан ная наян ер ерэн зуу зуун мянга мянган сая тэрбум их наяд"
    " тунамал".split()
)

# For the round trip: value of each word, whatever its form.
VALUES = {
    **dict.fromkeys(["нэг"], 1),
    **dict.fromkeys(["хоёр"], 2),
    **dict.fromkeys(["гурав", "гурван"], 3),
    **dict.fromkeys(["дөрөв", "дөрвөн"], 4),
    **dict.fromkeys(["тав", "таван"], 5),
    **dict.fromkeys(["зургаа", "зургаан"], 6),
    **dict.fromkeys(["долоо", "долоон"], 7),
    **dict.fromkeys(["найм", "найман"], 8),
    **dict.fromkeys(["ес", "есөн"], 9),
    **dict.fromkeys(["арав", "арван"], 10),
    **dict.fromkeys(["хорь", "хорин"], 20),
    **dict.fromkeys(["гуч", "гучин"], 30),
    **dict.fromkeys(["дөч", "дөчин"], 40),
    **dict.fromkeys(["тавь", "тавин"], 50),
    **dict.fromkeys(["жар", "жаран"], 60),
    **dict.fromkeys(["дал", "далан"], 70),
    **dict.fromkeys(["ная", "наян"], 80),
    **dict.fromkeys(["ер", "ерэн"], 90),
}
SCALES = {"мянга": 10**3, "мянган": 10**3, "сая": 10**6, "тэрбум": 10**9}
SCALES |= {"их_наяд": 10**12, "тунамал": 10**15}
STANDALONE_ONLY = {"гурав", "дөрөв", "тав", "зургаа", "долоо", "найм", "ес"}
STANDALONE_ONLY |= {"арав", "хорь", "гуч", "дөч", "тавь", "жар", "дал", "ная", "ер", "зуу"}


@pytest.fixture(scope="module")
def aw(pure):
    return pure("mn_crm_sales", "amount_words")


def parse(text):
    """Read a number back from its words (test oracle, forms ignored)."""
    if text == "тэг":
        return 0
    total = group = 0
    for word in text.replace("их наяд", "их_наяд").split():
        if word in ("зуу", "зуун"):
            group *= 100
        elif word in SCALES:
            total, group = total + group * SCALES[word], 0
        else:
            group += VALUES[word]
    return total + group


def sample():
    rng = random.Random(20240601)
    numbers = set(range(20_001))
    for digits in range(5, 16):
        numbers |= {rng.randrange(10 ** (digits - 1), 10**digits) for _ in range(300)}
    numbers |= {10**k for k in range(16)} | {10**k - 1 for k in range(1, 16)}
    return sorted(numbers)


# -- number_to_words ------------------------------------------------------------------


@pytest.mark.parametrize(("n", "standalone", "attributive"), NUMBERS)
def test_number_to_words(aw, n, standalone, attributive):
    assert aw.number_to_words(n) == standalone
    assert aw.number_to_words(n, attributive=True) == attributive


@pytest.mark.parametrize("n", [-1, 10**15 + 1, 10**18])
def test_number_out_of_range(aw, n):
    with pytest.raises(ValueError):
        aw.number_to_words(n)


@pytest.mark.parametrize("n", [1.0, "1", True, None, Decimal(1)])
def test_number_requires_int(aw, n):
    with pytest.raises(TypeError):
        aw.number_to_words(n)


def test_injective_and_round_trip(aw):
    numbers = sample()
    for attributive in (False, True):
        texts = [aw.number_to_words(n, attributive) for n in numbers]
        assert len(set(texts)) == len(numbers)
        assert [parse(text) for text in texts] == numbers


def test_vocabulary(aw):
    used = set()
    for n in sample():
        used |= set(aw.number_to_words(n).split())
        used |= set(aw.number_to_words(n, attributive=True).split())
    assert used == VOCABULARY
    assert aw.VOCABULARY == VOCABULARY


def test_forms_by_position(aw):
    """Standalone forms and мянган appear only last; inner words are attributive."""
    for n in sample():
        *inner, last = aw.number_to_words(n).split()
        assert not STANDALONE_ONLY & set(inner), n
        assert "мянган" not in inner + [last], n
        *inner, last = aw.number_to_words(n, attributive=True).split()
        assert not STANDALONE_ONLY & set(inner + [last]), n
        assert "мянган" not in inner, n


def test_attributive_changes_only_the_last_word(aw):
    for n in sample():
        plain = aw.number_to_words(n).split()
        bound = aw.number_to_words(n, attributive=True).split()
        assert plain[:-1] == bound[:-1], n


# -- amount_to_words ------------------------------------------------------------------

AMOUNTS = [
    (0, "Тэг төгрөг"),
    (1, "Нэг төгрөг"),
    (3, "Гурван төгрөг"),
    (10, "Арван төгрөг"),
    (11, "Арван нэг төгрөг"),
    (20, "Хорин төгрөг"),
    (100, "Нэг зуун төгрөг"),
    (1_000, "Нэг мянган төгрөг"),
    (1_000_000, "Нэг сая төгрөг"),
    (0.01, "Тэг төгрөг нэг мөнгө"),
    (0.05, "Тэг төгрөг таван мөнгө"),
    (0.5, "Тэг төгрөг тавин мөнгө"),
    (1.99, "Нэг төгрөг ерэн есөн мөнгө"),
    (1234.50, "Нэг мянга хоёр зуун гучин дөрвөн төгрөг тавин мөнгө"),
    (12_345.67, "Арван хоёр мянга гурван зуун дөчин таван төгрөг жаран долоон мөнгө"),
    (250.0, "Хоёр зуун тавин төгрөг"),
    (1.005, "Нэг төгрөг нэг мөнгө"),  # read as typed, not as the binary 1.00499...
    (0.995, "Нэг төгрөг"),
    (Decimal("100.10"), "Нэг зуун төгрөг арван мөнгө"),
    (Decimal("2000"), "Хоёр мянган төгрөг"),
    ("1000.005", "Нэг мянган төгрөг нэг мөнгө"),
    ("1000.004", "Нэг мянган төгрөг"),
    (" 42.5 ", "Дөчин хоёр төгрөг тавин мөнгө"),
    (-1500, "Хасах нэг мянга таван зуун төгрөг"),
    (Decimal("-0.5"), "Хасах тэг төгрөг тавин мөнгө"),
    (-0.004, "Тэг төгрөг"),
    (10**15, "Нэг тунамал төгрөг"),
    ("1000000000000000.50", "Нэг тунамал төгрөг тавин мөнгө"),
]


@pytest.mark.parametrize(("amount", "words"), AMOUNTS)
def test_amount_to_words(aw, amount, words):
    assert aw.amount_to_words(amount) == words


def test_amount_just_below_limit(aw):
    assert aw.amount_to_words(10**15 - 1) == (
        "Есөн зуун ерэн есөн их наяд есөн зуун ерэн есөн тэрбум есөн зуун ерэн есөн сая"
        " есөн зуун ерэн есөн мянга есөн зуун ерэн есөн төгрөг"
    )


def test_amount_options(aw):
    dollars = aw.amount_to_words(5.25, unit="доллар", subunit="цент")
    assert dollars == "Таван доллар хорин таван цент"
    assert aw.amount_to_words(5.6, subunit_digits=0) == "Зургаан төгрөг"
    assert aw.amount_to_words("0.125", subunit_digits=3) == "Тэг төгрөг нэг зуун хорин таван мөнгө"
    assert aw.amount_to_words(7, capitalize=False) == "долоон төгрөг"
    assert aw.amount_to_words(-7, capitalize=False) == "хасах долоон төгрөг"


@pytest.mark.parametrize(
    "amount",
    [
        10**15 + 1,
        -(10**15) - 1,
        "1000000000000001",
        Decimal("1E+30"),
        1e300,
        "abc",
        "",
        "NaN",
        float("inf"),
        Decimal("-Infinity"),
    ],
)
def test_amount_invalid(aw, amount):
    with pytest.raises(ValueError):
        aw.amount_to_words(amount)


def test_amount_rounding_over_limit(aw):
    with pytest.raises(ValueError):
        aw.amount_to_words("1000000000000000.5", subunit_digits=0)


@pytest.mark.parametrize("amount", [None, True, [1], 1j])
def test_amount_wrong_type(aw, amount):
    with pytest.raises(TypeError):
        aw.amount_to_words(amount)


def test_amount_bad_subunit_digits(aw):
    with pytest.raises(ValueError):
        aw.amount_to_words(1, subunit_digits=-1)
    with pytest.raises(TypeError):
        aw.amount_to_words(1, subunit_digits=2.0)
