"""Shared pieces of chapter two's exercises: call plans, input recovery and mismatch finding.

Chapter two's exercises are all "write this function" exercises. Each plans a few calls on
inputs drawn from the seed, checks the calls in order and stops at the first that disagrees
with the reference. When a result is wrong, the judge recomputes a few well-known wrong answers
from the *plan's own inputs* (never from learner objects) to name the slip the learner made.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from grader import checks
from grader.exercise import Call, Extraction, Plan

from ._lesson import rng_for as rng_for

CallCheck = Callable[[Call, dict[str, Any], dict[str, Any]], list[str]]
RaiseCheck = Callable[[Call, dict[str, Any]], list[str]]


def make_call(key: str, function: str, args: Sequence[dict[str, Any]], label: str) -> Call:
    """Build one planned call of the learner's ``function``."""
    return Call(key=key, function=function, args=tuple(args), label=label)


def arg_value(call: Call, index: int) -> Any:
    """Return the ``index``-th input of a planned call as the learner's function received it."""
    spec = call.args[index]
    if spec["type"] == "array":
        return np.array(spec["values"], dtype=np.float64).reshape(spec["shape"])
    return spec["value"]


def first_wrong(got: Sequence[float], want: Sequence[float], tol: checks.Tolerance) -> int | None:
    """Index of the value `checks.compare` complains about first, or None when all agree."""
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if math.isfinite(w) and not math.isfinite(g):
            return i
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if not tol.allows(g, w):
            return i
    return None


def matches(got: Sequence[float], other: Any, tol: checks.Tolerance) -> bool:
    """Tell whether ``got`` equals the numbers ``other`` within ``tol`` (NaN matching NaN)."""
    flat = [float(v) for v in np.ravel(np.asarray(other, dtype=np.float64))]
    return len(flat) == len(got) and all(tol.allows(g, w) for g, w in zip(got, flat, strict=True))


def for_call(call: Call, messages: list[str]) -> list[str]:
    """Say which call a list of feedback sentences is about (in its first sentence)."""
    if not messages:
        return []
    return [f"For {call.label}: {messages[0]}", *messages[1:]]


def check_calls(function: str, plan: Plan, got: Extraction, ref: Extraction,
                check_one: CallCheck, explain_raise: RaiseCheck | None = None) -> list[str]:
    """Check that ``function`` is defined, then every planned call, up to the first failure.

    ``check_one(call, value, reference)`` judges a call that returned; when a call raised,
    ``explain_raise(call, value)`` may add a sentence about the usual cause.
    """
    feedback = checks.check_callable(function, got["names"][function])
    if feedback:
        return feedback
    for call in plan.calls:
        value = got["calls"][call.key]
        problems = checks.raised(call.label, value)
        if problems and explain_raise is not None:
            problems += explain_raise(call, value)
        elif not problems:
            problems = check_one(call, value, ref["calls"][call.key])
        if problems:
            return problems
    return []


def quiet(compute: Callable[[], Any]) -> Any:
    """Run a judge-side computation of a wrong answer with NumPy's warnings silenced."""
    with np.errstate(all="ignore"):
        return compute()


def round_to(values: Any, decimals: int) -> np.ndarray:
    """Round drawn inputs so that prompts, labels and feedback show short numbers."""
    return np.round(np.asarray(values, dtype=np.float64), decimals)


__all__ = [
    "arg_value",
    "check_calls",
    "first_wrong",
    "for_call",
    "make_call",
    "matches",
    "quiet",
    "rng_for",
    "round_to",
]
