"""Judging one quiz answer: choices by id, numbers within a tolerance, printed output by token.

Every judge takes whatever JSON value a submission holds and returns ``(correct, feedback)``;
a malformed value is wrong with a reason, never an exception. `grader.quiz` builds the scores.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quiz import Question

_TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z_]+")
MAX_TEXT = 2000
MAX_CHOICES = 50


def output_tokens(text: str) -> list[float | str]:
    """Split printed text into numbers and lower-case words; spacing and punctuation drop out."""
    tokens: list[float | str] = []
    for token in _TOKEN.findall(text):
        try:
            tokens.append(float(token))
        except ValueError:
            tokens.append(token.lower())
    return tokens


def _same_tokens(got: list[float | str], want: list[float | str]) -> bool:
    if len(got) != len(want):
        return False
    for mine, key in zip(got, want, strict=True):
        if isinstance(key, float):
            if not isinstance(mine, float) or not math.isclose(mine, key, abs_tol=1e-9):
                return False
        elif mine != key:
            return False
    return True


def json_kind(value: object) -> str:
    """Name a JSON value's type the way feedback says it."""
    names = {str: "text", bool: "true or false", int: "a number", float: "a number",
             list: "a list", dict: "an object", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def _is_number(value: object) -> bool:
    """Accept a finite int or float: not a bool, not an int beyond float range."""
    if type(value) is int:
        return abs(value) < 2**1000
    return type(value) is float and math.isfinite(value)


def _show(value: float) -> str:
    return f"{value:g}"


def _judge_choices(question: Question, answer: object) -> tuple[bool, list[str]]:
    choices = {choice.id: choice for choice in question.choices}
    if question.kind == "single":
        if type(answer) is not str or answer not in choices:
            return False, [f"This answer is not one of the choices (got {json_kind(answer)})."]
        picked = choices[answer]
        if picked.correct:
            return True, []
        return False, [f"You chose “{picked.text}”. {picked.why}"]
    if type(answer) is not list or len(answer) > MAX_CHOICES:
        return False, [f"This answer should be a list of choices, not {json_kind(answer)}."]
    if not all(type(item) is str and item in choices for item in answer):
        return False, ["This answer names something that is not one of the choices."]
    picked = set(answer)
    feedback = [f"You selected “{choice.text}”. {choice.why}" for choice in question.choices
                if choice.id in picked and not choice.correct]
    feedback += [f"You left out “{choice.text}”. {choice.why}" for choice in question.choices
                 if choice.correct and choice.id not in picked]
    return not feedback, feedback


def _judge_number(question: Question, answer: object) -> tuple[bool, list[str]]:
    assert question.answer is not None
    if not _is_number(answer):
        return False, [f"Enter a number, not {json_kind(answer)}."]
    value = float(answer)  # type: ignore[arg-type]
    if abs(value - question.answer) <= question.tolerance + 1e-9:
        return True, []
    unit = f" {question.unit}" if question.unit else ""
    feedback = [f"You entered {_show(value)}{unit}; answers within {_show(question.tolerance)}"
                f"{unit} of {_show(question.answer)}{unit} count."]
    feedback += [note for slip, note in question.slips if abs(value - slip) <= question.tolerance]
    return False, feedback


def _judge_output(question: Question, answer: object) -> tuple[bool, list[str]]:
    if type(answer) is not str:
        return False, [f"Type what the snippet prints, as text (got {json_kind(answer)})."]
    if len(answer) > MAX_TEXT:
        return False, ["This answer is far longer than what the snippet prints."]
    if _same_tokens(output_tokens(answer), output_tokens(question.output)):
        return True, []
    return False, [f"You wrote “{answer.strip()}”; the snippet prints “{question.output.strip()}”."]


def _blank(answer: object) -> bool:
    """Tell whether there is no answer at all: null, empty text or an empty list."""
    if answer is None:
        return True
    if type(answer) is str:
        return not answer.strip()
    return type(answer) is list and not answer


def expected_answer(question: Question) -> str:
    """Say the right answer in words, for the page once the question is scored."""
    if question.kind == "number":
        assert question.answer is not None
        unit = f" {question.unit}" if question.unit else ""
        return f"{_show(question.answer)}{unit} (within {_show(question.tolerance)}{unit})"
    if question.kind == "output":
        return question.output.strip()
    return "; ".join(choice.text for choice in question.choices if choice.correct)


def judge(question: Question, answer: object) -> tuple[bool, bool, list[str]]:
    """Judge one answer: ``(answered, correct, feedback)``."""
    if _blank(answer):
        return False, False, ["Not answered."]
    if question.kind == "number":
        return True, *_judge_number(question, answer)
    if question.kind == "output":
        return True, *_judge_output(question, answer)
    return True, *_judge_choices(question, answer)
