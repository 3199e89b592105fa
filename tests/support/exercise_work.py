"""What the exercise tests hand the grader: the lesson's data as a learner types it, and a check.

It also holds the helpers the mutant tests of the exercises share: the planned calls over many
seeds and their inputs decoded, an assertion on the spread of drawn values, and the feedback of
a failing check.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from exercises import EXERCISES
from grader import check_in_process
from grader.exercise import Call

LESSON_DATA = """\
import numpy as np
x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([118.0, 141.0, 162.0, 181.0, 198.0])
X = np.c_[np.ones_like(x), x]
"""

SEEDS = range(300)


def check(exercise_id: str, code: str, seed: int = 1) -> dict:
    """Check ``code`` for one exercise in this process, as the practice page does."""
    return check_in_process(exercise_id, {"code": code}, seed=seed)


def value_of(spec: dict) -> object:
    """The input a planned call hands the learner's function, decoded here independently."""
    if spec["type"] == "array":
        return np.reshape(np.array(spec["values"], dtype=float), spec["shape"])
    return spec["value"]


def calls_of(exercise_id: str, seeds: range = SEEDS) -> Iterator[dict[str, Call]]:
    """Each seed's planned calls, by key."""
    for seed in seeds:
        yield {call.key: call for call in EXERCISES[exercise_id].plan(seed).calls}


def spans(values: list[float], low: float, high: float, decimals: int) -> None:
    """Assert that drawn values stay in [low, high], reach near both ends, and are rounded."""
    array = np.asarray(values, dtype=float)
    width = high - low
    assert array.min() >= low
    assert array.max() <= high
    assert array.min() < low + 0.02 * width
    assert array.max() > high - 0.02 * width
    assert np.array_equal(array, np.round(array, decimals))
    if decimals > 0:  # not rounded to fewer decimals either
        assert not np.array_equal(array, np.round(array, decimals - 1))


def feedback_of(exercise_id: str, code: str, seed: int = 1) -> list[str]:
    result = check(exercise_id, code, seed)
    assert result["status"] == "failed", result["feedback"]
    return result["feedback"]
