"""Calendar periods for reports, free of Odoo (unit-testable)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")


def month_bounds_utc(year, month, tz_name="UTC"):
    """First instant of ``year-month`` and of the next month, as naive UTC datetimes.

    Odoo stores datetimes in naive UTC and the web client groups them by month in the
    user's time zone; a monthly report must cut the month where the user's calendar does
    (Ulaanbaatar is UTC+8: 31 March 20:00 UTC already belongs to April there).
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    tz = ZoneInfo(tz_name or "UTC")
    start = datetime(year, month, 1, tzinfo=tz)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        following.astimezone(UTC).replace(tzinfo=None),
    )
