"""A record list held as columns: one tuple of values per field, records built when asked.

A CSV record file of thousands of rows is read a column at a time
(:func:`evaluator._inputs.record_rows.column_records`): splitting its text and
converting each column's distinct cells once is several times cheaper than
building a dict per row, and the built-in scorers judge records a column at a
time anyway. :class:`RecordColumns` keeps those columns and is still, to any
code that reads it as a sequence of records, the read-only list of read-only
dicts the row reader would have given: the same keys in the same order, an
empty cell's field left out. Those dicts are built only when a record is read
as one, all of them at the first iteration (then kept), one at a time by index.

Scorers declare which form they take (``@scorer(..., records="columns")``):
one that takes ``"dicts"`` (the default, for plugins written before) gets every
record list as a :class:`~evaluator._core.frozen.FrozenList` of
:class:`~evaluator._core.frozen.FrozenDict`, as it always did
(:func:`dict_view`), built once per unit and only when such a scorer runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, overload

from evaluator._core.frozen import FrozenDict, FrozenList, ReadOnlyError

__all__ = ["RecordColumns", "RecordForm", "column_of", "dict_view"]

RecordForm = Literal["dicts", "columns"]
"""How a scorer takes record lists read as columns (see :class:`RecordColumns`)."""


class RecordColumns(Sequence[Mapping[str, Any]]):
    """A read-only record list as columns: ``columns[field][row]`` (``None``: the cell was empty).

    Read as a sequence, it is the list of records the row reader gives (see
    the module's docstring); :attr:`columns` and :meth:`column` give the
    values without building a record. Equal to a list of the same records.
    """

    __slots__ = ("_columns", "_length", "_ordinals", "_records")

    def __init__(
        self,
        columns: Mapping[str, Sequence[Any]],
        length: int,
        *,
        ordinals: Mapping[str, Any] | None = None,
    ) -> None:
        for name, values in columns.items():
            if len(values) != length:
                raise ValueError(f"column {name!r} holds {len(values)} values, not {length}")
        self._columns = MappingProxyType({name: tuple(v) for name, v in columns.items()})
        self._length = length
        self._records: FrozenList | None = None
        self._ordinals: dict[str, Any] = {}
        for name, days in (ordinals or {}).items():
            if name not in self._columns or len(days) != length:
                raise ValueError(f"ordinals {name!r} do not match a column of {length} values")
            days.flags.writeable = False  # as read-only as the columns
            self._ordinals[name] = days

    def ordinals(self, name: str) -> Any:
        """Field ``name``'s dates as a read-only numpy ``int64`` array of their ordinals (0 for
        ``None``), when the reader made it (from each distinct cell's date); else ``None``:
        :func:`evaluator.working_days.day_ordinals` of :meth:`column` gives the same."""
        return self._ordinals.get(name)

    @property
    def columns(self) -> Mapping[str, tuple[Any, ...]]:
        """Each field's values in record order, ``None`` where a record has none (read-only)."""
        return self._columns

    def column(self, name: str) -> tuple[Any, ...]:
        """The values of field ``name`` (all ``None`` when no record has the field)."""
        found = self._columns.get(name)
        return found if found is not None else (None,) * self._length

    def records(self) -> FrozenList:
        """Every record as a read-only dict, built once."""
        if self._records is None:
            names = list(self._columns)
            rows = zip(*self._columns.values(), strict=True) if names else iter(())
            self._records = FrozenList(
                [
                    FrozenDict({k: v for k, v in zip(names, row, strict=True) if v is not None})
                    for row in rows
                ]
            )
        return self._records

    def _record(self, index: int) -> FrozenDict:
        return FrozenDict(
            {k: values[index] for k, values in self._columns.items() if values[index] is not None}
        )

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Mapping[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if self._records is not None or isinstance(index, slice):
            return self.records()[index]
        if not -self._length <= index < self._length:
            raise IndexError("record index out of range")
        return self._record(index % self._length)

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self.records())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RecordColumns):
            return self._length == other._length and list(self) == list(other)
        if isinstance(other, list | tuple):
            return len(other) == self._length and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list's equal: unhashable as a list is

    def __repr__(self) -> str:
        return f"RecordColumns({list(self._columns)}, {self._length} records)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (RecordColumns, (dict(self._columns), self._length))

    def __copy__(self) -> list[Any]:
        return list(self.records())

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [dict(r) for r in self.records()]

    def select(self, keep: Sequence[bool]) -> RecordColumns:
        """The records whose ``keep`` is true, as columns."""
        chosen = {
            name: tuple(itertools.compress(values, keep)) for name, values in self._columns.items()
        }
        ordinals = {}
        if self._ordinals and len(keep) == self._length:  # numpy's: the chosen rows by a mask
            import numpy as np

            mask = np.fromiter(map(bool, keep), dtype=np.bool_, count=self._length)
            ordinals = {name: days[mask] for name, days in self._ordinals.items()}
        return RecordColumns(chosen, sum(map(bool, keep)), ordinals=ordinals)

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise ReadOnlyError(
            "this record list is read-only (scorers get ctx.data to read); "
            "change a copy instead: copy.deepcopy(...)"
        )

    append = extend = insert = pop = remove = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = _refuse


def column_of(records: Sequence[Mapping[str, Any]], name: str) -> Sequence[Any]:
    """Field ``name`` of every record (``None`` where a record has none), whichever the form."""
    if isinstance(records, RecordColumns):
        return records.column(name)
    return [record.get(name) for record in records]


_last: tuple[Any, Any] = (None, None)
"""The last sections :func:`dict_view` was asked for, and its view: a unit's scorers run in turn."""


def dict_view(sections: Any) -> Any:
    """``sections`` with every :class:`RecordColumns` in it (in dicts, at any depth) replaced
    by its records as a read-only list; ``sections`` itself when it holds none.

    What a scorer that takes ``"dicts"`` is given. The records are built once per
    record list; the view of the sections last asked for is kept, since a unit's
    scorers are given the same sections one after another.
    """
    global _last
    seen, view = _last
    if seen is sections:
        return view
    view = _replaced(sections)
    _last = (sections, view)
    return view


def _replaced(value: Any) -> Any:
    if isinstance(value, RecordColumns):
        return value.records()
    if isinstance(value, dict):
        changed = {k: _replaced(v) for k, v in value.items()}
        if all(changed[k] is v for k, v in value.items()):
            return value
        return FrozenDict(changed) if isinstance(value, FrozenDict) else changed
    return value
