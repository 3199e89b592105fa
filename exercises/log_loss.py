"""Exercise ``log-loss``: binary cross-entropy from probabilities, clipped so it stays finite."""

from __future__ import annotations

import math

import numpy as np

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg, float_arg

from ._glm import arg_value, check_calls, for_call, make_call, matches, quiet, rng_for, round_to

ID = "log-loss"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-12)
EPSILONS = (1e-6, 1e-7, 1e-8)

PROMPT = r"""Write `log_loss(y, p, eps)`, the mean binary cross-entropy of predicted probabilities
`p` for labels `y` (both 1-D arrays of the same length, labels 0 or 1):

\[
L = -\frac{1}{n}\sum_{i=1}^{n}\Big[y_i \log \tilde p_i + (1 - y_i)\log(1 - \tilde p_i)\Big],
\qquad \tilde p_i = \operatorname{clip}(p_i,\ \varepsilon,\ 1 - \varepsilon).
\]

A model that outputs a probability of exactly 0 or 1 is common (a saturated sigmoid, a
hard-coded rule), and \( \log 0 = -\infty \). So clip `p` into \( [\varepsilon, 1-\varepsilon] \)
with `np.clip(p, eps, 1 - eps)` first, and use the clipped values in both logarithms. Return a
single number, in nats (natural logarithm).

Example: `y = [1, 0, 1, 0]`, `p = [0.9, 0.2, 0.6, 0.3]` gives about 0.299. The checker also uses
predictions of exactly 0 and 1, right and wrong, with several values of `eps`.
"""

STARTER = """\
import numpy as np


def log_loss(y, p, eps):
    \"\"\"Mean binary cross-entropy of probabilities p for labels y, with p clipped.\"\"\"
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))  # no clipping yet
    return loss


y = np.array([1.0, 0.0, 1.0, 0.0])
print(log_loss(y, np.array([0.9, 0.2, 0.6, 0.3]), 1e-7))   # about 0.299
print(log_loss(y, np.array([1.0, 0.0, 0.0, 1.0]), 1e-7))   # two perfect rows, two wrong ones
"""

SOLUTION = """\
import numpy as np


def log_loss(y, p, eps):
    p = np.clip(p, eps, 1 - eps)  # keep both logarithms finite
    per_row = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float(np.mean(per_row))


y = np.array([1.0, 0.0, 1.0, 0.0])
print(round(log_loss(y, np.array([0.9, 0.2, 0.6, 0.3]), 1e-7), 4))
# Two confidently wrong rows each cost -log(1e-7) = 16.1, not infinity:
print(round(log_loss(y, np.array([1.0, 0.0, 0.0, 1.0]), 1e-7), 4))
"""

HINTS = (
    "Clip first, then take logs: p = np.clip(p, eps, 1 - eps). Clip both ends: at p = 1, the "
    "second logarithm sees 1 - p = 0.",
    "Without clipping, a row with y = 0 and p = 0 is perfectly right, yet NumPy computes "
    "0 * np.log(0) = 0 * (-inf), which is NaN, and the mean of anything with a NaN is NaN.",
    "Average over the rows with np.mean (not np.sum), use the natural logarithm np.log, and keep "
    "the minus sign in front: the loss is never negative.",
)

SUCCESS = (
    "Correct. Clipping keeps the loss finite: a confidently wrong row now costs -log(eps) "
    "(about 16.1 nats for eps = 1e-7) instead of infinity, and even a perfect row pays a tiny "
    "-log(1 - eps). The cap also means clipping understates how wrong a saturated model is, "
    "which is why training code computes the loss from the logits instead."
)

NOT_FINITE = (
    "np.log(0) is -inf, and 0 * np.log(0) is 0 * (-inf), which NumPy "
    "makes NaN, so a probability of exactly 0 or 1 breaks an unclipped loss, even on a row it "
    "gets right. Clip p into [eps, 1 - eps] with np.clip(p, eps, 1 - eps) before both logs."
)
SHAPE = "Average the per-row losses into one number with np.mean."


def plan(seed: int) -> Plan:
    """Plan a fixed example, then saturated, ordinary and perfect predictions from ``seed``."""
    rng = rng_for(seed, 22)
    calls = [_call("example", [1.0, 0.0, 1.0, 0.0], [0.9, 0.2, 0.6, 0.3], 1e-7,
                   "y = [1, 0, 1, 0], p = [0.9, 0.2, 0.6, 0.3]")]
    # saturated: right at 1, right at 0, wrong at 0, wrong at 1, and a few ordinary rows
    rows = int(rng.integers(3, 6))
    p_mid = round_to(rng.uniform(0.05, 0.95, size=rows), 2)
    y_mid = (rng.random(rows) < p_mid).astype(float)
    y = np.r_[1.0, 0.0, 1.0, 0.0, y_mid]
    p = np.r_[1.0, 0.0, 0.0, 1.0, p_mid]
    order = rng.permutation(y.size)
    calls.append(_call("saturated", y[order], p[order], _eps(rng),
                       f"{y.size} rows, some with p exactly 0 or 1"))
    rows = int(rng.integers(10, 21))
    p = round_to(rng.uniform(0.02, 0.98, size=rows), 3)
    y = (rng.random(rows) < p).astype(float)
    calls.append(_call("random", y, p, _eps(rng), f"{rows} rows of ordinary probabilities"))
    rows = int(rng.integers(4, 8))
    y = (rng.random(rows) < 0.5).astype(float)
    calls.append(_call("perfect", y, y.copy(), _eps(rng),
                       f"{rows} rows predicted perfectly (p equal to y)"))
    return Plan(names=("log_loss",), calls=tuple(calls))


def _eps(rng: np.random.Generator) -> float:
    return float(EPSILONS[int(rng.integers(len(EPSILONS)))])


def _call(key: str, y: object, p: object, eps: float, where: str) -> Call:
    label = f"log_loss(y, p, {checks.fmt(eps)}) with {where}"
    return make_call(key, "log_loss", (array_arg(y), array_arg(p), float_arg(eps)), label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the loss on every call; name the usual slips when it is wrong."""
    return check_calls("log_loss", plan, got, ref, _check_call)


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    want = checks.numbers("reference", ref, "")
    got = checks.numbers("the loss", value, "a single number")
    if isinstance(got, str):
        return for_call(call, [got])
    if len(got[0]) == 1 and got[0][0] > 1:
        return for_call(call, [f"the loss has {got[0][0]} values, one per row, but it should "
                               f"be a single number. {SHAPE}"])
    if len(got[1]) == 1 and len(got[0]) <= 1:
        got = want[0], got[1]
    if len(got[1]) == 1 and not math.isfinite(got[1][0]):
        return for_call(call, [f"the loss is {checks.fmt(got[1][0])}, not a finite number.",
                               NOT_FINITE])
    feedback = checks.compare("the loss", got, want, TOLERANCE)
    if feedback and len(got[1]) == 1:
        feedback = feedback[:1] + _diagnose(call, got[1][0], want[1][0])
    return for_call(call, feedback)


def _diagnose(call: Call, loss: float, want: float) -> list[str]:
    y, p, eps = (arg_value(call, i) for i in range(3))
    if call.key == "perfect" and loss == 0.0:
        return ["Every row here is predicted perfectly, yet clipping moves p = 1 down to "
                "1 - eps and p = 0 up to eps, so each row still pays -log(1 - eps), about eps. "
                "Clip p itself and use the clipped values in both logarithms."]
    clipped = np.clip(p, eps, 1 - eps)
    rows = len(y)
    slips = (
        (quiet(lambda: -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))),
         "You added eps inside the logarithms instead of clipping. Clip p into [eps, 1 - eps] "
         "with np.clip, as the exercise asks."),
        (-want, "Its sign is flipped: the logarithm of a probability is negative, so the loss "
                "needs a minus sign in front to come out positive."),
        (rows * want, f"It is {rows} times too large: that is the sum over the {rows} rows. "
                      "Divide by n, or use np.mean."),
        (want / math.log(10), "It is the loss in base-10 logarithms: use np.log, the natural "
                              "logarithm, not np.log10."),
        (want / math.log(2), "It is the loss in bits: use np.log, the natural logarithm, not "
                             "np.log2."),
        (quiet(lambda: -np.mean(y * np.log(clipped))),
         "Only the rows with y = 1 are charged. Add the (1 - y) * log(1 - p) term, so a row "
         "labelled 0 pays for the probability it gave to 1."),
    )
    for other, message in slips:
        if matches([loss], other, TOLERANCE):
            return [message]
    return []


EXERCISE = Exercise(
    id=ID,
    title="Log-loss that survives probabilities of 0 and 1",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
