"""The time zone a scheme shows times in (``scheme.yaml`` ``time_zone``): an offset or a name.

Results keep their times in UTC (``generated_at``, as the data contract says); what a
reader is shown is that moment in the scheme's zone, Beijing time unless it says
otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

__all__ = ["DEFAULT_ZONE", "local_time", "time_zone"]

DEFAULT_ZONE = "+08:00"
_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)")


def time_zone(name: str) -> dt.tzinfo | None:
    """The zone ``name`` means (``+08:00``, ``Asia/Shanghai``), or None if it means none."""
    found = _OFFSET.fullmatch(name)
    if found:
        sign = -1 if found[1] == "-" else 1
        delta = dt.timedelta(hours=int(found[2]), minutes=int(found[3]))
        return dt.timezone(sign * delta) if delta < dt.timedelta(hours=15) else None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def local_time(moment: str, zone: str = DEFAULT_ZONE) -> str:
    """The ISO 8601 time ``moment`` (``2017-01-10T00:00:00Z``) in ``zone``, as readers are
    shown it: ``2017-01-10 08:00:00 +08:00``; unchanged if either cannot be read."""
    tz = time_zone(zone)
    try:
        when = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        return moment
    if tz is None or when.tzinfo is None:
        return moment
    shown = when.astimezone(tz)
    offset = shown.strftime("%z")
    return shown.strftime("%Y-%m-%d %H:%M:%S ") + f"{offset[:3]}:{offset[3:]}"
