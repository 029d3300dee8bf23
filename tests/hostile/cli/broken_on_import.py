"""A plugin file that fails while it is imported (line 7)."""

from __future__ import annotations

LIMITS = {"days": 15}

DEFAULT = LIMITS["hours"]
