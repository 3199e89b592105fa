"""What the exercise tests hand the grader: the lesson's data as a learner types it, and a check."""

from __future__ import annotations

from grader import check_in_process

LESSON_DATA = """\
import numpy as np
x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([118.0, 141.0, 162.0, 181.0, 198.0])
X = np.c_[np.ones_like(x), x]
"""


def check(exercise_id: str, code: str, seed: int = 1) -> dict:
    """Check ``code`` for one exercise in this process, as the practice page does."""
    return check_in_process(exercise_id, {"code": code}, seed=seed)
