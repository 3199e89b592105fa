"""Exercise ``outlier-refit``: one surprising measurement pulls the least-squares line."""

from __future__ import annotations

from grader import checks
from grader.exercise import Exercise, Extraction, Plan

from ._lesson import DATA_CODE

ID = "outlier-refit"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-6)

PROMPT = """\
Suppose the fifth replay had been slow: 240 ms instead of 198 ms.

1. Make `y_new`, a copy of `y` with its last value changed to 240 (leave `y` itself alone).
2. Refit the line on `y_new` with `np.linalg.lstsq` and store the weights
   `[intercept, slope]` in `w_new`.
3. Set `slope_rises` to a bool: is the refitted slope larger than the original 20 ms per
   hundred tokens?

Print the new residuals too, and look at where they changed most.
"""

STARTER = DATA_CODE + """X = np.c_[np.ones_like(x), x]

y_new = None  # y with the last target changed from 198 to 240
w_new = None  # [intercept, slope] refitted on y_new
slope_rises = None  # True or False
"""

SOLUTION = DATA_CODE + """X = np.c_[np.ones_like(x), x]
w_old, *_ = np.linalg.lstsq(X, y, rcond=None)

y_new = y.copy()
y_new[-1] = 240.0
w_new, *_ = np.linalg.lstsq(X, y_new, rcond=None)

print("old weights", w_old.round(2))
print("new weights", w_new.round(2))
print("new residuals", (y_new - X @ w_new).round(1))
slope_rises = bool(w_new[1] > w_old[1])
"""

HINTS = (
    "y.copy() gives an independent array; y_new[-1] = 240.0 then changes only the copy.",
    "Fit exactly as before, only with y_new: w_new, *_ = np.linalg.lstsq(X, y_new, rcond=None).",
    "Squared loss punishes big misses hard, so the line tilts towards the slow request at the "
    "high-token end: compare w_new[1] with 20.",
)

SUCCESS = (
    "Correct: w = [83.2, 28.4]. One slow request at x = 5 tilts the whole line: the slope rises "
    "from 20 to 28.4 and the intercept drops to 83.2, because squared loss lets a single large "
    "miss outweigh several small ones."
)

NAMES = ("y_new", "w_new", "slope_rises")


def plan(seed: int) -> Plan:
    """Read the three names (lesson data only)."""
    return Plan(names=NAMES)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the changed target, the refitted weights and the verdict."""
    mine, theirs = got["names"], ref["names"]
    y_want = checks.numbers("reference", theirs["y_new"], "")
    feedback = checks.check_numbers(
        "y_new", mine["y_new"], y_want, TOLERANCE, want="an array of the 5 targets"
    )
    got_y = checks.numbers("y_new", mine["y_new"], "")
    if feedback and not isinstance(got_y, str) and got_y[1][-1:] == [198.0]:
        feedback.append("The last target of y_new is still 198: change it to 240.")
    w_want = checks.numbers("reference", theirs["w_new"], "")
    weights = checks.check_numbers(
        "w_new", mine["w_new"], w_want, TOLERANCE, want="[intercept, slope], a 1-D array"
    )
    got_w = checks.numbers("w_new", mine["w_new"], "")
    if weights and not isinstance(got_w, str) and _close(got_w[1], [100.0, 20.0]):
        weights.append("[100, 20] is the fit before the change: refit on y_new, not on y.")
    why = "the refitted slope is 28.4 ms per hundred tokens, up from 20."
    return feedback + weights + checks.check_bool("slope_rises", mine["slope_rises"], True, why)


def _close(values: list[float], target: list[float]) -> bool:
    return len(values) == len(target) and all(
        TOLERANCE.allows(v, t) for v, t in zip(values, target, strict=True)
    )


EXERCISE = Exercise(
    id=ID,
    title="One slow request: change the last target and refit",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
