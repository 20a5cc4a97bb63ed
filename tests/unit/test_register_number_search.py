"""Unit tests of mn_crm_sales/tools/register_number_search.py (no Odoo needed)."""

import pytest


@pytest.fixture(scope="module")
def rns(pure):
    return pure("mn_crm_sales", "register_number_search")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("", []),
        ("  ", []),
        ("УБ99031512", ["УБ99031512"]),
        ("уб 9903-1512", ["УБ99031512"]),
        ("ub 99031512", ["УБ99031512"]),  # look-alike reading keeps a Latin U: dropped
        ("UB99031512", ["УБ99031512"]),
        ("ab99031512", ["АВ99031512", "АБ99031512"]),  # both readings are plausible
        ("AA99031512", ["АА99031512"]),
        ("mt 99031522", ["МТ99031522"]),
        ("201 2345", ["2012345"]),
        ("ÖM88121578", ["ӨМ88121578"]),
        ("qw99031512", []),  # no reading gives Cyrillic letters
        ("Бат-Эрдэнэ", ["БАТЭРДЭНЭ"]),
    ],
)
def test_search_forms(rns, raw, expected):
    assert rns.search_forms(raw) == expected


def test_search_forms_are_fixed_points(rns):
    # The ORM calls the search method again on what it returned: it must settle.
    for raw in ("ub 99031512", "ab99031512", "201 2345"):
        for form in rns.search_forms(raw):
            assert rns.search_forms(form) == [form]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("УБ99031512", True),
        ("ub 99031512", True),
        ("99031512", True),
        ("2012345", True),
        ("УБ9903", True),
        ("031512", True),
        ("УБ", False),
        ("a", False),
        ("123", False),
        ("Бат", False),
        ("Бат 2012345", False),
        ("info@example.mn", False),
        ("", False),
    ],
)
def test_looks_like_number(rns, raw, expected):
    assert rns.looks_like_number(raw) is expected
