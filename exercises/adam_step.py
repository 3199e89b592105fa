"""Exercise ``adam-step``: one Adam update, with bias correction, on arrays of parameters."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg, float_arg, int_arg

from ._glm import arg_value, check_calls, for_call, make_call, matches, quiet, rng_for, round_to

ID = "adam-step"
TOLERANCE = checks.Tolerance(rtol=1e-7, atol=1e-12)
PARTS = ("w_new", "m_new", "v_new")

PROMPT = r"""Write `adam_step(w, grad, m, v, t, lr, beta1, beta2, eps)`, one update of the Adam
optimizer. `w`, `grad`, `m` and `v` are 1-D arrays of the same length (the weights, the gradient
at `w`, and the two running averages from the previous step); `t` is the number of this step,
counting from 1. Return the tuple `(w_new, m_new, v_new)`:

\[
\begin{aligned}
\text{first moment:}\quad & m \leftarrow \beta_1 m + (1 - \beta_1)\, g \\
\text{second moment:}\quad & v \leftarrow \beta_2 v + (1 - \beta_2)\, g^2 \\
\text{bias-corrected step:}\quad & w \leftarrow w - \eta \cdot
  \frac{m \,/\, (1 - \beta_1^{\,t})}{\sqrt{v \,/\, (1 - \beta_2^{\,t})} + \epsilon}
\end{aligned}
\]

Here \( g \) is `grad`, \( \eta \) is `lr`, and everything is elementwise. Return the **raw**
averages, the new \( m \) and \( v \) (the next step keeps averaging them); the two divisions by
\( 1 - \beta^{t} \) only serve this step's update.

At \( t = 1 \) from \( m = v = 0 \), every weight should move by almost exactly `lr` against the
sign of its gradient: a good first test. The checker calls your function at \( t = 1 \) and at
later steps, with gradients, averages and settings it generates.
"""

STARTER = """\
import numpy as np


def adam_step(w, grad, m, v, t, lr, beta1, beta2, eps):
    \"\"\"One Adam update; return (w_new, m_new, v_new).\"\"\"
    m_new = m  # update the first moment
    v_new = v  # update the second moment
    w_new = w  # bias-correct both, then step
    return w_new, m_new, v_new


w = np.array([0.5, -1.0, 2.0])
grad = np.array([0.2, -0.05, 3.0])
print(adam_step(w, grad, np.zeros(3), np.zeros(3), 1, 0.01, 0.9, 0.999, 1e-8))
"""

SOLUTION = """\
import numpy as np


def adam_step(w, grad, m, v, t, lr, beta1, beta2, eps):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad**2
    m_hat = m_new / (1 - beta1**t)        # undo the pull towards the zero start
    v_hat = v_new / (1 - beta2**t)
    w_new = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w_new, m_new, v_new


w = np.array([0.5, -1.0, 2.0])
grad = np.array([0.2, -0.05, 3.0])
w1, m1, v1 = adam_step(w, grad, np.zeros(3), np.zeros(3), 1, 0.01, 0.9, 0.999, 1e-8)
print("moved by", (w1 - w).round(6))   # about -0.01 * sign(grad), whatever the gradient's size
"""

HINTS = (
    "Update the two averages first, from the old m and v and the new gradient. Then divide "
    "them by 1 - beta1**t and 1 - beta2**t, and step with the corrected values.",
    "At t = 1 from zeros, m_new = (1 - beta1) * grad is ten times smaller than grad. The "
    "correction divides by 1 - beta1 = 0.1 and gives grad back; without it the first steps "
    "have the wrong size.",
    "eps is added to the square root, outside it: np.sqrt(v_hat) + eps. Return m_new and v_new "
    "before correction, so that the next call can keep averaging.",
)

SUCCESS = (
    "Correct. With bias correction the first step moves every weight by almost exactly lr, "
    "whatever the size of its gradient, and later steps adapt each weight's step to its own "
    "gradient history. Without the correction the early steps would be several times larger "
    "than lr, exactly when the averages know least."
)

FORGOT = (
    "You forgot the bias correction: your weights moved by lr * m / (sqrt(v) + eps). Both "
    "averages start at 0, so early on they are too small, v far more than m: at t = 1, m is "
    "(1 - beta1) * g and v is (1 - beta2) * g**2. Divide m by 1 - beta1**t and v by "
    "1 - beta2**t before the update."
)

# Wrong updates a learner commonly makes: (name, how to compute it, what to tell them).
Update = Callable[..., np.ndarray]
SLIPS: tuple[tuple[str, Update, str], ...] = (
    ("no correction", lambda w, m, v, t, lr, b1, b2, eps: w - lr * m / (np.sqrt(v) + eps), FORGOT),
    ("m only", lambda w, m, v, t, lr, b1, b2, eps: w - lr * m / (1 - b1**t) / (np.sqrt(v) + eps),
     "You bias-corrected m but not v: divide v by 1 - beta2**t as well."),
    ("v only", lambda w, m, v, t, lr, b1, b2, eps: w - lr * m / (np.sqrt(v / (1 - b2**t)) + eps),
     "You bias-corrected v but not m: divide m by 1 - beta1**t as well."),
    ("t - 1", lambda w, m, v, t, lr, b1, b2, eps: _adam(w, m, v, t - 1, lr, b1, b2, eps),
     "Your correction uses t - 1. The step number t already counts from 1: divide by "
     "1 - beta1**t and 1 - beta2**t."),
    ("t + 1", lambda w, m, v, t, lr, b1, b2, eps: _adam(w, m, v, t + 1, lr, b1, b2, eps),
     "Your correction uses t + 1. The step number t already counts from 1: divide by "
     "1 - beta1**t and 1 - beta2**t."),
    ("eps inside", lambda w, m, v, t, lr, b1, b2, eps: w - lr * m / (1 - b1**t)
     / np.sqrt(v / (1 - b2**t) + eps),
     "eps belongs outside the square root: np.sqrt(v_hat) + eps."),
    ("ascent", lambda w, m, v, t, lr, b1, b2, eps: 2 * w - _adam(w, m, v, t, lr, b1, b2, eps),
     "Your step goes uphill: subtract the update, w - lr * m_hat / (np.sqrt(v_hat) + eps)."),
)


def _adam(w: np.ndarray, m: np.ndarray, v: np.ndarray, t: int, lr: float, b1: float,
          b2: float, eps: float) -> np.ndarray:
    """Return the right update, given the already-updated moments m and v."""
    return w - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)


def plan(seed: int) -> Plan:
    """Plan a fixed first step, a drawn first step, a middle step and a late one."""
    rng = rng_for(seed, 25)
    size = 3
    calls = [_call("first", [0.5, -1.0, 2.0], [0.2, -0.05, 3.0], np.zeros(size), np.zeros(size),
                   1, 0.01, (0.9, 0.999, 1e-8), "the first step of the example")]
    for key, t in (("variant-first", 1), ("variant-middle", int(rng.integers(2, 16))),
                   ("variant-late", int(rng.integers(200, 3001)))):
        size = int(rng.integers(3, 7))
        w = round_to(rng.normal(0.0, 1.0, size=size), 3)
        grad = round_to(rng.normal(0.0, 0.5, size=size), 4)
        if t == 1:
            m, v = np.zeros(size), np.zeros(size)
        else:
            m = round_to(rng.normal(0.0, 0.2, size=size), 4)
            v = round_to(rng.uniform(0.001, 0.2, size=size), 4)
            # one weight whose gradients have been almost 0 (a rarely active feature)
            grad[-1] = round_to(rng.normal(0.0, 0.002), 5)
            m[-1] = round_to(rng.normal(0.0, 1e-3), 6)
            v[-1] = round_to(rng.uniform(1e-6, 5e-6), 8)
        lr = float(rng.choice([0.001, 0.01, 0.05]))
        settings = (0.9, 0.999, 1e-8) if key != "variant-middle" else (0.8, 0.99, 1e-6)
        calls.append(_call(key, w, grad, m, v, t, lr, settings, f"{size} drawn weights"))
    return Plan(names=("adam_step",), calls=tuple(calls))


def _call(key: str, w: object, grad: object, m: object, v: object, t: int, lr: float,
          settings: tuple[float, float, float], where: str) -> Call:
    beta1, beta2, eps = settings
    label = (f"adam_step at t = {t} (lr {checks.fmt(lr)}, beta1 {checks.fmt(beta1)}, "
             f"beta2 {checks.fmt(beta2)}, eps {checks.fmt(eps)}) on {where}")
    args = (array_arg(w), array_arg(grad), array_arg(m), array_arg(v), int_arg(t),
            float_arg(lr), float_arg(beta1), float_arg(beta2), float_arg(eps))
    return make_call(key, "adam_step", args, label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check m_new and v_new, then w_new, on every call; recognise the usual slips."""
    return check_calls("adam_step", plan, got, ref, _check_call)


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    parts = checks.unpack(call.label, value, 3, "w_new, m_new and v_new")
    if isinstance(parts, str):
        return [parts]
    wants = [checks.numbers("reference", item, "") for item in ref["items"]]
    mine = dict(zip(PARTS, parts, strict=True))
    theirs = dict(zip(PARTS, wants, strict=True))
    for name in ("m_new", "v_new", "w_new"):
        want = f"a 1-D array with one value per weight, like {name[0]}"
        feedback = checks.check_numbers(name, mine[name], theirs[name], TOLERANCE, want=want)
        if feedback:
            got = checks.numbers(name, mine[name], "")
            if not isinstance(got, str) and got[0] == theirs[name][0]:
                feedback += _diagnose(call, name, got[1])
            return for_call(call, feedback)
    return []


def _diagnose(call: Call, name: str, got: list[float]) -> list[str]:
    w, grad, m, v, t, lr, b1, b2, eps = (arg_value(call, i) for i in range(9))
    m_new, v_new = b1 * m + (1 - b1) * grad, b2 * v + (1 - b2) * grad**2
    if name == "m_new":
        return _first_match(got, (
            (m_new / (1 - b1**t), "That is the corrected m_hat. Return the raw average m_new; "
                                  "the correction is only for this step's update."),
            ((1 - b1) * m + b1 * grad, "The weights are swapped: the old average keeps beta1 "
                                       "and the new gradient gets 1 - beta1."),
        ))
    if name == "v_new":
        return _first_match(got, (
            (v_new / (1 - b2**t), "That is the corrected v_hat. Return the raw average v_new; "
                                  "the correction is only for this step's update."),
            (b2 * v + (1 - b2) * np.abs(grad), "v averages the squared gradient: use grad**2."),
            (b2 * v + (1 - b2) * grad, "v averages the squared gradient: use grad**2."),
            ((1 - b2) * v + b2 * grad**2, "The weights are swapped: the old average keeps beta2 "
                                          "and the new squared gradient gets 1 - beta2."),
        ))
    return _first_match(got, tuple(
        (quiet(lambda update=update: update(w, m_new, v_new, t, lr, b1, b2, eps)), message)
        for _, update, message in SLIPS
    ))


def _first_match(got: list[float], candidates: tuple[tuple[np.ndarray, str], ...]) -> list[str]:
    for values, message in candidates:
        if matches(got, values, TOLERANCE):
            return [message]
    return []


EXERCISE = Exercise(
    id=ID,
    title="One step of Adam, with bias correction",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
