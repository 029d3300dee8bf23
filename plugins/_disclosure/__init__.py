"""Helpers the area plugins share: labels in both languages, finding builders, the plain
in-time test done a column at a time, values made once per unit.

Not a plugin: the loader skips folders starting with ``_``. The areas import
from here relatively (``from .._disclosure.labels import field``).
"""
