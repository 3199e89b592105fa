"""The course's quizzes: one per chapter, each a `grader.quiz.Quiz` keyed by a stable id.

The ids are stable for the same reason exercise ids are: exported work names them
(``"quizzes": {"linear-regression": {...}}``) and instructors' gradebooks have a column per quiz.
"""

from __future__ import annotations

from grader.quiz import Quiz

from . import glm, linear_regression

QUIZZES: dict[str, Quiz] = {quiz.id: quiz for quiz in (linear_regression.QUIZ, glm.QUIZ)}

__all__ = ["QUIZZES"]
