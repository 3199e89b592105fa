"""Exercise ``baseline-r2``: the mean baseline, and R² as the share of its error removed."""

from __future__ import annotations

import numpy as np

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg

from ._lesson import DATA_CODE, X_VALUES, lesson_y, rng_for

ID = "baseline-r2"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-9)

PROMPT = """\
A model earns its keep only if it beats the laziest possible predictor: the mean of `y` for
every row.

1. Store in `baseline_mse` the mean squared error of that mean baseline on the lesson data.
2. Write a function `r2_score(y, pred)` that returns the coefficient of determination,
   \\( R^2 = 1 - \\mathrm{MSE}_{\\text{model}} / \\mathrm{MSE}_{\\text{baseline}} \\), as a number.
3. Store in `r2` the R² of the line `pred = 100 + 20 * x` on the lesson data.

The checker also calls `r2_score` on predictions it makes up, including some that do worse than
the mean, so do not clip the result.
"""

STARTER = DATA_CODE + """pred = 100 + 20 * x


def r2_score(y, pred):
    \"\"\"Return R² of the predictions pred for the targets y.\"\"\"
    return None


baseline_mse = None  # MSE of predicting y.mean() for every row
r2 = None  # R² of pred on the lesson data
"""

SOLUTION = DATA_CODE + """pred = 100 + 20 * x


def r2_score(y, pred):
    line_mse = np.mean((y - pred) ** 2)
    mean_mse = np.mean((y - np.mean(y)) ** 2)
    return float(1 - line_mse / mean_mse)


baseline_mse = float(np.mean((y - y.mean()) ** 2))
r2 = r2_score(y, pred)
print("baseline_mse", round(baseline_mse, 1), "r2", round(r2, 4))
"""

HINTS = (
    "The baseline predicts y.mean() everywhere, so its errors are y - y.mean(); square them "
    "and take the mean.",
    "Inside r2_score compute both MSEs from its own arguments y and pred, then return 1 minus "
    "their ratio.",
    "A model worse than the mean has a larger MSE than the baseline, which makes R² negative. "
    "That is information: leave it negative.",
)

SUCCESS = (
    "Correct: the baseline's MSE is 802.8 and the line's is 2.8, so R² = 1 - 2.8 / 802.8 "
    "≈ 0.9965. The line removes 99.65% of the baseline's squared error on these five replays; "
    "that describes this fit, not how well it will predict requests it has not seen."
)


def plan(seed: int) -> Plan:
    """R² of the lesson line, then of a good and of a worse-than-mean prediction on new data."""
    y = lesson_y()
    lesson_pred = 100.0 + 20.0 * np.array(X_VALUES)
    rng = rng_for(seed, 6)
    rows = int(rng.integers(8, 15))
    y_new = np.round(rng.uniform(100.0, 300.0, size=rows), 1)
    good = np.round(y_new + rng.normal(0.0, 12.0, size=rows), 1)
    poor = np.round(y_new.mean() - 0.8 * (y_new - y_new.mean()), 1)
    calls = (
        _call("lesson", y, lesson_pred, "the lesson data and the line 100 + 20x"),
        _call("variant-good", y_new, good, f"new data ({rows} rows)"),
        _call("variant-poor", y_new, poor, f"new data ({rows} rows) worse than the mean"),
    )
    return Plan(names=("baseline_mse", "r2", "r2_score"), calls=calls)


def _call(key: str, y: object, pred: object, where: str) -> Call:
    label = f"r2_score(y, pred) on {where}"
    return Call(key=key, function="r2_score", args=(array_arg(y), array_arg(pred)), label=label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the baseline MSE, R² on the lesson data, and r2_score everywhere."""
    mine, theirs = got["names"], ref["names"]
    base_want = checks.numbers("reference", theirs["baseline_mse"], "")
    feedback = checks.check_numbers(
        "baseline_mse", mine["baseline_mse"], base_want, TOLERANCE, want="a number",
        scalar_ok=True,
    )
    base_got = checks.numbers("baseline_mse", mine["baseline_mse"], "")
    if feedback and _single(base_got) is not None and TOLERANCE.allows(_single(base_got), 4014):
        feedback.append("4014 is the sum of squared errors; divide by the 5 rows for the mean.")
    r2_want = checks.numbers("reference", theirs["r2"], "")
    r2 = checks.check_numbers("r2", mine["r2"], r2_want, TOLERANCE, want="a number", scalar_ok=True)
    value = _single(checks.numbers("r2", mine["r2"], ""))
    if r2 and value is not None and TOLERANCE.allows(value, 1 - r2_want[1][0]):
        r2.append("That is MSE_line / MSE_baseline; R² is 1 minus that ratio.")
    return feedback + r2 + _check_function(plan, got, ref)


def _single(numbers: object) -> float | None:
    if isinstance(numbers, tuple) and len(numbers[1]) == 1:
        return numbers[1][0]
    return None


def _check_function(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    feedback = checks.check_callable("r2_score", got["names"]["r2_score"])
    if feedback:
        return feedback
    for call in plan.calls:
        value, want = got["calls"][call.key], ref["calls"][call.key]
        raised = checks.raised(call.label, value)
        if raised:
            return raised  # the sentence names the call already
        problems = checks.check_numbers(
            "the result", value, checks.numbers("reference", want, ""), TOLERANCE,
            want="a number", scalar_ok=True,
        )
        if problems:
            result = _single(checks.numbers("r", value, ""))
            if call.key == "variant-poor" and result is not None and result >= 0:
                problems.append("Here the predictions are worse than the mean: R² is negative.")
            return [f"For {call.label}: {problems[0]}", *problems[1:]]
    return []


EXERCISE = Exercise(
    id=ID,
    title="The mean baseline and R²",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
