"""The course's graded exercises: what is asked, and what counts as right.

`EXERCISES` maps each exercise id to its `grader.exercise.Exercise`, in the order the practice
page shows them. The ids are stable: instructors' files and tools depend on them.
"""

from __future__ import annotations

from grader.exercise import Exercise

from . import (
    baseline_r2,
    duplicate_columns,
    first_gradient_step,
    held_out,
    lr_divergence,
    no_intercept,
    outlier_refit,
    predict_x6,
)

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
    )
}

# Quiz keys arrive with the quiz (issue 4): quiz id -> quiz definition, scored by the grader.
QUIZZES: dict[str, object] = {}

__all__ = ["EXERCISES", "QUIZZES"]
