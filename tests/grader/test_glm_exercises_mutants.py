"""Chapter two's exercises seen closely: the variant data of each plan, the exact feedback.

Found by mutating `exercises/` (issue 13). The plans' ranges are read from the calls' inputs
over many seeds (each draw is deterministic, so nothing here can flake); the feedback is the
whole list a learner sees, written out here.
"""

from __future__ import annotations

import numpy as np
import pytest

from exercises import EXERCISES
from grader.exercise import Call, Plan, array_arg, float_arg, int_arg
from grader.grading import reference
from grader.runner import extract
from tests.support.exercise_work import calls_of, check, feedback_of, spans, value_of


def fn(signature: str, *body: str) -> str:
    """Source of ``import numpy as np`` and one function with the given body lines."""
    return "import numpy as np\n\n\ndef " + signature + ":\n" + "".join(
        f"    {line}\n" for line in body
    )


def judged(exercise_id: str, code: str, calls: tuple[Call, ...]) -> list[str]:
    """Judge ``code`` on a plan of hand-made calls, as `check_in_process` judges the real one."""
    exercise = EXERCISES[exercise_id]
    plan = Plan(names=EXERCISES[exercise_id].plan(0).names, calls=calls)
    return exercise.judge(plan, extract(plan.job(code)), reference(exercise, plan))


# --- stable-sigmoid ----------------------------------------------------------------------------

SIGMOID = "stable-sigmoid"
SIGMOID_OK = ("z = np.asarray(z, dtype=float)", "e = np.exp(-np.abs(z))",
              "good = np.where(z >= 0, 1 / (1 + e), e / (1 + e))")
LIMITS = "For sigmoid(z) on z = [-1000, 0, 1000]: "
VECTOR = "For sigmoid(z) on a vector of 10 scores from -1000 to 1000: "


def test_sigmoid_plans_limits_a_shuffled_vector_a_matrix_and_a_single_number() -> None:
    tails, middles, matrices, singles, first = [], [], [], [], set()
    for calls in calls_of(SIGMOID):
        assert list(calls) == ["limits", "vector", "matrix", "single"]
        assert calls["limits"].label == "sigmoid(z) on z = [-1000, 0, 1000]"
        assert value_of(calls["limits"].args[0]).tolist() == [-1000.0, 0.0, 1000.0]
        vector = value_of(calls["vector"].args[0])
        assert vector.shape == (10,)
        assert calls["vector"].label == "sigmoid(z) on a vector of 10 scores from -1000 to 1000"
        assert sorted(vector)[0] == -1000.0
        assert sorted(vector)[-1] == 1000.0
        first.add(float(vector[0]))
        inner = sorted(vector)[1:-1]
        tails += inner[:2]
        middles += inner[2:]
        matrix = value_of(calls["matrix"].args[0])
        assert matrix.shape == (3, 4)
        assert calls["matrix"].label == "sigmoid(z) on a 3 x 4 matrix of scores"
        matrices += matrix.ravel().tolist()
        single = calls["single"]
        assert single.args[0]["type"] == "float"
        singles.append(single.args[0]["value"])
        text = f"{single.args[0]['value']:.9g}"
        assert single.label == f"sigmoid(z) with the single number z = {text}"
        assert {call.function for call in calls.values()} == {"sigmoid"}
    spans(tails, -716.0, -710.5, 1)
    spans(middles, -40.0, 40.0, 2)
    spans(matrices, -60.0, 60.0, 1)
    spans(singles, -38.0, -20.0, 2)
    assert {-1000.0, 1000.0} <= first  # shuffled: the limits are not always at the ends
    assert len(first) > 100


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (("return 1 / (1 + np.exp(-z))",),
         [VECTOR + "the result[2] is off by more than the tolerance (relative 1e-09): expected "
          "9.03746603e-310, received 0. 1 more of its 10 values differ too.",
          "At z = -711.6 your sigmoid returned 0, but the true value ≈ 9e-310 is tiny yet "
          "representable. Usually np.exp(-z) overflowed: e^x is inf for any x above about 709.8 "
          "(np.exp(1000) is inf), and 1 / (1 + inf) collapses to 0. A formula that subtracts "
          "from 1, like 1 - sigmoid(-z) or (1 + tanh(z / 2)) / 2, loses it the same way. For "
          "negative z compute e / (1 + e) with e = np.exp(z)."]),
        (("return np.exp(z) / (1 + np.exp(z))",),
         [LIMITS + "the result[2] is NaN (not a number). A NaN comes from an undefined operation "
          "such as 0/0 or inf - inf, or from solving a singular system; trace back where it "
          "first appears.",
          "At z = 1000 your sigmoid returned NaN: np.exp(z) is inf there, and inf / (1 + inf) "
          "is inf / inf, which is NaN. Only exponentiate numbers that are not positive: "
          "e = np.exp(-np.abs(z))."]),
        (("return 1 / (1 + np.exp(-np.clip(z, -500, 500)))",),
         [LIMITS + "the result[0] is off by more than the tolerance (relative 1e-09): expected "
          "0, received 7.12457641e-218.",
          "At z = -1000 the true value underflows to exactly 0, but yours is 7.12457641e-218. "
          "Clipping z into a range such as [-500, 500] avoids the overflow but changes the "
          "answer far in the tails; keep z as it is and exponentiate -|z| instead."]),
        ((*SIGMOID_OK[:2], "return np.where(z < 0, 1 / (1 + e), e / (1 + e))"),
         [LIMITS + "the result[0] is off by more than the tolerance (relative 1e-09): expected "
          "0, received 1. 1 more of its 3 values differ too.",
          "Your values are sigmoid(-z) = 1 - sigmoid(z): check the sign of the exponent, "
          "sigma(z) = 1 / (1 + e^(-z))."]),
        (("if z >= 0:", "    return 1.0", "return 0.0"),
         ["Calling sigmoid(z) on z = [-1000, 0, 1000] raised ValueError: The truth value of an "
          "array with more than one element is ambiguous. Use a.any() or a.all() (line 5).",
          "z is a whole array, so `if z >= 0:` cannot decide for every element at once. Choose "
          "per element with np.where(z >= 0, ..., ...)."]),
        (("return [0.5]",),
         [LIMITS + "the result has 1 values, but it should have 3."]),
        (("return 'x'",),
         [LIMITS + "the result is the string 'x'. It should be an array of probabilities with "
          "the same shape as z."]),
    ],
    ids=["textbook", "exp-over-one-plus-exp", "clipped", "flipped", "if", "one-value", "text"],
)
def test_sigmoid_feedback_for_each_slip(body: tuple[str, ...], expected: list[str]) -> None:
    assert feedback_of(SIGMOID, fn("sigmoid(z)", *body)) == expected


def test_sigmoid_explains_math_exp_on_an_array_and_its_overflow() -> None:
    on_array = "import math\n\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"
    assert feedback_of(SIGMOID, on_array) == [
        "Calling sigmoid(z) on z = [-1000, 0, 1000] raised TypeError: only length-1 arrays can "
        "be converted to Python scalars (line 4).",
        "math.exp takes one number at a time, but z is an array. np.exp works on every element "
        "at once.",
    ]
    overflow = ("import math\nimport numpy as np\n\ndef sigmoid(z):\n"
                "    return np.array([1 / (1 + math.exp(-v)) for v in np.ravel(z)])\n")
    assert feedback_of(SIGMOID, overflow) == [
        "Calling sigmoid(z) on z = [-1000, 0, 1000] raised OverflowError: math range error "
        "(line 5).",
        "math.exp overflows on large arguments instead of returning inf. Use np.exp on "
        "-np.abs(z), which is never positive.",
    ]


def test_sigmoid_accepts_a_float_or_a_one_element_array_for_the_single_number() -> None:
    one = fn("sigmoid(z)", *SIGMOID_OK, "return np.atleast_1d(good)")
    assert check(SIGMOID, one)["status"] == "passed"
    two = fn("sigmoid(z)", *SIGMOID_OK, "return np.atleast_1d(good) if good.ndim else "
             "np.array([good, good])")
    assert feedback_of(SIGMOID, two)[0].startswith(
        "For sigmoid(z) with the single number z = ")
    assert feedback_of(SIGMOID, two)[0].endswith(
        ": the result has shape (2,), but it should be a single number.")


def _sigmoid_call(z: list[float]) -> Call:
    return Call(key="mine", function="sigmoid", args=(array_arg(z),), label="my call")


def test_sigmoid_says_overflow_only_below_minus_709_where_exp_of_minus_z_overflows() -> None:
    zero_below = fn("sigmoid(z)", *SIGMOID_OK, "return np.where(z <= -705, 0.0, good)")
    at_709 = judged(SIGMOID, zero_below, (_sigmoid_call([-709.0, 1.0]),))
    assert at_709[1].startswith("At z = -709 your sigmoid returned 0, but the true value "
                                "≈ 1.2e-308 is far from the smallest float. Nothing overflows")
    below = judged(SIGMOID, zero_below, (_sigmoid_call([-709.5, 1.0]),))
    assert below[1].startswith("At z = -709.5 your sigmoid returned 0, but the true value "
                               "≈ 7.4e-309 is tiny yet representable. Usually np.exp(-z) "
                               "overflowed")


def test_sigmoid_names_lost_digits_only_deep_in_the_tail_and_within_one_percent() -> None:
    def scaled(factor: float, where: str) -> str:
        return fn("sigmoid(z)", *SIGMOID_OK, f"return np.where({where}, good * {factor}, good)")

    cancellation = (
        "At z = -20 the value is close but has lost digits. Far in the negative tail, a formula "
        "that subtracts from 1 (1 - sigmoid(-z), or one built on tanh) cancels most of a tiny "
        "result; compute e / (1 + e) with e = np.exp(z) there instead."
    )
    close = judged(SIGMOID, scaled(1.005, "z == -20"), (_sigmoid_call([-20.0, 3.0]),))
    assert close == [
        "For my call: the result[0] is off by more than the tolerance (relative 1e-09): expected "
        "2.06115362e-09, received 2.07145939e-09.", cancellation,
    ]
    far = judged(SIGMOID, scaled(1.02, "z == -20"), (_sigmoid_call([-20.0, 3.0]),))
    assert len(far) == 1
    # exactly 1% off (g - w == 0.01 * w holds exactly in floats at z = -20) is not "close"
    edge = fn("sigmoid(z)", *SIGMOID_OK, "return np.where(z == -20, good + 0.01 * good, good)")
    w = np.exp(-20.0) / (1 + np.exp(-20.0))  # the reference, computed as it computes it
    assert abs((w + 0.01 * w) - w) == 0.01 * w
    assert len(judged(SIGMOID, edge, (_sigmoid_call([-20.0, 3.0]),))) == 1
    shallow = judged(SIGMOID, scaled(1.005, "z == -14"), (_sigmoid_call([-14.0, 3.0]),))
    assert len(shallow) == 1


# --- log-loss ----------------------------------------------------------------------------------

LOSS = "log-loss"
EXAMPLE = "For log_loss(y, p, 1e-07) with y = [1, 0, 1, 0], p = [0.9, 0.2, 0.6, 0.3]: "
CLIP = "p = np.clip(p, eps, 1 - eps)"
OFF = "the loss is off by more than the tolerance (relative 1e-06, absolute 1e-12): "


def test_log_loss_plans_an_example_saturated_ordinary_and_perfect_predictions() -> None:
    sizes, middles, ordinary, rows, perfect, epsilons = set(), [], [], set(), set(), set()
    for calls in calls_of(LOSS):
        assert list(calls) == ["example", "saturated", "random", "perfect"]
        example = calls["example"]
        assert example.label == (
            "log_loss(y, p, 1e-07) with y = [1, 0, 1, 0], p = [0.9, 0.2, 0.6, 0.3]")
        assert [value_of(a).tolist() for a in example.args[:2]] == [
            [1, 0, 1, 0], [0.9, 0.2, 0.6, 0.3]]
        assert example.args[2] == {"type": "float", "value": 1e-7}
        y, p, eps = (value_of(a) for a in calls["saturated"].args)
        sizes.add(y.size)
        epsilons.add(eps)
        assert calls["saturated"].label == (
            f"log_loss(y, p, {eps:g}) with {y.size} rows, some with p exactly 0 or 1")
        pairs = sorted(zip(y.tolist(), p.tolist(), strict=True))
        saturated = [pair for pair in pairs if pair[1] in (0.0, 1.0)]
        assert sorted(saturated) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
        middles += [q for _, q in pairs if q not in (0.0, 1.0)]
        assert set(y.tolist()) <= {0.0, 1.0}
        y, p, eps = (value_of(a) for a in calls["random"].args)
        rows.add(y.size)
        epsilons.add(eps)
        ordinary += p.tolist()
        assert set(y.tolist()) <= {0.0, 1.0}
        assert calls["random"].label == (
            f"log_loss(y, p, {eps:g}) with {y.size} rows of ordinary probabilities")
        y, p, eps = (value_of(a) for a in calls["perfect"].args)
        assert np.array_equal(y, p)
        assert set(y.tolist()) <= {0.0, 1.0}
        perfect.add(y.size)
        assert calls["perfect"].label == (
            f"log_loss(y, p, {eps:g}) with {y.size} rows predicted perfectly (p equal to y)")
    assert sizes == {7, 8, 9}
    assert rows == set(range(10, 21))
    assert perfect == {4, 5, 6, 7}
    assert epsilons == {1e-6, 1e-7, 1e-8}
    spans(middles, 0.05, 0.95, 2)
    spans(ordinary, 0.02, 0.98, 3)


def test_log_loss_labels_follow_the_probabilities_they_were_drawn_from() -> None:
    # y is drawn as "1 with probability p": over many ordinary rows, the share of ones among
    # rows with p above 0.8 is high, and among rows with p below 0.2 it is low.
    high, low = [], []
    for calls in calls_of(LOSS):
        y, p, _ = (value_of(a) for a in calls["random"].args)
        high += y[p > 0.8].tolist()
        low += y[p < 0.2].tolist()
        y, _, _ = (value_of(a) for a in calls["perfect"].args)
    assert np.mean(high) > 0.85
    assert np.mean(low) < 0.15
    perfect_ones = [value_of(c["perfect"].args[0]).mean() for c in calls_of(LOSS)]
    assert 0.4 < np.mean(perfect_ones) < 0.6


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (("return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))",),
         ["For log_loss(y, p, 1e-06) with 12 rows of ordinary probabilities: " + OFF
          + "expected 0.509241381, received 0.509239619.",
          "You added eps inside the logarithms instead of clipping. Clip p into [eps, 1 - eps] "
          "with np.clip, as the exercise asks."]),
        ((CLIP, "return np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"),
         [EXAMPLE + OFF + "expected 0.299001159, received -0.299001159.",
          "Its sign is flipped: the logarithm of a probability is negative, so the loss needs a "
          "minus sign in front to come out positive."]),
        ((CLIP, "return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))"),
         [EXAMPLE + OFF + "expected 0.299001159, received 1.19600463.",
          "It is 4 times too large: that is the sum over the 4 rows. Divide by n, or use "
          "np.mean."]),
        ((CLIP, "return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))"),
         [EXAMPLE + OFF + "expected 0.299001159, received 0.129854553.",
          "It is the loss in base-10 logarithms: use np.log, the natural logarithm, not "
          "np.log10."]),
        ((CLIP, "return -np.mean(y * np.log2(p) + (1 - y) * np.log2(1 - p))"),
         [EXAMPLE + OFF + "expected 0.299001159, received 0.431367489.",
          "It is the loss in bits: use np.log, the natural logarithm, not np.log2."]),
        ((CLIP, "return -np.mean(y * np.log(p))"),
         [EXAMPLE + OFF + "expected 0.299001159, received 0.154046535.",
          "Only the rows with y = 1 are charged. Add the (1 - y) * log(1 - p) term, so a row "
          "labelled 0 pays for the probability it gave to 1."]),
        ((CLIP, "return -(y * np.log(p) + (1 - y) * np.log(1 - p))"),
         [EXAMPLE + "the loss has 4 values, one per row, but it should be a single number. "
          "Average the per-row losses into one number with np.mean."]),
        (("return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))",),
         ["For log_loss(y, p, 1e-07) with 7 rows, some with p exactly 0 or 1: the loss is nan, "
          "not a finite number.",
          "np.log(0) is -inf, and 0 * np.log(0) is 0 * (-inf), which NumPy makes NaN, so a "
          "probability of exactly 0 or 1 breaks an unclipped loss, even on a row it gets right. "
          "Clip p into [eps, 1 - eps] with np.clip(p, eps, 1 - eps) before both logs."]),
        (("q = np.clip(p, eps, 1 - eps)",
          "loss = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))",
          "return 0.0 if np.array_equal(y, p) else float(loss)"),
         ["For log_loss(y, p, 1e-06) with 4 rows predicted perfectly (p equal to y): " + OFF
          + "expected 1.0000005e-06, received 0.",
          "Every row here is predicted perfectly, yet clipping moves p = 1 down to 1 - eps and "
          "p = 0 up to eps, so each row still pays -log(1 - eps), about eps. Clip p itself and "
          "use the clipped values in both logarithms."]),
        (("return 'a'",),
         [EXAMPLE + "the loss is the string 'a'. It should be a single number."]),
        ((CLIP, "return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) * 1.5"),
         [EXAMPLE + OFF + "expected 0.299001159, received 0.448501738."]),
    ],
    ids=["eps-inside", "sign", "sum", "log10", "log2", "ones-only", "per-row", "unclipped",
         "perfect-zero", "text", "unknown"],
)
def test_log_loss_feedback_for_each_slip(body: tuple[str, ...], expected: list[str]) -> None:
    assert feedback_of(LOSS, fn("log_loss(y, p, eps)", *body)) == expected


def test_log_loss_calls_several_values_one_per_row() -> None:
    call = Call(key="mine", function="log_loss", label="my two rows",
                args=(array_arg([1.0, 0.0]), array_arg([0.8, 0.3]), float_arg(1e-7)))
    code = fn("log_loss(y, p, eps)", CLIP, "return -(y * np.log(p) + (1 - y) * np.log(1 - p))")
    assert judged(LOSS, code, (call,)) == [
        "For my two rows: the loss has 2 values, one per row, but it should be a single number. "
        "Average the per-row losses into one number with np.mean."]


def test_log_loss_accepts_a_one_element_array() -> None:
    code = fn("log_loss(y, p, eps)", CLIP,
              "return np.array([np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))])")
    assert check(LOSS, code)["status"] == "passed"


# --- stable-softmax ----------------------------------------------------------------------------

SOFTMAX = "stable-softmax"
SOFT_EXAMPLE = "For softmax(logits) on logits [[1, 2, 3], [1000, 1001, 1002]]: "
ROWWISE = ("z = np.asarray(logits, dtype=float)",
           "e = np.exp(z - z.max(axis=-1, keepdims=True))",
           "good = e / e.sum(axis=-1, keepdims=True)")


def test_softmax_plans_an_example_an_extreme_batch_and_one_message() -> None:
    rows, ordinary, ties, singles, high, low = set(), [], [], [], set(), set()
    for calls in calls_of(SOFTMAX):
        assert list(calls) == ["example", "batch", "single"]
        assert calls["example"].label == (
            "softmax(logits) on logits [[1, 2, 3], [1000, 1001, 1002]]")
        assert value_of(calls["example"].args[0]).tolist() == [[1, 2, 3], [1000, 1001, 1002]]
        batch = value_of(calls["batch"].args[0])
        n = batch.shape[0]
        rows.add(n)
        assert batch.shape[1] == 8
        assert calls["batch"].label == (
            f"softmax(logits) on a {n} x 8 batch with rows near 1000 and near -1000")
        means = batch.mean(axis=1)
        up, down = np.flatnonzero(means > 500), np.flatnonzero(means < -500)
        assert len(up) == len(down) == 1
        high.add(int(up[0]))
        low.add(int(down[0]))
        flat = [i for i in range(n) if np.ptp(batch[i]) == 0]
        assert len(flat) == 1
        ties.append(batch[flat[0], 0])
        for i in range(n):
            if i not in flat:
                shift = 1000.0 if i == up[0] else -1000.0 if i == down[0] else 0.0
                ordinary += (batch[i] - shift).tolist()
        single = value_of(calls["single"].args[0])
        assert single.shape == (8,)
        assert calls["single"].label == "softmax(logits) on one message: a 1-D vector of 8 logits"
        singles += single.tolist()
    assert rows == {4, 5, 6, 7}
    assert high == low == {0, 1, 2, 3, 4, 5, 6}  # the batch is shuffled
    spans(ties, -5.0, 5.0, 2)
    for values, scale in ((ordinary, 3.0), (singles, 4.0)):
        assert abs(np.mean(values)) < 0.1 * scale
        assert 0.95 * scale < np.std(values) < 1.05 * scale
        assert np.allclose(values, np.round(values, 2), rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (("e = np.exp(logits)", "return e / np.sum(e)"),
         [SOFT_EXAMPLE + "the result[1, 0] is NaN (not a number). A NaN comes from an undefined "
          "operation such as 0/0 or inf - inf, or from solving a singular system; trace back "
          "where it first appears.",
          "Some probabilities are NaN. Without a shift, np.exp(1000) is inf and inf / inf is "
          "NaN; subtract each row's maximum first: z - z.max(axis=-1, keepdims=True)."]),
        (("z = np.asarray(logits, dtype=float)", "e = np.exp(z - z.max())",
          "return e / e.sum(axis=-1, keepdims=True)"),
         [SOFT_EXAMPLE + "the result[0, 0] is NaN (not a number). A NaN comes from an undefined "
          "operation such as 0/0 or inf - inf, or from solving a singular system; trace back "
          "where it first appears.",
          "You subtracted the largest logit of the whole array. A row far below that maximum "
          "underflows to exp(-2000) = 0 everywhere, and 0 / 0 is NaN. Subtract each row's own "
          "maximum: z.max(axis=-1, keepdims=True)."]),
        (("z = np.asarray(logits, dtype=float)", "e = np.exp(z - z.max(axis=0))",
          "return e / e.sum(axis=0)"),
         [SOFT_EXAMPLE + "the result[0, 0] is off by more than the tolerance (relative 1e-09, "
          "absolute 1e-15): expected 0.0900305732, received 0. 5 more of its 6 values differ "
          "too.",
          "You normalised each column, but rows are messages and columns are intents: reduce "
          "along the last axis (axis=-1), so that every row sums to 1."]),
        ((*ROWWISE[:2], "return e / e.sum()"),
         [SOFT_EXAMPLE + "the result[0, 0] is off by more than the tolerance (relative 1e-09, "
          "absolute 1e-15): expected 0.0900305732, received 0.0450152866. 5 more of its 6 "
          "values differ too.",
          "A row of yours sums to 0.5, not 1. Divide each row by its own sum: "
          "e.sum(axis=-1, keepdims=True)."]),
        (("z = np.asarray(logits, dtype=float)", "e = np.exp(z - z.max(axis=-1))",
          "return e / e.sum(axis=-1)"),
         ["Calling softmax(logits) on logits [[1, 2, 3], [1000, 1001, 1002]] raised ValueError: "
          "operands could not be broadcast together with shapes (2,3) (2,)  (line 6).",
          "z.max(axis=-1) and e.sum(axis=-1) give one value per row, shape (n,), which does not "
          "broadcast against (n, K) logits. Keep the axis with keepdims=True, shape (n, 1)."]),
        (("z = np.atleast_2d(np.asarray(logits, dtype=float))",
          "e = np.exp(z - z.max(axis=1, keepdims=True))",
          "return e / e.sum(axis=1, keepdims=True)"),
         ["For softmax(logits) on one message: a 1-D vector of 8 logits: the result has shape "
          "(1, 8), but it should have shape (8,).",
          "A 1-D input should give a 1-D result: reduce with axis=-1 and keepdims=True rather "
          "than adding a dimension with np.atleast_2d or reshape."]),
        (("z = np.asarray(logits, dtype=float)", "e = np.exp(z - z.max(axis=1, keepdims=True))",
          "return e / e.sum(axis=1, keepdims=True)"),
         ["Calling softmax(logits) on one message: a 1-D vector of 8 logits raised AxisError: "
          "axis 1 is out of bounds for array of dimension 1 (line 6).",
          "A 1-D input has only axis 0. Use axis=-1, the last axis, which means the columns of "
          "a 2-D input and the only axis of a 1-D one."]),
        (("return 'p'",),
         [SOFT_EXAMPLE + "the result is the string 'p'. It should be an array of probabilities "
          "shaped like logits."]),
        ((*ROWWISE, "return good.T"),
         [SOFT_EXAMPLE + "the result has shape (3, 2), but it should be (2, 3): rows and "
          "columns are swapped."]),
    ],
    ids=["unshifted", "global-max", "columns", "whole-sum", "no-keepdims", "atleast-2d",
         "axis-1", "text", "transposed"],
)
def test_softmax_feedback_for_each_slip(body: tuple[str, ...], expected: list[str]) -> None:
    assert feedback_of(SOFTMAX, fn("softmax(logits)", *body)) == expected


def test_softmax_quotes_the_first_row_that_does_not_sum_to_one() -> None:
    code = fn("softmax(logits)", *ROWWISE,
              "return good * (np.arange(len(good)) + 2)[:, None] if good.ndim == 2 else good")
    assert feedback_of(SOFTMAX, code)[1] == (
        "A row of yours sums to 2, not 1. Divide each row by its own sum: "
        "e.sum(axis=-1, keepdims=True).")


def test_softmax_checks_the_sum_of_a_single_message_too() -> None:
    code = fn("softmax(logits)", *ROWWISE, "return good if good.ndim == 2 else 3 * good")
    assert feedback_of(SOFTMAX, code) == [
        "For softmax(logits) on one message: a 1-D vector of 8 logits: the result[0] is off by "
        "more than the tolerance (relative 1e-09, absolute 1e-15): expected "
        + f"{_softmax_single(1)[0]:.9g}, received {3 * _softmax_single(1)[0]:.9g}. 7 more of "
        "its 8 values differ too.",
        "A row of yours sums to 3, not 1. Divide each row by its own sum: "
        "e.sum(axis=-1, keepdims=True).",
    ]


def _softmax_single(seed: int) -> np.ndarray:
    z = value_of(EXERCISES[SOFTMAX].plan(seed).calls[2].args[0])
    e = np.exp(z - z.max())
    return e / e.sum()


def test_softmax_explains_only_a_broadcasting_value_error_as_a_keepdims_slip() -> None:
    other = fn("softmax(logits)", "raise ValueError('bad logits')")
    assert feedback_of(SOFTMAX, other) == [
        "Calling softmax(logits) on logits [[1, 2, 3], [1000, 1001, 1002]] raised ValueError: "
        "bad logits (line 5)."]
    named = fn("softmax(logits)", "raise TypeError('cannot broadcast this')")
    assert feedback_of(SOFTMAX, named) == [
        "Calling softmax(logits) on logits [[1, 2, 3], [1000, 1001, 1002]] raised TypeError: "
        "cannot broadcast this (line 5)."]


def test_softmax_explains_any_axis_error_by_its_name() -> None:
    code = fn("softmax(logits)", "raise np.exceptions.AxisError('no axis 3 here')")
    assert feedback_of(SOFTMAX, code)[1] == (
        "A 1-D input has only axis 0. Use axis=-1, the last axis, which means the columns of a "
        "2-D input and the only axis of a 1-D one.")


# --- ridge-closed-form -------------------------------------------------------------------------

RIDGE = "ridge-closed-form"
LESSON = """\
import numpy as np
x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([118.0, 141.0, 162.0, 181.0, 198.0])
X = np.c_[np.ones_like(x), x]
"""
PENALTY = "D = np.eye(X.shape[1]); D[0, 0] = 0"
W_SHRUNK_OFF = ("w_shrunk[0] is off by more than the tolerance (relative 1e-06, absolute 1e-08): "
                "expected 130, received {}. 1 more of its 2 values differ too.")
LESSON_10 = ("For ridge(X, y, 10) on the latency data: w[0] is off by more than the tolerance "
             "(relative 1e-06, absolute 1e-08): expected 130, received {}. 1 more of its 2 "
             "values differ too.")


def ridge_code(*body: str, w_shrunk: str = "ridge(X, y, 10.0)") -> str:
    return (LESSON + "\n\ndef ridge(X, y, lam):\n" + "".join(f"    {line}\n" for line in body)
            + f"\n\nw_shrunk = {w_shrunk}\n")


def test_ridge_plans_the_lesson_twice_then_three_drawn_problems() -> None:
    small, middle, rows, columns = set(), set(), set(), set()
    for calls in calls_of(RIDGE):
        assert list(calls) == ["lesson-0", "lesson-10", "variant-small", "variant-middle",
                               "variant-large"]
        for key, lam in (("lesson-0", 0.0), ("lesson-10", 10.0)):
            X, y, got = (value_of(a) for a in calls[key].args)
            assert X.tolist() == [[1, 1], [1, 2], [1, 3], [1, 4], [1, 5]]
            assert y.tolist() == [118, 141, 162, 181, 198]
            assert got == lam
            assert calls[key].label == f"ridge(X, y, {lam:g}) on the latency data"
        lams = []
        for key in ("variant-small", "variant-middle", "variant-large"):
            X, y, lam = (value_of(a) for a in calls[key].args)
            lams.append(lam)
            rows.add(X.shape[0])
            columns.add(X.shape[1])
            assert np.all(X[:, 0] == 1)
            assert y.shape == (X.shape[0],)
            assert calls[key].label == (
                f"ridge(X, y, {lam:g}) on new data (X is {X.shape[0]} x {X.shape[1]})")
        small.add(lams[0])
        middle.add(lams[1])
        assert lams[2] == 1000.0
    assert small == {0.5, 2.0, 3.0}
    # the drawn targets scatter around a line with a noise of standard deviation 2
    # and slopes drawn from [-6, 6]: fitted slopes beyond 6.3 are rare, equally on both sides
    residuals, slopes = [], []
    for calls in calls_of(RIDGE):
        for key in ("variant-small", "variant-middle", "variant-large"):
            X, y, _ = (value_of(a) for a in calls[key].args)
            fit = np.linalg.lstsq(X, y, rcond=None)[0]
            residuals.append((float(np.sum((y - X @ fit) ** 2)), len(y) - X.shape[1]))
            slopes += fit[1:].tolist()
    ssr, dof = np.sum(residuals, axis=0)
    assert 1.9 < np.sqrt(ssr / dof) < 2.1
    for tail in (np.mean(np.array(slopes) < -6.3), np.mean(np.array(slopes) > 6.3)):
        assert 0.002 < tail < 0.02
    assert middle == {8.0, 20.0, 40.0}
    assert rows == set(range(8, 15))
    assert columns == {3, 4}


@pytest.mark.parametrize(
    ("penalty", "received", "message"),
    [
        ("lam * np.eye(X.shape[1])", "17.3333333",
         "You penalised the intercept too (lam * I). Set D[0, 0] = 0: only the slopes pay the "
         "price."),
        ("0 * D", "100",
         "These are the least-squares weights: the penalty is missing. Add lam * D to X.T @ X."),
        ("len(X) * lam * D", "150",
         "Your lam is multiplied by the number of rows. This exercise's loss is the plain sum "
         "of squares, so use lam itself."),
        ("lam / len(X) * D", "110",
         "Your lam is divided by the number of rows. This exercise's loss is the plain sum of "
         "squares, not the mean, so use lam itself."),
        ("2 * lam * D", "140",
         "Your penalty is twice too strong: the gradient of the loss is 2 X.T (X w - y) + "
         "2 lam D w, and the 2s cancel, leaving X.T X + lam D."),
        ("lam / 2 * D", "120",
         "Your penalty is half as strong as it should be: the gradient of the loss is "
         "2 X.T (X w - y) + 2 lam D w, and the 2s cancel, leaving X.T X + lam D."),
    ],
    ids=["intercept", "none", "times-n", "over-n", "double", "half"],
)
def test_ridge_names_each_wrong_penalty_once(penalty: str, received: str, message: str) -> None:
    code = ridge_code(PENALTY, f"return np.linalg.solve(X.T @ X + {penalty}, X.T @ y)")
    # every slip agrees with least squares at lambda 0, so the first wrong call is lambda 10's,
    # and its slip is not said twice
    assert feedback_of(RIDGE, code) == [
        W_SHRUNK_OFF.format(received), message, LESSON_10.format(received)]


def test_ridge_feedback_for_shapes_text_and_a_wrong_w_shrunk() -> None:
    column = ridge_code(PENALTY, "return np.linalg.solve(X.T @ X + lam * D, (X.T @ y)[:, None])")
    assert feedback_of(RIDGE, column) == [
        "w_shrunk has shape (2, 1), but it should have shape (2,).",
        "For ridge(X, y, 0) on the latency data: w has shape (2, 1), but it should have shape "
        "(2,).",
        "Return a 1-D array: solve with the 1-D y, or flatten the result.",
    ]
    text = ridge_code("return 'w'")
    assert feedback_of(RIDGE, text) == [
        "w_shrunk is the string 'w'. It should be a 1-D array with one weight per column of X.",
        "For ridge(X, y, 0) on the latency data: w is the string 'w'. It should be a 1-D array "
        "with one weight per column of X.",
    ]
    rounded = ridge_code(PENALTY, "return np.linalg.solve(X.T @ X + lam * D, X.T @ y)",
                         w_shrunk="[130, 10.5]")
    assert feedback_of(RIDGE, rounded) == [
        "w_shrunk[1] is off by more than the tolerance (relative 1e-06, absolute 1e-08): "
        "expected 10, received 10.5.",
    ]
    three = ridge_code(PENALTY, "return np.r_[np.linalg.solve(X.T @ X + lam * D, X.T @ y), 0]")
    assert feedback_of(RIDGE, three) == [
        "w_shrunk has 3 values, but it should have 2.",
        "For ridge(X, y, 0) on the latency data: w has 3 values, but it should have 2.",
    ]


def test_ridge_names_a_slip_on_drawn_data_when_the_lesson_is_right() -> None:
    code = ridge_code(PENALTY, "if len(X) == 5:",
                      "    return np.linalg.solve(X.T @ X + lam * D, X.T @ y)",
                      "return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)")
    feedback = feedback_of(RIDGE, code)
    assert len(feedback) == 2
    assert feedback[0].startswith("For ridge(X, y, ")
    assert " on new data (X is " in feedback[0]
    assert feedback[1] == ("You penalised the intercept too (lam * I). Set D[0, 0] = 0: only "
                           "the slopes pay the price.")


# --- adam-step ---------------------------------------------------------------------------------

ADAM = "adam-step"
FIRST = ("For adam_step at t = 1 (lr 0.01, beta1 0.9, beta2 0.999, eps 1e-08) on the first "
         "step of the example: ")
M_OK = "m_new = beta1 * m + (1 - beta1) * grad"
V_OK = "v_new = beta2 * v + (1 - beta2) * grad**2"
W_OK = "w_new = w - lr * (m_new / (1 - beta1**t)) / (np.sqrt(v_new / (1 - beta2**t)) + eps)"
SIGNATURE = "adam_step(w, grad, m, v, t, lr, beta1, beta2, eps)"
ADAM_OFF = "is off by more than the tolerance (relative 1e-07, absolute 1e-12): "


def test_adam_plans_the_example_then_a_first_a_middle_and_a_late_step() -> None:
    middle, late, sizes, lrs, rare, v_values, grads = set(), set(), set(), set(), [], [], []
    for calls in calls_of(ADAM):
        assert list(calls) == ["first", "variant-first", "variant-middle", "variant-late"]
        first = [value_of(a) for a in calls["first"].args]
        assert [np.asarray(a).tolist() for a in first] == [
            [0.5, -1.0, 2.0], [0.2, -0.05, 3.0], [0, 0, 0], [0, 0, 0], 1, 0.01, 0.9, 0.999, 1e-8]
        assert calls["first"].label == FIRST[4:-2]
        for key in ("variant-first", "variant-middle", "variant-late"):
            w, grad, m, v, t, lr, b1, b2, eps = (value_of(a) for a in calls[key].args)
            assert calls[key].args[4]["type"] == "int"
            sizes.add(w.size)
            lrs.add(lr)
            assert grad.shape == m.shape == v.shape == w.shape
            settings = (0.8, 0.99, 1e-6) if key == "variant-middle" else (0.9, 0.999, 1e-8)
            assert (b1, b2, eps) == settings
            assert calls[key].label == (
                f"adam_step at t = {t} (lr {lr:g}, beta1 {b1:g}, beta2 {b2:g}, eps {eps:g}) on "
                f"{w.size} drawn weights")
            grads += (grad if key == "variant-first" else grad[:-1]).tolist()
            if key == "variant-first":
                assert t == 1
                assert not m.any()
                assert not v.any()
                continue
            (middle if key == "variant-middle" else late).add(t)
            v_values += v[:-1].tolist()
            rare.append((abs(grad[-1]), abs(m[-1]), v[-1]))
            assert np.all(v > 0)
    assert middle == set(range(2, 16))
    assert min(late) == 200 or min(late) < 220
    assert max(late) > 2950
    assert max(late) <= 3000
    assert sizes == {3, 4, 5, 6}
    assert lrs == {0.001, 0.01, 0.05}
    spans(v_values, 0.001, 0.2, 4)
    assert abs(np.mean(grads)) < 0.05
    assert 0.47 < np.std(grads) < 0.53
    grads, ms, vs = np.array(rare).T
    assert grads.max() < 0.01
    assert ms.max() < 0.005
    spans(vs.tolist(), 1e-6, 5e-6, 8)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((M_OK, V_OK, W_OK, "return w_new, m_new / (1 - beta1**t), v_new"),
         [FIRST + "m_new[0] " + ADAM_OFF + "expected 0.02, received 0.2. 2 more of its 3 values "
          "differ too.",
          "That is the corrected m_hat. Return the raw average m_new; the correction is only "
          "for this step's update."]),
        (("m_new = (1 - beta1) * m + beta1 * grad", V_OK, W_OK, "return w_new, m_new, v_new"),
         [FIRST + "m_new[0] " + ADAM_OFF + "expected 0.02, received 0.18. 2 more of its 3 "
          "values differ too.",
          "The weights are swapped: the old average keeps beta1 and the new gradient gets "
          "1 - beta1."]),
        ((M_OK, V_OK, W_OK, "return w_new, m_new, v_new / (1 - beta2**t)"),
         [FIRST + "v_new[0] " + ADAM_OFF + "expected 4e-05, received 0.04. 2 more of its 3 "
          "values differ too.",
          "That is the corrected v_hat. Return the raw average v_new; the correction is only "
          "for this step's update."]),
        ((M_OK, "v_new = beta2 * v + (1 - beta2) * np.abs(grad)", W_OK,
          "return w_new, m_new, v_new"),
         [FIRST + "v_new[0] " + ADAM_OFF + "expected 4e-05, received 0.0002. 2 more of its 3 "
          "values differ too.", "v averages the squared gradient: use grad**2."]),
        ((M_OK, "v_new = (1 - beta2) * v + beta2 * grad**2", W_OK, "return w_new, m_new, v_new"),
         [FIRST + "v_new[0] " + ADAM_OFF + "expected 4e-05, received 0.03996. 2 more of its 3 "
          "values differ too.",
          "The weights are swapped: the old average keeps beta2 and the new squared gradient "
          "gets 1 - beta2."]),
        ((M_OK, V_OK, "w_new = w - lr * m_new / (np.sqrt(v_new) + eps)",
          "return w_new, m_new, v_new"),
         [FIRST + "w_new[0] " + ADAM_OFF + "expected 0.49, received 0.468377273. 2 more of its "
          "3 values differ too.",
          "You forgot the bias correction: your weights moved by lr * m / (sqrt(v) + eps). Both "
          "averages start at 0, so early on they are too small, v far more than m: at t = 1, m "
          "is (1 - beta1) * g and v is (1 - beta2) * g**2. Divide m by 1 - beta1**t and v by "
          "1 - beta2**t before the update."]),
        ((M_OK, V_OK, "w_new = w - lr * m_new / (1 - beta1**t) / (np.sqrt(v_new) + eps)",
          "return w_new, m_new, v_new"),
         [FIRST + "w_new[0] " + ADAM_OFF + "expected 0.49, received 0.183772734. 2 more of its "
          "3 values differ too.",
          "You bias-corrected m but not v: divide v by 1 - beta2**t as well."]),
        ((M_OK, V_OK, "w_new = w - lr * m_new / (np.sqrt(v_new / (1 - beta2**t)) + eps)",
          "return w_new, m_new, v_new"),
         [FIRST + "w_new[0] " + ADAM_OFF + "expected 0.49, received 0.499. 2 more of its 3 "
          "values differ too.",
          "You bias-corrected v but not m: divide m by 1 - beta1**t as well."]),
        ((M_OK, V_OK, "w_new = w - lr * (m_new / (1 - beta1**(t + 1))) / "
          "(np.sqrt(v_new / (1 - beta2**(t + 1))) + eps)", "return w_new, m_new, v_new"),
         [FIRST + "w_new[0] " + ADAM_OFF + "expected 0.49, received 0.492558632. 2 more of its "
          "3 values differ too.",
          "Your correction uses t + 1. The step number t already counts from 1: divide by "
          "1 - beta1**t and 1 - beta2**t."]),
        ((M_OK, V_OK, "w_new = w + lr * (m_new / (1 - beta1**t)) / "
          "(np.sqrt(v_new / (1 - beta2**t)) + eps)", "return w_new, m_new, v_new"),
         [FIRST + "w_new[0] " + ADAM_OFF + "expected 0.49, received 0.51. 2 more of its 3 "
          "values differ too.",
          "Your step goes uphill: subtract the update, w - lr * m_hat / (np.sqrt(v_hat) + "
          "eps)."]),
        ((M_OK, V_OK, W_OK, "return w_new, m_new"),
         ["adam_step at t = 1 (lr 0.01, beta1 0.9, beta2 0.999, eps 1e-08) on the first step of "
          "the example should return 3 values (w_new, m_new and v_new), but it returned a tuple "
          "of 2."]),
        ((M_OK, V_OK, W_OK, "return w_new, 'm', v_new"),
         [FIRST + "m_new is the string 'm'. It should be a 1-D array with one value per weight, "
          "like m."]),
        ((M_OK, V_OK, W_OK, "return w_new, m_new, v_new[:2]"),
         [FIRST + "v_new has 2 values, but it should have 3."]),
        ((M_OK, V_OK, W_OK, "return 'w', m_new, v_new"),
         [FIRST + "w_new is the string 'w'. It should be a 1-D array with one value per weight, "
          "like w."]),
    ],
    ids=["m-hat", "m-swapped", "v-hat", "v-abs", "v-swapped", "no-correction", "m-only",
         "v-only", "t-plus-1", "ascent", "two-values", "m-text", "v-short", "w-text"],
)
def test_adam_feedback_for_each_slip(lines: tuple[str, ...], expected: list[str]) -> None:
    assert feedback_of(ADAM, fn(SIGNATURE, *lines)) == expected


def _adam_call(t: int, m: list[float], v: list[float], grad: tuple = (0.3, -0.2)) -> Call:
    args = (array_arg([0.5, -1.0]), array_arg(grad), array_arg(m), array_arg(v),
            int_arg(t), float_arg(0.01), float_arg(0.9), float_arg(0.999), float_arg(1e-8))
    return Call(key="mine", function="adam_step", args=args, label="my step")


@pytest.mark.parametrize(
    ("m_line", "message"),
    [
        ("m_new = (1 - beta1) * m + beta1 * grad",
         "The weights are swapped: the old average keeps beta1 and the new gradient gets "
         "1 - beta1."),
        ("m_new = (beta1 * m + (1 - beta1) * grad) / (1 - beta1**t)",
         "That is the corrected m_hat. Return the raw average m_new; the correction is only for "
         "this step's update."),
    ],
)
def test_adam_names_an_m_slip_from_a_nonzero_average(m_line: str, message: str) -> None:
    code = fn(SIGNATURE, m_line, V_OK, W_OK, "return w_new, m_new, v_new")
    feedback = judged(ADAM, code, (_adam_call(4, [0.05, -0.1], [0.01, 0.02]),))
    assert feedback[0].startswith("For my step: m_new[0] is off by more than the tolerance")
    assert feedback[1:] == [message]


@pytest.mark.parametrize(
    ("v_line", "message"),
    [
        ("v_new = (1 - beta2) * v + beta2 * grad**2",
         "The weights are swapped: the old average keeps beta2 and the new squared gradient "
         "gets 1 - beta2."),
        ("v_new = beta2 * v + (1 - beta2) * grad", "v averages the squared gradient: use grad**2."),
        ("v_new = (beta2 * v + (1 - beta2) * grad**2) / (1 - beta2**t)",
         "That is the corrected v_hat. Return the raw average v_new; the correction is only for "
         "this step's update."),
    ],
)
def test_adam_names_a_v_slip_from_a_nonzero_average(v_line: str, message: str) -> None:
    code = fn(SIGNATURE, M_OK, v_line, W_OK, "return w_new, m_new, v_new")
    feedback = judged(ADAM, code, (_adam_call(4, [0.05, -0.1], [0.01, 0.02]),))
    assert feedback[0].startswith("For my step: v_new[0] is off by more than the tolerance")
    assert feedback[1:] == [message]


def test_adam_names_a_correction_with_t_minus_one_at_a_later_step() -> None:
    code = fn(SIGNATURE, M_OK, V_OK,
              "w_new = w - lr * (m_new / (1 - beta1**(t - 1))) / "
              "(np.sqrt(v_new / (1 - beta2**(t - 1))) + eps)", "return w_new, m_new, v_new")
    feedback = judged(ADAM, code, (_adam_call(3, [0.05, -0.1], [0.01, 0.02]),))
    assert feedback[0].startswith("For my step: w_new[0] is off by more than the tolerance")
    assert feedback[1:] == ["Your correction uses t - 1. The step number t already counts from "
                            "1: divide by 1 - beta1**t and 1 - beta2**t."]


def test_adam_puts_eps_outside_the_square_root() -> None:
    code = fn(SIGNATURE, M_OK, V_OK,
              "w_new = w - lr * (m_new / (1 - beta1**t)) / np.sqrt(v_new / (1 - beta2**t) + eps)",
              "return w_new, m_new, v_new")
    call = _adam_call(3, [0.0, 0.0], [1e-4, 1e-10], grad=(0.3, 1e-5))
    feedback = judged(ADAM, code, (call,))
    assert feedback[1:] == ["eps belongs outside the square root: np.sqrt(v_hat) + eps."]


# --- warmup-schedule ---------------------------------------------------------------------------

WARMUP = "warmup-schedule"
RATE_OFF = "the rate is off by more than the tolerance (relative 1e-09, absolute 1e-15): "
DECAY = "return peak * max(0.0, (total - step) / (total - warmup))"


def schedule(warm: str, decay: str = DECAY) -> str:
    return ("def learning_rate(step, peak, warmup, total):\n    if step < warmup:\n"
            f"        {warm}\n    {decay}\n")


def test_warmup_plans_the_example_then_both_edges_of_both_phases() -> None:
    peaks, warmups, factors, inside, decaying, after = set(), set(), set(), [], [], []
    for calls in calls_of(WARMUP, range(2000)):
        assert list(calls)[:6] == [f"example-{s}" for s in (0, 250, 500, 5250, 10_000, 12_000)]
        for step in (0, 250, 500, 5250, 10_000, 12_000):
            call = calls[f"example-{step}"]
            assert call.label == f"learning_rate({step}, 2e-05, 500, 10000)"
            assert [a["type"] for a in call.args] == ["int", "float", "int", "int"]
        variants = [calls[f"variant-{i}"] for i in range(9)]
        assert len(calls) == 15
        steps = [value_of(c.args[0]) for c in variants]
        peak, warmup, total = (value_of(a) for a in variants[0].args[1:])
        assert all([value_of(a) for a in c.args[1:]] == [peak, warmup, total] for c in variants)
        assert variants[0].label == f"learning_rate(0, {peak:g}, {warmup}, {total})"
        peaks.add(peak)
        warmups.add(warmup)
        assert total % warmup == 0
        factors.add(total // warmup)
        assert steps[0] == 0
        assert steps[2:5] == [warmup - 1, warmup, warmup + 1]
        assert steps[6:8] == [total - 1, total]
        inside.append((steps[1], warmup))
        decaying.append((steps[5], warmup, total))
        after.append(steps[8] - total)
    assert peaks == {1e-4, 3e-5, 5e-4, 1e-3}
    assert min(warmups) == 50
    assert max(warmups) == 400
    assert factors == set(range(5, 31))
    assert all(1 <= s <= w - 1 for s, w in inside)
    assert any(s == 1 for s, _ in inside)
    assert any(s == w - 1 for s, w in inside)
    assert all(w + 2 <= s <= t - 2 for s, w, t in decaying)
    assert min(after) == 1
    assert max(after) == 199


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (schedule("return peak * (step + 1) / warmup"),
         ["For learning_rate(0, 2e-05, 500, 10000): " + RATE_OFF + "expected 0, received 4e-08.",
          "Your warmup is one step ahead: at step 0 the rate is 0, so use step / warmup, not "
          "(step + 1) / warmup."]),
        (schedule("return peak * (step // warmup)"),
         ["For learning_rate(250, 2e-05, 500, 10000): " + RATE_OFF + "expected 1e-05, received "
          "0.",
          "step // warmup is integer division, which stays 0 for the whole warmup. Use "
          "step / warmup."]),
        (schedule("return peak"),
         ["For learning_rate(0, 2e-05, 500, 10000): " + RATE_OFF + "expected 0, received 2e-05.",
          "During warmup the rate should grow from 0 towards peak, in proportion to "
          "step / warmup."]),
        (schedule("return step / warmup"),
         ["For learning_rate(250, 2e-05, 500, 10000): " + RATE_OFF + "expected 1e-05, received "
          "0.5.",
          "Multiply by peak: step / warmup is only the fraction of the peak."]),
        (schedule("return peak * step / warmup", "return peak * max(0.0, (total - step) / total)"),
         ["For learning_rate(500, 2e-05, 500, 10000): " + RATE_OFF + "expected 2e-05, received "
          "1.9e-05.",
          "Your decay divides by total. The decay phase lasts total - warmup steps, so divide "
          "by that; then the rate is exactly peak at step = warmup."]),
        (schedule("return peak * step / warmup",
                  "return peak * (total - step) / (total - warmup)"),
         ["For learning_rate(12000, 2e-05, 500, 10000): " + RATE_OFF + "expected 0, received "
          "-4.21052632e-06.",
          "After step total the rate must stay at 0: wrap the decay in max(0.0, ...)."]),
        (schedule("return peak * step / warmup", "return peak"),
         ["For learning_rate(5250, 2e-05, 500, 10000): " + RATE_OFF + "expected 1e-05, received "
          "2e-05.",
          "After warmup the rate should fall linearly to 0 at step total, not stay at peak."]),
        (schedule("return peak * step / warmup",
                  "return max(0.0, (total - step) / (total - warmup))"),
         ["For learning_rate(500, 2e-05, 500, 10000): " + RATE_OFF + "expected 2e-05, received "
          "1.",
          "Multiply by peak: the decay formula is only the fraction of the peak."]),
        (schedule("return peak * step / warmup",
                  "return 0.5 * peak * max(0.0, (total - step) / (total - warmup))"),
         ["For learning_rate(500, 2e-05, 500, 10000): " + RATE_OFF + "expected 2e-05, received "
          "1e-05."]),
        ("def learning_rate(step, peak, warmup, total):\n    return 'x'\n",
         ["For learning_rate(0, 2e-05, 500, 10000): the rate is the string 'x'. It should be a "
          "number."]),
    ],
    ids=["one-ahead", "floor-division", "peak-in-warmup", "fraction-in-warmup", "over-total",
         "no-max", "peak-after", "fraction-after", "unknown", "text"],
)
def test_warmup_feedback_for_each_slip(code: str, expected: list[str]) -> None:
    assert feedback_of(WARMUP, code) == expected


def test_warmup_accepts_a_one_element_list_as_the_number() -> None:
    code = schedule("return [peak * step / warmup]", "return [" + DECAY[len("return "):] + "]")
    assert check(WARMUP, code)["status"] == "passed"


def test_warmup_multiply_by_peak_slip_is_recognised_late_in_the_decay() -> None:
    call = Call(key="mine", function="learning_rate",
                args=(int_arg(700), float_arg(1e-3), int_arg(100), int_arg(1000)), label="mine")
    code = schedule("return peak * step / warmup",
                    "return max(0.0, (total - step) / (total - warmup))")
    assert judged(WARMUP, code, (call,))[1:] == [
        "Multiply by peak: the decay formula is only the fraction of the peak."]
