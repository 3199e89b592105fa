"""grader.plain: only well-formed extractions reach a judge."""

from __future__ import annotations

import pytest

from grader.plain import valid_extraction, valid_tagged
from grader.runner import extract, tag


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
