"""Exercise ``stable-softmax``: row-wise softmax that survives logits of 1000."""

from __future__ import annotations

import math

import numpy as np

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg

from ._glm import arg_value, check_calls, for_call, make_call, matches, quiet, rng_for, round_to

ID = "stable-softmax"
TOLERANCE = checks.Tolerance(rtol=1e-9, atol=1e-15)
INTENTS = 8

PROMPT = r"""An intent classifier's head produces one **logit** per intent, and the softmax turns
them into probabilities:
\( \operatorname{softmax}(\mathbf{z})_k = e^{z_k} / \sum_j e^{z_j} \).

Write `softmax(logits)`:

- for a 2-D array, each **row** is one message and each column one intent: return the softmax
  of every row, with the same shape, so that every row sums to 1;
- for a 1-D array (a single message), return its softmax, also 1-D;
- it must not overflow: logits of 1000 happen (an over-confident head, a temperature of 0.001),
  and `np.exp(1000)` is `inf`. Subtracting the same number from every logit of a row does not
  change its softmax, so subtract the row's largest logit first.

The checker calls your function on logits it generates: rows around 1000, rows around -1000, a
row of ties, and an ordinary 1-D vector.
"""

STARTER = """\
import numpy as np


def softmax(logits):
    \"\"\"Row-wise softmax: every row of the result sums to 1.\"\"\"
    e = np.exp(logits)
    return e / np.sum(e)


logits = np.array([[1.0, 2.0, 3.0],
                   [1000.0, 1001.0, 1002.0]])
print(softmax(logits))
"""

SOLUTION = """\
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    shifted = z - z.max(axis=-1, keepdims=True)  # each row's largest logit becomes 0
    e = np.exp(shifted)                           # values in (0, 1]: no overflow
    return e / e.sum(axis=-1, keepdims=True)


logits = np.array([[1.0, 2.0, 3.0],
                   [1000.0, 1001.0, 1002.0]])
probs = softmax(logits)
print(probs.round(4))           # both rows are the same: only differences between logits matter
print(probs.sum(axis=1))
print(softmax(np.array([0.5, -1.0, 2.0])).round(4))
"""

HINTS = (
    "Rows are messages, so every reduction works along the last axis: z.max(axis=-1) and "
    "e.sum(axis=-1). axis=-1 also works when the input is 1-D.",
    "z.max(axis=-1) drops that axis, so z - z.max(axis=-1) does not line up with the rows. "
    "Pass keepdims=True to keep a column of maxima, shape (n, 1), which broadcasts across "
    "each row.",
    "Subtract each row's own maximum, not the maximum of the whole array: a row of logits near "
    "-1000 next to a row near 1000 would otherwise become exp(-2000) = 0 everywhere, and 0 / 0 "
    "is NaN.",
)

SUCCESS = (
    "Correct. Shifting each row by its maximum leaves the probabilities unchanged but puts every "
    "exponent at or below 0, so nothing overflows and every row sums to 1. This is exactly the "
    "last step of a transformer classifier: its head is multinomial logistic regression on the "
    "[CLS] features."
)

NAN = (
    "Some probabilities are NaN. Without a shift, np.exp(1000) is inf and inf / inf is NaN; "
    "subtract each row's maximum first: z - z.max(axis=-1, keepdims=True)."
)
GLOBAL_MAX = (
    "You subtracted the largest logit of the whole array. A row far below that maximum "
    "underflows to exp(-2000) = 0 everywhere, and 0 / 0 is NaN. Subtract each row's own "
    "maximum: z.max(axis=-1, keepdims=True)."
)
COLUMNS = (
    "You normalised each column, but rows are messages and columns are intents: reduce along "
    "the last axis (axis=-1), so that every row sums to 1."
)


def plan(seed: int) -> Plan:
    """Plan a fixed 2 x 3 example, an n x 8 batch with extreme rows, and one message."""
    rng = rng_for(seed, 23)
    rows = int(rng.integers(4, 8))
    batch = round_to(rng.normal(0.0, 3.0, size=(rows, INTENTS)), 2)
    batch[0] += 1000.0
    batch[1] -= 1000.0
    batch[2] = round_to(rng.uniform(-5.0, 5.0), 2)  # a row of ties
    batch = batch[rng.permutation(rows)]
    single = round_to(rng.normal(0.0, 4.0, size=INTENTS), 2)
    calls = (
        _call("example", np.array([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]]),
              "logits [[1, 2, 3], [1000, 1001, 1002]]"),
        _call("batch", batch, f"a {rows} x {INTENTS} batch with rows near 1000 and near -1000"),
        _call("single", single, f"one message: a 1-D vector of {INTENTS} logits"),
    )
    return Plan(names=("softmax",), calls=calls)


def _call(key: str, logits: np.ndarray, where: str) -> Call:
    return make_call(key, "softmax", (array_arg(logits),), f"softmax(logits) on {where}")


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check shape, then every probability, on every call."""
    return check_calls("softmax", plan, got, ref, _check_call, _explain_raise)


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    want = checks.numbers("reference", ref, "")
    got = checks.numbers("the result", value, "an array of probabilities shaped like logits")
    if isinstance(got, str):
        return for_call(call, [got])
    feedback = checks.compare("the result", got, want, TOLERANCE)
    if not feedback:
        return []
    if got[0] != want[0]:
        extra = ("A 1-D input should give a 1-D result: reduce with axis=-1 and keepdims=True "
                 "rather than adding a dimension with np.atleast_2d or reshape.") if len(
                     want[0]) == 1 else ""
        return for_call(call, feedback + ([extra] if extra else []))
    return for_call(call, feedback + _diagnose(call, got[1]))


def _diagnose(call: Call, got: list[float]) -> list[str]:
    z = arg_value(call, 0)
    whole = quiet(lambda: np.exp(z - z.max()) / np.exp(z - z.max()).sum(axis=-1, keepdims=True))
    if z.ndim == 2:
        columns = quiet(lambda: np.exp(z - z.max(axis=0)) / np.exp(z - z.max(axis=0)).sum(axis=0))
        if matches(got, columns, TOLERANCE):
            return [COLUMNS]
    if matches(got, whole, TOLERANCE) and any(math.isnan(g) for g in got):
        return [GLOBAL_MAX]
    if any(math.isnan(g) for g in got):
        return [NAN]
    width = z.shape[-1]
    sums = [sum(got[i : i + width]) for i in range(0, len(got), width)]
    off = [s for s in sums if abs(s - 1.0) > 1e-6]
    if off:
        return [f"A row of yours sums to {checks.fmt(round(off[0], 6))}, not 1. Divide each row "
                "by its own sum: e.sum(axis=-1, keepdims=True)."]
    return []


def _explain_raise(call: Call, value: dict) -> list[str]:
    message = value["message"]
    if value["exception"] == "ValueError" and "broadcast" in message:
        return ["z.max(axis=-1) and e.sum(axis=-1) give one value per row, shape (n,), which "
                "does not broadcast against (n, K) logits. Keep the axis with keepdims=True, "
                "shape (n, 1)."]
    if value["exception"] == "AxisError" or "out of bounds for array of dimension" in message:
        return ["A 1-D input has only axis 0. Use axis=-1, the last axis, which means the "
                "columns of a 2-D input and the only axis of a 1-D one."]
    return []


EXERCISE = Exercise(
    id=ID,
    title="A softmax that survives logits of 1000",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
