"""Exercise ``held-out``: fit on four requests, judge the line on the fifth."""

from __future__ import annotations

from grader import checks
from grader.exercise import Exercise, Extraction, Plan

from ._lesson import DATA_CODE

ID = "held-out"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-6)

PROMPT = """\
Training error flatters a model, because the fit has already seen those rows. Keep the last
request back as a tiny test set.

1. Fit `np.linalg.lstsq` on rows 1 to 4 only (`x[:4]`, `y[:4]`, with an intercept column) and
   store the weights in `w_train`.
2. Predict the held-out fifth request (x = 5) with `w_train` and store it in `test_prediction`
   (a number, or an array holding one number).
3. Store its squared error, `(test_prediction - 198) ** 2`, in `test_squared_error`.
"""

STARTER = DATA_CODE + """
x_train, y_train = x[:4], y[:4]
x_test, y_test = x[4:], y[4:]

w_train = None  # lstsq weights fitted on the four training rows
test_prediction = None  # the prediction for the held-out row
test_squared_error = None  # its squared error
"""

SOLUTION = DATA_CODE + """
x_train, y_train = x[:4], y[:4]
x_test, y_test = x[4:], y[4:]


def with_intercept(values):
    return np.column_stack([np.ones(len(values)), values])


w_train = np.linalg.lstsq(with_intercept(x_train), y_train, rcond=None)[0]

test_prediction = with_intercept(x_test) @ w_train
test_squared_error = float(np.mean((test_prediction - y_test) ** 2))
print("train weights", w_train.round(2))
print("test prediction", test_prediction.round(2), "squared error", round(test_squared_error, 2))
"""

HINTS = (
    "Slicing keeps the split honest: x[:4] and y[:4] for fitting, x[4:] and y[4:] for testing.",
    "Give the test row the same two columns as the training rows (a one, then x), and "
    "multiply that matrix by w_train.",
    "The error is test_prediction - 198 = 5 ms; squared, that is 25.",
)

SUCCESS = (
    "Correct: fitted on four rows the line is 98 + 21x, it predicts 203 ms for the held-out "
    "request, which took 198 ms, so the squared error is 25. One row is no error estimate, but "
    "the habit is the point: judge a model on data it was not fitted to."
)

NAMES = ("w_train", "test_prediction", "test_squared_error")


def plan(seed: int) -> Plan:
    """Read the three names (lesson data only)."""
    return Plan(names=NAMES)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the training fit, the held-out prediction and its squared error."""
    mine, theirs = got["names"], ref["names"]
    feedback = checks.check_numbers(
        "w_train", mine["w_train"], checks.numbers("reference", theirs["w_train"], ""),
        TOLERANCE, want="[intercept, slope], a 1-D array",
    )
    w_got = checks.numbers("w_train", mine["w_train"], "")
    if feedback and not isinstance(w_got, str) and _near(w_got[1], [100.0, 20.0]):
        feedback.append(
            "[100, 20] is the fit on all five rows: the held-out row leaked into training."
        )
    for name, slips in (
        ("test_prediction", {200.0: "200 comes from the line fitted on all five rows."}),
        ("test_squared_error", {5.0: "5 is the error itself; square it.",
                                -5.0: "-5 is the error itself; square it."}),
    ):
        want = checks.numbers("reference", theirs[name], "")
        problems = checks.check_numbers(
            name, mine[name], want, TOLERANCE, want="a number", scalar_ok=True
        )
        value = checks.numbers(name, mine[name], "")
        if problems and not isinstance(value, str) and len(value[1]) == 1:
            slip = slips.get(round(value[1][0], 6))
            problems += [slip] if slip else []
        feedback += problems
    return feedback


def _near(values: list[float], target: list[float]) -> bool:
    return len(values) == len(target) and all(
        TOLERANCE.allows(v, t) for v, t in zip(values, target, strict=True)
    )


EXERCISE = Exercise(
    id=ID,
    title="Hold one request out and test on it",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
