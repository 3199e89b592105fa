"""What an exercise is, to the grader: its text, its reference, its plan and its judge.

An exercise module in `exercises/` builds one `Exercise`. For a code exercise, `plan(seed)`
says which names to read from the learner's code and which of its functions to call on which
inputs (lesson data, plus variant data drawn from ``seed``). The same plan is run twice: once
on the reference solution, in the grader's own process, and once on the learner's code. The
judge then compares the two plain extractions and returns feedback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Extraction = dict[str, Any]


@dataclass(frozen=True)
class Call:
    """One call of a learner function: ``function(*args)``, its result stored under ``key``.

    Attributes:
        key: where the result is stored in the extraction.
        function: the name of the learner's function.
        args: plain descriptions of the inputs (see `array_arg`, `float_arg`, `int_arg`).
        label: how feedback names this call, e.g. ``gradient_descent(X, y, 0.2, 5)``.

    """

    key: str
    function: str
    args: tuple[dict[str, Any], ...]
    label: str


@dataclass(frozen=True)
class Plan:
    """The names to read and the calls to make, for one exercise and one seed."""

    names: tuple[str, ...]
    calls: tuple[Call, ...] = ()

    def job(self, code: str) -> dict[str, Any]:
        """Return the plain job that `grader.runner.extract` runs for ``code``."""
        return {
            "code": code,
            "names": list(self.names),
            "calls": [
                {"key": call.key, "function": call.function, "args": list(call.args)}
                for call in self.calls
            ],
        }


Judge = Callable[[Plan, Extraction, Extraction], list[str]]


@dataclass(frozen=True)
class Exercise:
    """One graded exercise.

    Attributes:
        id: stable identifier used in submissions and reports.
        title: short title.
        kind: ``"code"`` (the learner writes code) or ``"answer"`` (the learner enters a value).
        prompt: the task, in Markdown.
        hints: revealed one at a time, mildest first.
        solution: the reference solution's source code.
        judge: compares the learner's extraction with the reference's; returns feedback.
        success: the sentence shown when every check passes.
        make_plan: builds the `Plan` for a seed.
        starter: the code the editor starts with (code exercises).
        input_type: what the answer box takes (answer exercises), e.g. ``"number"``.
        answer: the key for answer exercises.
        points: the score for a pass.

    """

    id: str
    title: str
    kind: Literal["code", "answer"]
    prompt: str
    hints: tuple[str, ...]
    solution: str
    judge: Judge
    success: str
    make_plan: Callable[[int], Plan] = field(default=lambda seed: Plan(names=("answer",)))
    starter: str = ""
    input_type: str | None = None
    answer: float | None = None
    points: float = 1.0

    def plan(self, seed: int) -> Plan:
        """Return the plan for ``seed``."""
        return self.make_plan(seed)

    def catalog_entry(self) -> dict[str, Any]:
        """Describe the exercise for the practice page, as plain data."""
        entry: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "prompt": self.prompt,
            "starter": self.starter,
            "hints": list(self.hints),
            "solution": self.solution,
            "points": self.points,
        }
        if self.kind == "answer":
            entry["input_type"] = self.input_type
        return entry


def array_arg(values: Any) -> dict[str, Any]:
    """Describe a float array input (anything `numpy.asarray` accepts) as plain data."""
    import numpy as np

    array = np.asarray(values, dtype=np.float64)
    return {"type": "array", "shape": list(array.shape), "values": array.ravel().tolist()}


def float_arg(value: float) -> dict[str, Any]:
    """Describe a float input as plain data."""
    return {"type": "float", "value": float(value)}


def int_arg(value: int) -> dict[str, Any]:
    """Describe an integer input as plain data."""
    return {"type": "int", "value": int(value)}


def names_of(extraction: Extraction, names: Sequence[str]) -> list[dict[str, Any]]:
    """Return the tagged values of ``names`` from an extraction, ``missing`` where absent."""
    found = extraction.get("names", {})
    return [found.get(name, {"type": "missing"}) for name in names]
