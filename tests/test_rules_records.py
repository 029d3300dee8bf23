"""Records as people read them: normalised ids and addresses, copies, equal content."""

from __future__ import annotations

import pytest

from evaluator.rules import (
    find_copies,
    normalise_id,
    normalise_url,
    normalised_ids,
    same_content,
    visible,
    worst,
)

# ---------------------------------------------------------------- ids


@pytest.mark.parametrize(
    "written",
    [
        "2016-0001",
        "2016-0001\u200b",  # zero-width space
        "\ufeff2016-0001",  # byte-order mark
        "2016-0001 ",  # trailing space
        "　2016-0001",  # full-width space
        "２０１６－０００１",  # full-width digits and hyphen
        "2016-00\u00ad01",  # soft hyphen
        "2016-0001\x07",  # control character
    ],
)
def test_ids_that_read_alike_normalise_alike(written: str) -> None:
    assert normalise_id(written) == "2016-0001"


def test_ids_differing_in_case_or_width_of_letters_normalise_alike() -> None:
    assert normalise_id("M-A01") == normalise_id("m-a01") == normalise_id("Ｍ－ａ０１") == "m-a01"


def test_ids_that_differ_in_what_people_read_stay_apart() -> None:
    assert normalise_id("2016-0001") != normalise_id("2016-0002")
    assert normalise_id("a b") != normalise_id("ab")  # an inner space is part of the id


def test_normalised_ids_give_the_same_as_one_by_one() -> None:
    plain = ["A-1", " b-2", "c-3 ", "D 4"]
    assert normalised_ids(plain) == [normalise_id(v) for v in plain] == ["a-1", "b-2", "c-3", "d 4"]
    mixed = ["A-1", "a-1\u200b", "Ａ-1", "x\ny"]  # an id holding a line break too
    assert normalised_ids(mixed) == [normalise_id(v) for v in mixed]
    assert normalised_ids([]) == []
    assert normalised_ids([""]) == [""]
    # already lower-case: the same ids back, and a copy (never the caller's list itself)
    read = ["2016-001", "a-1", "b 2"]
    same = normalised_ids(read)
    assert same == read and same is not read
    assert normalised_ids(["2016-001", "a-1 "]) == ["2016-001", "a-1"]  # a space to trim


def test_normalised_ids_pass_only_printable_ascii_unchanged() -> None:
    # each ASCII character inside an id: a control one (a tab, DEL) is dropped as
    # normalise_id drops it, whichever path the list takes (fails if one is passed as printable)
    for code in range(128):
        ids = ["a-1", f"b{chr(code)}2", "C-3"]
        assert normalised_ids(ids) == [normalise_id(v) for v in ids], repr(chr(code))


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    "written",
    [
        "http://www.bjxch.gov.cn/xxgk/1.html",
        "http://www.bjxch.gov.cn/xxgk/1.html#top",
        "http://www.bjxch.gov.cn/xxgk/1.html?",
        "http://www.bjxch.gov.cn/xxgk/1.html??",
        "http://www.bjxch.gov.cn/xxgk/1.html?#x",
        "HTTP://WWW.BJXCH.GOV.CN/xxgk/1.html",
        " http://www.bjxch.gov.cn/xxgk/1.html\u200b",
    ],
)
def test_addresses_a_browser_opens_alike_normalise_alike(written: str) -> None:
    assert normalise_url(written) == "http://www.bjxch.gov.cn/xxgk/1.html"


def test_real_queries_and_path_case_keep_addresses_apart() -> None:
    one = normalise_url("http://x.gov.cn/a?id=1")
    assert one == "http://x.gov.cn/a?id=1"
    assert one != normalise_url("http://x.gov.cn/a?id=2")
    assert normalise_url("http://x.gov.cn/A.html") != normalise_url("http://x.gov.cn/a.html")


def test_visible_shows_what_a_reader_cannot_see() -> None:
    assert visible("2016-0001\u200b") == "2016-0001\\u200b"
    assert visible("2016-0001 ") == "2016-0001\\u0020"
    assert visible("a b") == "a b"


# ---------------------------------------------------------------- copies


def test_an_id_submitted_exactly_twice_is_found() -> None:
    copies = find_copies(["a", "b", "a"])
    assert copies.groups == {0: (0, 2)}
    assert copies.later == frozenset({2})
    assert copies


def test_distinct_keys_have_no_copies() -> None:
    none = find_copies(["a", "b"])
    assert not none
    assert (none.groups, none.later) == ({}, frozenset())
    assert not find_copies([])


def test_three_copies_are_one_group() -> None:
    assert find_copies(["x", "a", "x", "x"]).groups == {0: (0, 2, 3)}


def test_worst_is_the_highest_severity_and_the_first_of_equals() -> None:
    assert worst([1, 3, 2, 3], severity=lambda v: v) == 1
    assert worst(["ok"], severity=len) == 0


def test_same_content_lists_distinct_ids_with_equal_records() -> None:
    keys = [("03-01", "03-02"), ("03-01", "03-02"), ("03-05", None), ("03-01", "03-02")]
    ids = ["R1", "R2", "R3", "r1"]  # r1 is a copy of R1, not another record
    assert same_content(keys, ids) == [("R1", "R2")]
    assert same_content([("a",), ("b",)], ["R1", "R2"]) == []
