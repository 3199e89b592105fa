"""Exercise ``first-gradient-step``: one gradient step of MSE, by hand and as a function."""

from __future__ import annotations

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg, float_arg

from ._lesson import DATA_CODE, lesson_design, lesson_y, rng_for, variant_regression

ID = "first-gradient-step"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-9)

PROMPT = """\
Take the first step of gradient descent yourself.

1. Write `gradient_step(X, y, w, lr)` returning `(gradient, w_next)`: the MSE gradient
   `(2 / n) * X.T @ (X @ w - y)` at the weights `w`, and the weights after one step,
   `w - lr * gradient`.
2. On the lesson data, starting from `w = [0, 0]` with lr = 0.05, store the gradient in
   `gradient` and the new weights in `w_next`.

Before running it, predict the signs: at w = 0 every prediction is too low. The checker also
calls `gradient_step` on data and weights it generates.
"""

STARTER = DATA_CODE + """X = np.c_[np.ones_like(x), x]


def gradient_step(X, y, w, lr):
    \"\"\"Return (gradient of the MSE at w, weights after one step of size lr).\"\"\"
    return None, None


gradient = None  # the gradient at w = [0, 0] on the lesson data
w_next = None  # the weights after one step with lr = 0.05
"""

SOLUTION = DATA_CODE + """X = np.c_[np.ones_like(x), x]


def gradient_step(X, y, w, lr):
    error = X @ w - y
    gradient = (2 / len(X)) * X.T @ error
    return gradient, w - lr * gradient


gradient, w_next = gradient_step(X, y, np.zeros(2), 0.05)
print("gradient", gradient, "next weights", w_next)
"""

HINTS = (
    "At w = 0 the errors X @ w - y are just -y: -118, -141, -162, -181, -198.",
    "X.T @ error sums the errors (first entry, -800) and the x-weighted errors (second entry, "
    "-2600); the factor 2 / n = 2 / 5 turns those sums into the average gradient.",
    "Step against the gradient: w_next = w - lr * gradient, so negative gradients raise w.",
)

SUCCESS = (
    "Correct: the gradient at w = 0 is [-320, -1040] and one step of 0.05 lands on [16, 52]. "
    "Both entries are negative because every prediction starts too low; the slope's entry is "
    "larger because rows with bigger x pull harder on it."
)

# How a learner's gradient relates to the right one, and what that ratio usually means.
RATIOS = (
    (-1.0, "The sign is flipped: the error is prediction minus target, X @ w - y."),
    (0.5, "It is half the right size: the derivative of a square brings down a factor 2."),
)


def plan(seed: int) -> Plan:
    """Plan the lesson step from zero, then two steps from random weights on new data."""
    calls = [_call("lesson", lesson_design(), lesson_y(), [0.0, 0.0], 0.05, "the lesson data")]
    rng = rng_for(seed, 8)
    for key in ("variant-1", "variant-2"):
        X, y = variant_regression(rng)
        w = rng.uniform(-20.0, 60.0, size=X.shape[1]).round(2)
        lr = float(rng.choice([0.001, 0.01, 0.02]))
        calls.append(_call(key, X, y, w, lr, f"new data (X is {X.shape[0]} x {X.shape[1]})"))
    return Plan(names=("gradient", "w_next", "gradient_step"), calls=tuple(calls))


def _call(key: str, X: object, y: object, w: object, lr: float, where: str) -> Call:
    label = f"gradient_step(X, y, w, {checks.fmt(lr)}) on {where}"
    args = (array_arg(X), array_arg(y), array_arg(w), float_arg(lr))
    return Call(key=key, function="gradient_step", args=args, label=label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the two lesson values, then the function on every call."""
    mine, theirs = got["names"], ref["names"]
    feedback = []
    for name in ("gradient", "w_next"):
        want = checks.numbers("reference", theirs[name], "")
        problems = checks.check_numbers(name, mine[name], want, TOLERANCE, want="a 1-D array")
        if problems and name == "gradient":
            problems += _ratio_hint(checks.numbers(name, mine[name], ""), want, 5)
        feedback += problems
    problems = checks.check_callable("gradient_step", mine["gradient_step"])
    for call in plan.calls if not problems else ():
        problems = _check_call(call, got["calls"][call.key], ref["calls"][call.key])
        if problems:
            break
    return feedback + problems


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    problems = checks.raised(call.label, value)
    if problems:
        return problems
    parts = checks.unpack(call.label, value, 2, "gradient and w_next")
    if isinstance(parts, str):
        return [parts]
    rows = call.args[0]["shape"][0]
    wants = [checks.numbers("reference", item, "") for item in ref["items"]]
    for name, part, want in zip(("gradient", "w_next"), parts, wants, strict=True):
        problems = checks.check_numbers(name, part, want, TOLERANCE, want="a 1-D array")
        if problems:
            got = checks.numbers(name, part, "")
            hint = _ratio_hint(got, want, rows) if name == "gradient" else []
            return [f"For {call.label}: {problems[0]}", *hint]
    return []


def _ratio_hint(got: object, want: tuple, rows: int) -> list[str]:
    """Recognise a gradient that is a fixed multiple of the right one, and say why."""
    if isinstance(got, str) or len(got[1]) != len(want[1]):
        return []
    ratios = (
        *RATIOS,
        (rows / 2, "It is n / 2 times too large: multiply X.T @ error by 2 / n, not by 1."),
        (rows, "It is n times too large: divide by the number of rows to average."),
    )
    for ratio, message in ratios:
        if all(TOLERANCE.allows(g, ratio * w) for g, w in zip(got[1], want[1], strict=True)):
            return [message]
    return []


EXERCISE = Exercise(
    id=ID,
    title="The first gradient step, by hand",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
