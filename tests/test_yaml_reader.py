"""The strict YAML reader: plain data, refusals that name their line, and positions."""

from __future__ import annotations

import pytest

from evaluator._reading.yaml_reader import MAX_DEPTH, YamlError, read_yaml


def refused(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        read_yaml(text)
    return info.value


def test_duplicate_key_names_both_lines() -> None:
    error = refused("id: a\nname: x\nid: b\n")
    assert (error.line, error.column) == (3, 1)
    assert (error.code, error.params) == ("yaml.duplicate_key", {"key": "id", "first": 1})


def test_same_key_in_sibling_mappings_is_fine() -> None:
    data, _ = read_yaml("- {id: a}\n- {id: b}\n")
    assert data == [{"id": "a"}, {"id": "b"}]


def test_anchor_is_refused() -> None:
    error = refused("base: &b {x: 1}\n")
    assert error.code == "yaml.anchor"
    assert (error.line, error.column) == (1, 7)


def test_alias_is_refused() -> None:
    error = refused("a: 1\nb: *b\n")
    assert error.code == "yaml.alias"
    assert (error.line, error.column) == (2, 4)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
    ],
)
def test_python_and_custom_tags_are_refused(text: str) -> None:
    error = refused(text)
    assert error.code == "yaml.tag"
    assert error.line == 1


def test_standard_tags_still_work() -> None:
    data, _ = read_yaml("a: !!str 12\nb: !!float 1\n")
    assert data == {"a": "12", "b": 1.0}


def test_yaml_1_1_surprises_stay_strings() -> None:
    data, _ = read_yaml("[NO, yes, on, off, 12:30, 2016-10-08, 0x1F, 012]\n")
    assert data == ["NO", "yes", "on", "off", "12:30", "2016-10-08", "0x1F", "012"]


def test_core_schema_scalars() -> None:
    text = "[12, -3, 1.5, .5, 1e3, true, False, null, ~, '', '7']\n"
    data, _ = read_yaml(text)
    assert data == [12, -3, 1.5, 0.5, 1000.0, True, False, None, None, "", "7"]
    assert type(data[0]) is int
    assert type(data[4]) is float


def test_empty_value_is_null() -> None:
    data, _ = read_yaml("replied_on:\n")
    assert data == {"replied_on": None}


def test_nesting_just_under_the_limit_is_read() -> None:
    data, _ = read_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert data is not None


def test_nesting_over_the_limit_is_a_yaml_error() -> None:
    error = refused("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert (error.code, error.params) == ("yaml.too_deep", {"limit": MAX_DEPTH})
    # the 65th bracket opens the 65th level
    assert (error.line, error.column) == (1, MAX_DEPTH + 1)


def test_deep_nesting_never_raises_recursion_error() -> None:
    depth = 100_000
    error = refused("[" * depth + "]" * depth)
    assert error.line == 1


def test_positions_of_values_and_keys() -> None:
    text = "unit:\n  id: b-alpha\n  name: 甲局\nitems:\n  - {item: x, 名称: 合格}\n"
    data, positions = read_yaml(text)
    assert data["items"][0] == {"item": "x", "名称": "合格"}
    assert positions.values[("unit", "id")] == (2, 7)
    assert positions.keys[("unit", "id")] == (2, 3)
    assert positions.keys[("unit", "name")] == (3, 3)
    assert positions.values[("items", 0)] == (5, 5)
    assert positions.keys[("items", 0, "item")] == (5, 6)
    # columns count characters, not bytes: 合格 starts at the 19th
    assert positions.values[("items", 0, "名称")] == (5, 19)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    _, positions = read_yaml("unit:\n  id: a\n")
    assert positions.locate(("unit", "name")) == (("unit",), (2, 3))


def test_second_document_is_refused() -> None:
    error = refused("a: 1\n---\nb: 2\n")
    assert error.code == "yaml.documents"
    assert error.line == 2


def test_syntax_error_is_located() -> None:
    error = refused("a: 1\n  b: 2\n")
    assert error.code == "yaml.syntax"
    assert (error.line, error.column) == (2, 4)


def test_unclosed_flow_list_is_located_where_the_parser_gave_up() -> None:
    error = refused("a: [1, 2\nb: 3\n")
    assert error.line == 2


@pytest.mark.parametrize("key", ["null", "true", "1.5"])
def test_keys_that_are_not_text_or_integers_are_refused(key: str) -> None:
    error = refused(f"{key}: 1\n")
    assert error.code == "yaml.unusable_key"


def test_a_tab_used_for_indentation_is_named_on_its_line() -> None:
    error = refused("unit:\n  id: a\n\tname: b\n")
    assert (error.code, error.line, error.column) == ("yaml.tab", 3, 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "key"),
    [
        # the key and its value run together; libyaml complains on line 2
        ("unit：\n  id: a\n", 1, 5, "unit"),
        ("unit:\n  id: a\n  name：甲局\n  type: bureau\n", 3, 7, "name"),
        ("- id：r1\n  x: 1\n", 1, 5, "id"),
    ],
)
def test_a_full_width_colon_is_named_on_its_own_line(
    text: str, line: int, column: int, key: str
) -> None:
    error = refused(text)
    assert (error.code, error.line, error.column) == ("yaml.full_width_colon", line, column)
    assert error.params == {"key": key}
    assert "全角冒号" in error.message and "full-width colon" in error.text("en")


def test_a_full_width_colon_inside_a_value_is_text() -> None:
    data, _ = read_yaml("name: 西城区：财政局\nnote: '甲：乙'\n")
    assert data == {"name": "西城区：财政局", "note": "甲：乙"}
