"""The answer a quiz key accepts for a question, as the page stores it (shared by test suites)."""

from __future__ import annotations

from typing import Any

from grader.quiz import Question


def right_answer(question: Question) -> Any:
    """Return the answer the key accepts: a choice id, a list of ids, a number or the output."""
    if question.kind == "single":
        return next(choice.id for choice in question.choices if choice.correct)
    if question.kind == "multiple":
        return [choice.id for choice in question.choices if choice.correct]
    if question.kind == "number":
        return question.answer
    return question.output
