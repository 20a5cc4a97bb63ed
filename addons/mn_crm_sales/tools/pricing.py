"""Pure pricing arithmetic of the pricelist rules (no Odoo imports, unit-tested alone).

- ``round_to_step``: round a final price to a tögrög step (1, 10, 50, 100 ₮) up, down or
  half-up, the way Mongolian shops price their goods.
- ``local_weekday_hour``: the weekday and the hour of day, in a time zone, of a naive UTC
  datetime (Odoo's ``date_order``), which is what a weekday/hour pricelist window compares.
- ``in_time_window``: whether a weekday and hour fall in a rule's days and hours.
- ``floor_unit_price``: the lowest unit price a margin floor allows above a cost.
"""

import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pytz

ROUNDING_METHODS = {
    "up": ROUND_CEILING,
    "down": ROUND_FLOOR,
    "half": ROUND_HALF_UP,
}
# Prices are rounded to this many decimals before stepping, so that binary noise such as
# 45000.000000001 is not rounded *up* to the next step.
NOISE_DECIMALS = 6


def round_to_step(amount, step, method="half"):
    """Round ``amount`` to a multiple of ``step`` with ``method`` (up, down or half).

    ``up`` and ``down`` go towards plus and minus infinity; ``half`` rounds to the
    nearest multiple, halves away from zero (44 950 → 45 000 for a 100 step).
    A falsy ``step`` returns the amount unchanged.
    """
    if not step:
        return amount
    if method not in ROUNDING_METHODS:
        raise ValueError(f"unknown rounding method {method!r}")
    step = Decimal(str(step))
    if step <= 0:
        raise ValueError("the rounding step must be positive")
    value = Decimal(str(round(amount, NOISE_DECIMALS)))
    steps = (value / step).quantize(Decimal(1), rounding=ROUNDING_METHODS[method])
    return float(steps * step)


def local_weekday_hour(moment, tz_name):
    """Weekday (Monday = 0) and hour of day as a float (13:30 → 13.5) in ``tz_name``.

    ``moment`` is a naive datetime in UTC (as Odoo stores datetimes) or an aware one.
    A plain ``date`` has no time: its weekday is returned with ``None`` as hour.
    """
    if not isinstance(moment, datetime.datetime):
        return moment.weekday(), None
    if moment.tzinfo is None:
        moment = pytz.utc.localize(moment)
    local = moment.astimezone(pytz.timezone(tz_name))
    hour = local.hour + local.minute / 60 + local.second / 3600
    return local.weekday(), hour


def in_time_window(weekday, hour, weekdays, hour_from=0.0, hour_to=24.0):
    """Whether ``weekday``/``hour`` (from ``local_weekday_hour``) fall in a window.

    ``weekdays``: allowed weekdays (Monday = 0), empty for every day. Hours: ``hour_from``
    included, ``hour_to`` excluded. An unknown hour (``None``, a plain date) only fits a
    window open all day.
    """
    if weekdays and weekday not in weekdays:
        return False
    if hour is None:
        return hour_from <= 0 and hour_to >= 24
    return hour_from <= hour < hour_to


def floor_unit_price(cost, margin_percent):
    """Lowest unit price allowed: ``cost × (1 + margin / 100)``."""
    return cost * (1 + (margin_percent or 0.0) / 100)
