"""Exercise ``no-intercept``: delete the intercept column and see what forcing zero costs."""

from __future__ import annotations

from grader import checks
from grader.exercise import Exercise, Extraction, Plan

from ._lesson import DATA_CODE

ID = "no-intercept"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-9)

PROMPT = """\
Drop the column of ones and fit latency with `x` alone, so the line must pass through the
origin: zero evidence, zero milliseconds.

1. Fit `np.linalg.lstsq` on the one-column design matrix `x[:, None]` and store the weights in
   `w_forced` (one weight: the slope).
2. Store the mean squared error of that fit in `mse_forced` (a number).
3. Set `worse_than_intercept` to a bool: is `mse_forced` larger than the 2.8 of the line with
   an intercept?

Keep full precision: do not round the values you assign.
"""

STARTER = DATA_CODE + """
X_forced = x[:, None]  # one column: no intercept

w_forced = None  # lstsq weights for X_forced
mse_forced = None  # mean squared error of the forced fit
worse_than_intercept = None  # True or False
"""

SOLUTION = DATA_CODE + """
X_full = np.c_[np.ones_like(x), x]
X_forced = x[:, None]

w_full, *_ = np.linalg.lstsq(X_full, y, rcond=None)
w_forced, *_ = np.linalg.lstsq(X_forced, y, rcond=None)

mse_full = float(np.mean((X_full @ w_full - y) ** 2))
mse_forced = float(np.mean((X_forced @ w_forced - y) ** 2))
print(f"slope alone: {w_forced[0]:.2f}; MSE {mse_forced:.2f} against {mse_full:.2f}")
worse_than_intercept = mse_forced > mse_full
"""

HINTS = (
    "x[:, None] turns the five values into a 5 x 1 matrix, which lstsq accepts as X.",
    "The MSE is the mean of (X_forced @ w_forced - y) ** 2; np.mean does the averaging.",
    "Without an intercept the line cannot start near 100 ms at x = 0, so a single slope has to "
    "compromise between the small and the large x values.",
)

SUCCESS = (
    "Correct: the slope alone is about 47.27 and the MSE jumps from 2.8 to about 1820.98. "
    "Forcing the line through zero denies the fixed overhead the system has even with no "
    "evidence, and every row pays for it."
)

NAMES = ("w_forced", "mse_forced", "worse_than_intercept")


def plan(seed: int) -> Plan:
    """Read the three names (lesson data only)."""
    return Plan(names=NAMES)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the forced slope, its MSE and the comparison."""
    mine, theirs = got["names"], ref["names"]
    w_got = checks.numbers("w_forced", mine["w_forced"], "")
    if not isinstance(w_got, str) and len(w_got[1]) == 2:
        return [
            "w_forced has two weights: the intercept column is still there. Fit on x[:, None].",
            *_verdict(mine),
        ]
    feedback = checks.check_numbers(
        "w_forced", mine["w_forced"], checks.numbers("reference", theirs["w_forced"], ""),
        TOLERANCE, want="one weight (a 1-element array or a number)", scalar_ok=True,
    )
    mse_want = checks.numbers("reference", theirs["mse_forced"], "")
    mse = checks.check_numbers(
        "mse_forced", mine["mse_forced"], mse_want, TOLERANCE, want="a number", scalar_ok=True
    )
    mse_got = checks.numbers("mse_forced", mine["mse_forced"], "")
    if mse and not isinstance(mse_got, str) and len(mse_got[1]) == 1:
        value, target = mse_got[1][0], mse_want[1][0]
        if abs(value - 2.8) < 1e-6:
            mse.append("2.8 is the MSE of the line with an intercept; use the forced fit.")
        elif TOLERANCE.allows(value, 5 * target):
            mse.append("That is the sum of squared errors; divide by the 5 rows for the mean.")
        elif any(value == round(target, digits) for digits in range(4)):
            mse.append("Assign the computed value rather than a rounded one.")
    return feedback + mse + _verdict(mine)


def _verdict(mine: dict) -> list[str]:
    why = "the forced fit's MSE (about 1820.98) is far above 2.8."
    return checks.check_bool("worse_than_intercept", mine["worse_than_intercept"], True, why)


EXERCISE = Exercise(
    id=ID,
    title="Delete the intercept: a line forced through zero",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
