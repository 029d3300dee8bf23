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

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, overload

from evaluator._core.frozen import FrozenDict, FrozenList, ReadOnlyError

__all__ = ["Coded", "RecordColumns", "RecordForm", "column_of", "dict_view"]

RecordForm = Literal["dicts", "columns"]
"""How a scorer takes record lists read as columns (see :class:`RecordColumns`)."""


class Coded:
    """A column as its distinct values and, per row, the position of its value (numpy).

    What pyarrow's dictionary encoding gives a reader: ``values[codes[row]]`` is the
    row's value. Two positions may hold equal values (two cells written differently,
    ``true`` and ``TRUE``, convert alike). A scorer reads it through
    :meth:`RecordColumns.coded` to work a column at a time without a Python value per
    row; ``codes`` is read-only.
    """

    __slots__ = ("codes", "values")

    def __init__(self, values: Sequence[Any], codes: Any) -> None:
        import numpy as np

        self.values = tuple(values)
        self.codes = np.array(codes, dtype=np.intp)  # a copy of its own, made read-only
        self.codes.flags.writeable = False

    def __len__(self) -> int:
        return len(self.codes)

    def row(self, index: int) -> Any:
        """The value of row ``index``."""
        return self.values[self.codes[index]]

    def per_row(self, function: Callable[[Any], Any], dtype: Any) -> Any:
        """``function`` of each row's value as a numpy array of ``dtype``: called once per
        distinct value, the rows taken by their codes."""
        import numpy as np

        return np.asarray([function(v) for v in self.values], dtype=dtype)[self.codes]

    def as_tuple(self) -> tuple[Any, ...]:
        """Every row's value, in row order."""
        return tuple(map(self.values.__getitem__, self.codes.tolist()))


class _Columns(Mapping[str, tuple[Any, ...]]):
    """:attr:`RecordColumns.columns`: each field's tuple, made when first read (read-only)."""

    __slots__ = ("_owner",)

    def __init__(self, owner: RecordColumns) -> None:
        self._owner = owner

    def __getitem__(self, name: str) -> tuple[Any, ...]:
        if name not in self._owner._data:
            raise KeyError(name)
        return self._owner.column(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._owner._data)

    def __len__(self) -> int:
        return len(self._owner._data)

    def __contains__(self, name: object) -> bool:
        return name in self._owner._data

    def __repr__(self) -> str:
        return repr(dict(self))


class RecordColumns(Sequence[Mapping[str, Any]]):
    """A read-only record list as columns: ``columns[field][row]`` (``None``: the cell was empty).

    Read as a sequence, it is the list of records the row reader gives (see
    the module's docstring); :attr:`columns` and :meth:`column` give the
    values without building a record. Equal to a list of the same records.
    A column may be given as a :class:`Coded` (a reader's distinct values and
    codes): its tuple is made only when read (:meth:`column`), and
    :meth:`coded` and :meth:`ordinals` give it as numpy arrays without a
    Python value per row.
    """

    __slots__ = ("_data", "_length", "_ordinals", "_records", "_tuples")

    def __init__(self, columns: Mapping[str, Sequence[Any] | Coded], length: int) -> None:
        for name, values in columns.items():
            if len(values) != length:
                raise ValueError(f"column {name!r} holds {len(values)} values, not {length}")
        self._data: dict[str, tuple[Any, ...] | Coded] = {
            name: v if isinstance(v, Coded) else tuple(v) for name, v in columns.items()
        }
        self._tuples: dict[str, tuple[Any, ...]] = {}
        self._ordinals: dict[str, Any] = {}
        self._length = length
        self._records: FrozenList | None = None

    @property
    def columns(self) -> Mapping[str, tuple[Any, ...]]:
        """Each field's values in record order, ``None`` where a record has none (read-only)."""
        return _Columns(self)

    def column(self, name: str) -> tuple[Any, ...]:
        """The values of field ``name`` (all ``None`` when no record has the field)."""
        found = self._data.get(name)
        if found is None:
            return (None,) * self._length
        if isinstance(found, Coded):
            made = self._tuples.get(name)
            if made is None:
                made = self._tuples[name] = found.as_tuple()
            return made
        return found

    def coded(self, name: str) -> Coded | None:
        """Field ``name`` as the reader's :class:`Coded` column, when it made one; else ``None``."""
        found = self._data.get(name)
        return found if isinstance(found, Coded) else None

    def ordinals(self, name: str) -> Any:
        """Field ``name``'s dates as a read-only numpy ``int64`` array of their ordinals (0 for
        ``None``), when the reader gave it as a :class:`Coded` column of dates; else ``None``:
        :func:`evaluator.working_days.day_ordinals` of :meth:`column` gives the same."""
        if name in self._ordinals:
            return self._ordinals[name]
        found = self._data.get(name)
        days = None
        if isinstance(found, Coded) and all(type(v) is dt.date or v is None for v in found.values):
            days = found.per_row(lambda v: 0 if v is None else v.toordinal(), "int64")
            days.flags.writeable = False  # as read-only as the columns
        self._ordinals[name] = days
        return days

    def records(self) -> FrozenList:
        """Every record as a read-only dict, built once."""
        if self._records is None:
            names = list(self._data)
            every = [self.column(name) for name in names]
            rows = zip(*every, strict=True) if names else iter(())
            self._records = FrozenList(
                [
                    FrozenDict({k: v for k, v in zip(names, row, strict=True) if v is not None})
                    for row in rows
                ]
            )
        return self._records

    def _record(self, index: int) -> FrozenDict:
        row = {}
        for name, values in self._data.items():
            value = values.row(index) if isinstance(values, Coded) else values[index]
            if value is not None:
                row[name] = value
        return FrozenDict(row)

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
        return f"RecordColumns({list(self._data)}, {self._length} records)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (RecordColumns, ({name: self.column(name) for name in self._data}, self._length))

    def __copy__(self) -> list[Any]:
        return list(self.records())

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [dict(r) for r in self.records()]

    def select(self, keep: Sequence[bool]) -> RecordColumns:
        """The records whose ``keep`` is true, as columns (a :class:`Coded` column stays so)."""
        mask = None
        if any(isinstance(v, Coded) for v in self._data.values()) and len(keep) == self._length:
            import numpy as np

            mask = np.fromiter(map(bool, keep), dtype=np.bool_, count=self._length)
        chosen: dict[str, Sequence[Any] | Coded] = {}
        for name, values in self._data.items():
            if isinstance(values, Coded) and mask is not None:
                chosen[name] = Coded(values.values, values.codes[mask])
            else:
                chosen[name] = tuple(itertools.compress(self.column(name), keep))
        return RecordColumns(chosen, sum(map(bool, keep)))

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
