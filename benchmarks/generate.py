"""Write a synthetic, fully valid evaluation of N units for the default scheme (criteria/).

Record counts and shapes follow what a city-wide evaluation looks like: unit
sizes are log-normal around ``--records`` (a few units are ten times the
median), most units hand in their bulk lists (information requests, key-area
items, website messages) as CSV files, and about one unit in ten writes
everything inline in YAML, as a small office typing it by hand would (a few
of those in the single-file form). Every unit draws from its own seeded
``random.Random``, so the output is byte-identical for the same arguments,
whatever ``--jobs`` is.

Usage, from the repository root::

    python benchmarks/generate.py benchmarks/data/city --units 1000 --records 5000
    evaluate benchmarks/data/city
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import math
import os
import random
import shutil
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from sample_tables import CHECKED_ON, COLUMNS, FRESH_AGE, OUTCOMES, STALE_AGE, YEAR  # noqa: E402

from evaluator.working_days import is_working_day  # noqa: E402

STAMP = ".generated"
GENERATOR_VERSION = "2"

# Shares of one unit's bulk records; key-area items are a few per checklist item.
REQUEST_SHARE = 0.75
MAX_SIZE = 2.5  # the largest unit, in mean units

# Where the benchmark deliberately differs from the sample (scripts/sample_tables.py):
# a city-wide mix of request outcomes, more granted and fewer unable to provide than
# the sample's hand-shaped units ...
OUTCOME_WEIGHTS = {"granted": 50, "partly_granted": 15, "refused": 8, "unable": 17}
BENCHMARK_OUTCOMES = tuple((name, OUTCOME_WEIGHTS.get(name, weight)) for name, weight in OUTCOMES)
# ... and fresh columns updated less often (the sample's fresh ages are a tidy office's),
# stale ones only of the kinds every unit has.
FRESH_DAYS = {
    **FRESH_AGE,
    "news": (0, 10),
    "notice": (3, 90),
    "policy": (5, 150),
    "personnel": (20, 300),
    "planning": (30, 300),
}
STALE_DAYS = {kind: STALE_AGE[kind] for kind in ("news", "notice", "policy")}

DISTRICTS = ("东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州", "顺义")
DEPARTMENTS = (
    "财政局",
    "教育委员会",
    "卫生和计划生育委员会",
    "民政局",
    "环境保护局",
    "安全生产监督管理局",
    "食品药品监督管理局",
    "住房和城市建设委员会",
    "人力资源和社会保障局",
    "商务委员会",
    "城市管理委员会",
    "发展和改革委员会",
    "司法局",
    "审计局",
    "统计局",
    "文化委员会",
)
FORMS = ("text", "graphic", "video", "press_conference", "interview")


@dataclass(frozen=True)
class Plan:
    """What to generate: how many units, their median size, the seed."""

    units: int
    records: int
    seed: int

    def stamp(self) -> str:
        return f"{GENERATOR_VERSION} units={self.units} records={self.records} seed={self.seed}\n"


@dataclass(frozen=True)
class Calendar:
    """2016 working days (official calendar) and every date to the snapshot, as text."""

    working: tuple[dt.date, ...]  # working days from 2016-01-01 to 2017-12-31
    iso: dict[dt.date, str]

    @classmethod
    def build(cls) -> Calendar:
        day, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 12, 31)
        working: list[dt.date] = []
        iso: dict[dt.date, str] = {}
        while day <= end:
            iso[day] = day.isoformat()
            if is_working_day(day):
                working.append(day)
            day += dt.timedelta(days=1)
        return cls(tuple(working), iso)

    def in_year(self) -> int:
        """How many working days 2016 has (they come first in ``working``)."""
        return bisect.bisect_left(self.working, dt.date(YEAR + 1, 1, 1))

    def after(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (its statutory deadline)."""
        return self.working[bisect.bisect_right(self.working, day) + count - 1]


_calendar: Calendar | None = None


def calendar() -> Calendar:
    global _calendar
    if _calendar is None:
        _calendar = Calendar.build()
    return _calendar


def load_checklists() -> dict[str, list[str]]:
    """Per unit kind, the checklist items every unit of that kind must publish."""
    dimension = yaml.safe_load((ROOT / "criteria" / "key_area_disclosure.yaml").read_text("utf-8"))
    names: dict[str, str] = next(
        i["params"]["checklists"] for i in dimension["indicators"] if "checklists" in i["params"]
    )
    required: dict[str, list[str]] = {}
    for kind, name in names.items():
        path = ROOT / "criteria" / "checklists" / f"{name}.yaml"
        items = yaml.safe_load(path.read_text("utf-8"))["items"]
        required[kind] = [
            i["id"] for i in items if "units" not in i and kind in i.get("applies_to", [kind])
        ]
    return required


# ---------------------------------------------------------------- one unit


@dataclass(frozen=True)
class UnitPlan:
    """One unit: its id, kind, size, quality, and how it writes its files."""

    index: int
    id: str
    name: str
    kind: str
    records: int
    form: str  # "csv" | "yaml" | "single"
    seed: str


def unit_plans(plan: Plan) -> list[UnitPlan]:
    """Every unit of the evaluation, decided from the seed alone."""
    rng = random.Random(f"evaluation/{plan.seed}")
    sigma = 0.6  # log-normal spread around the mean ``records``
    mu = math.log(plan.records) - sigma * sigma / 2
    # The biggest units are capped, so that 100 and 1,000 units have an equally big
    # largest unit and peak memory compares what the number of units adds.
    largest = round(plan.records * MAX_SIZE)
    units: list[UnitPlan] = []
    for index in range(plan.units):
        kind = "bureau" if rng.random() < 0.4 else "street"
        form = "csv"
        size = min(largest, max(20, round(rng.lognormvariate(mu, sigma))))
        if rng.random() < 0.1:  # a small office writing by hand
            form = "single" if rng.random() < 0.3 else "yaml"
            size = max(10, size // 50)
        district = DISTRICTS[index % len(DISTRICTS)]
        if kind == "bureau":
            name = f"{district}区第{index // len(DEPARTMENTS) + 1}{DEPARTMENTS[index % 16]}"
        else:
            name = f"{district}区第{index + 1}街道办事处"
        uid = f"u{index + 1:05d}-{kind[0]}"
        units.append(UnitPlan(index, uid, name, kind, size, form, f"{plan.seed}/{uid}"))
    return units


def _pick(rng: random.Random, count: int, share: float) -> set[int]:
    return set(rng.sample(range(count), min(count, round(count * share))))


def requests(unit: UnitPlan, rng: random.Random, count: int) -> list[list[str]]:
    """Information requests: id, received_on, replied_on, extended, outcome."""
    cal = calendar()
    year_days = cal.in_year()
    late = rng.choice((0.0, 0.0, 0.01, 0.02, 0.05, 0.1))
    outcomes, weights = zip(*BENCHMARK_OUTCOMES, strict=True)
    received = sorted(rng.randrange(year_days) for _ in range(count))
    chosen = rng.choices(outcomes, weights, k=count)
    rows: list[list[str]] = []
    for number, start in enumerate(received):
        extended = rng.random() < 0.05
        limit = 30 if extended else 15
        taken = rng.randint(limit + 1, limit + 10) if rng.random() < late else rng.randint(1, limit)
        reply = cal.working[start + taken]
        rows.append(
            [
                f"{YEAR}-{number + 1:05d}",
                cal.iso[cal.working[start]],
                cal.iso[reply] if reply <= CHECKED_ON else "",  # still open at the snapshot
                "true" if extended else "false",
                chosen[number],
            ]
        )
    return rows


def messages(unit: UnitPlan, rng: random.Random, count: int) -> list[list[str]]:
    """Website messages: id, received_on, replied_on, valid."""
    cal = calendar()
    first = dt.date(YEAR, 1, 1).toordinal()
    last = dt.date(YEAR, 12, 25).toordinal()
    slow = rng.choice((0.0, 0.005, 0.01, 0.03))
    received = sorted(dt.date.fromordinal(rng.randint(first, last)) for _ in range(count))
    rows: list[list[str]] = []
    for number, day in enumerate(received):
        if rng.random() < 0.04:  # advertising and duplicates: never answered, never judged
            rows.append([f"M-{number + 1:05d}", cal.iso[day], "", "false"])
            continue
        taken = rng.randint(11, 30) if rng.random() < slow else rng.randint(1, 10)
        reply = cal.after(day, taken)
        replied = cal.iso[reply] if reply <= CHECKED_ON else ""
        rows.append([f"M-{number + 1:05d}", cal.iso[day], replied, "true"])
    return rows


def items(unit: UnitPlan, rng: random.Random, required: Sequence[str]) -> list[list[str]]:
    """Key-area items: item, formed_on, published_on, url, in_designated_column."""
    cal = calendar()
    coverage = rng.choice((1.0, 1.0, 0.95, 0.9, 0.8))
    late = rng.choice((0.0, 0.05, 0.1, 0.2))
    rows: list[list[str]] = []
    for item in required:
        if rng.random() > coverage:
            continue
        for _ in range(1 + (rng.random() < 0.1) * rng.randint(1, 3)):  # some are republished
            formed = cal.working[rng.randrange(cal.in_year() - 40)]
            taken = rng.randint(21, 40) if rng.random() < late else rng.randint(0, 20)
            published = cal.after(formed, taken) if taken else formed
            page = rng.randrange(100000, 999999)
            rows.append(
                [
                    item,
                    cal.iso[formed],
                    cal.iso[published],
                    f"http://www.gov.example.cn/xxgk/{unit.id}/{page}.html",
                    "true" if rng.random() < 0.95 else "false",
                ]
            )
    return rows


def policy(unit: UnitPlan, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    cal = calendar()
    documents: list[dict[str, Any]] = []
    interpretations: list[dict[str, Any]] = []
    for number in range(rng.randint(2, 8)):
        day = cal.working[rng.randrange(cal.in_year() - 10)]
        doc = f"{unit.id.upper()}-{YEAR}-{number + 1:02d}"
        major = rng.random() < 0.3
        normative = major or rng.random() < 0.6
        documents.append(
            {
                "id": doc,
                "title": f"{unit.name}关于第{number + 1}项工作的实施办法",
                "published_on": cal.iso[day],
                "normative": normative,
                "major": major,
            }
        )
        if not (normative or major) or rng.random() < 0.05:
            continue
        lag = 0 if rng.random() < 0.85 else rng.randint(1, 8)
        forms = ["text"] + (rng.sample(FORMS[1:], rng.randint(0, 2)) if major else [])
        for form in forms:
            interpretations.append(
                {
                    "document": doc,
                    "published_on": cal.iso[cal.after(day, lag) if lag else day],
                    "form": form,
                    "by_principal": rng.random() < 0.15,
                }
            )
    return {"documents": documents, "interpretations": interpretations}


def incidents(rng: random.Random) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for number in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
        level = "major" if rng.random() < 0.2 else "general"
        start = dt.datetime(YEAR, 1, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        start += dt.timedelta(days=rng.randrange(340), minutes=rng.randrange(12 * 60))
        record: dict[str, Any] = {
            "id": f"{YEAR}-YQ-{number + 1:02d}",
            "level": level,
            "emerged_at": start.isoformat(),
            "first_response_at": (start + dt.timedelta(minutes=rng.randint(30, 400))).isoformat(),
        }
        if level == "major":
            later = start + dt.timedelta(hours=rng.randint(6, 30))
            record["press_conference_at"] = later.isoformat()
        found.append(record)
    return found


def hotline(rng: random.Random, size: int) -> dict[str, int]:
    calls = max(10, size * rng.randint(2, 6))
    connected = round(calls * rng.uniform(0.88, 0.99))
    responded = round(connected * rng.uniform(0.9, 1.0))
    resolved = round(responded * rng.uniform(0.75, 0.95))
    surveyed = round(resolved * 0.8)
    satisfied = round(surveyed * rng.uniform(0.75, 0.95))
    return {
        "calls": calls,
        "connected": connected,
        "responded": responded,
        "resolved": resolved,
        "surveyed": surveyed,
        "satisfied": satisfied,
    }


def appeals(rng: random.Random) -> dict[str, dict[str, int]]:
    def kind(total: int) -> dict[str, int]:
        corrected = sum(rng.random() < 0.1 for _ in range(total))
        other = rng.randint(0, (total - corrected) // 4)
        pending = rng.randint(0, 1)
        return {
            "upheld": total - corrected - other,
            "corrected": corrected,
            "other": other,
            "pending": pending,
        }

    return {"reconsideration": kind(rng.randint(0, 12)), "litigation": kind(rng.randint(0, 6))}


def website(unit: UnitPlan, rng: random.Random) -> dict[str, Any]:
    columns: list[dict[str, Any]] = []
    stale = rng.choice((0, 0, 0, 1, 1, 2))
    names = COLUMNS[unit.kind]
    judged = [i for i, (_, kind) in enumerate(names) if kind in STALE_DAYS]
    stale_columns = set(rng.sample(judged, stale))
    for index, (name, kind) in enumerate(names):
        low, high = STALE_DAYS[kind] if index in stale_columns else FRESH_DAYS[kind]
        updated = CHECKED_ON - dt.timedelta(days=rng.randint(low, high))
        columns.append(
            {"name": name, "kind": kind, "last_updated": updated.isoformat(), "blank": False}
        )
    if rng.random() < 0.1:
        columns.append({"name": "专题专栏", "kind": "other", "blank": True})
    visits = 150
    return {
        "checked_on": CHECKED_ON.isoformat(),
        "monitoring": {"visits": visits, "failures": rng.choice((0, 0, 0, 1, 2, 3, 5) * 3 + (8,))},
        "homepage_updated_on": (
            CHECKED_ON - dt.timedelta(days=rng.choice((0, 1, 2, 3, 5, 9) * 3 + (16,)))
        ).isoformat(),
        "columns": columns,
        "broken_links": rng.choice((0, 0, 1, 2, 3, 5)),
    }


# ---------------------------------------------------------------- writing

REQUEST_FIELDS = ("id", "received_on", "replied_on", "extended", "outcome")
MESSAGE_FIELDS = ("id", "received_on", "replied_on", "valid")
ITEM_FIELDS = ("item", "formed_on", "published_on", "url", "in_designated_column")


def _csv(fields: Sequence[str], rows: list[list[str]]) -> str:
    # No cell holds a comma, a quote or a line end, so joining is valid CSV.
    return "\n".join([",".join(fields), *(",".join(row) for row in rows)]) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text[:1].isdigit() and len(text) == 10:  # a date: plain, as people write it
        return text
    return "'" + text.replace("'", "''") + "'"


def _flow(record: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in record.items()) + "}"


def _rows_as_records(fields: Sequence[str], rows: list[list[str]]) -> list[dict[str, Any]]:
    """CSV rows as YAML records: empty cells absent, booleans as booleans."""
    records: list[dict[str, Any]] = []
    for row in rows:
        record: dict[str, Any] = {}
        for name, cell in zip(fields, row, strict=True):
            if cell in ("true", "false"):
                record[name] = cell == "true"
            elif cell:
                record[name] = cell
        records.append(record)
    return records


def _block(lines: list[str], key: str, value: Any, indent: int) -> None:
    pad = "  " * indent
    if isinstance(value, dict) and all(isinstance(v, int) for v in value.values()):
        lines.append(f"{pad}{key}: {_flow(value)}")
    elif isinstance(value, dict):
        lines.append(f"{pad}{key}:")
        for sub, inner in value.items():
            _block(lines, sub, inner, indent + 1)
    elif isinstance(value, list):
        if not value:
            lines.append(f"{pad}{key}: []")
            return
        lines.append(f"{pad}{key}:")
        lines.extend(f"{pad}  - {_flow(record)}" for record in value)
    else:
        lines.append(f"{pad}{key}: {_scalar(value)}")


def build_unit(unit: UnitPlan, required: dict[str, list[str]]) -> dict[str, str]:
    """The files of one unit: relative path -> text."""
    rng = random.Random(unit.seed)
    bulk = unit.records
    item_rows = items(unit, rng, required[unit.kind])
    request_count = max(1, round((bulk - len(item_rows)) * REQUEST_SHARE))
    request_rows = requests(unit, rng, request_count)
    message_rows = messages(unit, rng, max(1, bulk - len(item_rows) - request_count))
    responsiveness: dict[str, Any] = {}
    found = incidents(rng)
    if found:
        responsiveness["incidents"] = found
    site = website(unit, rng)
    data: dict[str, Any] = {
        "unit": {"id": unit.id, "name": unit.name, "type": unit.kind},
        "key_area_disclosure": {"items": {"csv": "key_area_items.csv"}},
        "policy_interpretation": policy(unit, rng),
        "responsiveness": {
            **responsiveness,
            "requests": {"csv": "requests.csv"},
            "hotline": hotline(rng, bulk),
            "appeals": appeals(rng),
        },
        "website": {**site, "messages": {"csv": "messages.csv"}},
    }
    lists = (
        ("key_area_disclosure", "items", "key_area_items.csv", ITEM_FIELDS, item_rows),
        ("responsiveness", "requests", "requests.csv", REQUEST_FIELDS, request_rows),
        ("website", "messages", "messages.csv", MESSAGE_FIELDS, message_rows),
    )
    files: dict[str, str] = {}
    for section, key, filename, fields, rows in lists:
        if unit.form == "csv":
            files[filename] = _csv(fields, rows)
        else:
            data[section][key] = _rows_as_records(fields, rows)
    lines = [f"# {unit.name}（{unit.id}）: synthetic benchmark data, every figure invented"]
    for key, value in data.items():
        _block(lines, key, value, 0)
    text = "\n".join(lines) + "\n"
    if unit.form == "single":
        return {f"{unit.id}.yaml": text}
    return {f"{unit.id}/submission.yaml": text, **{f"{unit.id}/{k}": v for k, v in files.items()}}


def _write_batch(out: str, batch: list[UnitPlan], required: dict[str, list[str]]) -> int:
    written = 0
    for unit in batch:
        for relative, text in build_unit(unit, required).items():
            path = os.path.join(out, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written += text.count("\n")
    return written


def _batches(units: list[UnitPlan], size: int) -> Iterator[list[UnitPlan]]:
    for start in range(0, len(units), size):
        yield units[start : start + size]


def generate(out: str | os.PathLike[str], plan: Plan, *, jobs: int = 1) -> bool:
    """Write the evaluation into ``out`` unless it is already there; True when written."""
    folder = Path(out)
    stamp = folder / STAMP
    if stamp.is_file() and stamp.read_text() == plan.stamp():
        return False
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    required = load_checklists()
    units = unit_plans(plan)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            futures = [
                pool.submit(_write_batch, str(folder), batch, required)
                for batch in _batches(units, 20)
            ]
            for future in futures:
                future.result()
    else:
        _write_batch(str(folder), units, required)
    stamp.write_text(plan.stamp())
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the submissions into (replaced)")
    parser.add_argument("--units", type=int, default=100, help="number of units (default 100)")
    parser.add_argument(
        "--records", type=int, default=5000, help="mean records per unit (default 5000)"
    )
    parser.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="writer processes")
    args = parser.parse_args(argv)
    plan = Plan(args.units, args.records, args.seed)
    written = generate(args.out, plan, jobs=args.jobs)
    state = "wrote" if written else "already up to date:"
    print(f"{state} {plan.units} units, ~{plan.records} records each, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
