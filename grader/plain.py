"""Read and validate the plain data that comes back from running learner code.

An extraction produced in a child process is untrusted bytes until proven otherwise: learner
code owns the pipe its result travels on and can write anything there. So everything here is
linear in the size of what arrived and bounded before it starts: the bytes are capped by what
the job's plan can really return (`result_limit`), the number of containers and items is
counted before parsing, integers are short, and validation walks each value once with a budget
of items, depth and shape entries. Only the exact shapes `grader.runner` produces pass, so a
judge never meets a surprise.
"""

from __future__ import annotations

import json
from typing import Any

from .runner import MAX_DEPTH, MAX_ITEMS, MAX_TEXT

_SCALARS = {"missing", "none", "bool", "int", "float", "str", "function", "other"}
_MAX_NDIM = 64  # NumPy's own limit
_MAX_DIM = 2**63
_MAX_DIGITS = 20  # the runner sends integers below 2**64 only
_PER_VALUE = 4096  # a value's own fields: a raised exception's message, a class name
_PER_ITEM = 128  # the most bytes one budget unit of the runner's can take as JSON


def result_limit(job: dict[str, Any]) -> int:
    """Return the most bytes a faithful result of ``job`` can take.

    The runner spends at most `MAX_ITEMS` budget units per extraction (an item in a list, a
    value in an array, four characters of text), whatever the learner's values are.
    """
    values = len(job["names"]) + len(job["calls"])
    return 1024 + _PER_VALUE * values + _PER_ITEM * MAX_ITEMS


def read_result(payload: bytes, job: dict[str, Any]) -> Any:
    """Parse a child's result bytes within fixed budgets; None when they break one."""
    values = len(job["names"]) + len(job["calls"])
    if len(payload) > result_limit(job):
        return None
    containers = payload.count(b"{") + payload.count(b"[")
    if containers > 5 * MAX_ITEMS + 8 * values + 16:
        return None
    if payload.count(b",") > 8 * MAX_ITEMS + 64 * values + 64:
        return None
    try:
        return json.loads(payload, parse_int=_short_int)
    except (ValueError, RecursionError, MemoryError):
        return None


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError("integer too long")
    return int(text)


class _Budget:
    """How many more values validation may visit."""

    def __init__(self) -> None:
        self.left = MAX_ITEMS + 64

    def take(self, count: int) -> bool:
        self.left -= count
        return self.left >= 0


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_count(value: object) -> bool:
    return type(value) is int and 0 <= value < _MAX_DIM


def valid_tagged(value: object, depth: int = 0, budget: _Budget | None = None) -> bool:
    """Return True when ``value`` is a well-formed tagged value."""
    budget = budget or _Budget()
    if type(value) is not dict or depth > MAX_DEPTH + 1 or not budget.take(1):
        return False
    kind = value.get("type")
    if kind in _SCALARS:
        return _valid_scalar(kind, value)
    if kind == "array":
        return _valid_array(value, budget)
    if kind in ("list", "tuple"):
        if not _is_count(value.get("length")):
            return False
        if value.get("too_large") is True:
            return True
        items = value.get("items")
        return (
            type(items) is list
            and len(items) == value["length"]
            and all(valid_tagged(item, depth + 1, budget) for item in items)
        )
    if kind == "raised":
        return valid_error(value)
    return False


def _text(value: object, limit: int = MAX_TEXT) -> bool:
    return type(value) is str and len(value) <= limit


def _valid_scalar(kind: str, value: dict[str, Any]) -> bool:
    if kind in ("missing", "none"):
        return True
    if kind == "bool":
        return type(value.get("value")) is bool
    if kind == "int":
        return _is_int(value.get("value"))
    if kind == "float":
        if type(value.get("value")) is int:
            value["value"] = float(value["value"])
        return type(value.get("value")) is float
    if kind == "str":
        return _text(value.get("value")) and _is_count(value.get("length"))
    return _text(value.get("class"))


def _valid_array(value: dict[str, Any], budget: _Budget) -> bool:
    shape, kind = value.get("shape"), value.get("kind")
    if type(shape) is not list or len(shape) > _MAX_NDIM or not all(map(_is_count, shape)):
        return False
    if type(kind) is not str or len(kind) != 1:
        return False
    if "values" not in value:
        return True
    size = _size(shape)
    values = value["values"]
    if size > MAX_ITEMS:  # the runner sends such an array as its shape alone
        return False
    if kind not in "biuf" or type(values) is not list or len(values) != size:
        return False
    if not budget.take(size):
        return False
    if kind == "b":
        return all(type(v) is bool for v in values)
    return all(type(v) is int or type(v) is float for v in values)


def _size(shape: list[int]) -> int:
    """The product of ``shape``, stopping once it passes `MAX_ITEMS` (no huge products)."""
    if 0 in shape:
        return 0
    size = 1
    for n in shape:
        size *= n
        if size > MAX_ITEMS:
            return MAX_ITEMS + 1
    return size


def valid_error(value: object) -> bool:
    """Return True for a well-formed exception summary."""
    return (
        type(value) is dict
        and _text(value.get("exception"))
        and _text(value.get("message"))
        and (value.get("line") is None or _is_int(value.get("line")))
    )


def valid_extraction(data: object, plan: Any = None) -> bool:
    """Return True when ``data`` has exactly the shape `grader.runner.extract` returns.

    With ``plan`` (a `grader.exercise.Plan`), only its names and call keys may appear.
    """
    if type(data) is not dict:
        return False
    error, names, calls = data.get("error"), data.get("names"), data.get("calls")
    if error is not None and not valid_error(error):
        return False
    if type(names) is not dict or type(calls) is not dict:
        return False
    if plan is not None and not (
        names.keys() <= set(plan.names) and calls.keys() <= {call.key for call in plan.calls}
    ):
        return False
    budget = _Budget()
    parts = list(names.items()) + list(calls.items())
    return all(type(key) is str and valid_tagged(value, 0, budget) for key, value in parts)
