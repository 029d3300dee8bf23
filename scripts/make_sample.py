"""Write the sample submissions of the Xicheng 2016 evaluation into ``submissions/``.

The units are real departments and street offices of Xicheng District, Beijing;
every figure is invented (a seeded ``random.Random`` per unit), so reruns write
byte-identical files. Some units are shaped to exercise a rule of the scheme
(vetoes, a tie, a missing section, CSV record lists, the 2016 National Day
holiday); ``submissions/README.md`` lists them and is written here too, so the
list never drifts from the data.

Run from the repository root::

    python scripts/make_sample.py
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import html
import io
import random
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sample_tables import CHECKED_ON, COLUMNS, FRESH_AGE, OUTCOMES, STALE_AGE  # noqa: E402

from evaluator.rules import CALENDAR_DAYS  # noqa: E402
from evaluator.working_days import deadline, is_working_day  # noqa: E402

OUT = ROOT / "submissions"
CHECKLISTS = ROOT / "criteria" / "checklists"
FACTS = ROOT / "criteria" / "facts.yaml"
TZ = dt.timezone(dt.timedelta(hours=8))
YEAR_START, YEAR_END = dt.date(2016, 1, 4), dt.date(2016, 12, 30)

Record = dict[str, Any]


# ---------------------------------------------------------------- unit table


@dataclass(frozen=True)
class Hotline:
    """Hotline (12345/12341) calls and the rates that turn into counts."""

    calls: int
    connection: float
    response: float
    resolution: float
    satisfaction: float


@dataclass(frozen=True)
class Profile:
    """How a unit performs; shares are exact (rounded) counts, not probabilities."""

    size: float = 1.0  # scales repeated publications
    coverage: float = 1.0  # share of required checklist items published
    late_items: float = 0.0  # share of publications later than 20 working days
    off_column: float = 0.0  # share of publications outside the designated column
    documents: int = 4
    uninterpreted: int = 0  # documents needing interpretation left without one
    unsynced: int = 0  # interpretations published more than 3 working days late
    text_only_major: int = 0  # major documents explained by text only
    principal: bool = True
    incidents: tuple[tuple[str, bool], ...] = ()  # (level, handled in time)
    requests: int = 40
    late_requests: float = 0.0
    extended: float = 0.05
    hotline: Hotline = Hotline(600, 0.97, 0.98, 0.9, 0.9)
    appeals: int = 0  # decided reconsideration + litigation cases
    corrected: int = 0
    visits: int = 150
    failures: int = 1
    homepage_age: int = 2
    stale_columns: int = 0
    blank_columns: int = 0
    messages: int = 20
    slow_messages: int = 0
    broken_links: int = 0
    missing_periods: int = 0  # periods of each recurring checklist item left unpublished


@dataclass(frozen=True)
class UnitSpec:
    """One assessed unit and how its submission is written."""

    id: str
    name: str
    type: str
    prefix: str  # document number prefix
    topics: tuple[str, ...]
    profile: Profile
    single_file: bool = False
    csv: frozenset[str] = frozenset()  # "requests", "items"
    omit: frozenset[str] = frozenset()  # sections not submitted
    seed: str = ""  # defaults to the id; the tie pair shares one
    specials: tuple[str, ...] = ()  # names of SPECIALS applied after generation
    note: str = ""  # README: which rule the unit exercises
    checked_on_default: bool = False  # leave website.checked_on to the scheme's as_of
    claimed_check: dt.date | None = None  # website.checked_on the unit claims, if not the real one
    xlsx: frozenset[str] = frozenset()  # record lists in a workbook beside the YAML
    workbook: bool = False  # the whole unit as one workbook, <id>.xlsx


H = Hotline
# fmt: off
BUREAUS: tuple[UnitSpec, ...] = (
    UnitSpec(
        "xc-finance", "西城区财政局", "bureau", "XCCZ",
        ("区级财政专项资金管理", "政府购买服务管理", "预算绩效管理", "国有资产管理"),
        Profile(size=0.8, documents=4, requests=90, extended=0.03,
                hotline=H(420, 0.98, 0.99, 0.93, 0.92), appeals=4, failures=0,
                messages=28),
        note="优秀：全部按期 / excellent: everything on time",
    ),
    UnitSpec(
        "xc-education", "西城区教育委员会", "bureau", "XCJW",
        ("义务教育入学工作", "民办教育机构管理", "中小学校舍安全管理", "学生资助", "教师交流轮岗"),
        Profile(size=1.2, late_items=0.08, off_column=0.05, documents=6, unsynced=2,
                incidents=(("general", True), ("general", True)), requests=260,
                late_requests=0.05, extended=0.08, hotline=H(2100, 0.96, 0.98, 0.86, 0.87),
                appeals=14, corrected=1, stale_columns=1, messages=60, slow_messages=3,
                broken_links=5),
        csv=frozenset({"requests"}), note="请求记录在CSV / requests in CSV",
    ),
    UnitSpec(
        "xc-health", "西城区卫生和计划生育委员会", "bureau", "XCWJW",
        ("社区卫生服务机构管理", "家庭医生签约服务", "计划生育奖励扶助", "医疗机构执业行为记分"),
        Profile(size=1.0, coverage=0.9, late_items=0.1, off_column=0.1, documents=4,
                uninterpreted=1, text_only_major=1, incidents=(("general", True),),
                requests=140, late_requests=0.04, extended=0.06,
                hotline=H(1500, 0.95, 0.97, 0.84, 0.86), appeals=8, corrected=1,
                messages=40, slow_messages=3, broken_links=3),
        specials=("open_past_deadline",),
        note="一件申请逾期未答复 / one request still open past its deadline",
    ),
    UnitSpec(
        "xc-civil-affairs", "西城区民政局", "bureau", "XCMZ",
        ("居家养老服务补贴", "社会组织登记管理", "临时救助实施", "养老照料中心运营补贴"),
        Profile(size=1.0, late_items=0.05, off_column=0.05, documents=5, unsynced=1,
                requests=180, late_requests=0.03, extended=0.07,
                hotline=H(1800, 0.96, 0.98, 0.88, 0.89), appeals=10, corrected=1,
                messages=45, slow_messages=1, broken_links=1),
        specials=("national_day", "lawful_pauses"),
        note="国庆假期前收到、假期后答复；补正、征求第三方意见 / requests across the 2016 "
        "National Day holiday; a corrected application and a third-party consultation",
    ),
    UnitSpec(
        "xc-environment", "西城区环境保护局", "bureau", "XCHB",
        ("大气污染防治", "餐饮业油烟治理", "建设工地扬尘管理"),
        Profile(size=0.9, coverage=0.86, late_items=0.12, off_column=0.08, documents=3,
                text_only_major=1, incidents=(("general", True), ("general", False)),
                requests=60, late_requests=0.05, hotline=H(900, 0.95, 0.96, 0.8, 0.83),
                appeals=5, corrected=1, messages=30, slow_messages=2, broken_links=4),
        note="一般舆情超48小时、复议被纠错 / general incident after 48 h; appeal corrected",
    ),
    UnitSpec(
        "xc-safety", "西城区安全生产监督管理局", "bureau", "XCAJ",
        ("安全生产执法检查", "有限空间作业安全管理", "安全生产隐患排查治理"),
        Profile(size=0.7, coverage=0.75, late_items=0.2, off_column=0.2, documents=3,
                uninterpreted=1, unsynced=1, text_only_major=1, principal=False,
                incidents=(("major", True), ("general", True)), requests=40,
                late_requests=0.08, hotline=H(300, 0.93, 0.95, 0.8, 0.8), appeals=2,
                failures=4, stale_columns=2, messages=15, slow_messages=3, broken_links=6),
        note="重大舆情按时回应 / a major incident answered in time",
    ),
    UnitSpec(
        "xc-food-drug", "西城区食品药品监督管理局", "bureau", "XCSYJ",
        ("餐饮服务食品安全量化分级", "网络订餐食品安全监管", "药品零售企业监督检查"),
        Profile(size=1.1, coverage=0.9, late_items=0.1, off_column=0.1, documents=4,
                unsynced=1, incidents=(("major", False), ("general", True), ("general", True)),
                requests=110, late_requests=0.04, extended=0.06,
                hotline=H(1300, 0.94, 0.97, 0.85, 0.84), appeals=6, corrected=1,
                messages=35, slow_messages=2, broken_links=3),
        note="重大舆情超时、无发布会 / major incident: late first response, no press conference",
    ),
    UnitSpec(
        "xc-housing", "西城区住房和城市建设委员会", "bureau", "XCZJW",
        ("公共租赁住房配租", "老旧小区综合整治", "直管公房管理", "房屋征收补偿", "物业服务管理"),
        Profile(size=1.6, coverage=0.92, late_items=0.15, off_column=0.1, documents=6,
                uninterpreted=1, unsynced=1, text_only_major=1,
                incidents=(("general", True), ("general", False)), requests=420,
                late_requests=0.07, extended=0.12, hotline=H(3200, 0.92, 0.96, 0.78, 0.8),
                appeals=24, corrected=3, failures=3, stale_columns=1, messages=80,
                slow_messages=6, broken_links=5),
        csv=frozenset({"requests", "items"}), specials=("national_day", "carried_in"),
        note="请求和清单事项在CSV；国庆假期；上年12月收到的申请结转本年评判 / requests and "
        "key-area items in CSV; National Day; a request of December 2015 judged in 2016",
    ),
    UnitSpec(
        "xc-hrss", "西城区人力资源和社会保障局", "bureau", "XCRS",
        ("就业困难人员认定", "创业担保贷款", "事业单位公开招聘"),
        Profile(size=1.0, coverage=0.9, late_items=0.12, off_column=0.05, documents=4,
                text_only_major=1, requests=150, late_requests=0.08, extended=0.05, failures=2,
                hotline=H(1700, 0.96, 0.98, 0.88, 0.88), appeals=7, corrected=0,
                messages=50, slow_messages=2, broken_links=2),
        specials=("duplicate_answered_copy",),
        note="部分事项和申请逾期；逾期申请另附一份已答复的“副本” / some late publications and "
        "requests; a late request with an answered copy placed before it",
    ),
    UnitSpec(
        "xc-commerce", "西城区商务委员会", "bureau", "XCSW",
        ("商业街区品质提升", "便民商业网点建设", "老字号保护发展"),
        Profile(size=0.6, coverage=1.0, documents=3, requests=35,
                hotline=H(260, 0.97, 0.98, 0.9, 0.9), appeals=1, homepage_age=18, messages=12),
        claimed_check=dt.date(2017, 1, 6),
        note="否决：首页18天未更新（自报检查日期提前4天，不予采用）/ vetoed: homepage not "
        "updated for 18 days (its own check date, 4 days earlier, is not used)",
    ),
    UnitSpec(
        "xc-city-management", "西城区城市管理委员会", "bureau", "XCCGW",
        ("背街小巷环境整治提升", "生活垃圾分类", "户外广告设施管理"),
        Profile(size=1.1, coverage=0.95, late_items=0.05, off_column=0.05, documents=4,
                incidents=(("general", True),), requests=80, late_requests=0.02,
                hotline=H(2600, 0.96, 0.97, 0.86, 0.86), appeals=3, messages=55,
                slow_messages=2, broken_links=1),
        specials=("message_unanswered",),
        note="否决：有效留言逾3个月未答复 / vetoed: a valid message unanswered for over 3 months",
    ),
    UnitSpec(
        "xc-development-reform", "西城区发展和改革委员会", "bureau", "XCFGW",
        ("政府投资项目管理", "疏解非首都功能", "价格监督检查"),
        Profile(size=1.2, coverage=0.9, late_items=0.1, off_column=0.15, documents=5,
                unsynced=1, requests=210, late_requests=0.06, extended=0.1,
                hotline=H(500, 0.96, 0.98, 0.88, 0.88), appeals=9, corrected=1,
                messages=25, slow_messages=1, broken_links=2),
        csv=frozenset({"requests"}), note="请求记录在CSV / requests in CSV",
    ),
    UnitSpec(
        "xc-justice", "西城区司法局", "bureau", "XCSF",
        ("法律援助便民服务", "人民调解工作"),
        Profile(size=0.5, late_items=0.05, documents=2, requests=25,
                hotline=H(200, 0.97, 0.98, 0.9, 0.91), appeals=1, messages=15, broken_links=2),
        xlsx=frozenset({"requests", "items"}),
        specials=("year_end_request",),
        note="失效链接扣分；事项和申请记录在一本工作簿的两张表中；12月底收到的申请结转下年 / "
        "broken links deducted; items and requests in two sheets of one workbook; a "
        "late-December request carried over",
    ),
    UnitSpec(
        "xc-audit", "西城区审计局", "bureau", "XCSJ",
        ("政府投资审计", "经济责任审计"),
        Profile(size=0.5, documents=2, requests=12, extended=0.0,
                hotline=H(60, 0.98, 1.0, 0.95, 0.95), messages=8),
        note="优秀 / excellent",
    ),
    UnitSpec(
        "xc-statistics", "西城区统计局", "bureau", "XCTJ",
        ("统计执法检查", "经济普查"),
        Profile(size=0.5, coverage=0.75, late_items=0.25, off_column=0.25, documents=2,
                uninterpreted=1, principal=False, requests=15, late_requests=0.13,
                hotline=H(80, 0.9, 0.93, 0.8, 0.8), failures=5, stale_columns=3,
                messages=6, slow_messages=2, broken_links=7),
        xlsx=frozenset({"requests"}),
        specials=("self_classified_column",),
        note="栏目未更新（未达否决线），一个过期的栏目自报为“其他”；申请记录在工作簿中 / stale "
        "columns below the veto line, a stale column labelled other by the unit; requests "
        "in a workbook",
    ),
    UnitSpec(
        "xc-culture", "西城区文化委员会", "bureau", "XCWW",
        ("公共文化服务体系建设", "文化市场综合执法", "历史文化街区保护"),
        Profile(size=0.6, coverage=0.65, late_items=0.3, off_column=0.3, documents=3,
                uninterpreted=1, unsynced=1, text_only_major=1, principal=False,
                incidents=(("general", False),), requests=30, late_requests=0.2,
                hotline=H(240, 0.88, 0.92, 0.74, 0.75), appeals=3, corrected=1, failures=5,
                homepage_age=9, stale_columns=3, blank_columns=2, messages=14,
                slow_messages=4, broken_links=8),
        note="不合格（按分数，无否决）/ fails on points, no veto",
    ),
)

STREET_TOPICS = ("社区公益金使用管理", "老旧小区自治管理", "背街小巷环境整治", "社区养老驿站运营")
TIE_PROFILE = Profile(size=0.3, coverage=0.87, late_items=0.1, off_column=0.1, documents=2,
                      unsynced=1, requests=8, late_requests=0.125,
                      hotline=H(900, 0.95, 0.96, 0.84, 0.85), messages=10, slow_messages=1,
                      failures=2, stale_columns=1, broken_links=2)


def _street(sid: str, name: str, prefix: str, profile: Profile, **kw: Any) -> UnitSpec:
    return UnitSpec(sid, name, "street", prefix, STREET_TOPICS, profile, **kw)


STREETS: tuple[UnitSpec, ...] = (
    _street("xc-xichanganjie", "西长安街街道", "XCAJ-JD",
            Profile(size=0.4, documents=3, requests=14, hotline=H(1400, 0.97, 0.99, 0.9, 0.9),
                    messages=18, broken_links=1),
            note="优秀 / excellent"),
    _street("xc-xinjiekou", "新街口街道", "XJK-JD",
            Profile(size=0.4, coverage=0.93, late_items=0.15, off_column=0.1, documents=2,
                    requests=12, late_requests=0.08, hotline=H(1600, 0.95, 0.96, 0.84, 0.85),
                    stale_columns=1, messages=16, slow_messages=2, broken_links=1),
            note="部分事项逾期、留言答复慢 / late publications, slow message replies"),
    _street("xc-yuetan", "月坛街道", "YT-JD",
            Profile(size=0.4, coverage=0.93, late_items=0.05, off_column=0.05, documents=3,
                    unsynced=1, incidents=(("general", True),), requests=20,
                    late_requests=0.05, hotline=H(1900, 0.96, 0.98, 0.87, 0.88), appeals=1,
                    messages=22, slow_messages=1, broken_links=2),
            workbook=True,
            note="解读不同步；整个单位交一本工作簿 / an interpretation out of sync; "
            "the whole unit as one workbook"),
    _street("xc-zhanlanlu", "展览路街道", "ZLL-JD",
            Profile(size=0.4, coverage=0.87, late_items=0.12, off_column=0.1, documents=2,
                    uninterpreted=1, requests=16, late_requests=0.13,
                    hotline=H(2000, 0.94, 0.96, 0.82, 0.83), messages=20, slow_messages=2,
                    stale_columns=1, broken_links=3),
            note="一件规范性文件未解读 / a document left uninterpreted"),
    _street("xc-desheng", "德胜街道", "DS-JD",
            Profile(size=0.4, coverage=0.93, late_items=0.06, documents=2, uninterpreted=1,
                    requests=15, late_requests=0.13, hotline=H(1700, 0.93, 0.95, 0.82, 0.83),
                    stale_columns=1, messages=15, broken_links=1),
            note="热线各率低于满分线 / hotline rates below full marks"),
    _street("xc-jinrongjie", "金融街街道", "JRJ-JD",
            Profile(size=0.4, documents=3, requests=10, hotline=H(1100, 0.98, 0.99, 0.92, 0.92),
                    messages=12),
            note="优秀：全部按期 / excellent: everything on time"),
    _street("xc-shichahai", "什刹海街道", "SCH-JD",
            Profile(size=0.4, coverage=0.8, late_items=0.15, off_column=0.15, documents=3,
                    uninterpreted=1, incidents=(("general", False),), requests=22,
                    late_requests=0.1, hotline=H(2400, 0.93, 0.95, 0.8, 0.8), appeals=2,
                    corrected=1, failures=3, stale_columns=2, messages=24, slow_messages=3,
                    broken_links=4, missing_periods=1),
            note="一般舆情超时、复议被纠错、低保公示缺一季 / late general incident, corrected "
            "appeal, a quarter of the subsistence list missing"),
    _street("xc-dashilan", "大栅栏街道", "DSL-JD",
            Profile(size=0.3, coverage=0.73, late_items=0.2, off_column=0.2, documents=2,
                    uninterpreted=1, requests=9, late_requests=0.23,
                    hotline=H(1300, 0.9, 0.93, 0.76, 0.78), failures=4, homepage_age=6,
                    stale_columns=3, blank_columns=2, messages=10, slow_messages=3,
                    broken_links=6),
            single_file=True,
            note="单文件形式；评估方核查无有效咨询建言渠道（否决）/ single-file form; no working "
            "enquiry channel found by the evaluator (vetoed)"),
    _street("xc-tianqiao", "天桥街道", "TQ-JD",
            Profile(size=0.4, coverage=0.87, late_items=0.06, documents=2, unsynced=1,
                    requests=12, late_requests=0.17, hotline=H(1500, 0.95, 0.97, 0.85, 0.86),
                    messages=14, slow_messages=2, broken_links=6),
            note="申请逾期、失效链接 / late requests, broken links"),
    _street("xc-chunshu", "椿树街道", "JD", TIE_PROFILE, seed="tie-pair",
            note="与陶然亭街道并列（数据相同）/ tie with xc-taoranting (identical figures)"),
    _street("xc-taoranting", "陶然亭街道", "JD", TIE_PROFILE, seed="tie-pair",
            note="与椿树街道并列（数据相同）/ tie with xc-chunshu (identical figures)"),
    _street("xc-guanganmennei", "广安门内街道", "GAMN-JD",
            Profile(size=0.4, coverage=0.93, documents=2, requests=18, late_requests=0.06,
                    hotline=H(2100, 0.96, 0.98, 0.88, 0.88), messages=20, broken_links=1),
            checked_on_default=True,
            note="网站检查日取方案as_of / website.checked_on left to the scheme's as_of"),
    _street("xc-niujie", "牛街街道", "NJ-JD",
            Profile(size=0.3, coverage=0.93, late_items=0.07, requests=9,
                    hotline=H(1200, 0.967, 0.97, 0.88, 0.88), messages=8, broken_links=1),
            single_file=True, omit=frozenset({"policy_interpretation"}),
            note="单文件形式；未提交政策解读 / single-file form; no policy_interpretation section"),
    _street("xc-baizhifang", "白纸坊街道", "BZF-JD",
            Profile(size=0.4, coverage=0.87, late_items=0.1, off_column=0.05, documents=2,
                    text_only_major=1, requests=14, late_requests=0.07,
                    hotline=H(1800, 0.95, 0.97, 0.84, 0.85), messages=15, slow_messages=1,
                    broken_links=2),
            note="重大政策仅文字解读 / a major policy explained by text only"),
    _street("xc-guanganmenwai", "广安门外街道", "GAMW-JD",
            Profile(size=0.4, coverage=0.93, late_items=0.05, documents=3, requests=25,
                    late_requests=0.04, hotline=H(2700, 0.95, 0.97, 0.85, 0.86), appeals=1,
                    stale_columns=5, messages=20, slow_messages=1, broken_links=2),
            note="否决：5个栏目未按时更新 / vetoed: 5 stale news/notice/policy columns"),
)
# fmt: on

UNITS: tuple[UnitSpec, ...] = BUREAUS + STREETS


# ---------------------------------------------------------------- helpers


def pick(rng: random.Random, population: int, share: float) -> set[int]:
    """Indices of ``round(population * share)`` members chosen at random."""
    count = min(population, round(population * share))
    return set(rng.sample(range(population), count))


def random_day(rng: random.Random, start: dt.date = YEAR_START, end: dt.date = YEAR_END) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def working_day(
    rng: random.Random, start: dt.date = YEAR_START, end: dt.date = YEAR_END
) -> dt.date:
    """A random official working day between ``start`` and ``end``."""
    day = random_day(rng, start, end)
    return deadline(day - dt.timedelta(days=1), 1)


def at(day: dt.date, hour: float) -> dt.datetime:
    """A Beijing time ``hour`` hours after midnight of ``day`` (whole minutes)."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=TZ)
    return midnight + dt.timedelta(minutes=round(hour * 60))


def check_dates() -> dict[str, dt.date]:
    """The day the evaluator checked each unit's website, from ``criteria/facts.yaml``."""
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    return {
        unit: facts["checked_on"]
        for unit, facts in (data.get("units") or {}).items()
        if "checked_on" in facts
    }


CHECK_DATES = check_dates()


def checked(unit: UnitSpec) -> dt.date:
    """The evaluator's check date of the unit's website (the scheme's as_of when unrecorded)."""
    return CHECK_DATES.get(unit.id, CHECKED_ON)


def url(rng: random.Random) -> str:
    return f"http://www.bjxch.gov.cn/xxgk/xxxq/pnidpv{rng.randint(100000, 999999)}.html"


# ---------------------------------------------------------------- sections


def load_checklist_items(unit: UnitSpec) -> list[Record]:
    """The checklist items the unit must publish, read from ``criteria/checklists``."""
    name = {"bureau": "bureau-2016", "street": "street-2016"}[unit.type]
    data = yaml.safe_load((CHECKLISTS / f"{name}.yaml").read_text(encoding="utf-8"))
    items: list[Record] = []
    for item in data["items"]:
        if "units" in item:
            if unit.id in item["units"]:
                items.append(item)
        elif unit.type in item.get("applies_to", [unit.type]):
            items.append(item)
    return items


# Items published several times a year, with the yearly count for a unit of size 1.
REPEATED = {
    "penalty-results": 24,
    "licence-results": 16,
    "food-sampling": 12,
    "air-quality": 12,
    "eia-approvals": 8,
    "housing-allocation": 10,
    "housing-projects": 6,
    "shantytown-renovation": 6,
    "tendering-results": 8,
    "procurement-results": 8,
    "audit-results": 4,
    "drug-device-inspection": 6,
    "infectious-disease": 12,
    "safety-inspection-plan": 4,
    "st-subsistence": 12,
    "st-temporary-assistance": 8,
    "st-housing-eligibility": 8,
    "st-disability-subsidy": 4,
    "st-family-planning": 4,
    "st-safety-checks": 6,
    "st-environment": 6,
}
# Items formed in a known season: (first, last) day the information is formed.
SEASON = {
    "dept-budget": ((2, 1), (2, 19)),
    "three-public-budget": ((2, 1), (2, 19)),
    "dept-final-accounts": ((7, 18), (8, 5)),
    "three-public-final": ((7, 18), (8, 5)),
    "district-budget": ((1, 18), (1, 22)),
    "district-final-accounts": ((7, 26), (7, 29)),
    "ogi-annual-report": ((3, 14), (3, 25)),
    "st-budget": ((2, 1), (2, 19)),
    "st-final-accounts": ((7, 18), (8, 5)),
    "st-three-public": ((7, 18), (8, 5)),
    "st-ogi-annual-report": ((3, 14), (3, 25)),
    "enrolment-policy": ((4, 5), (4, 15)),
}


def key_area_section(unit: UnitSpec, rng: random.Random) -> Record:
    p = unit.profile
    required = load_checklist_items(unit)
    missing = pick(rng, len(required), 1 - p.coverage)
    formed: list[tuple[str, dt.date, bool]] = []  # (item, formed_on, published)
    for index, item in enumerate(required):
        if index in missing:
            if rng.random() < 0.5:  # formed but never published; otherwise simply absent
                day = random_day(rng, dt.date(2016, 3, 1), dt.date(2016, 10, 31))
                formed.append((item["id"], day, False))
            continue
        if item["id"] in SEASON:
            (m1, d1), (m2, d2) = SEASON[item["id"]]
            days = [random_day(rng, dt.date(2016, m1, d1), dt.date(2016, m2, d2))]
        else:
            repeats = REPEATED.get(item["id"])
            count = max(1, round(repeats * p.size)) if repeats else 1
            days = sorted(random_day(rng, end=dt.date(2016, 11, 30)) for _ in range(count))
        formed.extend((item["id"], day, True) for day in days)
    late = pick(rng, len(formed), p.late_items)
    off = pick(rng, len(formed), p.off_column)
    by_id = {item["id"]: item for item in required}
    records: list[Record] = []
    for index, (item_id, formed_on, published) in enumerate(formed):
        record: Record = {"item": item_id, "formed_on": formed_on}
        if published:
            delay = rng.randint(21, 40) if index in late else rng.choice((0, 1, 2, 3, 5, 8, 12, 18))
            while deadline(formed_on, delay) > YEAR_END:  # keep every publication in 2016
                formed_on -= dt.timedelta(days=30)
            record["formed_on"] = formed_on
            record["published_on"] = on_time_by_law(by_id[item_id], formed_on, delay, index in late)
            record["url"] = url(rng)
            record["in_designated_column"] = index not in off
        records.append(record)
    return {"items": with_periods(unit, required, records)}


def on_time_by_law(item: Record, formed_on: dt.date, delay: int, late: bool) -> dt.date:
    """The publication ``delay`` working days after forming; an on-time one kept within the
    item's own deadline (budgets 20 days after approval, 双公示 7 working days)."""
    published = deadline(formed_on, delay)
    rule = item.get("deadline") or {}
    if late or not rule:
        return published
    if "calendar_days" in rule:
        due = CALENDAR_DAYS.due(formed_on, rule["calendar_days"])
    elif "working_days" in rule:
        due = deadline(formed_on, rule["working_days"])
    else:  # a date another law sets (the annual report's rule): judged by that date alone
        return published
    return min(published, due)


QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


def with_periods(unit: UnitSpec, required: list[Record], records: list[Record]) -> list[Record]:
    """Recurring checklist items (``frequency``): one publication per period of 2016.

    Each period's list is compiled a few working days after the period ends and
    published within days, with its ``period``; December's (and Q4's) comes out in
    early January 2017, before the snapshot. A unit's ``missing_periods`` are left out.
    Drawn from their own seeded stream, so the other records stay as they were.
    """
    periodic = [i for i in required if i.get("frequency")]
    published = {r["item"] for r in records if "published_on" in r}
    kept = [r for r in records if r["item"] not in {i["id"] for i in periodic}]
    for item in periodic:
        if item["id"] not in published:
            kept.extend(r for r in records if r["item"] == item["id"])  # never published
            continue
        rng = random.Random(f"xicheng-2016/{unit.seed or unit.id}/periods/{item['id']}")
        if item["frequency"] == "monthly":
            ends = [
                (f"2016-{m:02d}", dt.date(2016, m, calendar.monthrange(2016, m)[1]))
                for m in range(1, 13)
            ]
        else:
            ends = [
                (f"2016-Q{q + 1}", dt.date(2016, m, d)) for q, (m, d) in enumerate(QUARTER_ENDS)
            ]
        dropped = set(rng.sample(range(1, len(ends) - 1), unit.profile.missing_periods))
        for index, (period, end) in enumerate(ends):
            if index in dropped:
                continue
            formed_on = deadline(end, rng.randint(1, 3))
            kept.append(
                {
                    "item": item["id"],
                    "formed_on": formed_on,
                    "published_on": deadline(formed_on, rng.choice((0, 1, 2))),
                    "url": url(rng),
                    "in_designated_column": True,
                    "period": period,
                }
            )
    return kept


SUFFIXES = ("实施办法", "管理办法", "工作方案", "实施意见", "暂行规定")
FORMS_MORE = ("graphic", "graphic", "video", "interview", "press_conference")


def policy_section(unit: UnitSpec, rng: random.Random) -> Record:
    p = unit.profile
    documents: list[Record] = []
    for number in range(1, p.documents + 1):
        topic = unit.topics[(number - 1) % len(unit.topics)]
        suffix = rng.choice(SUFFIXES)
        if topic.endswith("管理") and suffix.startswith("管理"):
            suffix = suffix[2:]  # 直管公房管理 + 管理办法 -> 直管公房管理办法
        title = f"{unit.name if unit.type == 'street' else '西城区'}{topic}{suffix}"
        documents.append(
            {
                "id": f"{unit.prefix}-2016-{number:02d}",
                "title": title,
                "published_on": working_day(rng, end=dt.date(2016, 11, 30)),
                "normative": number % 3 != 0,
                "major": number % 2 == 1,
            }
        )
    documents.sort(key=lambda d: (d["published_on"], d["id"]))
    # one ordinary notice per unit needs no interpretation
    documents.append(
        {
            "id": f"{unit.prefix}-2016-T{len(documents) + 1:02d}",
            "title": f"关于做好{unit.topics[0]}有关工作的通知",
            "published_on": working_day(rng, end=dt.date(2016, 11, 30)),
            "normative": False,
            "major": False,
        }
    )
    needing = [d for d in documents if d["normative"] or d["major"]]
    skipped = set(rng.sample(range(len(needing)), min(p.uninterpreted, len(needing))))
    interpreted = [d for i, d in enumerate(needing) if i not in skipped]
    unsynced = set(rng.sample(range(len(interpreted)), min(p.unsynced, len(interpreted))))
    majors = [i for i, d in enumerate(interpreted) if d["major"]]
    text_only = set(rng.sample(majors, min(p.text_only_major, len(majors))))
    principal = rng.choice(majors or list(range(len(interpreted)))) if interpreted else -1
    interpretations: list[Record] = []
    for index, document in enumerate(interpreted):
        delay = rng.randint(5, 12) if index in unsynced else rng.choice((0, 0, 0, 1))
        day = deadline(document["published_on"], delay)
        by_principal = p.principal and unit.type == "bureau" and index == principal
        interpretations.append(
            {
                "document": document["id"],
                "published_on": day,
                "form": "text",
                "by_principal": by_principal,
            }
        )
        if document["major"] and index not in text_only:
            extra = deadline(day, rng.choice((0, 0, 1, 2)))
            interpretations.append(
                {
                    "document": document["id"],
                    "published_on": extra,
                    "form": rng.choice(FORMS_MORE),
                    "by_principal": False,
                }
            )
    return {"documents": documents, "interpretations": interpretations}


def incidents(unit: UnitSpec, rng: random.Random) -> list[Record]:
    records: list[Record] = []
    for number, (level, in_time) in enumerate(unit.profile.incidents, start=1):
        emerged = at(random_day(rng), rng.uniform(7, 20))
        record: Record = {"id": f"2016-YQ-{number:02d}", "level": level, "emerged_at": emerged}
        if level == "major":
            first = rng.uniform(1.5, 4.5) if in_time else rng.uniform(6, 11)
            record["first_response_at"] = emerged + dt.timedelta(minutes=round(first * 60))
            if in_time:
                press = rng.uniform(16, 23)
                record["press_conference_at"] = emerged + dt.timedelta(minutes=round(press * 60))
        else:
            first = rng.uniform(3, 40) if in_time else rng.uniform(55, 90)
            record["first_response_at"] = emerged + dt.timedelta(minutes=round(first * 60))
        records.append(record)
    return records


def requests(unit: UnitSpec, rng: random.Random) -> list[Record]:
    p = unit.profile
    received = sorted(working_day(rng) for _ in range(p.requests))
    late = pick(rng, p.requests, p.late_requests)
    extended = pick(rng, p.requests, p.extended)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    records: list[Record] = []
    for index, day in enumerate(received):
        is_extended = index in extended
        limit = 30 if is_extended else 15
        if index in late:
            taken = rng.randint(limit + 1, limit + 8)
        elif is_extended:
            taken = rng.randint(16, 30)
        else:
            taken = rng.choice((2, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15))
        replied = deadline(day, taken)
        record: Record = {"id": f"2016-{index + 1:04d}", "received_on": day}
        # late December requests may still be open (and within time) at the snapshot
        if replied < CHECKED_ON and not (day >= dt.date(2016, 12, 20) and rng.random() < 0.6):
            record["replied_on"] = replied
        record["extended"] = is_extended
        record["outcome"] = rng.choices(outcomes, weights)[0]
        records.append(record)
    return records


def notify_extensions(unit: UnitSpec, records: list[Record]) -> list[Record]:
    """Give each extended request the day the applicant was told (by the original deadline).

    The notice falls on working day 8 to 15 after receipt, as the law requires
    before the original 15 days run out. Drawn from its own seeded stream.
    """
    rng = random.Random(f"xicheng-2016/{unit.seed or unit.id}/notices")
    notified: list[Record] = []
    for record in records:
        if record.get("extended"):
            day = deadline(record["received_on"], rng.randint(8, 15))
            fields = list(record.items())
            at = [k for k, _ in fields].index("extended") + 1
            record = dict([*fields[:at], ("extension_notified_on", day), *fields[at:]])
        notified.append(record)
    return notified


def hotline(unit: UnitSpec) -> Record:
    h = unit.profile.hotline
    connected = round(h.calls * h.connection)
    dispatched = connected  # every connected call about the unit became a ticket for it
    responded = round(dispatched * h.response)
    resolved = round(responded * h.resolution)
    # 办结: every resolved ticket is closed, and half of those responded to but not
    # resolved are closed too (answered with an explanation the caller accepted)
    completed = resolved + (responded - resolved) // 2
    surveyed = round(resolved * 0.8)
    return {
        "calls": h.calls,
        "connected": connected,
        "dispatched": dispatched,
        "responded": responded,
        "resolved": resolved,
        "completed": completed,
        "surveyed": surveyed,
        "satisfied": round(surveyed * h.satisfaction),
    }


def appeals(unit: UnitSpec, rng: random.Random) -> Record:
    p = unit.profile
    reconsideration = rng.randint(p.appeals // 2, p.appeals) if p.appeals else 0
    litigation = p.appeals - reconsideration
    corrected_r = min(p.corrected, reconsideration)
    corrected_l = p.corrected - corrected_r

    def split(total: int, corrected: int) -> Record:
        other = rng.randint(0, max(0, (total - corrected) // 4))
        return {
            "upheld": total - corrected - other,
            "corrected": corrected,
            "other": other,
            "pending": rng.randint(0, 1) if total else 0,
        }

    return {
        "reconsideration": split(reconsideration, corrected_r),
        "litigation": split(litigation, corrected_l),
    }


def responsiveness_section(unit: UnitSpec, rng: random.Random) -> Record:
    section: Record = {}
    found = incidents(unit, rng)
    if found:
        section["incidents"] = found
    section["requests"] = notify_extensions(unit, requests(unit, rng))
    section["hotline"] = hotline(unit)
    section["appeals"] = appeals(unit, rng)
    return section


BLANK_COLUMNS = ("专题专栏", "在线访谈", "数据开放", "建议提案办理", "应急管理")


def website_section(unit: UnitSpec, rng: random.Random) -> Record:
    p = unit.profile
    check = checked(unit)  # ages are the evaluator's, at its check date
    columns: list[Record] = []
    judged = [i for i, (_, kind) in enumerate(COLUMNS[unit.type]) if kind in STALE_AGE]
    stale = set(rng.sample(judged[:6], p.stale_columns))
    for index, (name, kind) in enumerate(COLUMNS[unit.type]):
        low, high = STALE_AGE[kind] if index in stale else FRESH_AGE[kind]
        updated = check - dt.timedelta(days=rng.randint(low, high))
        columns.append({"name": name, "kind": kind, "last_updated": updated, "blank": False})
    columns.extend(
        {"name": name, "kind": "other", "blank": True} for name in BLANK_COLUMNS[: p.blank_columns]
    )
    messages: list[Record] = []
    received = sorted(random_day(rng, end=dt.date(2016, 12, 25)) for _ in range(p.messages))
    # slow replies come from messages old enough to be answered before the snapshot
    older = [i for i, day in enumerate(received) if day <= dt.date(2016, 11, 30)]
    slow = set(rng.sample(older, min(p.slow_messages, len(older))))
    for index, day in enumerate(received):
        record: Record = {"id": f"M-{index + 1:04d}", "received_on": day}
        taken = rng.randint(11, 25) if index in slow else rng.randint(1, 10)
        record["replied_on"] = deadline(day, taken)
        record["valid"] = True
        messages.append(record)
    # advertising and duplicate posts are invalid and never answered; they never count
    for number in range(rng.randint(0, 3)):
        messages.append(
            {"id": f"M-X{number + 1:02d}", "received_on": random_day(rng), "valid": False}
        )
    section: Record = {}
    if not unit.checked_on_default:
        section["checked_on"] = unit.claimed_check or check
    section["monitoring"] = {"visits": p.visits, "failures": p.failures}
    section["homepage_updated_on"] = check - dt.timedelta(days=p.homepage_age)
    section["columns"] = columns
    section["messages"] = messages
    section["broken_links"] = p.broken_links
    return section


# ---------------------------------------------------------------- special cases


def national_day(submission: Record) -> None:
    """Add requests received before the 2016 National Day holiday and answered after it.

    Official working days skip 10-01..07 and count Saturday/Sunday 10-08/09.
    """
    cases = (  # received, replied, extended
        (dt.date(2016, 9, 29), dt.date(2016, 10, 21), False),  # day 13 (16 weekdays): on time
        (dt.date(2016, 9, 30), dt.date(2016, 10, 21), False),  # day 12 (15 weekdays): on time
        (dt.date(2016, 10, 1), dt.date(2016, 10, 24), False),  # received on a holiday: day 13
        (dt.date(2016, 9, 20), dt.date(2016, 10, 18), False),  # day 17: late (15 sans 10-08/09)
        (dt.date(2016, 9, 29), dt.date(2016, 11, 8), True),  # extended, day 25: on time
    )
    records = submission["responsiveness"]["requests"]
    for number, (received, replied, extended) in enumerate(cases, start=1):
        records.append(
            {
                "id": f"2016-GQ{number:02d}",
                "received_on": received,
                "replied_on": replied,
                "extended": extended,
                "outcome": "granted",
            }
        )
    records.sort(key=lambda r: (r["received_on"], r["id"]))


def open_past_deadline(submission: Record) -> None:
    """One request received in November and never answered: late at the snapshot."""
    submission["responsiveness"]["requests"].append(
        {
            "id": "2016-OPEN1",
            "received_on": dt.date(2016, 11, 21),
            "extended": False,
            "outcome": "other",
        }
    )


def message_unanswered(submission: Record) -> None:
    """A valid message received in September and still unanswered on 2017-01-10."""
    submission["website"]["messages"].append(
        {"id": "M-V001", "received_on": dt.date(2016, 9, 12), "valid": True}
    )


def year_end_request(submission: Record) -> None:
    """A request received Friday 2016-12-23 and open at the snapshot: due 2017-01-16, the
    2017 run judges it (carried over)."""
    submission["responsiveness"]["requests"].append(
        {
            "id": "2016-YE01",
            "received_on": dt.date(2016, 12, 23),
            "extended": False,
            "outcome": "other",
        }
    )


def carried_in(submission: Record) -> None:
    """A request received Monday 2015-12-28, answered 2016-01-18 (due 01-19): it settled
    in 2016, so the 2016 run judges it (结转)."""
    submission["responsiveness"]["requests"].insert(
        0,
        {
            "id": "2015-1228",
            "received_on": dt.date(2015, 12, 28),
            "replied_on": dt.date(2016, 1, 18),
            "extended": False,
            "outcome": "granted",
        },
    )


def lawful_pauses(submission: Record) -> None:
    """Two requests received Monday 2016-03-07 and answered in time only through a lawful
    pause: one corrected on 03-14 (answered 04-05, working day 15 from the correction,
    20 from receipt), one that waited for a third party from 03-14 to 03-21 (5 working
    days; answered 04-01, working day 19 of the 20 allowed)."""
    submission["responsiveness"]["requests"].extend(
        [
            {
                "id": "2016-BZ01",
                "received_on": dt.date(2016, 3, 7),
                "replied_on": dt.date(2016, 4, 5),
                "extended": False,
                "outcome": "granted",
                "corrected_on": dt.date(2016, 3, 14),
            },
            {
                "id": "2016-ZQ01",
                "received_on": dt.date(2016, 3, 7),
                "replied_on": dt.date(2016, 4, 1),
                "extended": False,
                "outcome": "partly_granted",
                "consultation_from": dt.date(2016, 3, 14),
                "consultation_to": dt.date(2016, 3, 21),
            },
        ]
    )


def duplicate_answered_copy(submission: Record) -> None:
    """Before the first late request, an answered copy of it whose id ends in a zero-width
    space: the copies are one request, judged by the worse (still late)."""
    records = submission["responsiveness"]["requests"]
    for index, record in enumerate(records):
        limit = 30 if record.get("extended") else 15
        replied = record.get("replied_on")
        if replied is not None and replied > deadline(record["received_on"], limit):
            copy = {
                **record,
                "id": record["id"] + "\u200b",
                "replied_on": deadline(record["received_on"], 5),
            }
            records.insert(index, copy)
            return


def self_classified_column(submission: Record) -> None:
    """The unit labels its first stale news, notice or policy column "other" (a kind with no
    interval): it escapes the deduction, and the claim is listed for audit."""
    check = CHECK_DATES.get(submission["unit"]["id"], CHECKED_ON)
    ages = {"news": 14, "notice": 183, "policy": 183}
    for column in submission["website"]["columns"]:
        limit = ages.get(column["kind"])
        if limit is not None and (check - column["last_updated"]).days > limit:
            column["kind"] = "other"
            return


SPECIALS: dict[str, Callable[[Record], None]] = {
    "national_day": national_day,
    "open_past_deadline": open_past_deadline,
    "message_unanswered": message_unanswered,
    "year_end_request": year_end_request,
    "carried_in": carried_in,
    "lawful_pauses": lawful_pauses,
    "duplicate_answered_copy": duplicate_answered_copy,
    "self_classified_column": self_classified_column,
}


# ---------------------------------------------------------------- annual reports

# The 2015 annual report each unit published in 2016 (the 2016 scheme judges the
# report on 2015), in the 2008-era layout of criteria/annual_report.yaml. Figures
# are invented like everything else, from a generator of their own so that the
# other sections stay exactly as they were. Some units carry one planted break:
ANNUAL_REPORT_PLANTS: dict[str, tuple[str, str]] = {
    "xc-health": (
        "share_off",
        "年度报告：当面申请占比多印0.01 / annual report: a percentage off by 0.01",
    ),
    "xc-environment": (
        "part_over_total",
        "年度报告：政务新媒体发布数超过主动公开总数 / annual report: a part exceeds its total",
    ),
    "xc-safety": (
        "missing_figure",
        "年度报告：缺电话咨询数 / annual report: a required figure missing",
    ),
    "xc-culture": (
        "late",
        "年度报告2016-04-18公布，逾期18天 / annual report published 18 days late",
    ),
    "xc-shichahai": (
        "wrong_year",
        "年度报告：交了2016年度报告，且收到申请数与台账不符 / "
        "annual report for the wrong year (2016), its request total unlike the log",
    ),
}
REPORT_CHANNELS = ("in_person", "online", "letter", "fax", "other")
# No sample unit received a request by another channel: the 2008-era text names no
# other channel (its sum adds the channels a sentence states), so the reports' text
# and table agree on the channels.
REPORT_CHANNEL_WEIGHTS = (45, 35, 14, 2, 0)
REPLY_OUTCOMES = (
    "granted",
    "partly_granted",
    "refused",
    "not_held",
    "not_ours",
    "unclear",
    "other",
)
REPLY_OUTCOME_WEIGHTS = (40, 12, 8, 20, 10, 5, 5)


def printed_percent(part: int, whole: int) -> float:
    """100 × part / whole as a report prints it: rounded half-up to 2 decimals."""
    if whole == 0:
        return 0.0
    hundredths, rest = divmod(part * 100 * 100, whole)
    if 2 * rest >= whole:
        hundredths += 1
    return hundredths / 100


def split(rng: random.Random, total: int, weights: tuple[int, ...]) -> list[int]:
    """``total`` split into parts roughly in proportion to ``weights`` (exactly ``total``)."""
    noisy = [w * rng.uniform(0.7, 1.3) for w in weights]
    parts = [int(total * w / sum(noisy)) for w in noisy]
    parts[0] += total - sum(parts)
    return parts


def shares(
    rng: random.Random, names: tuple[str, ...], parts: list[int], changes: bool
) -> dict[str, Any]:
    """Figures with printed shares of their sum (and invented changes), plus the total."""
    total = sum(parts)
    group: dict[str, Any] = {"total": Flow(value=total)}
    change_sum = 0
    for name, part in zip(names, parts, strict=True):
        figure = Flow(value=part, percent=printed_percent(part, total))
        if changes:
            # never more than the part: last year's count was not negative
            figure["change"] = min(rng.randint(-part // 3, part // 3 + 2), part)
            change_sum += figure["change"]
        group[name] = figure
    if changes:
        group["total"]["change"] = change_sum
    return group


def annual_report_section(unit: UnitSpec, submission: Record) -> Record:
    """The unit's 2015 annual report, with its planted break if it has one."""
    rng = random.Random(f"xicheng-2016/annual-report/{unit.seed or unit.id}")
    plant = ANNUAL_REPORT_PLANTS.get(unit.id, ("", ""))[0]
    year = 2016 if plant == "wrong_year" else 2015
    received = max(6, round(unit.profile.requests * rng.uniform(0.8, 1.2)))
    replied = received - rng.randint(0, max(1, received // 20))
    proactive_total = round(400 * unit.profile.size * rng.uniform(0.8, 1.3)) + 50
    proactive = {"total": proactive_total}
    for name, low, high in (
        ("website", 0.9, 1.0),
        ("gazette", 0.01, 0.05),
        ("press_conferences", 0.0, 0.02),
        ("new_media", 0.3, 0.6),
        ("reading_rooms", 0.5, 0.9),
    ):
        proactive[name] = round(proactive_total * rng.uniform(low, high))
    consultations = split(rng, received * rng.randint(2, 5), (40, 50, 10))
    appeals: dict[str, Any] = {}
    for kind in ("reconsideration", "litigation"):
        upheld, corrected, other = rng.randint(0, 6), rng.randint(0, 1), rng.randint(0, 1)
        total = upheld + corrected + other
        appeals[kind] = {"total": total, "upheld": upheld, "corrected": corrected, "other": other}
    figures: Record = {
        "proactive": proactive,
        "requests": {
            "received": shares(
                rng, REPORT_CHANNELS, split(rng, received, REPORT_CHANNEL_WEIGHTS), True
            ),
            "replies": shares(
                rng, REPLY_OUTCOMES, split(rng, replied, REPLY_OUTCOME_WEIGHTS), False
            ),
        },
        "consultations": {
            "total": sum(consultations),
            **dict(zip(("in_person", "phone", "online"), consultations, strict=True)),
        },
        "appeals": appeals,
    }
    published = dt.date(2016, 3, rng.randint(10, 31))
    if plant == "share_off":
        in_person = figures["requests"]["received"]["in_person"]
        in_person["percent"] = round(in_person["percent"] + 0.01, 2)
    elif plant == "part_over_total":
        proactive["new_media"] = proactive_total + 12
    elif plant == "missing_figure":
        del figures["consultations"]["phone"]
    elif plant == "late":
        published = dt.date(2016, 4, 18)
    elif plant == "wrong_year":
        published = dt.date(2017, 1, 6)
        log = {r["id"] for r in submission["responsiveness"]["requests"]}
        figures["requests"]["received"]["total"]["value"] = len(log) + 2
    return {
        "year": year,
        "published_on": published,
        "url": f"http://www.bjxch.gov.cn/xxgk/ndbg/{unit.id}-{year}.html",
        "figures": figures,
    }


# ---------------------------------------------------------------- safeguards and decisions


def guide_checks() -> dict[str, Record]:
    """What the evaluator found of each unit's guide and catalogue (``criteria/facts.yaml``)."""
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    return {
        unit: facts["guide_check"]
        for unit, facts in (data.get("units") or {}).items()
        if "guide_check" in facts
    }


GUIDE_CHECKS = guide_checks()

# Planted safeguards cases: unit -> what its section lacks or says (README: SAFEGUARD_PLANTS).
SAFEGUARD_PLANTS: dict[str, tuple[str, str]] = {
    "xc-jinrongjie": (
        "guide_claimed",
        "自报指南更新于2016-06-01，评估方核查所见最近更新于2015-10-12 / the guide, stated as "
        "updated 2016-06-01, was last updated 2015-10-12 when the evaluator looked",
    ),
    "xc-safety": (
        "catalogue_missing",
        "评估方未找到政府信息公开目录 / the evaluator found no catalogue",
    ),
    "xc-culture": ("no_office", "未列明政府信息公开工作机构 / no disclosure office named"),
    "xc-statistics": (
        "no_assessment",
        "政务公开未纳入绩效考核、无责任追究制度 / no performance assessment, no accountability "
        "rules",
    ),
    "xc-audit": ("one_training", "全年培训1次（要求2次）/ one training session of the two asked"),
    "xc-commerce": ("no_review", "未开展社会评议 / no social review"),
    "xc-niujie": ("no_staff", "未列明工作人员 / no staff named"),
    "xc-shichahai": ("no_catalogue_url", "未报目录网址 / no address for the catalogue"),
}


def stated_document(unit: UnitSpec, rng: random.Random, which: str) -> Record:
    """The unit's statement of its guide or catalogue: what the evaluator found, if it looked."""
    found = GUIDE_CHECKS.get(unit.id, {}).get(which, {})
    updated = found.get("updated_on") or random_day(rng, dt.date(2016, 2, 1), dt.date(2016, 12, 20))
    address = f"http://www.bjxch.gov.cn/zfxxgk/{unit.id[3:]}/{which}.html"
    return {"url": address, "updated_on": updated}


def safeguards_section(unit: UnitSpec, rng: random.Random) -> Record:
    """The unit's safeguards (保障监督机制), every element stated unless a plant takes one away."""
    plant = SAFEGUARD_PLANTS.get(unit.id, ("", ""))[0]
    trainings = sorted(random_day(rng) for _ in range(rng.choice((2, 2, 3))))
    section: Record = {
        "office": f"{unit.name}政务公开办公室",
        "staff": rng.choice(("王某、刘某", "张某", "李某、陈某、赵某", "孙某、周某")),
        "guide": stated_document(unit, rng, "guide"),
        "catalogue": stated_document(unit, rng, "catalogue"),
        "trainings": [
            {"held_on": d, "title": "政务公开业务培训", "attendees": rng.randint(12, 60)}
            for d in trainings
        ],
        "assessment": {"included": True, "basis": "西城区2016年度绩效考核实施方案"},
        "accountability": {"rules": f"{unit.name}政府信息公开责任追究办法"},
        "social_review": {"held_on": random_day(rng, dt.date(2016, 11, 1)), "form": "问卷调查"},
    }
    if plant == "guide_claimed":
        section["guide"] = {**section["guide"], "updated_on": dt.date(2016, 6, 1)}
    elif plant == "no_office":
        del section["office"]
    elif plant == "no_staff":
        del section["staff"]
    elif plant == "no_assessment":
        section["assessment"] = {"included": False}
        del section["accountability"]
    elif plant == "one_training":
        section["trainings"] = section["trainings"][:1]
    elif plant == "no_review":
        del section["social_review"]
    elif plant == "no_catalogue_url":
        section["catalogue"] = {"updated_on": section["catalogue"]["updated_on"]}
    return section


# Planted decision cases: unit -> (what, README note).
DECISION_PLANTS: dict[str, tuple[str, str]] = {
    "xc-development-reform": (
        "ten_days",
        "一项重大决策征求意见仅10日，未说明理由 / a decision open for comment 10 days, no "
        "reason given",
    ),
    "xc-housing": (
        "shortened",
        "征求意见15日，公开时说明了缩短理由（待核实，不扣分）/ 15 days of comment with a reason "
        "published (listed, no deduction)",
    ),
    "xc-commerce": (
        "late",
        "一项决策于第21个工作日公开 / a decision published on the 21st working day",
    ),
    "xc-audit": (
        "unrecorded",
        "公众列席的会议未公开会议情况 / the open meeting's record not published",
    ),
    "xc-environment": ("no_feedback", "一项决策未公开意见采纳情况 / no feedback on one decision"),
    "xc-culture": ("unconsulted", "一项决策未公开征求意见 / a decision never put to comment"),
    "xc-safety": ("none", "报告本年度无重大决策（列为待核实）/ reports no major decision (listed)"),
    "xc-civil-affairs": (
        "linked",
        "决策以政策文件形式公开，公开日期取自政策解读的文件 / a decision published as a policy "
        "document, its date taken from the policy-interpretation section",
    ),
}


def a_decision(unit: UnitSpec, rng: random.Random, number: int) -> Record:
    """A major decision done by the book: 30 to 45 days of comment, feedback, published in time."""
    draft = random_day(rng, dt.date(2016, 1, 18), dt.date(2016, 8, 31))
    ends = draft + dt.timedelta(days=rng.randint(30, 45))
    decided = working_day(rng, ends + dt.timedelta(days=7), ends + dt.timedelta(days=40))
    topic = unit.topics[(number - 1) % len(unit.topics)]
    return {
        "id": f"{unit.prefix}-JC-{number:02d}",
        "title": f"西城区{topic}三年行动计划",
        "draft_published_on": draft,
        "comment_ends_on": ends,
        "decided_on": decided,
        "feedback_published_on": deadline(ends, rng.randint(2, 5)),
        "published_on": deadline(decided, rng.randint(1, 15)),
    }


def decision_section(unit: UnitSpec, rng: random.Random, submission: Record) -> Record:
    """A bureau's major decisions and open meetings of 2016 (streets are not judged on them)."""
    plant = DECISION_PLANTS.get(unit.id, ("", ""))[0]
    decisions = [a_decision(unit, rng, n) for n in range(1, rng.choice((2, 2, 3)) + 1)]
    held = sorted(working_day(rng) for _ in range(rng.choice((1, 2))))
    meetings: list[Record] = [
        {
            "id": f"{unit.prefix}-HY-{n:02d}",
            "title": f"{unit.name}办公会议（邀请公众代表列席）",
            "held_on": day,
            "observers": rng.randint(2, 8),
            "record_published_on": deadline(day, rng.randint(1, 5)),
        }
        for n, day in enumerate(held, 1)
    ]
    first = decisions[0]
    if plant == "ten_days":
        first["comment_ends_on"] = first["draft_published_on"] + dt.timedelta(days=10)
    elif plant == "shortened":
        first["comment_ends_on"] = first["draft_published_on"] + dt.timedelta(days=15)
        first["shortened_reason"] = "汛期前须完成危旧房屋解危排险，情况紧急"
    elif plant == "late":
        first["published_on"] = deadline(first["decided_on"], 21)
    elif plant == "unrecorded":
        meetings = [{k: v for k, v in m.items() if k != "record_published_on"} for m in meetings]
    elif plant == "no_feedback":
        del first["feedback_published_on"]
    elif plant == "unconsulted":
        for key in ("draft_published_on", "comment_ends_on", "feedback_published_on"):
            del first[key]
    elif plant == "none":
        decisions = []
    elif plant == "linked":
        document = next(
            d
            for d in submission["policy_interpretation"]["documents"]
            if d["major"] and d["published_on"] >= dt.date(2016, 5, 1)
        )
        decided = document["published_on"] - dt.timedelta(days=6)
        first.update(
            document=document["id"],
            title=document["title"],
            draft_published_on=decided - dt.timedelta(days=50),
            comment_ends_on=decided - dt.timedelta(days=15),
            decided_on=decided,
            feedback_published_on=decided - dt.timedelta(days=10),
        )
        del first["published_on"]
    return {"decisions": decisions, "meetings": meetings}


# ---------------------------------------------------------------- annual report documents

# Every folder unit hands in its report as the document it published, named by
# annual_report.document; its figures are annual_report_section's, planted breaks
# included, and the typed figures are dropped (the document is the evidence). Most
# reports print their figures in the text, worded as the Xicheng 2016 seed report
# words them (tests/fixtures/annual_reports/): the 2008-era format reads text. The
# units of REPORT_FORMS print the sample scheme's 统计表 instead
# (criteria/report_formats/xicheng_2015.yaml) after a text stating only the totals.
REPORT_FORMS: dict[str, str] = {  # unit id -> html, gbk (an HTML page in GB2312), docx
    "xc-finance": "docx",
    "xc-education": "html",
    "xc-environment": "html",
    "xc-safety": "html",
    "xc-housing": "html",
    "xc-jinrongjie": "html",
    "xc-xinjiekou": "html",
    "xc-tianqiao": "gbk",
}
TYPED_ONLY = frozenset({"xc-audit"})
"""Folder units that keep typed figures only (tests add a document to xc-audit's copy)."""

REPORT_EVIDENCE = ROOT / "evidence" / "annual_reports"
EVIDENCE_COPIES: dict[str, str] = {"xc-xinjiekou": "html", "xc-dashilan": "txt"}
"""The evaluator's own saved copies: xc-xinjiekou's page as published (its own copy
states more proactive items, UNIT_COPY_EXTRA), and xc-dashilan's, which a one-file
unit cannot hand in (xc-niujie and the workbook xc-yuetan stay typed-only)."""
UNIT_COPY_EXTRA: dict[str, int] = {"xc-xinjiekou": 10}

REPORT_CHANNEL_WORDS = {
    "in_person": "当面申请{}件",
    "online": "通过互联网提交申请{}件",
    "letter": "以信函形式申请{}件",
    "fax": "传真申请{}件",
}
REPLY_WORDS = {  # the 2008-era report's categories; the sample's "other" replies are 非政府信息
    "granted": "同意公开",
    "partly_granted": "同意部分公开",
    "refused": "不予公开",
    "not_held": "信息不存在",
    "not_ours": "非本单位掌握",
    "unclear": "申请内容不明确",
    "other": "非政府信息",
}
TABLE_TITLE = "政府信息公开情况统计表"
TABLE_ROWS: tuple[tuple[str, str], ...] = (  # label, path of the typed figure
    ("主动公开政府信息数", "proactive.total"),
    ("政府网站公开政府信息数", "proactive.website"),
    ("政府公报公开政府信息数", "proactive.gazette"),
    ("新闻发布会公开政府信息数", "proactive.press_conferences"),
    ("政务微博微信等新媒体公开政府信息数", "proactive.new_media"),
    ("查阅场所公开政府信息数", "proactive.reading_rooms"),
    ("收到申请数", "requests.received.total"),
    ("当面申请数", "requests.received.in_person"),
    ("网上申请数", "requests.received.online"),
    ("信函申请数", "requests.received.letter"),
    ("传真申请数", "requests.received.fax"),
    ("其他形式申请数", "requests.received.other"),
    ("已答复申请数", "requests.replies.total"),
    ("同意公开数", "requests.replies.granted"),
    ("同意部分公开数", "requests.replies.partly_granted"),
    ("不予公开数", "requests.replies.refused"),
    ("信息不存在数", "requests.replies.not_held"),
    ("非本单位掌握数", "requests.replies.not_ours"),
    ("申请内容不明确数", "requests.replies.unclear"),
    ("其他情形答复数", "requests.replies.other"),
    ("接受咨询人次", "consultations.total"),
    ("现场咨询人次", "consultations.in_person"),
    ("电话咨询人次", "consultations.phone"),
    ("网上咨询人次", "consultations.online"),
    ("行政复议数", "appeals.reconsideration.total"),
    ("复议维持具体行政行为数", "appeals.reconsideration.upheld"),
    ("复议被依法纠错数", "appeals.reconsideration.corrected"),
    ("复议其他情形数", "appeals.reconsideration.other"),
    ("行政诉讼数", "appeals.litigation.total"),
    ("诉讼维持具体行政行为数", "appeals.litigation.upheld"),
    ("诉讼被依法纠错数", "appeals.litigation.corrected"),
    ("诉讼其他情形数", "appeals.litigation.other"),
)


@dataclass(frozen=True)
class PrintedReport:
    """A report as printed: its paragraphs, then (when it has one) its 统计表 and the
    paragraphs after it (the unit's name and the date)."""

    paragraphs: list[str]
    table: list[tuple[str, int]]
    closing: list[str]


REPORT_SUFFIXES = {"txt": "txt", "html": "html", "gbk": "html", "docx": "docx"}


def report_file(report: Record, form: str) -> str:
    """The name a unit saves its report under, in its folder."""
    return f"{report['year']}年政府信息公开工作年度报告.{REPORT_SUFFIXES[form]}"


def _value(figures: Record, path: str) -> int | None:
    """A typed figure's count (``None`` when the report leaves it out)."""
    node: Any = figures
    for key in path.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return int(node["value"] if isinstance(node, Mapping) else node)


def _changed(change: int) -> str:
    """A change on the year before as the report words it."""
    return f"增加{change}件" if change >= 0 else f"减少{-change}件"


def _received_text(report: Record, with_parts: bool) -> list[str]:
    """The requests received, as the Xicheng report words them: total, then each channel."""
    received = report["figures"]["requests"]["received"]
    total = received["total"]
    lines = [
        f"本单位{report['year']}年度共收到政府信息公开申请{total['value']}件，"
        f"同上年相比，{_changed(total['change'])}。"
    ]
    clauses = [
        f"{words.format(received[name]['value'])}，占总数的{received[name]['percent']:.2f}%"
        + ("" if name == "fax" else f"，同上年相比，{_changed(received[name]['change'])}")
        for name, words in REPORT_CHANNEL_WORDS.items()
        if received[name]["value"]
    ]
    if with_parts:
        lines.append("其中，" + "；".join(clauses) + "。")
    return lines


def _replies_text(report: Record, with_parts: bool) -> list[str]:
    """The replies: the total, then each outcome there was with its printed share."""
    replies = report["figures"]["requests"]["replies"]
    if not with_parts:
        return [f"在已经答复的{replies['total']['value']}件申请中，各类答复的数量见附表。"]
    lines = [f"在已经答复的{replies['total']['value']}件申请中："]
    for name, words in REPLY_WORDS.items():
        if replies[name]["value"]:
            lines.append(
                f"“{words}”的{replies[name]['value']}件，占总数的{replies[name]['percent']:.2f}%。"
            )
    return lines


def _consultations_text(report: Record, with_parts: bool) -> list[str]:
    """The consultations: the total, then each kind with its share (the sample computes it)."""
    counts = report["figures"]["consultations"]
    total = counts["total"]
    line = (
        f"{report['year']}年，本单位共接受公民、法人及其他组织政府信息公开方面的咨询{total}人次。"
    )
    if with_parts:
        words = {"in_person": "现场咨询", "phone": "电话咨询", "online": "网上咨询"}
        clauses = [
            f"{word}{counts[name]}人次，占总数的{printed_percent(counts[name], total):.2f}%"
            for name, word in words.items()
            if name in counts
        ]
        line += "其中，" + "；".join(clauses) + "。"
    return [line]


def _appeals_text(report: Record, with_parts: bool) -> list[str]:
    """Reconsiderations and lawsuits: each total, then how they ended."""
    appeals = report["figures"]["appeals"]
    kinds = (
        ("reconsideration", "行政复议申请", "维持具体行政行为"),
        ("litigation", "行政诉讼案", "维持或者驳回"),
    )
    lines = []
    for name, case, upheld in kinds:
        counts = appeals[name]
        line = f"针对本单位政府信息公开的{case}{counts['total']}件"
        if with_parts:
            line += (
                f"，{upheld}{counts['upheld']}件，被依法纠错{counts['corrected']}件，"
                f"其他情形{counts['other']}件"
            )
        lines.append(line + "。")
    return lines


def printed_report(unit: UnitSpec, report: Record, tabled: bool, extra: int = 0) -> PrintedReport:
    """The report a unit published: the text states every figure, or (``tabled``) only the
    totals, the 统计表 giving the rest. ``extra`` proactive items: a copy that differs."""
    year, figures = report["year"], report["figures"]
    proactive = figures["proactive"]["total"] + extra
    paragraphs = [
        f"{unit.name}{year}年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》和《北京市政府信息公开规定》要求编制。"
        f"本报告中所列数据的统计期限自{year}年1月1日起，至{year}年12月31日止。"
        "本报告中的数据均为示例数据（虚构）。",
        "一、主动公开情况",
        f"{year}年，本单位主动公开政府信息{proactive}条。",
        "二、依申请公开情况",
        *_received_text(report, not tabled),
        *_replies_text(report, not tabled),
        "三、咨询情况",
        *_consultations_text(report, not tabled),
        "四、行政复议、诉讼情况",
        *_appeals_text(report, not tabled),
        "五、存在的不足及改进措施",
        "政府信息公开工作人员的业务能力有待进一步提升，本单位将加强培训，规范依申请公开办理流程。",
    ]
    table: list[tuple[str, int]] = []
    if tabled:
        paragraphs.append(f"附表：{TABLE_TITLE}")
        for label, path in TABLE_ROWS:
            value = _value(figures, path)
            if value is not None:
                table.append((label, value + (extra if path == "proactive.total" else 0)))
    published: dt.date = report["published_on"]
    closing = [unit.name, f"{published.year}年{published.month}月{published.day}日"]
    return PrintedReport(paragraphs, table, closing)


def report_txt(printed: PrintedReport) -> bytes:
    """The report as plain text, one paragraph a line (its table, if any, as lines too)."""
    rows = [f"{label}　{value}" for label, value in printed.table]
    return "\n".join([*printed.paragraphs, *rows, *printed.closing, ""]).encode("utf-8")


def report_html(printed: PrintedReport, charset: str = "utf-8") -> bytes:
    """The report as its page was saved from the district's website."""
    title = html.escape(printed.paragraphs[0])
    body = [f"<h1>{title}</h1>"]
    body += [f"<p>{html.escape(text)}</p>" for text in printed.paragraphs[1:]]
    if printed.table:
        body.append('<table border="1">')
        body.append("<tr><th>项目</th><th>统计数</th></tr>")
        body += [f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in printed.table]
        body.append("</table>")
    body += [f'<p style="text-align:right">{html.escape(t)}</p>' for t in printed.closing]
    page = (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f'<title>{title}</title>\n</head>\n<body>\n<div class="article">\n'
        + "\n".join(body)
        + "\n</div>\n</body>\n</html>\n"
    )
    return page.encode(charset)


DOCX_TIME = dt.datetime(2016, 3, 1, 9, 0, 0)
"""The docx's core-property dates and zip entries' timestamps: fixed, so reruns match."""


def report_docx(printed: PrintedReport, author: str) -> bytes:
    """The report as a Word document (python-docx), byte-identical on every run."""
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.author = properties.last_modified_by = author
    properties.title = printed.paragraphs[0]
    properties.created = properties.modified = properties.last_printed = DOCX_TIME
    properties.revision = 1
    document.add_heading(printed.paragraphs[0], level=1)
    for text in printed.paragraphs[1:]:
        document.add_paragraph(text)
    if printed.table:
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "项目", "统计数"
        for label, value in printed.table:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, str(value)
    for text in printed.closing:
        document.add_paragraph(text)
    saved = io.BytesIO()
    document.save(saved)
    return fixed_zip(saved.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """A zip rewritten with every entry's timestamp and attributes fixed (same order)."""
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=DOCX_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return rewritten.getvalue()


def report_bytes(unit: UnitSpec, report: Record, form: str, extra: int = 0) -> bytes:
    """The report's file in ``form`` (txt, html, gbk, docx)."""
    printed = printed_report(unit, report, form != "txt", extra)
    if form == "docx":
        return report_docx(printed, unit.name)
    if form in ("html", "gbk"):
        return report_html(printed, "gb2312" if form == "gbk" else "utf-8")
    return report_txt(printed)


def hand_in_report(unit: UnitSpec, submission: Record, folder: Path) -> None:
    """The unit's report saved in its folder and named by ``annual_report.document``."""
    report = submission["annual_report"]
    if unit.id in TYPED_ONLY:
        return
    form = REPORT_FORMS.get(unit.id, "txt")
    name = report_file(report, form)
    (folder / name).write_bytes(report_bytes(unit, report, form, UNIT_COPY_EXTRA.get(unit.id, 0)))
    submission["annual_report"] = {
        **{k: v for k, v in report.items() if k != "figures"},
        "document": name,
    }


def write_evidence(reports: Mapping[str, Record]) -> None:
    """The evaluator's saved copies of some units' reports (``reports``: each unit's
    annual_report section as built), in evidence/annual_reports/<unit-id>.<ext>."""
    REPORT_EVIDENCE.mkdir(parents=True, exist_ok=True)
    for entry in sorted(REPORT_EVIDENCE.iterdir()):
        if entry.suffix.lower() in (".html", ".htm", ".txt", ".docx", ".pdf"):
            entry.unlink()
    units = {unit.id: unit for unit in UNITS}
    for uid, form in EVIDENCE_COPIES.items():
        data = report_bytes(units[uid], reports[uid], form)
        (REPORT_EVIDENCE / f"{uid}.{REPORT_SUFFIXES[form]}").write_bytes(data)


# ---------------------------------------------------------------- writing


def build(unit: UnitSpec) -> Record:
    """The whole submission of one unit, as plain data."""
    rng = random.Random(f"xicheng-2016/{unit.seed or unit.id}")
    submission: Record = {"unit": {"id": unit.id, "name": unit.name, "type": unit.type}}
    sections: dict[str, Callable[[UnitSpec, random.Random], Record]] = {
        "key_area_disclosure": key_area_section,
        "policy_interpretation": policy_section,
        "responsiveness": responsiveness_section,
        "website": website_section,
    }
    for name, make in sections.items():
        content = make(unit, rng)  # always drawn, so omitting a section changes nothing else
        if name not in unit.omit:
            submission[name] = content
    for special in unit.specials:
        SPECIALS[special](submission)
    submission["annual_report"] = annual_report_section(unit, submission)
    # drawn from their own generator, so the sections above are what they were before
    extra = random.Random(f"xicheng-2016/{unit.seed or unit.id}/safeguards")
    submission["safeguards"] = safeguards_section(unit, extra)
    if unit.type == "bureau":
        submission["decision_openness"] = decision_section(unit, extra, submission)
    return submission


class Flow(dict[str, Any]):
    """A record written on one line (flow style)."""


class Dumper(yaml.SafeDumper):
    """Readable YAML: indented lists, one line per record, ISO times with ``T``."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # repeat equal dates in full, never as &anchors


def _flow(dumper: Dumper, data: Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _datetime(dumper: Dumper, data: dt.datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


Dumper.add_representer(Flow, _flow)
Dumper.add_representer(dt.datetime, _datetime)


def flowed(value: Any) -> Any:
    """Mark records (mappings inside lists) and small count mappings for flow style.

    Records holding times stay in block style: PyYAML quotes any scalar with a
    colon inside a flow mapping, and a quoted time would need an explicit tag.
    """
    if isinstance(value, Flow):
        return value
    if isinstance(value, list):
        return [
            Flow(v)
            if isinstance(v, dict) and not any(isinstance(x, dt.datetime) for x in v.values())
            else v
            for v in value
        ]
    if isinstance(value, dict):
        if value and all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            return Flow(value)
        return {k: flowed(v) for k, v in value.items()}
    return value


def dump_yaml(data: Record) -> str:
    return yaml.dump(
        flowed(data),
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )


def csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, records: Iterable[Record], fields: tuple[str, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(fields)
        for record in records:
            writer.writerow([csv_cell(record[f]) if f in record else "" for f in fields])


CSV_LISTS = {  # what -> (section, list, file, columns)
    "requests": (
        "responsiveness",
        "requests",
        "requests.csv",
        ("id", "received_on", "replied_on", "extended", "extension_notified_on", "outcome"),
    ),
    "items": (
        "key_area_disclosure",
        "items",
        "key_area_items.csv",
        ("item", "formed_on", "published_on", "url", "in_designated_column", "period"),
    ),
}


def write_unit(unit: UnitSpec, submission: Record) -> None:
    header = f"# {unit.name}（{unit.id}）2016年度政务公开评估材料 —— 示例数据，数字均为虚构\n"
    if unit.workbook:
        write_unit_workbook(unit, submission)
        return
    if unit.single_file:
        (OUT / f"{unit.id}.yaml").write_text(header + dump_yaml(submission), encoding="utf-8")
        return
    folder = OUT / unit.id
    folder.mkdir()
    for what in sorted(unit.csv):
        section, key, filename, fields = CSV_LISTS[what]
        write_csv(folder / filename, submission[section][key], fields)
        submission[section] = {**submission[section], key: Flow(csv=filename)}
    write_record_workbook(unit, submission, folder)
    hand_in_report(unit, submission, folder)
    (folder / "submission.yaml").write_text(header + dump_yaml(submission), encoding="utf-8")


# ---------------------------------------------------------------- workbooks


XLSX_LISTS = {  # what -> (section, list, sheet)
    "requests": ("responsiveness", "requests", "依申请公开"),
    "items": ("key_area_disclosure", "items", "重点领域公开"),
}


def xlsx_name(unit: UnitSpec) -> str:
    """A unit's record workbook: named for its one sheet, or 台账.xlsx for several."""
    if len(unit.xlsx) == 1:
        return f"{XLSX_LISTS[next(iter(unit.xlsx))][2]}.xlsx"
    return "台账.xlsx"


@functools.cache
def loaded() -> Any:
    """The engine of the default criteria and plugins: schemas and labels for workbooks."""
    from evaluator._scoring.engine import Engine, Options

    return Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))


def clerk_cell(value: Any, schema: Mapping[str, Any]) -> Any:
    """A value as a clerk enters it: 是/否, the Chinese label, a date cell, Beijing time."""
    from evaluator.section_schema import ENUM_TITLES

    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.astimezone(TZ).replace(tzinfo=None)
    if isinstance(value, str) and ENUM_TITLES in schema:
        return schema[ENUM_TITLES].get(value, value)
    return value


def fill_records(sheet: Any, records: list[Record], items: Mapping[str, Any], title: str) -> None:
    """A record sheet as clerks keep it: a title row, Chinese headers, rows, an empty row."""
    properties = items["properties"]
    names = list(properties)
    sheet.delete_rows(1, sheet.max_row)
    sheet.append([title])
    sheet.append([properties[n].get("title", n) for n in names])
    for record in records:
        sheet.append([clerk_cell(record.get(n), properties[n]) for n in names])
    sheet.append([None] * len(names))
    for column, name in enumerate(names, start=1):
        if properties[name].get("format") in ("date", "date-time"):
            for (cell,) in sheet.iter_rows(min_row=3, min_col=column, max_col=column):
                cell.number_format = (
                    "yyyy-mm-dd" if properties[name]["format"] == "date" else ("yyyy-mm-dd hh:mm")
                )


def write_record_workbook(unit: UnitSpec, submission: Record, folder: Path) -> None:
    """Record lists of ``unit.xlsx`` as sheets of one workbook, referenced from the YAML."""
    if not unit.xlsx:
        return
    import openpyxl

    from evaluator._reports.template import save_workbook

    schema = loaded().schema.schema
    book = openpyxl.Workbook()
    name = xlsx_name(unit)
    for index, what in enumerate(sorted(unit.xlsx)):
        section, key, title = XLSX_LISTS[what]
        active = book.active
        assert active is not None
        sheet = active if index == 0 else book.create_sheet()
        sheet.title = title
        items = schema["properties"][section]["properties"][key]["items"]
        fill_records(sheet, submission[section][key], items, f"{unit.name}2016年{title}台账")
        submission[section] = {**submission[section], key: Flow(xlsx=name, sheet=title)}
    save_workbook(book, folder / name)


def _leaves(value: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(value, Mapping):
        return [leaf for key, sub in value.items() for leaf in _leaves(sub, (*path, str(key)))]
    return [(path, value)]


def write_unit_workbook(unit: UnitSpec, submission: Record) -> None:
    """The whole unit as one workbook: the template for its kind, filled in as a clerk would."""
    from evaluator._inputs.workbook_layout import LABEL_SEPARATOR, workbook_layout
    from evaluator._reports.template import save_workbook, template_workbook

    engine = loaded()
    schema = engine.schema.schema
    book = template_workbook(
        schema, engine.scheme.unit_types, unit.type, unit_id=unit.id, unit_name=unit.name
    )
    layout = workbook_layout(schema)
    for spec in layout.records:
        section, key = spec.path
        if key in submission.get(section, {}):
            title = f"{unit.name}2016年{spec.name}台账"
            fill_records(book[spec.name], submission[section][key], spec.items, title)
    for form in layout.forms:
        data = submission.get(form.section)
        if data is None:
            continue
        sheet = book[form.name]
        top = {row.path[0] for row in form.rows}
        for path, value in _leaves({k: v for k, v in data.items() if k in top}, ()):
            row = next(r for r in form.rows if path[: len(r.path)] == r.path)
            label = LABEL_SEPARATOR.join((row.label, *path[len(row.path) :]))
            sheet.append([label, clerk_cell(value, row.schema)])
    save_workbook(book, OUT / f"{unit.id}.xlsx")


def clear_output() -> None:
    """Remove what an earlier run wrote (unit folders, unit files, the README)."""
    OUT.mkdir(exist_ok=True)
    for entry in sorted(OUT.iterdir()):
        if entry.is_dir() and (entry / "submission.yaml").exists():
            shutil.rmtree(entry)
        elif entry.suffix in (".yaml", ".xlsx") or entry.name == "README.md":
            entry.unlink()


EVIDENCE = ROOT / "evidence"
TEST_REQUESTS_HEADERS = (
    ("unit", "单位编号"),
    ("id", "申请编号"),
    ("unit_ref", "单位受理编号"),
    ("channel", "申请渠道"),
    ("sent_on", "发出日期"),
    ("accepted", "渠道是否受理"),
    ("acknowledged_on", "回执日期"),
    ("received_on", "受理日期"),
    ("replied_on", "答复日期"),
    ("outcome", "答复结果"),
    ("notice", "是否出具告知书"),
    ("legal_basis", "是否引用法律依据"),
    ("reasons", "是否说明理由"),
    ("agency_named", "是否告知主管机关"),
    ("remedy", "是否告知救济途径"),
    ("correction_notified_on", "补正告知日期"),
    ("outcome_defensible", "答复结果是否妥当"),
    ("note", "备注（评估方内部）"),
)
# The planted cases of the evaluator's test requests (issue 21), one unit each:
TEST_REQUEST_PLANTS = {
    "xc-audit": "unlogged",  # a test request the unit's own log does not hold
    "xc-finance": "no_remedy",  # a refusal whose reply states no remedy (复议/诉讼 and limits)
    "xc-jinrongjie": "refused",  # the e-mail channel did not accept the request
}
_TEST_CHANNELS = ("online", "letter", "in_person")
_YES_NO = {True: "是", False: "否"}
_APPLIES = {"yes": "是", "no": "否", "not_applicable": "不适用"}


def test_requests(unit: UnitSpec, submission: Record) -> list[Record]:
    """The evaluator's test requests to one unit: three replied requests of its own log.

    Each was sent by the evaluator, so the unit's log holds it: the first with the
    unit's registration number from the acknowledgement (matched by it), the
    others without (matched by day of receipt and outcome). The planted cases of
    :data:`TEST_REQUEST_PLANTS` change one request. Drawn from its own stream.
    """
    rng = random.Random(f"xicheng-2016/{unit.seed or unit.id}/test-requests")
    log = submission.get("responsiveness", {}).get("requests") or []
    replied = [r for r in log if r.get("replied_on") and not r.get("extended")]
    chosen = rng.sample(replied, min(3, len(replied)))
    plant = TEST_REQUEST_PLANTS.get(unit.id)
    if plant == "no_remedy":  # one of the three a refusal, whose reply owes a remedy clause
        adverse = [r for r in replied if r["outcome"] in ("refused", "partly_granted")]
        chosen = [*chosen[:2], adverse[0]]
    chosen.sort(key=lambda r: r["received_on"])
    rows = []
    for index, entry in enumerate(chosen):
        channel = _TEST_CHANNELS[index % len(_TEST_CHANNELS)]
        received = entry["received_on"]
        sent = received - dt.timedelta(days=3) if channel == "letter" else received  # the post
        row: Record = {
            "unit": unit.id,
            "id": f"YZ-{unit.id.removeprefix('xc-')}-{index + 1}",
            "unit_ref": entry["id"] if index == 0 else "",
            "channel": channel,
            "sent_on": sent,
            "accepted": True,
            "acknowledged_on": received if channel != "in_person" else "",
            "replied_on": entry["replied_on"],
            "outcome": entry["outcome"],
        }
        rows.append({**row, **_reply_read(entry["outcome"])})
    if plant == "unlogged":  # sent in person on a day the log has no request
        logged_days = {r["received_on"] for r in log}
        day = next(
            d
            for d in (dt.date(2016, 6, n) for n in range(1, 30))
            if is_working_day(d) and d not in logged_days
        )
        rows.append(
            {
                "unit": unit.id,
                "id": f"YZ-{unit.id.removeprefix('xc-')}-9",
                "unit_ref": "",
                "channel": "in_person",
                "sent_on": day,
                "accepted": True,
                "acknowledged_on": "",
                "replied_on": deadline(day, 9),
                "outcome": "granted",
                **_reply_read("granted"),
                "note": "当面递交，窗口未出具回执",
            }
        )
    elif plant == "no_remedy":  # the first reply that owes a remedy clause leaves it out
        owing = next(row for row in rows if row["outcome"] in ("refused", "partly_granted"))
        owing["remedy"] = "否"
    elif plant == "refused":
        day = dt.date(2016, 9, 12)
        rows.append(
            {
                "unit": unit.id,
                "id": f"YZ-{unit.id.removeprefix('xc-')}-9",
                "unit_ref": "",
                "channel": "email",
                "sent_on": day,
                "accepted": False,
                "acknowledged_on": "",
                "replied_on": "",
                "outcome": "",
                "note": "邮件被退回：邮箱已停用",
            }
        )
    return rows


def _reply_read(outcome: str) -> Record:
    """How the evaluator read a well-formed reply with ``outcome``."""
    adverse = outcome in ("refused", "partly_granted")
    return {
        "notice": "是",
        "legal_basis": "是",
        "reasons": "是" if adverse else "不适用",
        "agency_named": "是" if outcome == "unable" else "不适用",
        "remedy": "是" if outcome != "granted" else "",
        "outcome_defensible": "是",
    }


def write_test_requests(rows: list[Record]) -> None:
    """``evidence/test_requests.csv``: the evaluator's list, Chinese headers, UTF-8."""
    EVIDENCE.mkdir(exist_ok=True)
    lines = [",".join(title for _, title in TEST_REQUESTS_HEADERS)]
    for row in rows:
        cells = []
        for name, _ in TEST_REQUESTS_HEADERS:
            value = row.get(name, "")
            if isinstance(value, bool):
                value = _YES_NO[value]
            cells.append(value.isoformat() if isinstance(value, dt.date) else str(value))
        lines.append(",".join(cells))
    (EVIDENCE / "test_requests.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


README_HEAD = """\
# 示例评估材料 / Sample submissions

**声明：** 本目录中的单位名称是北京市西城区真实存在的区政府工作部门和街道办事处，
但**所有数字、日期、文件、记录均为虚构**，仅用于演示评估引擎，**不是真实统计数据**，
不反映任何单位的实际政务公开工作情况。

**Disclaimer:** the units here are real departments and street offices of Xicheng
District, Beijing, but **ALL figures, dates, documents and records are invented**
for illustration. They are **not real statistics** and say nothing about how any
unit actually performs.

These files are generated by `scripts/make_sample.py` (seeded, byte-identical on
every run); edit the script, not the files. Score them from the repository root:

```
evaluate submissions/
evaluate submissions/ --detail
```

Folder form: `<unit-id>/submission.yaml` (plus CSV files or workbooks of record
lists beside it); single-file form: `<unit-id>.yaml`; whole-unit workbook:
`<unit-id>.xlsx` (what `evaluate template` writes, filled in).

## 特殊情形 / Which unit exercises which rule
"""

README_TAIL = """
National Day 2016 (国庆): 10-01..10-07 were holidays and Saturday/Sunday 10-08/09 were
working days. The requests `2016-GQ01`..`2016-GQ05` of xc-civil-affairs and xc-housing
were received around the holiday (limit 15 working days, 30 when extended):

| id | received | answered | official working day | weekdays only | verdict |
| --- | --- | --- | --- | --- | --- |
| 2016-GQ01 | 2016-09-29 | 2016-10-21 | 13 | 16 | on time |
| 2016-GQ02 | 2016-09-30 | 2016-10-21 | 12 | 15 | on time |
| 2016-GQ03 | 2016-10-01 (holiday) | 2016-10-24 | 13 | 16 | on time |
| 2016-GQ04 | 2016-09-20 | 2016-10-18 | 17 | 20 | late (15 without the worked 10-08/09) |
| 2016-GQ05 (extended) | 2016-09-29 | 2016-11-08 | 25 | 28 | late: 15 days apply |

`2016-GQ05` says `extended: true` but gives no `extension_notified_on`: an extension
needs the applicant told (2008 条例 art. 24(2)), and the agency must show it, so the
request is judged on the 15-day limit (`requests.extension_unproven`, then
`requests.late`); with the notice date it would be on time on day 25 of 30.

Open requests: requests received late in December without `replied_on` are still
within their limit at the snapshot; they fall due in 2017, so the 2016 run lists them
as carried over and the 2017 run judges them (`2016-YE01` of xc-justice, received
2016-12-23, is due 2017-01-16). `2016-OPEN1` of xc-health (received 2016-11-21, never
answered) is past its deadline and counts late. `2015-1228` of xc-housing, received
2015-12-28 and answered 2016-01-18, settled in 2016 and is judged in it (结转).
Messages with `valid: false` (advertising, duplicates) are never judged, and are listed
for audit.

Claims the evaluator should check (each listed as an `audit.` finding): xc-civil-affairs
timed `2016-BZ01` from a corrected application (补正, 2016-03-14), but the 2008 条例 in
force then has no restart on correction (that is 2019 art. 30), so its clock runs from
receipt and it is late on working day 20 (`audit.correction_2008`, `requests.late`);
xc-civil-affairs paused `2016-ZQ01` while a third party was consulted (2016-03-14 to
03-21), within the 15 working days a consultation may pause it; xc-commerce gives its website
check date as 2017-01-06, four days before the evaluator's check, which would have kept
its 18-day-old homepage fresh (not used); xc-statistics labels its stale 通知公告
column "other", judged as a notice column by its name (`audit.column_name_kind`);
xc-hrss placed an answered copy of a late request before it, its id ending in a
zero-width space (one request, judged by the worse copy). The evaluator's check dates
and enquiry-channel findings are in `criteria/facts.yaml` (invented too): xc-dashilan
has no working enquiry channel, which the 2015 website census did not veto (that veto
came with 国办秘函〔2019〕19号), so the 2016 scheme records it and neither scores nor
vetoes it.
"""


# The sample's ranking before the dated rules of issue 18 (engine 050d5a8) and now:
# (unit id, before: total, rank, grade; now: total, rank, grade; the causes, as the
# letters of RANKING_CAUSES; a note). tests/test_sample.py holds "now" to the run.
RANKING_CHANGES: tuple[tuple[str, str, int, str, str, int, str, str, str], ...] = (
    ("xc-finance", "100.00", 1, "优秀", "99.68", 1, "优秀", "T", ""),
    ("xc-justice", "98.58", 3, "优秀", "98.77", 2, "优秀", "RD", ""),
    ("xc-civil-affairs", "94.31", 4, "优秀", "96.79", 3, "优秀", "RSXTD", ""),
    ("xc-audit", "99.55", 2, "优秀", "96.54", 4, "优秀", "TD", ""),
    ("xc-food-drug", "88.50", 8, "良好", "94.12", 5, "优秀", "RISHTD", ""),
    ("xc-hrss", "92.59", 5, "优秀", "93.84", 6, "优秀", "RTD", ""),
    ("xc-development-reform", "90.99", 7, "优秀", "93.38", 7, "优秀", "RSTD", ""),
    ("xc-education", "91.16", 6, "优秀", "92.37", 8, "优秀", "RISHTD", ""),
    ("xc-health", "87.62", 9, "良好", "92.34", 9, "优秀", "RISHTD", ""),
    ("xc-environment", "83.50", 10, "良好", "90.51", 10, "优秀", "RISHTD", ""),
    ("xc-housing", "80.34", 11, "良好", "85.99", 11, "良好", "RSHXTD", ""),
    ("xc-safety", "76.62", 12, "合格", "79.72", 12, "合格", "RHTD", ""),
    (
        "xc-city-management",
        "91.27",
        16,
        "不合格 (vetoed)",
        "78.75",
        13,
        "合格 (vetoed)",
        "RIHVTD",
        "; unvetoed rank 8",
    ),
    (
        "xc-commerce",
        "97.27",
        15,
        "不合格 (vetoed)",
        "78.65",
        14,
        "合格 (vetoed)",
        "VD",
        "; unvetoed rank 5",
    ),
    ("xc-statistics", "72.87", 13, "合格", "75.29", 15, "合格", "RHCTD", ""),
    ("xc-culture", "52.40", 14, "不合格", "64.16", 16, "合格", "RSHTD", ""),
    ("xc-xichanganjie", "99.32", 2, "优秀", "99.38", 1, "优秀", "D", ""),
    ("xc-jinrongjie", "99.55", 1, "优秀", "98.02", 2, "优秀", "TD", ""),
    ("xc-guanganmennei", "97.17", 3, "优秀", "97.66", 3, "优秀", "RTD", ""),
    ("xc-xinjiekou", "92.74", 5, "优秀", "94.73", 4, "优秀", "RHTD", ""),
    ("xc-yuetan", "95.02", 4, "优秀", "94.58", 5, "优秀", "RTD", ""),
    ("xc-tianqiao", "90.10", 7, "优秀", "92.06", 6, "优秀", "RHTD", ""),
    ("xc-baizhifang", "90.59", 6, "优秀", "92.01", 7, "优秀", "RHTD", ""),
    ("xc-zhanlanlu", "86.81", 11, "良好", "90.54", 8, "优秀", "RHTD", ""),
    ("xc-chunshu", "89.20", 8, "良好", "90.10", 9, "优秀", "RSHTD", ""),
    ("xc-taoranting", "89.20", 8, "良好", "90.10", 9, "优秀", "RSHTD", ""),
    ("xc-desheng", "86.93", 10, "良好", "89.55", 11, "良好", "RHTD", ""),
    ("xc-niujie", "84.36", 12, "良好", "84.34", 12, "良好", "RD", ""),
    ("xc-dashilan", "74.69", 15, "不合格 (vetoed)", "78.38", 13, "合格", "RSHETD", ""),
    (
        "xc-guanganmenwai",
        "88.67",
        14,
        "不合格 (vetoed)",
        "77.63",
        14,
        "合格 (vetoed)",
        "RHVTD",
        "; unvetoed rank 11",
    ),
    ("xc-shichahai", "64.06", 13, "合格", "76.91", 15, "合格", "RISHTD", ""),
)

RANKING_CAUSES: dict[str, str] = {
    "R": "the annual report is judged once, in its own dimension, by the regulation in force"
    " on its due date: the checklists leave their report item to it (judged_by), so the"
    " key-area scores count one item fewer (tenths either way; up where the key-area"
    " report record was never published)",
    "I": "incidents that emerged before 国办发〔2016〕61号 was published (2016-08-12) had no"
    " hour limit and are no longer judged (`incidents.no_limit`)",
    "S": "fewer cases than the scheme's small-count threshold are judged per case, each"
    " failed case costing what one costs at the threshold (`engine.small_counts`: one"
    " corrected appeal of 2 to 19 costs 5 of 20, one late incident of 1 to 4 costs 4)",
    "H": "the 2016 hotline is judged on 办结率 (completed over dispatched) and 满意率",
    "X": "an extension without a date of notice, or a 2008-era correction, no longer moves"
    " the deadline (`requests.extension_unproven`, `audit.correction_2008`)",
    "V": "the scheme states veto_scope: dimension: a census veto scores the website 0 and"
    " the unit is graded and ranked by its total, with its rank without the veto shown"
    " (before, a veto failed the unit: 不合格, ranked last)",
    "E": "no working enquiry channel was not a veto in the 2015 census (it came in 2019)",
    "T": "the evaluator's own test requests (issue 21, evidence/test_requests.csv) add five"
    " indicators, 40 points, to 回应关切: every unit's responsiveness score now also rests on"
    " requests the evaluator sent itself, so small differences there (a late reply mirrored"
    " from the unit's log, a test request missing from it at xc-audit, a refusal without its"
    " remedy clause at xc-finance, a refused e-mail channel at xc-jinrongjie) move totals and"
    " ranks",
    "D": "two dimensions added by issue 21: 保障监督机制 (weight 10 for both kinds) and 决策公开"
    " (10 for bureaus, 0 for streets), each unit's sections generated for them and the"
    " evaluator's guide and catalogue checks in criteria/facts.yaml; a unit at 100 in both rises"
    " towards 100, one with a planted gap (see 保障监督机制与决策公开 above) falls",
    "C": "a website column is judged by the kind its name ends with (name_endings), not the"
    " kind the unit gave it: xc-statistics' stale 通知公告, labelled other, is a notice column"
    " past 6 months (`audit.column_name_kind`); other classes a unit gives its own records"
    " are trusted (self_claims: trusted) and listed as 待核实 with the points at stake",
}


def readme() -> str:
    lines = [
        README_HEAD,
        "| 单位 unit | id | 类型 kind | 形式 form | 说明 notes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for unit in UNITS:
        form = f"`{unit.id}.yaml`" if unit.single_file else f"`{unit.id}/`"
        if unit.workbook:
            form = f"`{unit.id}.xlsx`"
        if unit.csv:
            files = ", ".join(f"`{CSV_LISTS[w][2]}`" for w in sorted(unit.csv))
            form += f" + {files}"
        if unit.xlsx:
            sheets = "、".join(XLSX_LISTS[w][2] for w in sorted(unit.xlsx))
            form += f" + `{xlsx_name(unit)}` ({sheets})"
        kind = "区政府工作部门" if unit.type == "bureau" else "街道办事处"
        lines.append(f"| {unit.name} | {unit.id} | {kind} | {form} | {unit.note} |")
    return (
        "\n".join(lines)
        + "\n"
        + README_TAIL
        + annual_report_readme()
        + safeguards_readme()
        + ranking_changes_readme()
    )


def annual_report_readme() -> str:
    """The README's section on the sample annual reports and their planted breaks."""
    tabled = ", ".join(uid for uid, form in REPORT_FORMS.items() if form != "docx")
    docx = ", ".join(uid for uid, form in REPORT_FORMS.items() if form == "docx")
    lines = [
        "",
        "## 年度报告 / Annual reports",
        "",
        "Every unit submits its 2015 annual report (published in 2016); its figures are",
        "invented like all the others. A folder unit hands in the report itself, the file it",
        "published, named by `annual_report.document`: its figures are read from it and judged",
        "(issue 20), and it types none. Most reports state their figures in the text (`.txt`),",
        "worded as the Xicheng 2016 report words them, for the 2008-era format's sentence",
        "patterns; these print the sample scheme's 统计表 after a text stating the totals:",
        f"{tabled} (read by the scheme's own format for 2015,",
        "`criteria/report_formats/xicheng_2015.yaml`), as HTML pages (xc-tianqiao's in",
        f"GB2312) and, for {docx}, a Word document.",
        "",
        "The evaluator's evidence folder is the repository's top-level `evidence/` (beside",
        "`criteria/`). `evidence/annual_reports/xc-xinjiekou.html` is the unit's page as",
        "published: it is the copy judged, and the unit's own copy states "
        f"{UNIT_COPY_EXTRA['xc-xinjiekou']} more",
        "proactive items (`integrity.document_differs`). `evidence/annual_reports/xc-dashilan.txt`",
        "is the report of a one-file unit, which has no folder to hand a file in; its typed",
        "figures are compared with it. xc-niujie (one file) and xc-yuetan (one workbook) keep",
        "typed figures only, and so does xc-audit (tests add a document to it). Five units",
        "carry one planted break each, in the document (the late one in its date too):",
        "",
        "| 单位 unit | id | 说明 notes |",
        "| --- | --- | --- |",
    ]
    names = {unit.id: unit.name for unit in UNITS}
    for uid, (_, note) in ANNUAL_REPORT_PLANTS.items():
        lines.append(f"| {names[uid]} | {uid} | {note} |")
    return "\n".join(lines) + "\n"


# The units at 100 in four of the five first dimensions before issue 21, and what the two
# dimensions it added give them (tests/test_sample.py holds the figures to the run).
FORMER_TIE: tuple[tuple[str, str, str, str, str, int, str], ...] = (
    # unit, 保障监督机制, 决策公开, 回应关切 (with the test requests), total, rank in its kind, why
    (
        "xc-finance",
        "100.00",
        "100.00",
        "98.33",
        "99.68",
        1,
        "both new dimensions in full; its partly granted test request's reply names no remedy",
    ),
    (
        "xc-audit",
        "92.50",
        "80.00",
        "95.00",
        "96.54",
        4,
        "one training of two; an open meeting's record unpublished; a test request not in its log",
    ),
    (
        "xc-commerce",
        "85.00",
        "87.50",
        "100.00",
        "78.65",
        14,
        "no social review; a decision published on day 21 (and its website veto)",
    ),
    (
        "xc-jinrongjie",
        "85.00",
        "—",
        "98.75",
        "98.02",
        2,
        "its guide last updated in 2015 as the evaluator found it; its e-mail channel refused",
    ),
    (
        "xc-xichanganjie",
        "100.00",
        "—",
        "100.00",
        "99.38",
        1,
        "everything stated, every test request answered well: first among the streets",
    ),
)


def safeguards_readme() -> str:
    """The README's section on the safeguards and decision-openness plants and the old tie."""
    names = {unit.id: unit.name for unit in UNITS}
    lines = [
        "",
        "## 保障监督机制与决策公开 / Safeguards and decision openness",
        "",
        "Every unit states its safeguards (保障监督机制); every bureau lists its major",
        "decisions and open meetings (决策公开; streets are not judged on it). The evaluator",
        "checked the guide and catalogue of every bureau and of the two leading streets",
        "(`guide_check` in `criteria/facts.yaml`); the other streets' statements are listed to",
        "verify (`audit.guide_unverified`). Planted cases:",
        "",
        "| 单位 unit | id | 说明 notes |",
        "| --- | --- | --- |",
    ]
    for plants in (SAFEGUARD_PLANTS, DECISION_PLANTS):
        for uid, (_, note) in plants.items():
            lines.append(f"| {names[uid]} | {uid} | {note} |")
    lines += [
        "",
        "Five units scored 100 in four of the first five dimensions (xc-commerce's fifth, the",
        "website, vetoed). The two new dimensions and the evaluator's test requests (under",
        "回应关切) now spread them, from 99.68 to 96.54 among the bureaus they were tied in:",
        "",
        "| unit | 保障监督机制 | 决策公开 | 回应关切 | total | rank | why |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {uid} | {s} | {d} | {r} | {total} | {rank} | {why} |"
        for uid, s, d, r, total, rank, why in FORMER_TIE
    ]
    return "\n".join(lines) + "\n"


def ranking_changes_readme() -> str:
    """The README's section on how the dated rules of issue 18 moved the ranking."""
    lines = [
        "",
        "## 排名变化 / How the ranking changed with the dated rules",
        "",
        "Engine 050d5a8 judged the 2016 sample with today's clocks and vetoes; the rules an",
        "expert would sign (the law in force when each duty arose, proven extensions, a stated",
        "veto policy, small counts) moved it as below. Only the rules named move a unit; the",
        "inputs are the same but for the hotline's 办结量 (`completed`), which the 2016",
        "scheme reads, and the sections of the two dimensions added since (D). Ranks are",
        "within the unit's kind; a unit whose score barely moved can move in rank because",
        "vetoed units now rank by their totals (V).",
        "",
        "| 单位 unit | before: total, rank, grade | now: total, rank, grade | why |",
        "| --- | --- | --- | --- |",
    ]
    for uid, b_total, b_rank, b_grade, n_total, n_rank, n_grade, causes, note in RANKING_CHANGES:
        why = ", ".join(causes) + note if causes else "unchanged"
        lines.append(
            f"| {uid} | {b_total}, {b_rank}, {b_grade} | {n_total}, {n_rank}, {n_grade} | {why} |"
        )
    lines += ["", "Why:", ""]
    lines += [f"- **{letter}**: {text}." for letter, text in RANKING_CAUSES.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    clear_output()
    sent: list[Record] = []
    reports: dict[str, Record] = {}
    for unit in UNITS:
        submission = build(unit)
        reports[unit.id] = submission["annual_report"]
        sent += test_requests(unit, submission)  # before writing: it may move lists to CSV
        write_unit(unit, submission)
    write_test_requests(sent)
    write_evidence(reports)
    (OUT / "README.md").write_text(readme(), encoding="utf-8")
    print(f"wrote {len(UNITS)} submissions to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
