"""Exercise ``lr-divergence``: gradient descent, and what a too-large learning rate does."""

from __future__ import annotations

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, array_arg, float_arg, int_arg

from ._lesson import DATA_CODE, lesson_design, lesson_y, rng_for, stable_rate, variant_regression

ID = "lr-divergence"
TOLERANCE = checks.Tolerance(rtol=1e-6, atol=1e-9)

PROMPT = """\
Write `gradient_descent(X, y, lr, steps)` for mean squared error:

- start from zero weights, one per column of `X`;
- at each of the `steps` steps, **first** record the MSE at the current weights, **then** update
  `w -= lr * (2 / n) * X.T @ (X @ w - y)`, where `n` is the number of rows;
- return `(w, losses)`: the final weights and the list of the `steps` recorded losses.

With lr = 0.05 and 1000 steps, the lesson data settles at w ≈ [100, 20]. Run it again with
lr = 0.2 for 5 steps and read the losses. Then set `diverges` to your verdict, as a bool: does
training with lr = 0.2 run away?

The checker calls your function on the lesson data and on data it generates itself, so the
function must work for any `X`, `y`, `lr` and `steps`.
"""

STARTER = DATA_CODE + """X = np.c_[np.ones_like(x), x]


def gradient_descent(X, y, lr, steps):
    \"\"\"Run `steps` updates from zero weights; return (w, losses).\"\"\"
    w = np.zeros(X.shape[1])
    losses = []
    # At each step: record the MSE at the current w, then update w.
    return w, losses


w, losses = gradient_descent(X, y, 0.2, 5)
print("losses", [round(loss, 1) for loss in losses])
diverges = None  # your verdict for lr = 0.2: True or False
"""

SOLUTION = DATA_CODE + """X = np.c_[np.ones_like(x), x]


def gradient_descent(X, y, lr, steps):
    n = len(X)
    w = np.zeros(X.shape[1])
    losses = []
    for _ in range(steps):
        error = X @ w - y
        losses.append(float(np.mean(error ** 2)))  # the loss before this step's update
        w = w - lr * (2 / n) * X.T @ error
    return w, losses


# gradient_descent(X, y, 0.05, 1000) settles at w = [100, 20]; lr = 0.2 runs away:
w_fast, losses_fast = gradient_descent(X, y, 0.2, 5)
print("lr 0.2:", [round(loss, 1) for loss in losses_fast])

diverges = losses_fast[-1] > losses_fast[0]
"""

HINTS = (
    "Inside the loop compute error = X @ w - y, append the mean of error ** 2 to losses, and "
    "only then update w. Recording first means losses[0] is the loss at w = 0.",
    "Use only the function's arguments: n = len(X), w = np.zeros(X.shape[1]). The checker calls "
    "your function on other data, so the lesson's x, y, 0.05 or 1000 must not appear inside it.",
    "diverges compares the run with lr = 0.2 against itself: is the last loss bigger than the "
    "first? Assign a real bool such as losses[-1] > losses[0], not the string 'True'.",
)

SUCCESS = (
    "Correct. With lr = 0.2 every step overshoots the valley by more than it corrects, so the "
    "loss grows about fourteenfold per step (13.2 at the first step, then 13.9, which is "
    "(1 - 0.2 × 23.66)²); lr = 0.05 stays below the stability limit (about 0.085 for this "
    "data) and converges to [100, 20]."
)

WHY = (
    "with lr = 0.2 each recorded loss is about fourteen times the one before "
    "(26402.8, 349474.8, 4852473.8, ...), so training diverges."
)


def plan(seed: int) -> Plan:
    """Lesson runs with lr 0.05 and 0.2, then one stable and one unstable run on new data.

    The lr 0.05 run is checked over its first 10 steps: every recorded loss and the final
    weights are compared, so all 1000 steps (which reach [100, 20]) would only cost time.
    """
    X, y = lesson_design(), lesson_y()
    calls = [
        _call("lesson-slow", X, y, 0.05, 10, "the lesson data"),
        _call("lesson-fast", X, y, 0.2, 5, "the lesson data"),
    ]
    rng = rng_for(seed, 2)
    for key, fraction in (("variant-stable", 0.5), ("variant-unstable", 1.3)):
        X_new, y_new = variant_regression(rng)
        steps = int(rng.integers(6, 11)) if fraction < 1 else int(rng.integers(4, 7))
        where = f"new data (X is {X_new.shape[0]} x {X_new.shape[1]})"
        calls.append(_call(key, X_new, y_new, stable_rate(X_new, fraction), steps, where))
    return Plan(names=("gradient_descent", "diverges"), calls=tuple(calls))


def _call(key: str, X: object, y: object, lr: float, steps: int, where: str) -> Call:
    label = f"gradient_descent(X, y, {checks.fmt(lr)}, {steps}) on {where}"
    args = (array_arg(X), array_arg(y), float_arg(lr), int_arg(steps))
    return Call(key=key, function="gradient_descent", args=args, label=label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check every run against the reference, stopping at the first run that disagrees."""
    feedback = checks.check_callable("gradient_descent", got["names"]["gradient_descent"])
    if not feedback:
        for call in plan.calls:
            feedback = _check_run(call, got["calls"][call.key], ref["calls"][call.key])
            if feedback:
                if call.key.startswith("variant") and _lesson_ok(plan, got, ref):
                    feedback.append(
                        "It works on the lesson data but not on new data: make sure the "
                        "function uses its own arguments X, y, lr and steps, not fixed values."
                    )
                break
    return feedback + checks.check_bool("diverges", got["names"]["diverges"], True, WHY)


def _lesson_ok(plan: Plan, got: Extraction, ref: Extraction) -> bool:
    lesson = [c for c in plan.calls if c.key.startswith("lesson")]
    return not any(_check_run(c, got["calls"][c.key], ref["calls"][c.key]) for c in lesson)


def _check_run(call: Call, got: dict, ref: dict) -> list[str]:
    context = f"For {call.label}: "
    problems = checks.raised(call.label, got)
    if problems:
        return problems
    parts = checks.unpack(call.label, got, 2, "w and losses")
    if isinstance(parts, str):
        return [parts]
    w_ref, losses_ref = (checks.numbers("reference", part, "") for part in ref["items"])
    losses = checks.numbers("losses", parts[1], "a list of numbers, one per step")
    if not isinstance(losses, str) and not isinstance(losses_ref, str):
        slip = _loss_slip(losses[1], losses_ref[1])
        if slip:
            return [context + slip]
    feedback = checks.check_numbers(
        "losses", parts[1], losses_ref, TOLERANCE, want="a list of numbers, one per step"
    )
    feedback = feedback or checks.check_numbers(
        "w", parts[0], w_ref, TOLERANCE, want="a 1-D array with one weight per column of X"
    )
    return [context + message for message in feedback]


def _loss_slip(got: list[float], want: list[float]) -> str | None:
    if len(got) == len(want) + 1:
        return "losses has one entry too many: record exactly one loss per step."
    if len(got) == len(want) >= 2 and TOLERANCE.allows(got[0], want[1]):
        return (
            f"losses[0] is {checks.fmt(got[0])}, the loss after the first update. Record the "
            f"loss before updating, so losses[0] is the loss at w = 0 ({checks.fmt(want[0])})."
        )
    return None


EXERCISE = Exercise(
    id=ID,
    title="Gradient descent and a learning rate that is too large",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
