"""grader.plain: only well-formed extractions reach a judge."""

from __future__ import annotations

import json

import pytest

from grader.exercise import Call, Plan
from grader.plain import read_result, result_limit, valid_extraction, valid_tagged
from grader.runner import MAX_ITEMS, MAX_TEXT, extract, tag


def test_real_extractions_are_valid() -> None:
    code = "import numpy as np\nw = np.ones(2)\nflag = True\nrows = [[1, 2], [3, 4]]\n"
    job = {"code": code, "names": ["w", "flag", "rows", "x"], "calls": []}
    assert valid_extraction(extract(job))


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"error": None, "names": [], "calls": {}},
        {"error": "boom", "names": {}, "calls": {}},
        {"error": None, "names": {"w": {"type": "passed"}}, "calls": {}},
        {"error": None, "names": {"w": {"type": "bool", "value": 1}}, "calls": {}},
        {"error": None, "names": {"w": {"type": "int", "value": True}}, "calls": {}},
        {"error": None, "names": {"w": {"type": "array", "shape": [3], "kind": "f",
                                        "values": [1.0, 2.0]}}, "calls": {}},
        {"error": None, "names": {"w": {"type": "array", "shape": [1], "kind": "f",
                                        "values": ["1"]}}, "calls": {}},
        {"error": None, "names": {"w": {"type": "list", "length": 2, "items": [tag(1)]}},
         "calls": {}},
    ],
    ids=["none", "list", "names-not-dict", "error-not-dict", "unknown-type", "bool-as-int",
         "int-as-bool", "short-array", "text-in-array", "short-list"],
)
def test_malformed_extractions_are_rejected(data: object) -> None:
    assert not valid_extraction(data)


def test_nesting_is_bounded() -> None:
    value: dict = tag(1)
    for _ in range(10):
        value = {"type": "list", "length": 1, "items": [value]}
    assert not valid_tagged(value)


def _array(shape: list[int], values: list | None = None) -> dict:
    value = {"type": "array", "shape": shape, "kind": "f"}
    if values is not None:
        value["values"] = values
    return value


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (_array([10**9]), True),  # too large to send: shape alone, no values
        (_array([2**63]), False),  # no array dimension is that long
        (_array([1] * 64), True),
        (_array([1] * 65), False),  # NumPy allows 64 dimensions
        (_array([10**6] * 40, []), False),  # a product that would be huge is cut short
        (_array([0, 10**18], []), True),
        (_array([MAX_ITEMS], [0.0] * MAX_ITEMS), True),
        (_array([MAX_ITEMS + 65], [0.0] * (MAX_ITEMS + 65)), False),  # past the budget
        # a shape past MAX_ITEMS, with as many values as the capped product once counted
        (_array([MAX_ITEMS + 2], [0.0] * (MAX_ITEMS + 1)), False),
        (_array([MAX_ITEMS + 1], [0.0] * (MAX_ITEMS + 1)), False),  # never sent with values
        ({"type": "str", "value": "x" * MAX_TEXT, "length": 10**6}, True),
        ({"type": "str", "value": "x" * (MAX_TEXT + 1), "length": MAX_TEXT + 1}, False),
        ({"type": "other", "class": "c" * (MAX_TEXT + 1)}, False),
    ],
    ids=["huge-shape-no-values", "dimension-too-long", "64-dims", "65-dims", "huge-product",
         "empty-product", "budget-full", "budget-exceeded", "shape-past-its-values",
         "values-past-max-items", "long-string-cut", "string-too-long",
         "class-name-too-long"],
)
def test_each_value_is_checked_within_its_budget(value: dict, valid: bool) -> None:
    assert valid_tagged(value) is valid


def test_only_the_plans_names_and_calls_may_come_back() -> None:
    plan = Plan(names=("w",), calls=(Call("loss", "f", (), "f()"),))
    data = {"error": None, "names": {"w": tag(1.0)}, "calls": {"loss": tag(2.0)}}
    assert valid_extraction(data, plan)
    assert not valid_extraction({**data, "names": {"w": tag(1.0), "extra": tag(1)}}, plan)
    assert not valid_extraction({**data, "calls": {"other": tag(2.0)}}, plan)


JOB = {"names": ["w"], "calls": []}


@pytest.mark.parametrize(
    "payload",
    [
        b"[" * 200_000 + b"]" * 200_000,
        b'{"names": {"w": {"type": "list", "length": 1, "items": [' + b"{}," * 150_000 + b"{}]}}}",
        b"[" + b"0," * 250_000 + b"0]",
        b'{"w": ' + b"7" * 21 + b"}",
        b" " * (result_limit(JOB) + 1),
    ],
    ids=["deep", "many-containers", "many-items", "long-integer", "too-many-bytes"],
)
def test_a_result_breaking_a_budget_is_refused_before_it_is_parsed(payload: bytes) -> None:
    assert read_result(payload, JOB) is None


def test_a_faithful_result_of_the_largest_size_is_read() -> None:
    job = {"code": f"import numpy as np\nw = np.zeros({MAX_ITEMS})\n", "names": ["w"],
           "calls": []}
    payload = json.dumps(extract(job)).encode()
    assert len(payload) <= result_limit(job)
    assert read_result(payload, job)["names"]["w"]["shape"] == [MAX_ITEMS]


@pytest.mark.parametrize(
    "value",
    [
        "w = [-1.2345678901234567e-308] * 20_000",
        "w = [type('C' * 60, (), {})() for _ in range(20_000)]",
        "w = ['\\U0001F600' * 200] * 400",
        "w = [[[[]]]] * 20_000",
    ],
    ids=["long-floats", "long-class-names", "emoji-text", "nested-lists"],
)
def test_the_densest_faithful_results_fit_the_byte_limit(value: str) -> None:
    job = {"code": value, "names": ["w", "x"], "calls": []}
    payload = json.dumps(extract(job)).encode()
    assert len(payload) <= result_limit(job)
    assert valid_extraction(read_result(payload, job))
