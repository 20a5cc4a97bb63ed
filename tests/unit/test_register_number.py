"""Unit tests of mn_crm_sales/tools/register_number.py (no Odoo needed)."""

import dataclasses
from datetime import date, datetime

import pytest

# A fixed "today" keeps the future-date cases stable over time.
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def rn(pure):
    return pure("mn_crm_sales", "register_number")


# --- normalize -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        (False, ""),
        ("", ""),
        ("   ", ""),
        (" - . ", ""),
        (" 201 2345 ", "2012345"),
        ("201-23.45", "2012345"),
        ("２０１２３４５", "2012345"),  # full-width digits
        ("уб99031512", "УБ99031512"),  # Cyrillic lower case
        ("өм 88-12-15-78", "ӨМ88121578"),
        ("ёа99031512", "ЁА99031512"),
        ("Е\u0308А99031512", "ЁА99031512"),  # decomposed Ё
        ("AA99031512", "АА99031512"),  # Latin look-alikes
        ("ab99031512", "АВ99031512"),
        ("Aб99031512", "АБ99031512"),  # mixed scripts
        ("cekmoptxyh", "СЕКМОРТХУН"),
        ("УБ\u00a099\t03\n1512", "УБ99031512"),  # NBSP, tab, newline
        ("УБ\u201399031512", "УБ99031512"),  # en dash
        ("ub99031512", "UВ99031512"),  # 'u' has no Cyrillic look-alike: left as is
    ],
)
def test_normalize(rn, raw, expected):
    assert rn.normalize(raw) == expected


def test_normalize_is_idempotent(rn):
    once = rn.normalize(" ab-99.03 15 12 ")
    assert rn.normalize(once) == once


# --- valid numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["2012345", " 201 2345 ", "201-2345", "0000000", "9999999", "２０１２３４５"],
)
def test_company(rn, raw):
    result = rn.parse(raw, today=TODAY)
    assert result == rn.RegisterNumber(
        number=rn.normalize(raw), kind=rn.KIND_COMPANY, birth_date=None, sex=None
    )


@pytest.mark.parametrize(
    ("raw", "number", "birth_date", "sex"),
    [
        # 1900s: month 01-12
        ("УБ99031512", "УБ99031512", date(1999, 3, 15), "male"),
        ("УБ99031502", "УБ99031502", date(1999, 3, 15), "female"),
        ("АЫ85013112", "АЫ85013112", date(1985, 1, 31), "male"),  # Ы allowed 2nd
        ("ӨМ88121578", "ӨМ88121578", date(1988, 12, 15), "male"),
        ("ҮҮ00010100", "ҮҮ00010100", date(1900, 1, 1), "female"),
        ("ЁА70063040", "ЁА70063040", date(1970, 6, 30), "female"),
        ("ЯЯ99123199", "ЯЯ99123199", date(1999, 12, 31), "male"),
        # 2000s: month 21-32
        ("ЧД05231204", "ЧД05231204", date(2005, 3, 12), "female"),
        ("ЧД00210101", "ЧД00210101", date(2000, 1, 1), "female"),
        ("ХО24323150", "ХО24323150", date(2024, 12, 31), "male"),
        # leap years
        ("АА96022930", "АА96022930", date(1996, 2, 29), "male"),
        ("АА00222914", "АА00222914", date(2000, 2, 29), "male"),  # 2000 is leap
        ("АА04222980", "АА04222980", date(2004, 2, 29), "female"),
        # the birth date may be today itself
        ("АА25260112", "АА25260112", date(2025, 6, 1), "male"),
        # normalisation
        ("уб 990315-12", "УБ99031512", date(1999, 3, 15), "male"),
        ("AA99031512", "АА99031512", date(1999, 3, 15), "male"),
        ("mt-99-03-15-22", "МТ99031522", date(1999, 3, 15), "female"),
        ("Е\u0308А99031512", "ЁА99031512", date(1999, 3, 15), "male"),
    ],
)
def test_individual(rn, raw, number, birth_date, sex):
    result = rn.parse(raw, today=TODAY)
    assert result.number == number
    assert result.kind == rn.KIND_INDIVIDUAL
    assert result.birth_date == birth_date
    assert result.sex == sex


@pytest.mark.parametrize("digit", range(10))
def test_sex_is_parity_of_penultimate_digit(rn, digit):
    result = rn.parse(f"УБ990315{digit}2", today=TODAY)
    assert result.sex == (rn.SEX_MALE if digit % 2 else rn.SEX_FEMALE)


def test_last_digit_does_not_decide_sex(rn):
    # The last digit is the (unpublished) control code, not the sex.
    assert rn.parse("УБ99031511", today=TODAY).sex == rn.SEX_MALE
    assert rn.parse("УБ99031520", today=TODAY).sex == rn.SEX_FEMALE


def test_today_defaults_to_current_date(rn):
    assert rn.parse("УБ99031512").birth_date == date(1999, 3, 15)


def test_today_may_be_a_datetime(rn):
    assert rn.is_valid("АА25260112", today=datetime(2025, 6, 1, 23, 59))
    assert not rn.is_valid("АА25260212", today=datetime(2025, 6, 1, 23, 59))


def test_result_is_frozen(rn):
    result = rn.parse("2012345")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.number = "2000000"


# --- invalid numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        # empty
        (None, "empty"),
        (False, "empty"),
        ("", "empty"),
        ("  ", "empty"),
        ("-.-", "empty"),
        # shape
        ("201234", "shape"),  # 6 digits
        ("20123456", "shape"),  # 8 digits
        ("1299031512", "shape"),  # digits in the letter positions
        ("А99031512", "shape"),  # one letter
        ("АБВ9903151", "shape"),  # three letters
        ("АБ9903151", "shape"),  # 7 digits after the letters
        ("АБ990315123", "shape"),  # 9 digits after the letters
        ("АБ9903151Х", "shape"),
        ("2012345А", "shape"),
        ("20l2345", "shape"),  # lower-case L for 1
        ("А_99031512", "shape"),
        ("٢٠١٢٣٤٥", "shape"),  # Arabic-Indic digits are not accepted as digits
        ("АБ٩٩٠٣١٥١٢", "shape"),
        # letters
        ("UB99031512", "letters"),  # 'U' has no Cyrillic look-alike
        ("ub99031512", "letters"),
        ("DD99031512", "letters"),
        ("ΑΒ99031512", "letters"),  # Greek capitals
        ("ЫА99031512", "letters"),
        ("ЬА99031512", "letters"),
        ("ЪА99031512", "letters"),
        ("ЄА99031512", "letters"),  # Ukrainian Є
        # month
        ("АА85001512", "month"),
        ("АА85131512", "month"),
        ("АА85201512", "month"),
        ("АА85331512", "month"),
        ("АА85991512", "month"),
        # day
        ("АА85010012", "day"),
        ("АА85013212", "day"),
        ("АА85043112", "day"),  # 31 April
        ("АА99022912", "day"),  # 1999 is not leap
        ("АА00022912", "day"),  # 1900 is not leap
        ("АА23222912", "day"),  # 2023 is not leap
        ("АА04223012", "day"),  # 30 February 2004
        # future (TODAY is 1 June 2025)
        ("АА25260212", "future"),
        ("АА30211012", "future"),
        ("АА99321512", "future"),
    ],
)
def test_invalid(rn, raw, code):
    with pytest.raises(rn.RegisterNumberError) as caught:
        rn.parse(raw, today=TODAY)
    assert caught.value.code == code
    assert not rn.is_valid(raw, today=TODAY)


def test_future_with_default_today(rn):
    with pytest.raises(rn.RegisterNumberError) as caught:
        rn.parse("АА99321512")
    assert caught.value.code == "future"


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        ("", "empty", {}),
        ("20 123", "shape", {"number": "20123"}),
        ("ub99031512", "letters", {"number": "UВ99031512", "letters": "UВ"}),
        ("АА85131512", "month", {"number": "АА85131512", "month": 13}),
        (
            "АА99022912",
            "day",
            {"number": "АА99022912", "year": 1999, "month": 2, "day": 29},
        ),
        (
            "АА25260212",
            "future",
            {"number": "АА25260212", "birth_date": date(2025, 6, 2), "today": TODAY},
        ),
    ],
)
def test_error_params(rn, raw, code, params):
    with pytest.raises(rn.RegisterNumberError) as caught:
        rn.parse(raw, today=TODAY)
    assert caught.value.code == code
    assert caught.value.params == params


def test_error_is_a_value_error(rn):
    error = rn.RegisterNumberError("month", month=13)
    assert isinstance(error, ValueError)
    assert str(error) == "month"
    assert error.params == {"month": 13}


# --- is_valid --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2012345", True),
        ("уб99031512", True),
        ("AA00222914", True),
        (None, False),
        ("201234", False),
        ("АА99022912", False),
    ],
)
def test_is_valid(rn, raw, expected):
    assert rn.is_valid(raw, today=TODAY) is expected
