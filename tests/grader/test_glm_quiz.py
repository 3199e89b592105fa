"""Chapter two's quiz: its key, the slips it recognises, and its snippets' printed output."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from exercises import QUIZZES
from grader import score_quiz

QUIZ_ID = "glm"


def judged(question_id: str, answer: Any) -> dict[str, Any]:
    return score_quiz(QUIZ_ID, {question_id: answer})["questions"][question_id]


def test_the_quiz_is_registered_after_chapter_one_and_covers_the_chapter() -> None:
    assert list(QUIZZES) == ["linear-regression", QUIZ_ID]
    quiz = QUIZZES[QUIZ_ID]
    assert quiz.title == "Generalized linear models"
    assert [q.id for q in quiz.questions] == [
        "slope-standard-error", "drift-interval", "vif-heteroscedasticity", "retry-family",
        "glm-template", "sigmoid-overflow", "clipped-log-loss", "odds-ratio", "poisson-rate",
        "softmax-shift", "ridge-lasso", "lasso-threshold", "adam-first-step", "warmup",
    ]


def test_the_number_keys_are_the_chapter_arithmetic() -> None:
    keys = {q.id: q.answer for q in QUIZZES[QUIZ_ID].questions if q.kind == "number"}
    assert set(keys) == {"slope-standard-error", "clipped-log-loss", "odds-ratio",
                         "poisson-rate"}
    assert keys["slope-standard-error"] == pytest.approx(0.146 * math.sqrt(150 / 600), abs=5e-4)
    from_logit = math.log1p(math.exp(40.0))          # y = 1, eta = -40: log(1 + e^40)
    assert keys["clipped-log-loss"] == pytest.approx(from_logit + math.log(1e-7), abs=0.005)
    odds = 0.10 / 0.90 * math.exp(0.7)
    assert keys["odds-ratio"] == pytest.approx(odds / (1 + odds), abs=5e-4)
    assert keys["poisson-rate"] == pytest.approx(math.exp(-1.0 + 0.22 * 5 + 0.88), abs=0.005)


def test_the_adam_statements_are_the_arithmetic_they_claim() -> None:
    def first_step(beta1: float, beta2: float, g: float, corrected: bool) -> float:
        m, v = (1 - beta1) * g, (1 - beta2) * g**2
        if corrected:
            m, v = m / (1 - beta1), v / (1 - beta2)
        return m / math.sqrt(v)

    question = next(q for q in QUIZZES[QUIZ_ID].questions if q.id == "adam-first-step")
    claims = {choice.id: choice.correct for choice in question.choices}
    same = first_step(0.9, 0.999, 0.5, False) == pytest.approx(first_step(0.9, 0.999, 5e-4, False))
    assert claims["same-size"] is same
    assert first_step(0.9, 0.999, 0.5, False) == pytest.approx(3.162, abs=1e-3)
    assert claims["fixed-first-step"] is (first_step(0.9, 0.999, 0.5, True) == pytest.approx(1.0))
    assert claims["beta2-099"] is (first_step(0.9, 0.99, 0.5, False) == pytest.approx(1.0))
    assert claims["too-small"] is (first_step(0.9, 0.999, 0.5, False) < 1)


def test_the_drift_statements_are_the_interval_arithmetic() -> None:
    question = next(q for q in QUIZZES[QUIZ_ID].questions if q.id == "drift-interval")
    choices = {choice.id: choice for choice in question.choices}
    slope, se, t_crit = 1.1, 0.62, 2.064
    assert all(f"{value}" in question.prompt for value in (slope, se, t_crit))
    low, high = slope - t_crit * se, slope + t_crit * se
    assert f"−{-low:.2f} to {high:.2f}" in choices["contains-zero"].text
    assert low < 2.0 < high

    def spread(weeks: int) -> float:
        return sum((w - (weeks + 1) / 2) ** 2 for w in range(1, weeks + 1))

    assert f"from {spread(26)} to {spread(52):.0f}" in choices["sqrt-two"].why
    assert f"√{round(spread(52) / spread(26))} ≈ {math.sqrt(spread(52) / spread(26)):.1f}" in (
        choices["sqrt-two"].why
    )
    claims = {choice_id: choice.correct for choice_id, choice in choices.items()}
    assert claims == {"contains-zero": True, "two-consistent": True, "streaks-wider": True,
                      "no-drift": False, "sqrt-two": False}


def test_the_scale_free_explanation_points_the_right_way() -> None:
    ridge_lasso = next(q for q in QUIZZES[QUIZ_ID].questions if q.id == "ridge-lasso")
    why = next(c.why for c in ridge_lasso.choices if c.id == "scale-free")
    assert "small coefficient, which the penalty barely touches" in why
    assert "penalised more" not in why
    assert "λD" not in ridge_lasso.explanation


@pytest.mark.parametrize(
    ("question_id", "answer", "correct", "says"),
    [
        ("slope-standard-error", 0.073, True, None),
        ("slope-standard-error", 0.0365, False, "shrinks like 1/√n"),
        ("slope-standard-error", 0.146, False, "do tighten"),
        ("drift-interval", ["contains-zero", "two-consistent", "streaks-wider"], True, None),
        ("drift-interval", ["contains-zero", "no-drift"], False, "failed to find a drift"),
        ("drift-interval", ["contains-zero", "two-consistent", "streaks-wider", "sqrt-two"],
         False, "about √8"),
        ("clipped-log-loss", 23.882, True, None),
        ("clipped-log-loss", 16.12, False, "clipped loss itself"),
        ("clipped-log-loss", 40, False, "computed from the logit"),
        ("adam-first-step", ["same-size", "fixed-first-step", "beta2-099"], True, None),
        ("adam-first-step", ["fixed-first-step", "proportional"], False, "plain gradient descent"),
        ("adam-first-step", ["same-size", "fixed-first-step", "beta2-099", "too-small"], False,
         "too large"),
        ("odds-ratio", 0.1828, True, None),
        ("odds-ratio", 0.201, False, "convert 0.10 to odds first"),
        ("odds-ratio", 0.8, False, "added to the log-odds"),
        ("odds-ratio", 0.668, False, "σ(0.7)"),
        ("odds-ratio", 2.014, False, "odds ratio"),
        ("poisson-rate", 2.664, True, None),
        ("poisson-rate", 1.99, False, "multiplies μ"),
        ("poisson-rate", 2.41, False, "rate ratio"),
        ("poisson-rate", 1.11, False, "without a timeout"),
        ("lasso-threshold", "exactly-zero", True, None),
        ("lasso-threshold", "negative", False, "never flips a sign"),
        ("lasso-threshold", "ridge-like", False, "ridge's behaviour"),
        ("ridge-lasso", ["lasso-zeros", "ridge-invertible"], True, None),
        ("ridge-lasso", ["lasso-zeros", "ridge-invertible", "scale-free"], False,
         "barely touches"),
        ("retry-family", "poisson-log", True, None),
        ("retry-family", "gaussian-identity", False, "negative number of retries"),
        ("glm-template", ["ols-is-glm", "logit-linear", "head-is-glm"], True, None),
        ("glm-template", ["ols-is-glm", "logit-linear"], False, "You left out"),
        ("glm-template", ["ols-is-glm", "logit-linear", "head-is-glm", "link-on-y"], False,
         "never on an observed y"),
        ("ridge-lasso", ["lasso-zeros", "ridge-invertible", "train-choice"], False,
         "Training MSE always prefers"),
        ("vif-heteroscedasticity", ["vif-meaning", "collinear-se", "robust-se"], True, None),
        ("vif-heteroscedasticity", ["vif-meaning", "collinear-se", "robust-se",
                                    "hc3-changes-beta"], False, "only the standard errors"),
        ("warmup", "protect-weights", True, None),
        ("warmup", "is-bias-fix", False, "Fine-tuning uses both"),
        ("warmup", "speed", False, "the damage happens early"),
        ("sigmoid-overflow", "[0. 0.5 1.]\n[False False False True]", True, None),
        ("sigmoid-overflow", "[0. 0.5 1.] [False False False False]", False, "the snippet prints"),
        ("softmax-shift", "0.67 0.24 0.09 0.67 0.24 0.09 0.33 0.33 0.33", True, None),
        ("softmax-shift", "[[0.67 0.24 0.09] [nan nan nan] [0.33 0.33 0.33]]", False,
         "the snippet prints"),
    ],
)
def test_answers_are_judged_and_slips_named(
    question_id: str, answer: Any, correct: bool, says: str | None
) -> None:
    found = judged(question_id, answer)
    assert found["correct"] is correct, found["feedback"]
    if says is not None:
        assert says in " ".join(found["feedback"])


def test_the_softmax_snippet_agrees_with_the_practice_reference() -> None:
    from exercises import EXERCISES

    namespace: dict[str, Any] = {}
    exec(compile(EXERCISES["stable-softmax"].solution, "solution", "exec"), namespace)
    logits = np.array([[2.0, 1.0, 0.0], [1002.0, 1001.0, 1000.0], [5.0, 5.0, 5.0]])
    rows = np.round(namespace["softmax"](logits), 2)
    assert rows.tolist() == [[0.67, 0.24, 0.09], [0.67, 0.24, 0.09], [0.33, 0.33, 0.33]]
