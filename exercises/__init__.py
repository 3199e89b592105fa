"""The course's graded exercises: what is asked, and what counts as right.

`EXERCISES` maps each exercise id to its `grader.exercise.Exercise`, in the order the practice
page shows them; `QUIZZES` maps each quiz id to its `grader.quiz.Quiz`; `ASSIGNMENTS` holds one
`grader.assignments.Assignment` per chapter and one for the whole course. The ids are stable:
instructors' files and tools depend on them. `register` hands all of them to the grader, which
finds it through the ``grader.content`` entry point in ``pyproject.toml`` (the grader itself
never imports this package).
"""

from __future__ import annotations

from grader.assignments import Assignment
from grader.exercise import Exercise
from grader.registry import Registry

from . import (
    adam_step,
    baseline_r2,
    duplicate_columns,
    first_gradient_step,
    held_out,
    log_loss,
    lr_divergence,
    no_intercept,
    outlier_refit,
    predict_x6,
    ridge_closed_form,
    stable_sigmoid,
    stable_softmax,
    warmup_schedule,
)
from .quizzes import QUIZZES  # quiz id -> `grader.quiz.Quiz`, one per chapter

LINEAR_REGRESSION = (predict_x6, baseline_r2, no_intercept, duplicate_columns,
                     first_gradient_step, lr_divergence, held_out, outlier_refit)
GLM = (stable_sigmoid, log_loss, stable_softmax, ridge_closed_form, adam_step, warmup_schedule)

EXERCISES: dict[str, Exercise] = {
    module.EXERCISE.id: module.EXERCISE for module in (*LINEAR_REGRESSION, *GLM)
}

CHAPTERS = {
    "linear-regression": ("Chapter one: linear regression",
                          [module.EXERCISE.id for module in LINEAR_REGRESSION]),
    "glm": ("Chapter two: generalized linear models", [module.EXERCISE.id for module in GLM]),
}

ASSIGNMENTS: dict[str, Assignment] = {
    chapter: Assignment(chapter, title, tuple((i, None) for i in ids), ((chapter, None),))
    for chapter, (title, ids) in CHAPTERS.items()
}
ASSIGNMENTS["course"] = Assignment(
    "course", "The whole course", tuple((i, None) for i in EXERCISES),
    tuple((i, None) for i in QUIZZES),
)


def register(registry: Registry) -> None:
    """Add the course's exercises, quizzes and assignments to the grader's registry."""
    for exercise in EXERCISES.values():
        registry.add_exercise(exercise)
    for quiz in QUIZZES.values():
        registry.add_quiz(quiz)
    for assignment in ASSIGNMENTS.values():
        registry.add_assignment(assignment)


__all__ = ["ASSIGNMENTS", "EXERCISES", "QUIZZES", "register"]
