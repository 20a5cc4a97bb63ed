"""Unit tests of mn_crm_sales/tools/pricing.py (no Odoo needed)."""

from datetime import date, datetime, timedelta, timezone

import pytest


@pytest.fixture(scope="module")
def pricing(pure):
    return pure("mn_crm_sales", "pricing")


# --- round_to_step -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "step", "method", "expected"),
    [
        (44950, 100, "half", 45000),
        (44949.99, 100, "half", 44900),
        (107910, 100, "half", 107900),
        (107950, 100, "half", 108000),
        (107901, 100, "up", 108000),
        (107999, 100, "down", 107900),
        (107925, 50, "half", 107950),
        (107924, 50, "half", 107900),
        (1234, 10, "up", 1240),
        (1234, 10, "down", 1230),
        (1234.5, 1, "half", 1235),
        (1234.4, 1, "half", 1234),
        (45000, 100, "up", 45000),
        (45000, 100, "down", 45000),
        (0, 100, "half", 0),
    ],
)
def test_round_to_step(pricing, amount, step, method, expected):
    assert pricing.round_to_step(amount, step, method) == expected


def test_round_ignores_binary_noise(pricing):
    # 0.1 * 3 * 150000 is 45000.00000000001 in binary floating point
    noisy = 0.1 * 3 * 150000
    assert noisy != 45000
    assert pricing.round_to_step(noisy, 100, "up") == 45000
    assert pricing.round_to_step(45000 - 1e-9, 100, "down") == 45000


def test_round_without_step_keeps_amount(pricing):
    assert pricing.round_to_step(1234.56, 0, "half") == 1234.56
    assert pricing.round_to_step(1234.56, None, "up") == 1234.56


def test_round_negative_amounts_follow_the_number_line(pricing):
    assert pricing.round_to_step(-149, 100, "up") == -100
    assert pricing.round_to_step(-149, 100, "down") == -200
    assert pricing.round_to_step(-150, 100, "half") == -200


@pytest.mark.parametrize(("step", "method"), [(100, "nearest"), (-10, "half")])
def test_round_refuses_bad_arguments(pricing, step, method):
    with pytest.raises(ValueError):
        pricing.round_to_step(10, step, method)


# --- local_weekday_hour ------------------------------------------------------------------

UB = "Asia/Ulaanbaatar"  # UTC+8 all year


def test_naive_utc_is_shifted_to_ulaanbaatar(pricing):
    # Friday 20:00 UTC is already Saturday 04:00 in Ulaanbaatar
    assert pricing.local_weekday_hour(datetime(2025, 6, 6, 20, 0), UB) == (5, 4.0)


def test_minutes_become_fractions_of_hours(pricing):
    weekday, hour = pricing.local_weekday_hour(datetime(2025, 6, 9, 5, 30), UB)
    assert (weekday, hour) == (0, 13.5)  # Monday 13:30


def test_aware_datetimes_are_converted(pricing):
    moment = datetime(2025, 6, 8, 23, 0, tzinfo=timezone(timedelta(hours=8)))
    assert pricing.local_weekday_hour(moment, UB) == (6, 23.0)  # Sunday 23:00


def test_plain_date_has_no_hour(pricing):
    assert pricing.local_weekday_hour(date(2025, 6, 7), UB) == (5, None)


# --- in_time_window ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekday", "hour", "weekdays", "hour_from", "hour_to", "expected"),
    [
        (5, 12.0, [5, 6], 0, 24, True),
        (2, 12.0, [5, 6], 0, 24, False),
        (2, 12.0, [], 0, 24, True),
        (2, 12.0, [], 12, 14.5, True),
        (2, 14.5, [], 12, 14.5, False),
        (2, 11.99, [], 12, 14.5, False),
        (6, 13.0, [6], 12, 14, True),
        (6, 15.0, [6], 12, 14, False),
        (5, None, [5], 0, 24, True),
        (5, None, [5], 8, 20, False),
        (4, None, [5], 0, 24, False),
    ],
)
def test_in_time_window(pricing, weekday, hour, weekdays, hour_from, hour_to, expected):
    assert pricing.in_time_window(weekday, hour, weekdays, hour_from, hour_to) is expected


# --- floor_unit_price --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cost", "margin", "expected"),
    [(100000, 15, 115000), (100000, 0, 100000), (100000, None, 100000), (0, 50, 0)],
)
def test_floor_unit_price(pricing, cost, margin, expected):
    assert pricing.floor_unit_price(cost, margin) == pytest.approx(expected)
