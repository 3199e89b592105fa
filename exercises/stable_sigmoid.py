"""Exercise ``stable-sigmoid``: the logistic function without overflow, accurate in both tails."""

from __future__ import annotations

import math

import numpy as np

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg, float_arg

from ._glm import check_calls, first_wrong, for_call, make_call, rng_for, round_to

ID = "stable-sigmoid"
TOLERANCE = checks.Tolerance(rtol=1e-9)
LOOSE = checks.Tolerance(rtol=1e-6, atol=1e-12)  # for recognising a slip, not for grading
WANT = "an array of probabilities with the same shape as z"

PROMPT = r"""Logistic regression turns a score \( z \) into a probability with the sigmoid
\( \sigma(z) = 1 / (1 + e^{-z}) \). Write `sigmoid(z)` so that it

- works elementwise on a NumPy array of any shape (and on a single float), returning the same
  shape;
- never exponentiates a large positive number: `np.exp(1000)` is `inf`, and everything computed
  from it is damaged;
- gives exactly `0.0` at \( z = -1000 \) and exactly `1.0` at \( z = 1000 \);
- is accurate to a relative \( 10^{-9} \) everywhere, including deep in the negative tail, where
  \( \sigma(z) \approx e^{z} \) is tiny but still a representable float (for example
  \( \sigma(-712) \approx 6.1 \times 10^{-310} \)).

The starter holds the textbook formula. Press **Check** first to see where it breaks. The checker
calls your function on vectors, a matrix and a single number that it generates at every Check.
"""

STARTER = """\
import numpy as np


def sigmoid(z):
    \"\"\"Return 1 / (1 + exp(-z)), elementwise.\"\"\"
    return 1 / (1 + np.exp(-z))  # the textbook formula: fine on paper


print(sigmoid(np.array([-1000.0, -712.0, 0.0, 712.0, 1000.0])))
"""

SOLUTION = """\
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # exponent <= 0, so e is in (0, 1] and never overflows
    # z >= 0: 1 / (1 + e^-z).  z < 0: multiply top and bottom by e^z to get e^z / (1 + e^z).
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


z = np.array([-1000.0, -712.0, -30.0, 0.0, 30.0, 1000.0])
print(sigmoid(z))
print("sigma(-z) == 1 - sigma(z):", np.allclose(sigmoid(-z), 1 - sigmoid(z)))
"""

HINTS = (
    "Split on the sign of z. For z >= 0, 1 / (1 + np.exp(-z)) is safe, because the exponent is "
    "not positive. For z < 0, rewrite the same number as np.exp(z) / (1 + np.exp(z)).",
    "np.where evaluates both branches on every element before choosing, so give both branches "
    "the same safe ingredient: e = np.exp(-np.abs(z)), then 1 / (1 + e) and e / (1 + e).",
    "Avoid 1 - sigmoid(-z) or (1 + np.tanh(z / 2)) / 2 for the negative side: subtracting from "
    "1 cancels the digits of a tiny result, so sigmoid(-30) loses most of its precision.",
)

SUCCESS = (
    "Correct. Your sigmoid only ever exponentiates -|z|, so nothing overflows: sigmoid(1000) is "
    "exactly 1, sigmoid(-1000) exactly 0, and tiny tail values such as sigmoid(-712) keep their "
    "digits. The log-loss and the gradient of logistic regression can now be trusted at any "
    "score."
)

OVERFLOW = (
    "{at} your sigmoid returned 0, but the true value {want} is tiny yet representable. Usually "
    "np.exp(-z) overflowed: e^x is inf for any x above about 709.8 (np.exp(1000) is inf), and "
    "1 / (1 + inf) collapses to 0. A formula that subtracts from 1, like 1 - sigmoid(-z) or "
    "(1 + tanh(z / 2)) / 2, loses it the same way. For negative z compute e / (1 + e) with "
    "e = np.exp(z)."
)
LOST = (
    "{at} your sigmoid returned 0, but the true value {want} is far from the smallest float. "
    "Nothing overflows at this z, so the digits were lost by subtracting from 1: in "
    "1 - sigmoid(-z) or (1 + tanh(z / 2)) / 2 the two terms agree to every printed digit. For "
    "negative z compute e / (1 + e) with e = np.exp(z)."
)
NAN = (
    "{at} your sigmoid returned NaN: np.exp(z) is inf there, and inf / (1 + inf) is inf / inf, "
    "which is NaN. Only exponentiate numbers that are not positive: e = np.exp(-np.abs(z))."
)
CANCELLATION = (
    "{at} the value is close but has lost digits. Far in the negative tail, a formula that "
    "subtracts from 1 (1 - sigmoid(-z), or one built on tanh) cancels most of a tiny result; "
    "compute e / (1 + e) with e = np.exp(z) there instead."
)
CLIPPED = (
    "{at} the true value underflows to exactly 0, but yours is {got}. Clipping z into a range "
    "such as [-500, 500] avoids the overflow but changes the answer far in the tails; keep z "
    "as it is and exponentiate -|z| instead."
)
FLIPPED = (
    "Your values are sigmoid(-z) = 1 - sigmoid(z): check the sign of the exponent, "
    "sigma(z) = 1 / (1 + e^(-z))."
)


def plan(seed: int) -> Plan:
    """Plan the two exact limits, then a vector, a matrix and a number drawn from ``seed``."""
    rng = rng_for(seed, 21)
    tail = round_to(rng.uniform(-716.0, -710.5, size=2), 1)
    middle = round_to(rng.uniform(-40.0, 40.0, size=6), 2)
    vector = np.r_[-1000.0, tail, middle, 1000.0]
    rng.shuffle(vector)
    matrix = round_to(rng.uniform(-60.0, 60.0, size=(3, 4)), 1)
    single = float(round_to(rng.uniform(-38.0, -20.0), 2))
    calls = (
        _call("limits", np.array([-1000.0, 0.0, 1000.0]), "z = [-1000, 0, 1000]"),
        _call("vector", vector, f"a vector of {vector.size} scores from -1000 to 1000"),
        _call("matrix", matrix, "a 3 x 4 matrix of scores"),
        make_call("single", "sigmoid", (float_arg(single),),
                  f"sigmoid(z) with the single number z = {checks.fmt(single)}"),
    )
    return Plan(names=("sigmoid",), calls=calls)


def _call(key: str, z: np.ndarray, where: str) -> Call:
    return make_call(key, "sigmoid", (array_arg(z),), f"sigmoid(z) on {where}")


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check every call: type and shape, then each value against the reference."""
    return check_calls("sigmoid", plan, got, ref, _check_call, _explain_raise)


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    want = checks.numbers("reference", ref, "")
    got = checks.numbers("the result", value, WANT)
    if isinstance(got, str):
        return for_call(call, [got])
    if call.key == "single" and len(got[1]) == 1 and len(got[0]) <= 1:
        got = want[0], got[1]  # a float or a one-element array are both fine for one number
    feedback = checks.compare("the result", got, want, TOLERANCE)
    if feedback and got[0] == want[0]:
        feedback += _diagnose(call, got[1], want[1])
    return for_call(call, feedback)


def _diagnose(call: Call, got: list[float], want: list[float]) -> list[str]:
    spec = call.args[0]
    scores = spec["values"] if spec["type"] == "array" else [spec["value"]]
    if all(math.isfinite(g) and LOOSE.allows(g, 1 - w) for g, w in zip(got, want, strict=True)):
        return [FLIPPED]
    index = first_wrong(got, want, TOLERANCE)
    if index is None:
        return []
    g, w = got[index], want[index]
    at = f"At z = {checks.fmt(scores[index])}"
    if math.isnan(g):
        return [NAN.format(at=at)]
    if g == 0.0 and w > 0.0:
        text = OVERFLOW if scores[index] < -709 else LOST
        return [text.format(at=at, want=f"≈ {w:.2g}")]
    if w == 0.0 and g > 0.0:
        return [CLIPPED.format(at=at, got=checks.fmt(g))]
    if scores[index] < -15 and abs(g - w) < 0.01 * w:
        return [CANCELLATION.format(at=at)]
    return []


def _explain_raise(call: Call, value: dict) -> list[str]:
    if value["exception"] == "OverflowError":
        return ["math.exp overflows on large arguments instead of returning inf. Use np.exp on "
                "-np.abs(z), which is never positive."]
    if value["exception"] == "TypeError" and "Python scalars" in value["message"]:
        return ["math.exp takes one number at a time, but z is an array. np.exp works on "
                "every element at once."]
    if value["exception"] == "ValueError" and "truth value" in value["message"]:
        return ["z is a whole array, so `if z >= 0:` cannot decide for every element at once. "
                "Choose per element with np.where(z >= 0, ..., ...)."]
    return []


EXERCISE = Exercise(
    id=ID,
    title="A sigmoid that never overflows",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
