"""The script a capable analyst would write instead of ``evaluate``: the peer of the benchmark.

It reads what the engine reads for the three big record lists of a generated
evaluation (``benchmarks/generate.py``): each unit's YAML with libyaml, its
requests, website messages and key-area items from CSV into columns (polars),
or from the YAML's inline lists; the scheme's year, snapshot and params from
``criteria/``; the website check dates from ``facts.yaml``. It then applies the
engine's deadline rules over a numpy working-day index (the ordinal of working
days per date, from the ``holidays`` package's China calendar, the one the
engine uses, make-up working days included) as array arithmetic:

- requests (``responsiveness.requests``): the law in force on the day of
  receipt (the 2008 or the 2019 limits, ``open_at_switch``), an extension only
  when the applicant was told by the original deadline (or credited by the
  scheme), in time when replied on or before the due working day, judged in
  the run of the year it settles in (its reply if in time, else its due day);
- website messages (``website.messages``): valid ones only, in time within the
  scheme's working days, the months line for settling and for the veto;
- key-area items (``key_area.timeliness`` and ``coverage``): the item's own
  deadline (calendar days ending on a working day, or working days) else the
  scheme's, settled the same way; a required item with nothing published in
  the year is missing.

It writes one verdict per record (``in_time``, ``late``, ``missing``, or not
judged in this run: ``pending``, ``later``, ``earlier``, ``set_aside``) and
prints per-unit counts. It does not cover what the generator never writes
(pauses, corrections, copies of an id, periods, workbooks, ...): it stops with
a message rather than guess. ``benchmarks/peer_check.py`` compares its verdicts
with the engine's findings (``tests/test_peer.py``, ``run.py``'s peer table).

    python benchmarks/peer.py benchmarks/data/city --verdicts verdicts.csv
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import holidays
import numpy as np
import polars as pl
import yaml

ROOT = Path(__file__).resolve().parents[1]
LISTS = {  # list -> (section, key, columns and their types)
    "requests": ("responsiveness", "requests", {"id": pl.String, "received_on": pl.Date,
                 "replied_on": pl.Date, "extended": pl.Boolean, "outcome": pl.String,
                 "extension_notified_on": pl.Date}),
    "messages": ("website", "messages", {"id": pl.String, "received_on": pl.Date,
                 "replied_on": pl.Date, "valid": pl.Boolean}),
    "items": ("key_area_disclosure", "items", {"item": pl.String, "formed_on": pl.Date,
              "published_on": pl.Date, "url": pl.String, "in_designated_column": pl.Boolean}),
}  # fmt: skip
RARE = {"corrected_on", "correction_notified_on", "corrections", "consultation_from",
        "consultation_to", "consulted_agency", "period"}  # fmt: skip


def load(path: Path) -> Any:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def day(value: Any) -> int:
    return (dt.date.fromisoformat(str(value)) - dt.date(1970, 1, 1)).days


class Days:
    """Working days of whole years: ``count[d]`` working days up to and including ``d``."""

    def __init__(self, first: int, last: int) -> None:
        cal = holidays.country_holidays("CN", years=range(first, last + 1))
        start = dt.date(first, 1, 1)
        every = [start + dt.timedelta(i) for i in range((dt.date(last, 12, 31) - start).days + 1)]
        self.base = day(start)
        self.working = np.array([cal.is_working_day(d) for d in every])
        self.count = np.cumsum(self.working)
        self.dates = np.flatnonzero(self.working) + self.base  # the k-th working day at k - 1

    def due(self, start: np.ndarray, allowance: np.ndarray) -> np.ndarray:
        """The ``allowance``-th working day after ``start`` (``start`` itself for 0)."""
        k = self.count[start - self.base] + allowance
        return np.where(allowance > 0, self.dates[np.maximum(k, 1) - 1], start)

    def on_or_after(self, day_: np.ndarray) -> np.ndarray:
        """``day_`` when a working day, else the next one (a period in calendar days)."""
        i = day_ - self.base
        return self.dates[self.count[i] - self.working[i]]


def year(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def col(frame: pl.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """A date column as days since 1970 (0 where empty) and whether each is given."""
    s = frame[name]
    return s.cast(pl.Int64).fill_null(0).to_numpy(), s.is_not_null().to_numpy()


def settle(
    rule_year: int,
    done: np.ndarray,
    on_done: np.ndarray,
    answered: np.ndarray,
    due: np.ndarray,
    now: np.ndarray,
) -> np.ndarray:
    """Which run judges each record (``evaluator.rules.settlement``): -1 earlier, 0 this one,
    1 later; an open record not due at ``now``: 2 (due after the year) or 3 (pending).
    A record settles on ``done`` where ``on_done``, else on its ``due`` day."""
    run = np.sign(year(np.where(on_done, done, due)) - rule_year)
    waiting = ~answered & ~(now > due)
    return np.where(waiting, np.where(year(due) > rule_year, 2, 3), run)


VERDICTS = ("in_time", "late", "missing", "pending", "later", "earlier", "set_aside")
VERDICT = pl.Enum(VERDICTS)


def verdict(run: np.ndarray, in_time: np.ndarray, aside: np.ndarray) -> pl.Series:
    """Each record's verdict: set aside, judged in another run, else in time or late."""
    code = np.select(
        [aside, run == -1, (run == 1) | (run == 2), run == 3, in_time], [6, 5, 4, 3, 0], 1
    )
    return pl.Series("verdict", VERDICTS, VERDICT).gather(code)


def read(root: Path) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Every unit's three lists (with a ``unit`` column), and the units.

    CSV files of one list and header are read together, in one polars scan."""
    units, parts = [], {name: [] for name in LISTS}
    files: dict[tuple[str, str], dict[str, str]] = {}  # (list, header) -> {path: unit}
    for path in sorted(root.iterdir()):
        if path.is_dir() and (path / "submission.yaml").is_file():
            path = path / "submission.yaml"
        elif path.suffix != ".yaml" or path.name.startswith("."):
            continue
        data = load(path)
        unit = data["unit"]["id"]
        units.append({"unit": unit, "type": data["unit"]["type"]})
        for name, (section, key, types) in LISTS.items():
            value = data.get(section, {}).get(key, [])
            if isinstance(value, dict):  # {csv: FILE}: read beside the YAML
                assert set(value) == {"csv"}, f"{path}: only CSV files are read: {value}"
                csv = str(path.parent / value["csv"])
                with open(csv, encoding="utf-8") as handle:
                    files.setdefault((name, handle.readline().strip()), {})[csv] = unit
            elif value:
                parts[name].append(
                    columns(pl.from_dicts(value, schema_overrides=types), name, unit)
                )
    for (name, _), paths in files.items():
        scan = pl.scan_csv(list(paths), schema_overrides=LISTS[name][2], include_file_paths="path")
        frame = scan.collect()
        parts[name].append(columns(frame, name, frame["path"].replace_strict(paths)))
    lists = {
        name: pl.concat(found)
        if found
        else columns(pl.DataFrame(), name, pl.Series("unit", [], pl.String))
        for name, found in parts.items()
    }
    return lists, pl.DataFrame(units)


def columns(frame: pl.DataFrame, name: str, unit: str | pl.Series) -> pl.DataFrame:
    """A list's columns, typed, with the unit's id; stops at a field the peer does not read."""
    types = LISTS[name][2]
    extra = set(frame.columns) - set(types) - {"path"}
    assert not extra & RARE, f"{name}: the peer does not read {sorted(extra & RARE)}"
    return frame.select(
        (pl.lit(unit) if isinstance(unit, str) else unit).alias("unit"),
        *(pl.col(c) if c in frame.columns else pl.lit(None).alias(c) for c in types),
    ).cast(dict(types))


def judge(root: Path, criteria: Path) -> pl.DataFrame:
    """One verdict per record (and per missing checklist item): unit, list, id, verdict."""
    scheme = load(criteria / "scheme.yaml")
    rule_year, as_of = scheme["year"], day(scheme["as_of"])
    params = {}
    for dimension in scheme["dimensions"]:
        for indicator in load(criteria / dimension["file"])["indicators"]:
            params[indicator.get("scorer")] = indicator.get("params", {})
    lists, units = read(root)
    facts = load(criteria / "facts.yaml") or {}
    checked = {u: day(f["checked_on"]) for u, f in (facts.get("units") or {}).items()
               if "checked_on" in f}  # fmt: skip
    years = [d.year for f in lists.values() for c in f.columns if f[c].dtype == pl.Date
             for d in (f[c].min(), f[c].max()) if d is not None]  # fmt: skip
    cal = Days(min(rule_year - 1, *years), max(rule_year, *years) + 2)
    out = []

    # ---- requests: the law in force on the day of receipt, extensions notified in time
    p = params["responsiveness.requests"]
    r = lists["requests"]
    ids_unique(r, "requests")
    rec, _ = col(r, "received_on")
    rep, has = col(r, "replied_on")
    has &= rep <= as_of  # a reply after the snapshot is not accepted
    switch = day(p["ogi_2019_from"])
    old, new = p["regimes"]["ogi-2008"], p["regimes"]["ogi-2019"]
    law19 = rec >= switch
    if p["open_at_switch"] == "new_law" and switch <= as_of:
        open_then = cal.due(rec, np.full_like(rec, old["limit"])) >= switch
        law19 |= open_then & (~has | (rep >= switch))
    limit = np.where(law19, new["limit"], old["limit"])
    extension = np.where(law19, new["extension"], old["extension"])
    told, told_given = col(r, "extension_notified_on")
    extended = r["extended"].fill_null(False).to_numpy() & (extension > 0)
    proven = told_given & (told >= rec) & (told <= cal.due(rec, limit))
    credited = proven | (~told_given & p["credit_unproven_extensions"])
    limit = limit + np.where(extended & credited, extension, 0)
    due = cal.due(rec, limit)
    in_time = has & (rep >= rec) & (rep <= due)
    aside = (rec > as_of) | (year(rec) > rule_year)
    run = settle(rule_year, rep, in_time, has, due, np.full_like(rec, as_of))
    out.append(frame(r, "requests", "id", verdict(run, in_time, aside)))

    # ---- website messages: valid ones, replies within working days, the months line
    p = params["website.messages"]
    m = lists["messages"].filter(pl.col("valid").fill_null(True))
    ids_unique(m, "messages")
    now = m["unit"].replace_strict(checked, default=as_of, return_dtype=pl.Int64).to_numpy()
    line_s = m["received_on"].dt.offset_by(f"{p['veto_unanswered_months']}mo")
    line = line_s.cast(pl.Int64).to_numpy()
    rec, _ = col(m, "received_on")
    rep, has = col(m, "replied_on")
    has &= (rep <= now) & (rep >= rec)
    due = cal.due(rec, np.full_like(rec, p["reply_within_working_days"]))
    in_time = has & (rep <= due)
    run = settle(rule_year, rep, has & (rep <= line), has, line, now)
    veto_from = pl.Series(now).cast(pl.Date).dt.offset_by(f"-{p['veto_window_months']}mo")
    waited = np.where(has, rep, now) > line
    veto = (rec >= veto_from.cast(pl.Int64).to_numpy()) & waited & ~(rec > now)
    out.append(frame(m, "messages", "id", verdict(run, in_time, rec > now), veto))

    # ---- key-area items: the item's deadline, else the scheme's working days; coverage
    p = params["key_area.timeliness"]
    required = checklists(criteria, scheme, p["checklists"])
    named = set(required["units"].explode().drop_nulls().str.to_lowercase())
    assert not named & set(units["unit"].str.to_lowercase()), "units named by a checklist item"
    required = required.filter(pl.col("units").is_null())
    # an item is named by its id or its name, as people read them (case, outer spaces)
    names = pl.concat(
        required.select("type", said(c).alias("said"), id="item") for c in ("item", "name")
    ).unique()
    i = (
        lists["items"]
        .join(units.select("unit", "type"), on="unit")
        .join(names, left_on=["type", said("item")], right_on=["type", "said"], how="left")
        .with_columns(pl.col("id").alias("item"))
        .join(required, on=["type", "item"])  # required of the unit: unknown and others go
        .filter(pl.col("formed_on").is_null() | (pl.col("formed_on").cast(pl.Int64) <= as_of))
        .with_columns(
            pl.when(pl.col("published_on").cast(pl.Int64) <= as_of).then("published_on"),
            pl.format("{}@{}", "item", pl.coalesce("formed_on", "published_on")).alias("label"),
        )
    )
    copy = ["unit", "item", "formed_on", "published_on", pl.col("url").str.to_lowercase()]
    assert i.select(pl.struct(*copy).is_unique().all()).item(), "copies of a key-area record"
    formed, given = col(i, "formed_on")
    pub, has = col(i, "published_on")
    assert given.all(), "key-area records without formed_on"
    working, calendar = (i[c].fill_null(-1).to_numpy() for c in ("working", "calendar"))
    days = np.where(working >= 0, working, p.get("within_working_days", 20))
    by_calendar = cal.on_or_after(formed + np.maximum(calendar, 0))
    due = np.where(calendar >= 0, by_calendar, cal.due(formed, days))
    in_time = has & (pub >= formed) & (pub <= due)
    run = settle(rule_year, pub, has & (pub <= due), has, due, np.full_like(pub, as_of))
    out.append(frame(i, "items", "label", verdict(run, in_time, np.zeros_like(has))))
    # covered: published within the year, not before formed; a recurring item needs its
    # periods, which the peer does not read (none is given): it is missing
    published = pl.col("published_on")
    covered = i.filter(published.dt.year() == rule_year, published >= pl.col("formed_on"))
    covered = covered.filter(~pl.col("periodic"))
    missing = (
        units.join(required, on="type")
        .join(covered.select("unit", "item").unique(), on=["unit", "item"], how="anti")
        .select("unit", pl.lit("items").alias("list"), pl.col("item").alias("id"),
                pl.lit("missing", VERDICT).alias("verdict"), pl.lit(False).alias("veto"))
    )  # fmt: skip
    return pl.concat([*out, missing])


def checklists(criteria: Path, scheme: Any, named: dict[str, str]) -> pl.DataFrame:
    """Per unit kind, the items its checklist requires of every unit that this dimension judges
    (not one another dimension the scheme weighs for the kind judges), with their deadlines."""
    weights = {d["id"]: d.get("weight", {}) for d in scheme["dimensions"]}
    rows = []
    for kind, checklist in named.items():
        for item in load(criteria / "checklists" / f"{checklist}.yaml")["items"]:
            if "units" not in item and kind not in item.get("applies_to", [kind]):
                continue
            if weights.get(item.get("judged_by"), {}).get(kind):
                continue
            deadline = item.get("deadline", {})
            assert set(deadline) <= {"working_days", "calendar_days"}, f"{item['id']}: {deadline}"
            rows.append({"type": kind, "item": item["id"], "name": item["name"],
                         "units": item.get("units"),
                         "working": deadline.get("working_days"),
                         "calendar": deadline.get("calendar_days"),
                         "periodic": "frequency" in item})  # fmt: skip
    types = {"working": pl.Int64, "calendar": pl.Int64, "units": pl.List(pl.String)}
    return pl.DataFrame(rows, schema_overrides=types)


def said(column: str) -> pl.Expr:
    """An id or name as people read it: outer spaces and case aside (``normalise_id``)."""
    return pl.col(column).str.strip_chars().str.to_lowercase()


def ids_unique(frame: pl.DataFrame, name: str) -> None:
    """Stop at copies of an id (ids that read alike): the engine judges them by the worst."""
    key = pl.concat_str("unit", said("id"), separator="\n")
    assert frame.select(key.n_unique()).item() == frame.height, f"copies of {name} ids"


def frame(
    records: pl.DataFrame, name: str, key: str, verdicts: pl.Series, veto: Any = False
) -> pl.DataFrame:
    return records.select("unit", pl.lit(name).alias("list"), pl.col(key).alias("id")).with_columns(
        verdicts,
        pl.Series("veto", veto) if isinstance(veto, np.ndarray) else pl.lit(veto).alias("veto"),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--criteria", type=Path, default=ROOT / "criteria")
    parser.add_argument("--verdicts", metavar="FILE", help="write every record's verdict (CSV)")
    args = parser.parse_args(argv)
    verdicts = judge(args.submissions, args.criteria)
    if args.verdicts:
        verdicts.write_csv(args.verdicts)
    counts = verdicts.pivot(
        "verdict", index=["unit", "list"], values="id", aggregate_function="len"
    )
    with pl.Config(tbl_rows=-1, tbl_cols=-1):
        print(counts.sort("unit", "list").fill_null(0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
