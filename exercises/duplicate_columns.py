"""Exercise ``duplicate-columns``: a redundant feature, a singular normal equation, and lstsq."""

from __future__ import annotations

import math

from grader import checks
from grader.exercise import Exercise, Extraction, Plan

from ._lesson import DATA_CODE, X_VALUES

ID = "duplicate-columns"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-6)

PROMPT = """\
Add a useless feature: a third column equal to `2 * x`.

1. Build `X_bad`, the 5 x 3 matrix whose columns are ones, `x` and `2 * x`.
2. The normal equation `X_bad.T @ X_bad w = X_bad.T @ y` now has no unique solution. Set
   `normal_equation_singular` to your finding, as a bool. (Careful: `np.linalg.solve` raises
   `LinAlgError` on this matrix in desktop Python but quietly returns NaNs in the browser, so
   decide from the rank rather than from whether `solve` complains.)
3. Fit with `np.linalg.lstsq(X_bad, y, rcond=None)` and keep two of its results: `rank`, the
   integer rank it reports, and `w_lstsq`, the weights it returns.

Then compare `X_bad @ w_lstsq` with the predictions of the two-column fit.
"""

STARTER = DATA_CODE + """
X_bad = None  # columns: ones, x, 2 * x
normal_equation_singular = None  # True or False
rank = None  # the rank np.linalg.lstsq reports for X_bad
w_lstsq = None  # the weights np.linalg.lstsq returns for X_bad and y
"""

SOLUTION = DATA_CODE + """
ones = np.ones(len(x))
X_bad = np.column_stack([ones, x, 2 * x])  # the third column copies the second, doubled

gram = X_bad.T @ X_bad
# solve() raises LinAlgError on this matrix in CPython but returns NaNs in Pyodide,
# so decide from the rank, which both agree on.
normal_equation_singular = bool(np.linalg.matrix_rank(gram) < gram.shape[0])

fit = np.linalg.lstsq(X_bad, y, rcond=None)  # (weights, residuals, rank, singular values)
w_lstsq = fit[0]
rank = int(fit[2])
print("rank", rank, "of", X_bad.shape[1], "columns")
print("weights", w_lstsq.round(2))
print("predictions", (X_bad @ w_lstsq).round(1))
"""

HINTS = (
    "np.column_stack([a, b, c]) puts 1-D arrays side by side as columns; np.ones(len(x)) "
    "makes the intercept column.",
    "Two of X_bad's three columns carry the same information, so only 2 columns are "
    "independent: the rank is 2, and X_bad.T @ X_bad (3 x 3, rank 2) cannot be inverted.",
    "lstsq returns a tuple of four: the weights, the residual sums, the rank and the "
    "singular values. Keep the result and index it: the weights are item 0, the rank item 2.",
)

SUCCESS = (
    "Correct. The predictions are unchanged (120 to 200), because 4x + 8 * (2x) = 20x. Of the "
    "infinitely many weight vectors that fit equally well, lstsq returns the shortest one, "
    "[100, 4, 8]; rank 2 of 3 columns is the warning that the weights are not identifiable."
)

SINGULAR_WHY = (
    "X_bad.T @ X_bad has rank 2 but size 3 x 3, so it cannot be inverted and the normal "
    "equation has infinitely many solutions."
)

NAMES = ("X_bad", "normal_equation_singular", "rank", "w_lstsq")


def plan(seed: int) -> Plan:
    """Read the four names; this exercise is about the lesson data only."""
    return Plan(names=NAMES)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check each name, and explain hand-picked weights that fit the same line."""
    mine, theirs = got["names"], ref["names"]
    matrix = checks.numbers("reference", theirs["X_bad"], "")
    feedback = checks.check_numbers(
        "X_bad", mine["X_bad"], matrix, TOLERANCE, want="a 5 x 3 NumPy array"
    )
    feedback += checks.check_bool(
        "normal_equation_singular", mine["normal_equation_singular"], True, SINGULAR_WHY
    )
    rank = checks.check_int("rank", mine["rank"], 2)
    if rank and mine["rank"].get("type") == "int" and mine["rank"]["value"] == 3:
        rank.append("X_bad has 3 columns, but one is twice another: only 2 are independent.")
    feedback += rank
    return feedback + _check_weights(mine["w_lstsq"], theirs["w_lstsq"])


def _check_weights(value: dict, ref: dict) -> list[str]:
    want = checks.numbers("reference", ref, "")
    got = checks.numbers("w_lstsq", value, "a 1-D array of 3 weights")
    if isinstance(got, str):
        return [got]
    if got[0] == (2,):
        return [
            "w_lstsq has 2 weights: that is the fit without the duplicate column. "
            "Fit np.linalg.lstsq on X_bad, which has 3 columns."
        ]
    feedback = checks.compare("w_lstsq", got, want, TOLERANCE)
    if feedback and got[0] == (3,) and _predictions(got[1]) is not None:
        ours, theirs = _predictions(got[1]), _predictions(want[1])
        if all(abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a, b in zip(ours, theirs, strict=True)):
            feedback.append(
                f"Your weights {checks.fmt_list(got[1])} predict the same line as lstsq's, so "
                "they fit just as well, but they are not what lstsq returns. With a duplicated "
                "column infinitely many weight vectors fit equally well; lstsq picks the one "
                "with the smallest length, which splits the slope between x and 2x in the "
                "ratio 1 : 2. Assign the weights lstsq actually returns."
            )
    return feedback


def _predictions(weights: list[float]) -> list[float] | None:
    """Predict the lesson rows from [intercept, w_x, w_2x], in plain Python."""
    if not all(math.isfinite(v) for v in weights):
        return None
    b, a, c = weights
    return [b + a * x + c * 2 * x for x in X_VALUES]


EXERCISE = Exercise(
    id=ID,
    title="A duplicated column: singular normal equation, rank and lstsq",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
