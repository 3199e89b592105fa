"""Exercise ``ridge-closed-form``: ridge by its normal equation, the intercept unpenalised."""

from __future__ import annotations

import numpy as np

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg, float_arg

from ._glm import arg_value, check_calls, for_call, make_call, matches, quiet, rng_for, round_to
from ._lesson import DATA_CODE, lesson_design, lesson_y

ID = "ridge-closed-form"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-8)
WANT = "a 1-D array with one weight per column of X"

PROMPT = r"""Ridge regression adds a price \( \lambda \) on squared weights to least squares. In
this exercise the first column of `X` is the column of ones, and its weight, the intercept, is
**not** penalised (shrinking it would only pull predictions towards 0, not make the fit
simpler). The weights minimise

\[
\lVert \mathbf{y} - X\mathbf{w} \rVert^2 + \lambda \sum_{j \ge 1} w_j^2 ,
\]

and setting the gradient to zero gives \( (X^\top X + \lambda D)\,\mathbf{w} = X^\top \mathbf{y} \),
where \( D \) is the identity matrix with its top-left entry set to 0.

1. Write `ridge(X, y, lam)` that returns these weights as a 1-D array. Solve the system with
   `np.linalg.solve`; do not form an inverse.
2. On chapter one's latency data, store in `w_shrunk` the weights for \( \lambda = 10 \). Compare
   them with the least-squares line [100, 20]: which weight moved, and why did the other one
   move too?

The checker also calls `ridge` on data and values of \( \lambda \) it generates, including
\( \lambda = 0 \).
"""

STARTER = DATA_CODE + """X = np.c_[np.ones_like(x), x]


def ridge(X, y, lam):
    \"\"\"Weights minimising ||y - X w||^2 + lam * (sum of w[1:] ** 2).\"\"\"
    return np.linalg.lstsq(X, y, rcond=None)[0]  # plain least squares: lam is ignored


w_shrunk = ridge(X, y, 10.0)
print(w_shrunk)
"""

SOLUTION = DATA_CODE + """X = np.c_[np.ones_like(x), x]


def ridge(X, y, lam):
    D = np.eye(X.shape[1])
    D[0, 0] = 0.0                      # the intercept is not penalised
    return np.linalg.solve(X.T @ X + lam * D, X.T @ y)


w_shrunk = ridge(X, y, 10.0)
print("lambda 0 :", ridge(X, y, 0.0).round(3))
print("lambda 10:", w_shrunk.round(3))  # the slope halves; the intercept rises to keep the mean
"""

HINTS = (
    "Build the penalty matrix from the shape of X: D = np.eye(X.shape[1]), then D[0, 0] = 0 so "
    "that the intercept's weight costs nothing.",
    "np.linalg.solve(A, b) solves A w = b directly, with A = X.T @ X + lam * D and b = X.T @ y. "
    "It is faster and more accurate than np.linalg.inv(A) @ b.",
    "The loss here is the plain sum of squares, as in scikit-learn's Ridge: no division by n, "
    "and no factor 2 on lam (the 2s of both gradients cancel).",
)

SUCCESS = (
    "Correct. With lambda = 10 the latency line becomes 130 + 10x: the penalty halves the slope, "
    "and because the intercept is free, it rises to keep the line through the middle of the "
    "data (at the mean x = 3 both lines predict 160 ms). At lambda = 0 your function gives back "
    "least squares."
)

SLIPS = (
    ("intercept", "You penalised the intercept too (lam * I). Set D[0, 0] = 0: only the slopes "
                  "pay the price."),
    ("none", "These are the least-squares weights: the penalty is missing. Add lam * D to "
             "X.T @ X."),
    ("times-n", "Your lam is multiplied by the number of rows. This exercise's loss is the plain "
                "sum of squares, so use lam itself."),
    ("over-n", "Your lam is divided by the number of rows. This exercise's loss is the plain "
               "sum of squares, not the mean, so use lam itself."),
    ("double", "Your penalty is twice too strong: the gradient of the loss is "
               "2 X.T (X w - y) + 2 lam D w, and the 2s cancel, leaving X.T X + lam D."),
    ("half", "Your penalty is half as strong as it should be: the gradient of the loss is "
             "2 X.T (X w - y) + 2 lam D w, and the 2s cancel, leaving X.T X + lam D."),
)


def plan(seed: int) -> Plan:
    """Lesson data at lambda 0 and 10, then three drawn problems, one with a large lambda."""
    calls = [
        _call("lesson-0", lesson_design(), lesson_y(), 0.0, "the latency data"),
        _call("lesson-10", lesson_design(), lesson_y(), 10.0, "the latency data"),
    ]
    rng = rng_for(seed, 24)
    for key, lam in (("variant-small", float(rng.choice([0.5, 2.0, 3.0]))),
                     ("variant-middle", float(rng.choice([8.0, 20.0, 40.0]))),
                     ("variant-large", 1000.0)):
        X, y = _problem(rng)
        where = f"new data (X is {X.shape[0]} x {X.shape[1]})"
        calls.append(_call(key, X, y, lam, where))
    return Plan(names=("ridge", "w_shrunk"), calls=tuple(calls))


def _problem(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    rows, features = int(rng.integers(8, 15)), int(rng.integers(2, 4))
    inputs = round_to(rng.normal(0.0, 1.5, size=(rows, features)), 2)
    X = np.c_[np.ones(rows), inputs]
    weights = np.r_[rng.uniform(5.0, 50.0), rng.uniform(-6.0, 6.0, size=features)]
    return X, round_to(X @ weights + rng.normal(0.0, 2.0, size=rows), 2)


def _call(key: str, X: np.ndarray, y: np.ndarray, lam: float, where: str) -> Call:
    label = f"ridge(X, y, {checks.fmt(lam)}) on {where}"
    return make_call(key, "ridge", (array_arg(X), array_arg(y), float_arg(lam)), label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check w_shrunk on the lesson data, then ridge on every call."""
    lesson = next(call for call in plan.calls if call.key == "lesson-10")
    want = checks.numbers("reference", ref["names"]["w_shrunk"], "")
    feedback = checks.check_numbers("w_shrunk", got["names"]["w_shrunk"], want, TOLERANCE,
                                    want=WANT)
    value = checks.numbers("w_shrunk", got["names"]["w_shrunk"], "")
    if feedback and not isinstance(value, str) and value[0] == want[0]:
        feedback += _diagnose(lesson, value[1])
    calls = check_calls("ridge", plan, got, ref, _check_call)
    return feedback + [line for line in calls if line not in feedback]  # say a slip once


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    want = checks.numbers("reference", ref, "")
    got = checks.numbers("w", value, WANT)
    if isinstance(got, str):
        return for_call(call, [got])
    feedback = checks.compare("w", got, want, TOLERANCE)
    if feedback and len(got[0]) == 2 and got[0][0] == want[0][0]:
        feedback.append("Return a 1-D array: solve with the 1-D y, or flatten the result.")
    elif feedback and got[0] == want[0]:
        feedback += _diagnose(call, got[1])
    return for_call(call, feedback)


def _diagnose(call: Call, weights: list[float]) -> list[str]:
    X, y, lam = (arg_value(call, i) for i in range(3))
    rows = len(X)
    D = np.eye(X.shape[1])
    D[0, 0] = 0.0
    penalties = {
        "intercept": lam * np.eye(X.shape[1]), "none": 0.0 * D, "times-n": rows * lam * D,
        "over-n": lam / rows * D, "double": 2 * lam * D, "half": lam / 2 * D,
    }
    for name, message in SLIPS:
        other = quiet(lambda penalty=penalties[name]: np.linalg.solve(X.T @ X + penalty, X.T @ y))
        if matches(weights, other, TOLERANCE):
            return [message]
    return []


EXERCISE = Exercise(
    id=ID,
    title="Ridge regression in closed form",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
