"""Chapter two's exercises: contracts, figures, and feedback that names the learner's slip."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from exercises import EXERCISES
from grader import Grader, Submission, check_in_process, get_exercise
from grader.grading import reference
from tests.conftest import PROJECT_ROOT
from tests.support.exercise_work import LESSON_DATA, check

GLM_IDS = (
    "stable-sigmoid", "log-loss", "stable-softmax", "ridge-closed-form", "adam-step",
    "warmup-schedule",
)
SEEDS = (0, 1, 2, 3, 99, 2024, 123456, 2**31 - 1)
def fn(signature: str, *body: str) -> str:
    """Source of ``import numpy as np`` and one function with the given body lines."""
    return "import numpy as np\n\n\ndef " + signature + ":\n" + "".join(
        f"    {line}\n" for line in body
    )


def test_chapter_two_follows_chapter_one_in_the_order_of_its_practice_page() -> None:
    ids = list(EXERCISES)
    assert ids[-len(GLM_IDS):] == list(GLM_IDS)
    page = (PROJECT_ROOT / "docs" / "glm" / "practice.md").read_text(encoding="utf-8")
    assert re.findall(r'^```exercise id="([^"]+)"', page, re.MULTILINE) == list(GLM_IDS)
    assert '<div class="course-work-slot"></div>' in page


@pytest.mark.parametrize("exercise_id", GLM_IDS)
def test_each_reference_passes_on_many_seeds(exercise_id: str) -> None:
    for seed in SEEDS:
        result = check(exercise_id, EXERCISES[exercise_id].solution, seed)
        assert result["status"] == "passed", (seed, result["feedback"])


@pytest.mark.parametrize(
    ("exercise_id", "fragment"),
    [
        ("stable-sigmoid", "np.exp(-z) overflowed"),
        ("log-loss", "0 * np.log(0) is 0 * (-inf)"),
        ("stable-softmax", "np.exp(1000) is inf and inf / inf is NaN"),
        ("ridge-closed-form", "the penalty is missing"),
        ("adam-step", "m_new[0] is off by more than the tolerance"),
        ("warmup-schedule", "should grow from 0 towards peak"),
    ],
)
def test_each_starter_runs_but_fails_with_a_reason(exercise_id: str, fragment: str) -> None:
    result = check(exercise_id, EXERCISES[exercise_id].starter)
    assert result["status"] == "failed"
    assert any(fragment in line for line in result["feedback"]), result["feedback"]


@pytest.mark.parametrize("exercise_id", GLM_IDS)
def test_each_exercise_has_hints_a_prompt_with_math_and_new_data_per_seed(
    exercise_id: str,
) -> None:
    exercise = EXERCISES[exercise_id]
    assert len(exercise.hints) >= 2
    assert exercise.kind == "code"
    assert "\\(" in exercise.prompt or "\\[" in exercise.prompt
    assert exercise.plan(1).calls != exercise.plan(2).calls
    assert exercise.plan(5).calls == exercise.plan(5).calls


def test_reference_solutions_reproduce_the_figures_the_prompts_quote() -> None:
    def calls(exercise_id: str) -> dict:
        exercise = get_exercise(exercise_id)
        return reference(exercise, exercise.plan(0))["calls"]

    def values(tagged: dict) -> list[float]:
        return tagged["values"] if tagged["type"] == "array" else [tagged["value"]]

    ridge = get_exercise("ridge-closed-form")
    assert np.allclose(values(reference(ridge, ridge.plan(0))["names"]["w_shrunk"]), [130, 10])
    assert np.allclose(values(calls("ridge-closed-form")["lesson-0"]), [100, 20])
    assert round(values(calls("log-loss")["example"])[0], 3) == 0.299
    sigmoid = values(calls("stable-sigmoid")["limits"])
    assert sigmoid == [0.0, 0.5, 1.0]
    probs = np.reshape(values(calls("stable-softmax")["example"]), (2, 3))
    assert np.allclose(probs[0], probs[1])
    assert np.allclose(probs.sum(axis=1), 1)
    w_new = values(calls("adam-step")["first"]["items"][0])
    assert np.allclose(np.subtract(w_new, [0.5, -1.0, 2.0]), [-0.01, 0.01, -0.01], atol=1e-6)
    schedule = calls("warmup-schedule")
    rates = [values(schedule[f"example-{step}"])[0] for step in (0, 250, 500, 5250, 10_000, 12_000)]
    assert np.allclose(rates, [0, 1e-5, 2e-5, 1e-5, 0, 0], rtol=0, atol=1e-15)


SIGMOID_NAIVE_B = fn("sigmoid(z)", "return np.exp(z) / (1 + np.exp(z))")
SIGMOID_TANH = fn("sigmoid(z)", "return (1 + np.tanh(z / 2)) / 2")
SIGMOID_CLIPPED = fn("sigmoid(z)", "return 1 / (1 + np.exp(-np.clip(z, -500, 500)))")
SIGMOID_IF = fn("sigmoid(z)", "if z >= 0:", "    return 1 / (1 + np.exp(-z))",
                "return np.exp(z) / (1 + np.exp(z))")
SIGMOID_MATH = "import math\n\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"
SIGMOID_FLIPPED = fn("sigmoid(z)", "e = np.exp(-np.abs(z))",
                     "return np.where(z < 0, 1 / (1 + e), e / (1 + e))")
SIGMOID_BOTH_BRANCHES = fn("sigmoid(z)", "with np.errstate(over='ignore'):",
                           "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), "
                           "np.exp(z) / (1 + np.exp(z)))")


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        (SIGMOID_NAIVE_B, "inf / (1 + inf) is inf / inf, which is NaN"),
        (SIGMOID_TANH, "subtract"),
        (SIGMOID_CLIPPED, "Clipping z into a range"),
        (SIGMOID_IF, "Choose per element with np.where"),
        (SIGMOID_MATH, "np.exp works on every element at once"),
        (SIGMOID_FLIPPED, "check the sign of the exponent"),
    ],
    ids=["exp-over-one-plus-exp", "tanh", "clipped-z", "if-on-array", "math-exp", "flipped"],
)
def test_stable_sigmoid_names_the_overflow_or_the_slip(code: str, fragment: str) -> None:
    result = check("stable-sigmoid", code)
    assert result["status"] == "failed"
    assert any(fragment in line for line in result["feedback"]), result["feedback"]


def test_stable_sigmoid_accepts_np_where_even_if_a_discarded_branch_overflows() -> None:
    assert check("stable-sigmoid", SIGMOID_BOTH_BRANCHES)["status"] == "passed"


def test_stable_sigmoid_says_where_the_textbook_formula_lost_a_tiny_value() -> None:
    feedback = check("stable-sigmoid", EXERCISES["stable-sigmoid"].starter)["feedback"]
    assert feedback[0].startswith("For sigmoid(z) on a vector of ")
    assert "received 0" in feedback[0]
    assert re.match(r"At z = -71\d(\.\d)? your sigmoid returned 0", feedback[1])


LOSS_BODY = "p = np.clip(p, eps, 1 - eps)"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        (fn("log_loss(y, p, eps)", "p = np.clip(p, eps, None)",
            "return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"), "Clip p into [eps, 1"),
        (fn("log_loss(y, p, eps)", LOSS_BODY,
            "return np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"), "sign is flipped"),
        (fn("log_loss(y, p, eps)", LOSS_BODY,
            "return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))"), "4 times too large"),
        (fn("log_loss(y, p, eps)", LOSS_BODY,
            "return -(y * np.log(p) + (1 - y) * np.log(1 - p))"), "one per row"),
        (fn("log_loss(y, p, eps)", LOSS_BODY,
            "return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))"), "np.log10"),
        (fn("log_loss(y, p, eps)", LOSS_BODY, "return -np.mean(y * np.log(p))"),
         "Add the (1 - y) * log(1 - p) term"),
        (fn("log_loss(y, p, eps)",
            "return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))"),
         "added eps inside the logarithms"),
        (fn("log_loss(y, p, eps)", "a = np.log(np.clip(p, eps, 1))",
            "b = np.log(np.clip(1 - p, eps, 1))", "return -np.mean(y * a + (1 - y) * b)"),
         "still pays -log(1 - eps)"),
    ],
    ids=["one-sided-clip", "sign", "sum", "per-row", "log10", "no-negative-class",
         "eps-added", "clip-each-log"],
)
def test_log_loss_names_the_slip(code: str, fragment: str) -> None:
    for seed in (1, 2, 3):
        result = check("log-loss", code, seed)
        assert result["status"] == "failed"
        assert any(fragment in line for line in result["feedback"]), (seed, result["feedback"])


def test_log_loss_rejects_the_example_answer_hard_coded() -> None:
    code = fn("log_loss(y, p, eps)", "return 0.29900115903")
    feedback = check("log-loss", code)["feedback"]
    assert feedback[0].startswith("For log_loss(y, p, ")
    assert "with y = [1, 0, 1, 0]" not in feedback[0]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (("e = np.exp(z - z.max())", "return e / e.sum(axis=-1, keepdims=True)"),
         "largest logit of the whole array"),
        (("e = np.exp(z - z.max(axis=0))", "return e / e.sum(axis=0)"), "normalised each column"),
        (("e = np.exp(z - z.max(axis=-1))", "return e / e.sum(axis=-1)"), "keepdims=True"),
        (("e = np.exp(z - z.max(axis=1, keepdims=True))",
          "return e / e.sum(axis=1, keepdims=True)"), "Use axis=-1"),
        (("z = np.atleast_2d(z)", "e = np.exp(z - z.max(axis=1, keepdims=True))",
          "return e / e.sum(axis=1, keepdims=True)"), "A 1-D input should give a 1-D result"),
        (("e = np.exp(z - z.max(axis=-1, keepdims=True))", "return e / e.sum()"),
         "not 1. Divide each row by its own sum"),
    ],
    ids=["global-max", "columns", "no-keepdims", "axis-1", "atleast-2d", "global-sum"],
)
def test_stable_softmax_names_the_slip(body: tuple[str, ...], fragment: str) -> None:
    result = check("stable-softmax", fn("softmax(z)", *body))
    assert result["status"] == "failed"
    assert any(fragment in line for line in result["feedback"]), result["feedback"]


def test_stable_softmax_accepts_the_log_sum_exp_form() -> None:
    code = fn("softmax(z)", "m = z.max(axis=-1, keepdims=True)",
              "return np.exp(z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))")
    assert check("stable-softmax", code)["status"] == "passed"


RIDGE_HEAD = (LESSON_DATA
              + "\n\ndef ridge(X, y, lam):\n    D = np.eye(X.shape[1])\n    D[0, 0] = 0.0\n")
RIDGE_TAIL = "w_shrunk = ridge(X, y, 10.0)\n"
RIDGE_PENALISED = (RIDGE_HEAD + "    return np.linalg.solve(X.T @ X + lam * np.eye(2), X.T @ y)\n"
                   + RIDGE_TAIL)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)",
         "You penalised the intercept too"),
        ("return np.linalg.solve(X.T @ X + len(X) * lam * D, X.T @ y)",
         "multiplied by the number of rows"),
        ("return np.linalg.solve(X.T @ X / len(X) + lam * D, X.T @ y / len(X))",
         "multiplied by the number of rows"),
        ("return np.linalg.solve(X.T @ X + 2 * lam * D, X.T @ y)", "twice too strong"),
        ("return np.linalg.solve(X.T @ X + lam / 2 * D, X.T @ y)", "half as strong"),
        ("return np.linalg.solve(X.T @ X + lam * D, X.T @ y.reshape(-1, 1))",
         "Return a 1-D array"),
    ],
    ids=["intercept-penalised", "lam-times-n", "mean-loss", "double", "half", "column-result"],
)
def test_ridge_names_the_slip(body: str, fragment: str) -> None:
    result = check("ridge-closed-form", RIDGE_HEAD + f"    {body}\n" + RIDGE_TAIL)
    assert result["status"] == "failed"
    assert any(fragment in line for line in result["feedback"]), result["feedback"]


def test_ridge_says_a_shared_slip_once_and_shows_the_lesson_numbers() -> None:
    feedback = check("ridge-closed-form", RIDGE_PENALISED)["feedback"]
    assert feedback[0].startswith("w_shrunk[0] is off by more than the tolerance")
    assert "expected 130, received 17.3333333" in feedback[0]
    assert sum("penalised the intercept" in line for line in feedback) == 1


def test_ridge_accepts_centring_and_rejects_a_hard_coded_function() -> None:
    centred = LESSON_DATA + fn(
        "ridge(X, y, lam)", "xm, ym = X[:, 1:].mean(axis=0), y.mean()", "Z = X[:, 1:] - xm",
        "w = np.linalg.solve(Z.T @ Z + lam * np.eye(Z.shape[1]), Z.T @ (y - ym))",
        "return np.r_[ym - xm @ w, w]",
    ) + RIDGE_TAIL
    assert check("ridge-closed-form", centred)["status"] == "passed"
    fixed = LESSON_DATA + fn("ridge(X, y, lam)", "return np.array([130.0, 10.0])") + RIDGE_TAIL
    feedback = check("ridge-closed-form", fixed)["feedback"]
    assert feedback[0].startswith("For ridge(X, y, 0) on the latency data")


ADAM_MOMENTS = ("m = beta1 * m + (1 - beta1) * grad", "v = beta2 * v + (1 - beta2) * grad**2")
ADAM_HATS = ("mh = m / (1 - beta1**t)", "vh = v / (1 - beta2**t)")
ADAM = "adam_step(w, grad, m, v, t, lr, beta1, beta2, eps)"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ((*ADAM_MOMENTS, "return w - lr * m / (np.sqrt(v) + eps), m, v"),
         "You forgot the bias correction"),
        ((*ADAM_MOMENTS, ADAM_HATS[0], "return w - lr * mh / (np.sqrt(v) + eps), m, v"),
         "corrected m but not v"),
        ((*ADAM_MOMENTS, ADAM_HATS[1], "return w - lr * m / (np.sqrt(vh) + eps), m, v"),
         "corrected v but not m"),
        ((*ADAM_MOMENTS, "mh = m / (1 - beta1**(t - 1))", "vh = v / (1 - beta2**(t - 1))",
          "return w - lr * mh / (np.sqrt(vh) + eps), m, v"), "uses t - 1"),
        ((*ADAM_MOMENTS, *ADAM_HATS, "return w - lr * mh / np.sqrt(vh + eps), m, v"),
         "eps belongs outside the square root"),
        ((*ADAM_MOMENTS, *ADAM_HATS, "return w + lr * mh / (np.sqrt(vh) + eps), m, v"),
         "Your step goes uphill"),
        ((*ADAM_MOMENTS, *ADAM_HATS, "return w - lr * mh / (np.sqrt(vh) + eps), mh, vh"),
         "That is the corrected m_hat"),
        (("m = (1 - beta1) * m + beta1 * grad", ADAM_MOMENTS[1], *ADAM_HATS,
          "return w - lr * mh / (np.sqrt(vh) + eps), m, v"), "The weights are swapped"),
        ((ADAM_MOMENTS[0], "v = beta2 * v + (1 - beta2) * np.abs(grad)", *ADAM_HATS,
          "return w - lr * mh / (np.sqrt(vh) + eps), m, v"), "use grad**2"),
        ((*ADAM_MOMENTS, *ADAM_HATS, "return w - lr * mh / (np.sqrt(vh) + eps)"),
         "should return 3 values"),
    ],
    ids=["no-correction", "m-only", "v-only", "t-minus-1", "eps-inside", "uphill", "hats-kept",
         "swapped-betas", "abs-grad", "one-value"],
)
def test_adam_step_names_the_slip(body: tuple[str, ...], fragment: str) -> None:
    for seed in (1, 2, 3, 4):
        result = check("adam-step", fn(ADAM, *body), seed)
        assert result["status"] == "failed"
        assert any(fragment in line for line in result["feedback"]), (seed, result["feedback"])


def test_adam_step_recognises_a_missing_bias_correction_after_the_first_step() -> None:
    """A first step that is right by luck still meets the check at a later step."""
    code = fn(ADAM, *ADAM_MOMENTS, "if t == 1:  # from zeros: the corrected step is g / |g|",
              "    return w - lr * grad / (np.abs(grad) + eps), m, v",
              "return w - lr * m / (np.sqrt(v) + eps), m, v")
    feedback = check("adam-step", code)["feedback"]
    assert "at t = " in feedback[0]
    assert "at t = 1 " not in feedback[0]
    assert feedback[1].startswith("You forgot the bias correction")


def test_adam_step_accepts_in_place_updates() -> None:
    code = fn(ADAM, "m *= beta1", "m += (1 - beta1) * grad", "v *= beta2",
              "v += (1 - beta2) * grad**2",
              "w -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)",
              "return w, m, v")
    assert check("adam-step", code)["status"] == "passed"


SCHEDULE = "learning_rate(step, peak, warmup, total)"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (("if step < warmup:", "    return peak * (step + 1) / warmup",
          "return peak * max(0.0, (total - step) / (total - warmup))"), "one step ahead"),
        (("if step < warmup:", "    return peak * step / warmup",
          "return peak * (total - step) / (total - warmup)"), "wrap the decay in max(0.0"),
        (("if step < warmup:", "    return peak * step / warmup",
          "return peak * max(0.0, (total - step) / total)"), "Your decay divides by total"),
        (("if step < warmup:", "    return peak * (step // warmup)",
          "return peak * max(0.0, (total - step) / (total - warmup))"), "integer division"),
        (("if step < warmup:", "    return step / warmup",
          "return max(0.0, (total - step) / (total - warmup))"), "Multiply by peak"),
        (("if step < warmup:", "    return peak * step / warmup", "return peak"),
         "not stay at peak"),
    ],
    ids=["plus-one", "no-clamp", "decay-over-total", "floor-division", "no-peak", "no-decay"],
)
def test_warmup_schedule_names_the_slip(body: tuple[str, ...], fragment: str) -> None:
    result = check("warmup-schedule", fn(SCHEDULE, *body))
    assert result["status"] == "failed"
    assert any(fragment in line for line in result["feedback"]), result["feedback"]


def test_warmup_schedule_accepts_numpy_interp_and_rejects_the_example_only() -> None:
    interp = fn(SCHEDULE, "return peak * float(np.interp(step, [0, warmup, total], [0, 1, 0]))")
    assert check("warmup-schedule", interp)["status"] == "passed"
    example_only = fn(SCHEDULE, "return {0: 0.0, 250: 1e-5, 500: 2e-5, 5250: 1e-5}.get(step, 0.0)")
    feedback = check("warmup-schedule", example_only)["feedback"]
    assert feedback[0].startswith("For learning_rate(")
    assert ", 500, 10000)" not in feedback[0]


# The isolated offline path must give these diagnoses word for word, as the browser does.
OFFLINE_CASES = [
    ("stable-sigmoid", EXERCISES["stable-sigmoid"].starter),
    ("stable-sigmoid", SIGMOID_NAIVE_B),
    ("log-loss", EXERCISES["log-loss"].starter),
    ("stable-softmax", fn("softmax(z)", "e = np.exp(z - z.max())",
                          "return e / e.sum(-1, keepdims=True)")),
    ("ridge-closed-form", RIDGE_PENALISED),
    ("adam-step", fn(ADAM, *ADAM_MOMENTS, "return w - lr * m / (np.sqrt(v) + eps), m, v")),
    ("warmup-schedule", EXERCISES["warmup-schedule"].starter),
]


@pytest.mark.parametrize(("exercise_id", "code"), OFFLINE_CASES,
                         ids=[f"{case[0]}-{i}" for i, case in enumerate(OFFLINE_CASES)])
def test_offline_isolated_grading_gives_the_same_diagnosis(
    offline: Grader, exercise_id: str, code: str
) -> None:
    submission = Submission(Path("x.json"), valid=True, exercises={exercise_id: {"code": code}})
    offline_result = offline.grade_exercise(submission, exercise_id)
    local = check_in_process(exercise_id, {"code": code}, seed=offline.seed)
    local.pop("id")
    assert offline_result == local
    assert offline_result["status"] == "failed"
    assert len(offline_result["feedback"]) >= 2  # the comparison, then the named slip
