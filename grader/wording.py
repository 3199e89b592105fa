"""How the grader words values: numbers formatted the same in every host, types in plain words.

Feedback must read the same in the browser and offline, so numbers are formatted from plain
Python floats with a fixed precision, never through NumPy's printing or an object's repr.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Tagged = dict[str, Any]
NUMBER_TYPES = ("int", "float")
SEQUENCE_TYPES = ("list", "tuple")
MAX_SHOWN = 6


def counted(number: float, unit: str) -> str:
    """A number and its unit, singular for exactly one: "1 second", "2.5 seconds"."""
    return f"{number:g} {unit if number == 1 else unit + 's'}"


def fmt(value: object) -> str:
    """Format a plain number (or a short value) the same way in every host."""
    if type(value) is bool:
        return str(value)
    if type(value) is int:
        return str(value)
    if type(value) is float:
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        text = f"{value:.9g}"
        return "0" if text == "-0" else text
    return str(value)


def fmt_list(values: Sequence[float], shape: tuple[int, ...] = ()) -> str:
    """Format numbers as a short bracketed list, nested for 2-D, eliding long runs."""
    if len(shape) == 2 and shape[0] * shape[1] == len(values) and shape[0] <= MAX_SHOWN:
        rows = [values[i * shape[1] : (i + 1) * shape[1]] for i in range(shape[0])]
        return "[" + ", ".join(fmt_list(row) for row in rows) + "]"
    shown = [fmt(v) for v in values[:MAX_SHOWN]]
    if len(values) > MAX_SHOWN:
        shown.append(f"... ({len(values)} values)")
    return "[" + ", ".join(shown) + "]"


def describe(value: Tagged) -> str:
    """Describe what a tagged value is, in words a learner recognises."""
    kind = value.get("type")
    if kind == "bool":
        return f"the bool {value['value']}"
    if kind == "int":
        return f"the int {value['value']}"
    if kind == "float":
        return f"the float {fmt(value['value'])}"
    if kind == "str":
        return f"the string {value['value'][:40]!r}"
    if kind == "none":
        return "None"
    if kind == "array":
        dims = tuple(value["shape"])
        if value["kind"] == "b":
            return f"a NumPy array of True/False values with shape {dims}"
        if value["kind"] not in "iuf":
            return f"a NumPy array of non-numbers (dtype kind {value['kind']!r}), shape {dims}"
        return f"a NumPy array with shape {dims}"
    if kind in SEQUENCE_TYPES:
        return f"a {kind} of {value['length']} items"
    if kind == "function":
        return "a function"
    if kind == "raised":
        return "an exception"
    return f"an object of type {value.get('class', '?')}"


def missing(label: str) -> str:
    """Feedback for a name the code never defined."""
    return (
        f"{label} is not defined. Assign it at the top level of your code, "
        "outside any function, and check the spelling."
    )
