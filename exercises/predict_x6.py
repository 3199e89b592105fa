"""Exercise ``predict-x6``: read a prediction off the fitted line before running anything."""

from __future__ import annotations

from grader import checks
from grader.exercise import Exercise, Extraction, Plan

from ._lesson import DATA_CODE

ID = "predict-x6"
KEY = 220.0
TOLERANCE = checks.Tolerance(atol=0.5)

PROMPT = """\
Least squares on the five replay requests gives the line
\\( \\hat{y} = 100 + 20x \\), with \\(x\\) the evidence length in hundreds of tokens and
\\(\\hat{y}\\) the latency in milliseconds.

A new request carries 600 tokens of policy evidence, so \\(x = 6\\). **Without running any
code**, what latency does the line predict? Enter a number of milliseconds.
"""

HINTS = (
    "A line's prediction is its intercept plus its slope times x.",
    "The intercept is 100 ms, and each extra hundred tokens adds 20 ms. How many hundreds are "
    "there in x = 6?",
)

SOLUTION = DATA_CODE + """
X = np.c_[np.ones_like(x), x]
w, *_ = np.linalg.lstsq(X, y, rcond=None)

prediction = w[0] + w[1] * 6  # 100 + 20 * 6
print("prediction_ms", round(float(prediction), 2))
"""

SUCCESS = (
    "Right: 100 + 20 × 6 = 220 ms. x = 6 is one step past the data (1 to 5), a mild "
    "extrapolation; the further you go past the fitted range, the less the line deserves trust."
)

# Answers a learner may reach by a recognisable slip, and what to say about each.
SLIPS = {
    200.0: "200 ms is the line at x = 5, the last request; the question asks about x = 6.",
    198.0: "198 ms is the measured latency at x = 5; use the line at x = 6, not a data point.",
    218.0: "218 = 198 + 20 starts from the last measurement; start from the line's own value.",
    120.0: "120 = 20 × 6 leaves out the intercept: the 100 ms the line predicts at x = 0.",
    126.0: "126 = 120 + 6 adds x instead of multiplying it by the slope.",
}


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Accept any number within 0.5 ms of 220; explain common slips."""
    value = got["names"]["answer"]
    if value.get("type") in ("missing", "none"):
        return ["Enter a number of milliseconds."]
    if value.get("type") == "str":
        return [f"Enter a number, not text: you entered {value['value'][:40]!r}."]
    feedback = checks.check_numbers(
        "The predicted latency", value, ((), [KEY]), TOLERANCE, want="a number of milliseconds"
    )
    if feedback and value.get("type") in checks.NUMBER_TYPES:
        slip = SLIPS.get(float(value["value"]))
        if slip:
            feedback.append(slip)
    return feedback


EXERCISE = Exercise(
    id=ID,
    title="Predict the latency at x = 6",
    kind="answer",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    input_type="number",
    answer=KEY,
)
