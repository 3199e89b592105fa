"""The course's graded exercises: what is asked, and what counts as right.

`EXERCISES` maps each exercise id to its `grader.exercise.Exercise`, in the order the practice
page shows them; `QUIZZES` maps each quiz id to its `grader.quiz.Quiz`. The ids are stable:
instructors' files and tools depend on them.
"""

from __future__ import annotations

from grader.exercise import Exercise

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

EXERCISES: dict[str, Exercise] = {
    module.EXERCISE.id: module.EXERCISE
    for module in (
        predict_x6,
        baseline_r2,
        no_intercept,
        duplicate_columns,
        first_gradient_step,
        lr_divergence,
        held_out,
        outlier_refit,
        # chapter two: generalized linear models
        stable_sigmoid,
        log_loss,
        stable_softmax,
        ridge_closed_form,
        adam_step,
        warmup_schedule,
    )
}

__all__ = ["EXERCISES", "QUIZZES"]
