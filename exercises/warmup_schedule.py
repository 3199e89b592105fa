"""Exercise ``warmup-schedule``: linear warmup to a peak learning rate, then linear decay to 0."""

from __future__ import annotations

from grader import checks
from grader.exercise import Call, Exercise, Extraction, Plan, float_arg, int_arg

from ._glm import arg_value, check_calls, for_call, make_call, rng_for

ID = "warmup-schedule"
TOLERANCE = checks.Tolerance(rtol=1e-9, atol=1e-15)
PEAKS = (1e-4, 3e-5, 5e-4, 1e-3)

PROMPT = r"""Fine-tuning runs the optimizer with a learning rate that changes at every step. Write
`learning_rate(step, peak, warmup, total)` for the schedule "linear warmup, then linear decay":

\[
\eta(t) = \eta_{\text{peak}} \cdot
\begin{cases}
t / T_{\text{warm}} & t < T_{\text{warm}}, \\[0.5ex]
\max\!\Big(0,\ \dfrac{T - t}{T - T_{\text{warm}}}\Big) & t \ge T_{\text{warm}},
\end{cases}
\]

where `step` is \( t \) (counting from 0), `warmup` is \( T_{\text{warm}} \) and `total` is
\( T \). The rate starts at 0, reaches `peak` at step `warmup`, falls back to 0 at step `total`
and stays 0 after it. Return a number.

With `peak = 2e-5`, `warmup = 500` and `total = 10000`, step 250 gives `1e-05` and step 5250
gives `1e-05` again. The checker tries other peaks and lengths, at the edges of both phases.
"""

STARTER = """\
def learning_rate(step, peak, warmup, total):
    \"\"\"Linear warmup from 0 to peak over `warmup` steps, then linear decay to 0 at `total`.\"\"\"
    return peak  # a constant rate: no warmup, no decay yet


for step in [0, 250, 500, 5250, 10000]:
    print(step, learning_rate(step, 2e-5, 500, 10000))
"""

SOLUTION = """\
def learning_rate(step, peak, warmup, total):
    if step < warmup:
        return peak * step / warmup                            # 0 at step 0, peak at warmup
    return peak * max(0.0, (total - step) / (total - warmup))  # peak at warmup, 0 from total


for step in [0, 250, 500, 5250, 10000, 12000]:
    print(step, learning_rate(step, 2e-5, 500, 10000))
"""

HINTS = (
    "Two cases: before step `warmup` the rate grows in proportion to step; from `warmup` on it "
    "shrinks in proportion to the steps left, total - step.",
    "The decay phase lasts total - warmup steps, so divide the steps left by total - warmup: "
    "that makes the rate exactly peak at step = warmup and exactly 0 at step = total.",
    "After `total` the formula goes negative. Wrap it in max(0.0, ...) so the schedule stays at "
    "0 when training runs past the planned end.",
)

SUCCESS = (
    "Correct. Small updates while Adam's averages are still noisy, the full peak rate once they "
    "have settled, and ever smaller refinements towards the end: this is the schedule that "
    "transformers' get_linear_schedule_with_warmup builds."
)


def plan(seed: int) -> Plan:
    """Plan the example at six steps, then a drawn schedule at the edges of its phases."""
    calls = [_call(f"example-{step}", step, 2e-5, 500, 10_000)
             for step in (0, 250, 500, 5250, 10_000, 12_000)]
    rng = rng_for(seed, 26)
    peak = float(PEAKS[int(rng.integers(len(PEAKS)))])
    warmup = int(rng.integers(50, 401))
    total = warmup * int(rng.integers(5, 31))
    steps = (
        0, int(rng.integers(1, warmup)), warmup - 1, warmup, warmup + 1,
        int(rng.integers(warmup + 2, total - 1)), total - 1, total,
        total + int(rng.integers(1, 200)),
    )
    calls += [_call(f"variant-{i}", step, peak, warmup, total) for i, step in enumerate(steps)]
    return Plan(names=("learning_rate",), calls=tuple(calls))


def _call(key: str, step: int, peak: float, warmup: int, total: int) -> Call:
    label = f"learning_rate({step}, {checks.fmt(peak)}, {warmup}, {total})"
    args = (int_arg(step), float_arg(peak), int_arg(warmup), int_arg(total))
    return make_call(key, "learning_rate", args, label)


def judge(plan: Plan, got: Extraction, ref: Extraction) -> list[str]:
    """Check the rate at every planned step; explain the usual off-by-one and phase slips."""
    return check_calls("learning_rate", plan, got, ref, _check_call)


def _check_call(call: Call, value: dict, ref: dict) -> list[str]:
    want = checks.numbers("reference", ref, "")
    feedback = checks.check_numbers("the rate", value, want, TOLERANCE, want="a number",
                                    scalar_ok=True)
    got = checks.numbers("the rate", value, "")
    if feedback and not isinstance(got, str) and len(got[1]) == 1:
        feedback += _diagnose(call, got[1][0], want[1][0])
    return for_call(call, feedback)


def _diagnose(call: Call, rate: float, want: float) -> list[str]:
    step, peak, warmup, total = (arg_value(call, i) for i in range(4))
    if step < warmup:
        slips = (
            (peak * (step + 1) / warmup, "Your warmup is one step ahead: at step 0 the rate is "
                                         "0, so use step / warmup, not (step + 1) / warmup."),
            (peak * (step // warmup), "step // warmup is integer division, which stays 0 for "
                                      "the whole warmup. Use step / warmup."),
            (peak, "During warmup the rate should grow from 0 towards peak, in proportion to "
                   "step / warmup."),
            (step / warmup, "Multiply by peak: step / warmup is only the fraction of the peak."),
        )
    else:
        slips = (
            (peak * (total - step) / total, "Your decay divides by total. The decay phase lasts "
                                            "total - warmup steps, so divide by that; then the "
                                            "rate is exactly peak at step = warmup."),
            (peak * (total - step) / (total - warmup), "After step total the rate must stay at 0: "
                                                        "wrap the decay in max(0.0, ...)."),
            (peak, "After warmup the rate should fall linearly to 0 at step total, not stay at "
                   "peak."),
            (max(0.0, (total - step) / (total - warmup)), "Multiply by peak: the decay formula "
                                                          "is only the fraction of the peak."),
        )
    for other, message in slips:
        if TOLERANCE.allows(rate, other):
            return [message]
    return []


EXERCISE = Exercise(
    id=ID,
    title="Learning-rate warmup, then linear decay",
    kind="code",
    prompt=PROMPT,
    hints=HINTS,
    solution=SOLUTION,
    judge=judge,
    success=SUCCESS,
    make_plan=plan,
    starter=STARTER,
)
