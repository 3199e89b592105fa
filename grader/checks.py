"""NumPy-aware comparisons of tagged learner values, with feedback a tutor would give.

Every function here reads the plain tagged values produced by `grader.runner.tag` and returns
a list of feedback sentences: an empty list means the check passed. Types are judged first and
exactly (a bool is not a number, a string is not an array), then shape, then NaN and inf, then
the values against a stated tolerance. Nothing here touches a learner object or uses NumPy, so
learner code cannot influence a comparison, and the text is identical in every host.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .wording import NUMBER_TYPES as NUMBER_TYPES
from .wording import SEQUENCE_TYPES, Tagged, describe, fmt, missing
from .wording import fmt_list as fmt_list

Numbers = tuple[tuple[int, ...], list[float]]


@dataclass(frozen=True)
class Tolerance:
    """How far a received number may sit from the expected one: ``atol + rtol * |expected|``."""

    rtol: float = 0.0
    atol: float = 0.0

    def allows(self, received: float, expected: float) -> bool:
        """Return True when ``received`` is close enough to ``expected``."""
        if math.isnan(expected) or math.isinf(expected):
            return received == expected or (math.isnan(expected) and math.isnan(received))
        return abs(received - expected) <= self.atol + self.rtol * abs(expected)

    def describe(self) -> str:
        """Say the tolerance in words."""
        if self.rtol and self.atol:
            return f"relative {fmt(self.rtol)}, absolute {fmt(self.atol)}"
        if self.rtol:
            return f"relative {fmt(self.rtol)}"
        return f"±{fmt(self.atol)}"


def numbers(label: str, value: Tagged, want: str) -> Numbers | str:
    """Read numbers (a scalar, a list or an array) from a tagged value.

    Args:
        label: the name shown in feedback.
        value: the tagged value.
        want: what was asked for, in words ("a 1-D array of numbers").

    Returns:
        ``(shape, flat values)``, or a feedback sentence explaining why these are not numbers.

    """
    kind = value.get("type")
    if kind == "missing":
        return missing(label)
    if kind in NUMBER_TYPES:
        return (), [float(value["value"])]
    if kind == "bool":
        return f"{label} is {describe(value)}, and a bool is not a number. It should be {want}."
    if kind == "array":
        if value["kind"] not in "iuf":
            return f"{label} is {describe(value)}. It should be {want}."
        if value.get("too_large"):
            return f"{label} is far larger than expected (shape {tuple(value['shape'])})."
        return tuple(value["shape"]), [float(v) for v in value["values"]]
    if kind in SEQUENCE_TYPES:
        return _sequence_numbers(label, value, want)
    return f"{label} is {describe(value)}. It should be {want}."


def _sequence_numbers(label: str, value: Tagged, want: str) -> Numbers | str:
    if value.get("too_large"):
        return f"{label} is a {value['type']} far longer than expected ({value['length']} items)."
    items = value["items"]
    flat: list[float] = []
    rows = [item for item in items if item.get("type") in (*SEQUENCE_TYPES, "array")]
    if items and len(rows) == len(items):
        widths = set()
        for i, row in enumerate(items):
            inner = numbers(f"{label}[{i}]", row, "a number")
            if isinstance(inner, str):
                return inner
            if len(inner[0]) != 1:
                return f"{label}[{i}] should be a flat row of numbers. It should be {want}."
            widths.add(inner[0][0])
            flat.extend(inner[1])
        if len(widths) != 1:
            return f"{label} has rows of different lengths, so it is not a table of numbers."
        return (len(items), widths.pop()), flat
    for i, item in enumerate(items):
        if item.get("type") not in NUMBER_TYPES:
            return f"{label}[{i}] is {describe(item)}, not a number. {label} should be {want}."
        flat.append(float(item["value"]))
    return (len(items),), flat


def compare(
    label: str,
    received: Numbers,
    expected: Numbers,
    tol: Tolerance,
) -> list[str]:
    """Compare numbers already read with `numbers`: shape, then NaN/inf, then values."""
    (got_shape, got), (want_shape, want) = received, expected
    if got_shape != want_shape:
        return [_shape_message(label, got_shape, want_shape)]
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if math.isfinite(w) and math.isnan(g):
            return [f"{_at(label, want_shape, i)} is NaN (not a number). {_NAN_ADVICE}"]
        if math.isfinite(w) and math.isinf(g):
            return [f"{_at(label, want_shape, i)} is {fmt(g)}. {_INF_ADVICE}"]
    wrong = [i for i, (g, w) in enumerate(zip(got, want, strict=True)) if not tol.allows(g, w)]
    if not wrong:
        return []
    first = wrong[0]
    message = (
        f"{_at(label, want_shape, first)} is off by more than the tolerance "
        f"({tol.describe()}): expected {fmt(want[first])}, received {fmt(got[first])}."
    )
    if len(wrong) > 1:
        message += f" {len(wrong) - 1} more of its {len(want)} values differ too."
    return [message]


_NAN_ADVICE = (
    "A NaN comes from an undefined operation such as 0/0 or inf - inf, or from solving "
    "a singular system; trace back where it first appears."
)
_INF_ADVICE = "The numbers overflowed: something grew without bound."


def _at(label: str, shape: tuple[int, ...], index: int) -> str:
    if not shape:
        return label
    if len(shape) == 1:
        return f"{label}[{index}]"
    return f"{label}[{index // shape[1]}, {index % shape[1]}]"


def _shape_message(label: str, got: tuple[int, ...], want: tuple[int, ...]) -> str:
    if not got:
        return f"{label} is a single number, but it should have shape {want}."
    if not want:
        return f"{label} has shape {got}, but it should be a single number."
    if len(want) == 1 and len(got) == 1:
        return f"{label} has {got[0]} values, but it should have {want[0]}."
    if len(got) == 2 and got == want[::-1]:
        return f"{label} has shape {got}, but it should be {want}: rows and columns are swapped."
    return f"{label} has shape {got}, but it should have shape {want}."


def check_numbers(
    label: str,
    value: Tagged,
    expected: Numbers,
    tol: Tolerance,
    *,
    want: str,
    scalar_ok: bool = False,
) -> list[str]:
    """Check a value holding numbers against expected numbers, in the order described above.

    With ``scalar_ok``, a single number and a one-element 1-D array are treated alike.
    """
    got = numbers(label, value, want)
    if isinstance(got, str):
        return [got]
    if scalar_ok and len(got[1]) == 1 and len(expected[1]) == 1 and len(got[0]) <= 1:
        got = expected[0], got[1]
    return compare(label, got, expected, tol)


def check_int(label: str, value: Tagged, expected: int) -> list[str]:
    """Check that a value is exactly the integer ``expected`` (not a float, not a bool)."""
    kind = value.get("type")
    if kind == "missing":
        return [missing(label)]
    if kind != "int":
        extra = " Convert it with int(...)." if kind == "float" else ""
        return [f"{label} should be an integer, but it is {describe(value)}.{extra}"]
    if value["value"] != expected:
        return [f"{label} is wrong: expected {expected}, received {value['value']}."]
    return []


def check_bool(label: str, value: Tagged, expected: bool, why: str) -> list[str]:
    """Check that a value is exactly the bool ``expected``; ``why`` explains the right answer."""
    kind = value.get("type")
    if kind == "missing":
        return [missing(label)]
    if kind != "bool":
        quoted = " Write True or False without quotes." if kind == "str" else ""
        return [f"{label} should be the bool {expected}, but it is {describe(value)}.{quoted}"]
    if value["value"] is not expected:
        return [f"{label} should be {expected}, not {value['value']}: {why}"]
    return []


def check_callable(label: str, value: Tagged) -> list[str]:
    """Check that a name holds a function."""
    kind = value.get("type")
    if kind == "missing":
        return [f"{label} is not defined: write a function with def {label}(...)."]
    if kind != "function":
        return [f"{label} should be a function, but it is {describe(value)}."]
    return []


def raised(label: str, value: Tagged) -> list[str]:
    """Feedback when calling a learner function raised; empty if it returned normally."""
    if value.get("type") != "raised":
        return []
    where = f" (line {value['line']})" if value.get("line") else ""
    text = f"{value['exception']}: {value['message']}" if value["message"] else value["exception"]
    return [f"Calling {label} raised {text}{where}."]


def unpack(label: str, value: Tagged, count: int, names: str) -> list[Tagged] | str:
    """Read a tuple or list of exactly ``count`` items (for example a ``(w, losses)`` result)."""
    if value.get("type") not in SEQUENCE_TYPES:
        return f"{label} should return {count} values ({names}), but it returned {describe(value)}."
    if value["length"] != count or value.get("too_large"):
        return (
            f"{label} should return {count} values ({names}), "
            f"but it returned a {value['type']} of {value['length']}."
        )
    return list(value["items"])
