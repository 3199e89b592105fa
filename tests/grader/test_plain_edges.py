"""grader.plain at its edges: each tagged kind's exact shape, and the byte and item budgets."""

from __future__ import annotations

import json

import pytest

from grader.plain import read_result, result_limit, valid_error, valid_extraction, valid_tagged
from grader.runner import MAX_DEPTH, MAX_ITEMS, MAX_TEXT


def test_a_whole_float_sent_as_an_integer_is_read_as_a_float() -> None:
    value = {"type": "float", "value": 3}
    assert valid_tagged(value)
    assert value == {"type": "float", "value": 3.0}
    assert type(value["value"]) is float
    assert not valid_tagged({"type": "float", "value": "3"})
    assert not valid_tagged({"type": "float"})


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ({"type": "missing"}, True),
        ({"type": "none"}, True),
        ({"type": "bool", "value": False}, True),
        ({"type": "int", "value": -5}, True),
        ({"type": "str", "value": "", "length": 0}, True),
        ({"type": "str", "value": "ab", "length": -1}, False),
        ({"type": "str", "value": "ab", "length": True}, False),
        ({"type": "str", "value": 3, "length": 1}, False),
        ({"type": "function", "class": "function"}, True),
        ({"type": "other", "class": 3}, False),
        ({"type": "other"}, False),
        ({"type": "tuple", "length": 1, "items": [{"type": "none"}]}, True),
        ({"type": "list", "length": 5, "too_large": True}, True),
        ({"type": "list", "length": 5, "too_large": 1}, False),
        ({"type": "list", "length": 1, "items": ({"type": "none"},)}, False),
        ({"type": "list", "length": 1, "items": [{"type": "nope"}]}, False),
        ({"type": "list", "items": []}, False),
        ({"type": "raised", "exception": "ValueError", "message": "no", "line": 3}, True),
        ({"type": "raised", "exception": "ValueError", "message": "no"}, True),
        ({"type": "raised", "exception": "ValueError", "message": 1, "line": 3}, False),
        ({"type": "set"}, False),
        ("not a dict", False),
    ],
    ids=["missing", "none", "bool", "int", "empty-str", "negative-length", "bool-length",
         "str-not-text", "function", "class-not-text", "no-class", "tuple", "too-large-list",
         "too-large-not-true", "items-not-list", "bad-item", "no-length", "raised",
         "raised-no-line", "raised-message-not-text", "unknown-type", "not-a-dict"],
)
def test_each_kind_has_exactly_its_shape(value: object, valid: bool) -> None:
    assert valid_tagged(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ({"type": "array", "shape": [2], "kind": "b", "values": [True, False]}, True),
        ({"type": "array", "shape": [2], "kind": "b", "values": [1, 0]}, False),
        ({"type": "array", "shape": [2], "kind": "i", "values": [1, 2.5]}, True),
        ({"type": "array", "shape": [1], "kind": "u", "values": [True]}, False),
        ({"type": "array", "shape": [1], "kind": "c", "values": [1.0]}, False),
        ({"type": "array", "shape": [1], "kind": "c"}, True),  # no values: shape and kind only
        ({"type": "array", "shape": [1], "kind": "ff"}, False),
        ({"type": "array", "shape": [1], "kind": 1}, False),
        ({"type": "array", "shape": (1,), "kind": "f"}, False),
        ({"type": "array", "shape": [-1], "kind": "f"}, False),
        ({"type": "array", "shape": [True], "kind": "f"}, False),
        ({"type": "array", "shape": [3, 0], "kind": "f", "values": []}, True),
        ({"type": "array", "shape": [3, 0], "kind": "f", "values": [1.0]}, False),
        ({"type": "array", "shape": [], "kind": "f", "values": [1.0]}, True),
        ({"type": "array", "shape": [2], "kind": "f", "values": (1.0, 2.0)}, False),
    ],
    ids=["bools", "ints-as-bools", "ints-and-floats", "bool-in-uint", "complex-values",
         "complex-shape-only", "two-letter-kind", "kind-not-text", "shape-tuple",
         "negative-dimension", "bool-dimension", "empty", "values-for-empty", "scalar",
         "values-tuple"],
)
def test_an_array_has_a_shape_a_one_letter_kind_and_as_many_values_as_its_size(
    value: dict, valid: bool,
) -> None:
    assert valid_tagged(value) is valid


def test_nesting_is_allowed_down_to_the_runners_depth() -> None:
    value: dict = {"type": "none"}
    for _ in range(MAX_DEPTH + 1):
        value = {"type": "list", "length": 1, "items": [value]}
    assert valid_tagged(value)  # the runner's deepest: MAX_DEPTH + 1 levels of lists
    assert not valid_tagged({"type": "list", "length": 1, "items": [value]})


def test_the_item_budget_is_shared_by_every_name_and_call() -> None:
    half = {"type": "array", "shape": [MAX_ITEMS // 2], "kind": "f",
            "values": [0.0] * (MAX_ITEMS // 2)}
    two = {"error": None, "names": {"a": half, "b": half}, "calls": {}}
    assert valid_extraction(two)
    three = {"error": None, "names": {"a": half, "b": half}, "calls": {"c": half}}
    assert not valid_extraction(three)


def test_an_error_summary_needs_text_and_an_integer_line() -> None:
    assert valid_error({"exception": "E", "message": "m", "line": None})
    assert not valid_error({"exception": "E", "message": "m", "line": True})
    assert not valid_error({"exception": "E" * (MAX_TEXT + 1), "message": "m"})
    assert not valid_error({"message": "m"})
    assert not valid_error(["E", "m"])
    error = {"exception": "E", "message": "m", "line": 1}
    assert valid_extraction({"error": error, "names": {}, "calls": {}})
    assert not valid_extraction({"error": {"exception": 1}, "names": {}, "calls": {}})
    assert not valid_extraction({"error": None, "names": {}, "calls": []})
    assert not valid_extraction({"error": None, "names": {1: {"type": "none"}}, "calls": {}})


def test_the_byte_limit_grows_with_each_name_and_call() -> None:
    none = result_limit({"names": [], "calls": []})
    assert result_limit({"names": ["a"], "calls": []}) == none + 4096
    assert result_limit({"names": ["a"], "calls": [{}]}) == none + 2 * 4096
    assert none > 128 * MAX_ITEMS


def test_integers_of_twenty_digits_are_read_and_longer_ones_refused() -> None:
    job = {"names": ["w"], "calls": []}
    assert read_result(b'{"w": ' + b"9" * 20 + b"}", job) == {"w": int("9" * 20)}
    assert read_result(b'{"w": -' + b"9" * 20 + b"}", job) == {"w": -int("9" * 20)}
    assert read_result(b'{"w": ' + b"9" * 21 + b"}", job) is None
    assert read_result(b"not json", job) is None
    assert read_result(json.dumps({"w": [1.5, "x"]}).encode(), job) == {"w": [1.5, "x"]}


def test_a_result_exactly_at_the_byte_limit_is_read() -> None:
    job = {"names": ["w"], "calls": []}
    limit = result_limit(job)
    body = b'{"w": "' + b"x" * (limit - 9) + b'"}'
    assert len(body) == limit
    assert read_result(body, job) == {"w": "x" * (limit - 9)}
    assert read_result(body[:-2] + b'x"}', job) is None


def test_too_many_lists_or_commas_are_refused_before_parsing() -> None:
    job = {"names": ["w"], "calls": []}  # at most 5 * MAX_ITEMS + 24 containers, 8 * + 128 commas
    many_lists = b"[" + b"[]," * (5 * MAX_ITEMS + 30) + b"[]]"
    assert len(many_lists) < result_limit(job)
    assert read_result(many_lists, job) is None
    assert read_result(b"[" + b"[]," * 1000 + b"[]]", job) == [[]] * 1001
    many_commas = b"[" + b"0," * (8 * MAX_ITEMS + 200) + b"0]"
    assert read_result(many_commas, job) is None
    assert read_result(b"[" + b"0," * (8 * MAX_ITEMS) + b"0]", job) == [0] * (8 * MAX_ITEMS + 1)
