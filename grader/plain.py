"""Validate the plain data that comes back from running learner code.

An extraction produced in a child process is untrusted bytes until proven otherwise: learner
code could have written anything to the result pipe. `valid_extraction` accepts only the exact
shapes `grader.runner` produces, so a judge never meets a surprise.
"""

from __future__ import annotations

import math
from typing import Any

_SCALARS = {"missing", "none", "bool", "int", "float", "str", "function", "other"}
_MAX_DEPTH = 6


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def valid_tagged(value: object, depth: int = 0) -> bool:
    """Return True when ``value`` is a well-formed tagged value."""
    if type(value) is not dict or depth > _MAX_DEPTH:
        return False
    kind = value.get("type")
    if kind in _SCALARS:
        return _valid_scalar(kind, value)
    if kind == "array":
        return _valid_array(value)
    if kind in ("list", "tuple"):
        if not _is_int(value.get("length")):
            return False
        if value.get("too_large") is True:
            return True
        items = value.get("items")
        return (
            type(items) is list
            and len(items) == value["length"]
            and all(valid_tagged(item, depth + 1) for item in items)
        )
    if kind == "raised":
        return valid_error(value)
    return False


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
        return type(value.get("value")) is str and _is_int(value.get("length"))
    return type(value.get("class")) is str


def _valid_array(value: dict[str, Any]) -> bool:
    shape, kind = value.get("shape"), value.get("kind")
    if type(shape) is not list or not all(_is_int(n) and n >= 0 for n in shape):
        return False
    if type(kind) is not str or len(kind) != 1:
        return False
    if "values" not in value:
        return True
    values = value["values"]
    if kind not in "biuf" or type(values) is not list or len(values) != math.prod(shape):
        return False
    if kind == "b":
        return all(type(v) is bool for v in values)
    return all(_is_number(v) for v in values)


def valid_error(value: object) -> bool:
    """Return True for a well-formed exception summary."""
    return (
        type(value) is dict
        and type(value.get("exception")) is str
        and type(value.get("message")) is str
        and (value.get("line") is None or _is_int(value.get("line")))
    )


def valid_extraction(data: object) -> bool:
    """Return True when ``data`` has exactly the shape `grader.runner.extract` returns."""
    if type(data) is not dict:
        return False
    error, names, calls = data.get("error"), data.get("names"), data.get("calls")
    if error is not None and not valid_error(error):
        return False
    if type(names) is not dict or type(calls) is not dict:
        return False
    parts = list(names.items()) + list(calls.items())
    return all(type(key) is str and valid_tagged(value) for key, value in parts)
