"""The exercises: contracts, figures, and feedback a learner would find useful."""

from __future__ import annotations

import numpy as np
import pytest

from exercises import EXERCISES
from grader import check_in_process, get_exercise
from grader.grading import reference
from tests.support.exercise_work import LESSON_DATA, check

SEEDS = (0, 123456)
FIXED_IDS = ("predict-x6", "lr-divergence", "duplicate-columns")

def test_registry_has_the_fixed_ids_and_the_practice_list() -> None:
    assert set(FIXED_IDS) <= set(EXERCISES)
    assert set(list(EXERCISES)[:8]) == {  # chapter one's; chapter two's follow (test_glm_exercises)
        "predict-x6", "lr-divergence", "duplicate-columns", "outlier-refit", "no-intercept",
        "baseline-r2", "held-out", "first-gradient-step",
    }


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
@pytest.mark.parametrize("seed", SEEDS)
def test_every_reference_passes_in_process(exercise_id: str, seed: int) -> None:
    exercise = EXERCISES[exercise_id]
    work = {"answer": 220} if exercise.kind == "answer" else {"code": exercise.solution}
    result = check_in_process(exercise_id, work, seed=seed)
    assert result["status"] == "passed", result["feedback"]
    assert result["score"] == result["max_score"] == 1.0


@pytest.mark.parametrize("exercise_id", [i for i, e in EXERCISES.items() if e.kind == "code"])
def test_every_starter_fails_in_process(exercise_id: str) -> None:
    result = check(exercise_id, EXERCISES[exercise_id].starter)
    assert result["status"] == "failed"
    assert result["score"] == 0.0
    assert result["feedback"]


def test_reference_solutions_reproduce_the_lesson_figures() -> None:
    def names(exercise_id: str) -> dict:
        exercise = get_exercise(exercise_id)
        return reference(exercise, exercise.plan(0))["names"]

    def values(tagged: dict) -> list[float]:
        if tagged["type"] == "array":
            return tagged["values"]
        return [tagged["value"]]

    figures = {
        ("duplicate-columns", "w_lstsq"): [100, 4, 8],
        ("duplicate-columns", "rank"): [2],
        ("outlier-refit", "w_new"): [83.2, 28.4],
        ("no-intercept", "w_forced"): [47.2727],
        ("no-intercept", "mse_forced"): [1820.9818],
        ("baseline-r2", "baseline_mse"): [802.8],
        ("baseline-r2", "r2"): [0.99651],
        ("held-out", "w_train"): [98, 21],
        ("held-out", "test_prediction"): [203],
        ("held-out", "test_squared_error"): [25],
        ("first-gradient-step", "gradient"): [-320, -1040],
        ("first-gradient-step", "w_next"): [16, 52],
    }
    for (exercise_id, name), expected in figures.items():
        got = values(names(exercise_id)[name])
        assert np.allclose(got, expected, atol=1e-4), (exercise_id, name, got)
    lr = reference(get_exercise("lr-divergence"), get_exercise("lr-divergence").plan(0))
    losses = [item["value"] for item in lr["calls"]["lesson-fast"]["items"][1]["items"]]
    assert np.allclose(losses, [26402.8, 349474.8, 4852473.8, 67584328.5, 941482657.6])


@pytest.mark.parametrize(
    ("answer", "status"),
    [(220, "passed"), (219.6, "passed"), (220.5, "passed"), (220.6, "failed"), (200, "failed"),
     (True, "failed"), ("220", "failed"), (float("nan"), "failed"), ([220], "failed")],
    ids=["int", "low-edge", "high-edge", "outside", "x5", "bool", "text", "nan", "list"],
)
def test_predict_x6_accepts_numbers_within_half_a_millisecond(answer: object, status: str) -> None:
    assert check_in_process("predict-x6", {"answer": answer})["status"] == status


def test_predict_x6_explains_a_bool_is_not_a_number() -> None:
    feedback = check_in_process("predict-x6", {"answer": True})["feedback"]
    assert "a bool is not a number" in feedback[0]


def test_predict_x6_names_the_slip_of_using_x5() -> None:
    feedback = check_in_process("predict-x6", {"answer": 200})["feedback"]
    assert feedback[0] == (
        "The predicted latency is off by more than the tolerance (±0.5): "
        "expected 220, received 200."
    )
    assert "x = 5" in feedback[1]


GD_HEAD = LESSON_DATA + "def gradient_descent(X, y, lr, steps):\n"
GD_TAIL = "diverges = True\n"


def test_lr_divergence_rejects_hard_coded_losses() -> None:
    code = GD_HEAD + (
        "    if lr == 0.2:\n"
        "        return np.array([8.8e9, 1.8e9]), [26402.8, 349474.8, 4852473.8, 67584328.5,"
        " 941482657.6]\n"
        "    w = np.zeros(X.shape[1]); losses = []\n"
        "    for _ in range(steps):\n"
        "        e = X @ w - y\n"
        "        losses.append(float(np.mean(e ** 2)))\n"
        "        w = w - lr * 2 / len(X) * X.T @ e\n"
        "    return w, losses\n"
    ) + GD_TAIL
    result = check("lr-divergence", code)
    assert result["status"] == "failed"


def test_lr_divergence_rejects_a_function_that_ignores_its_arguments() -> None:
    code = GD_HEAD + (
        "    w = np.zeros(2); losses = []\n"
        "    Xl = np.c_[np.ones(5), x]\n"
        "    for _ in range(steps):\n"
        "        e = Xl @ w - globals()['y']; losses.append(float(np.mean(e ** 2)))\n"
        "        w = w - lr * 2 / 5 * Xl.T @ e\n"
        "    return w, losses\n"
    ) + GD_TAIL
    feedback = check("lr-divergence", code)["feedback"]
    assert feedback[0].startswith("For gradient_descent(X, y, ")
    assert "on new data" in feedback[0]
    assert "uses its own arguments" in feedback[1]


def test_lr_divergence_explains_recording_the_loss_after_the_update() -> None:
    code = GD_HEAD + (
        "    w = np.zeros(X.shape[1]); losses = []\n"
        "    for _ in range(steps):\n"
        "        w = w - lr * (2 / len(X)) * X.T @ (X @ w - y)\n"
        "        losses.append(float(np.mean((X @ w - y) ** 2)))\n"
        "    return w, losses\n"
    ) + GD_TAIL
    feedback = check("lr-divergence", code)["feedback"]
    assert "Record the loss before updating" in feedback[0]


@pytest.mark.parametrize("verdict", ["'True'", "1", "False", "None"])
def test_lr_divergence_wants_diverges_to_be_the_bool_true(verdict: str) -> None:
    code = EXERCISES["lr-divergence"].solution.replace(
        "diverges = losses_fast[-1] > losses_fast[0]", f"diverges = {verdict}"
    )
    result = check("lr-divergence", code)
    assert result["status"] == "failed"
    assert result["feedback"][-1].startswith("diverges should be")


def test_lr_divergence_accepts_a_numpy_bool_verdict() -> None:
    code = EXERCISES["lr-divergence"].solution.replace(
        "diverges = losses_fast[-1] > losses_fast[0]", "diverges = np.bool_(True)"
    )
    assert check("lr-divergence", code)["status"] == "passed"


DUP_HEAD = LESSON_DATA + "X_bad = np.column_stack([X, 2 * x])\nnormal_equation_singular = True\n"


@pytest.mark.parametrize("weights", ["[100.0, 20.0, 0.0]", "[100.0, 0.0, 10.0]", "[100.0, 10, 5]"])
def test_duplicate_columns_explains_why_hand_picked_weights_are_not_lstsqs(weights: str) -> None:
    code = DUP_HEAD + f"rank = 2\nw_lstsq = np.array({weights})\n"
    feedback = check("duplicate-columns", code)["feedback"]
    assert feedback[0].startswith("w_lstsq[1] is off by more than the tolerance")
    assert "predict the same line as lstsq's" in feedback[1]
    assert "smallest length" in feedback[1]


@pytest.mark.parametrize(
    ("assignment", "fragment"),
    [
        ("rank = 2.0", "rank should be an integer, but it is the float 2."),
        ("rank = 3", "only 2 are independent"),
        ("rank = np.linalg.lstsq(X_bad, y)", "rank should be an integer"),
    ],
    ids=["float", "three", "whole-tuple"],
)
def test_duplicate_columns_wants_the_integer_rank_two(assignment: str, fragment: str) -> None:
    code = DUP_HEAD + assignment + "\nw_lstsq = np.linalg.pinv(X_bad) @ y\n"
    feedback = check("duplicate-columns", code)["feedback"]
    assert any(fragment in line for line in feedback), feedback


def test_duplicate_columns_wants_the_finding_as_a_bool() -> None:
    code = EXERCISES["duplicate-columns"].solution.replace(
        "normal_equation_singular = bool(", "normal_equation_singular = str("
    )
    feedback = check("duplicate-columns", code)["feedback"]
    assert feedback == ["normal_equation_singular should be the bool True, but it is the string "
                        "'True'. Write True or False without quotes."]


def test_duplicate_columns_spots_a_transposed_matrix() -> None:
    code = EXERCISES["duplicate-columns"].solution + "X_bad = X_bad.T\n"
    assert "rows and columns are swapped" in check("duplicate-columns", code)["feedback"][0]


def test_outlier_refit_recognises_the_original_fit() -> None:
    code = LESSON_DATA + "y_new = y.copy(); y_new[-1] = 240.0\nw_new = np.array([100.0, 20.0])\n"
    code += "slope_rises = True\n"
    feedback = check("outlier-refit", code)["feedback"]
    assert "refit on y_new, not on y" in feedback[1]


def test_no_intercept_asks_for_unrounded_values() -> None:
    code = EXERCISES["no-intercept"].solution + "mse_forced = round(mse_forced, 1)\n"
    feedback = check("no-intercept", code)["feedback"]
    assert feedback[-1] == "Assign the computed value rather than a rounded one."


def test_no_intercept_accepts_the_slope_as_a_plain_number() -> None:
    code = EXERCISES["no-intercept"].solution + "w_forced = float(w_forced[0])\n"
    assert check("no-intercept", code)["status"] == "passed"


def test_baseline_r2_rejects_clipping_r2_at_zero() -> None:
    code = EXERCISES["baseline-r2"].solution.replace(
        "return float(1 - line_mse / mean_mse)", "return max(0.0, float(1 - line_mse / mean_mse))"
    )
    feedback = check("baseline-r2", code)["feedback"]
    assert "worse than the mean" in feedback[0]
    assert feedback[-1] == "Here the predictions are worse than the mean: R² is negative."


def test_baseline_r2_rejects_a_hard_coded_r2_score() -> None:
    code = EXERCISES["baseline-r2"].solution + "def r2_score(y, pred):\n    return 0.9965121\n"
    assert check("baseline-r2", code)["status"] == "failed"


def test_held_out_notices_the_test_row_leaked_into_training() -> None:
    code = EXERCISES["held-out"].solution.replace(
        "x_train, y_train = x[:4], y[:4]", "x_train, y_train = x, y"
    )
    feedback = check("held-out", code)["feedback"]
    assert any("leaked into training" in line for line in feedback), feedback
    assert "200 comes from the line fitted on all five rows." in feedback


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("(2 / len(X)) * X.T @ (y - X @ w)", "The sign is flipped"),
        ("X.T @ (X @ w - y)", "multiply X.T @ error by 2 / n"),
        ("(1 / len(X)) * X.T @ (X @ w - y)", "half the right size"),
    ],
    ids=["sign", "no-average", "no-two"],
)
def test_first_gradient_step_diagnoses_common_slips(body: str, fragment: str) -> None:
    code = LESSON_DATA + (
        f"def gradient_step(X, y, w, lr):\n    g = {body}\n    return g, w - lr * g\n"
        "gradient, w_next = gradient_step(X, y, np.zeros(2), 0.05)\n"
    )
    feedback = check("first-gradient-step", code)["feedback"]
    assert any(fragment in line for line in feedback), feedback


def test_first_gradient_step_rejects_hard_coded_answers_on_new_data() -> None:
    code = LESSON_DATA + (
        "def gradient_step(X, y, w, lr):\n"
        "    return np.array([-320.0, -1040.0]), np.array([16.0, 52.0])\n"
        "gradient, w_next = gradient_step(X, y, np.zeros(2), 0.05)\n"
    )
    feedback = check("first-gradient-step", code)["feedback"]
    assert feedback[0].startswith("For gradient_step(X, y, w, ")
    assert "on new data" in feedback[0]


def test_feedback_is_the_same_for_the_same_seed() -> None:
    code = EXERCISES["lr-divergence"].solution.replace("2 / n", "1 / n")
    assert check("lr-divergence", code, seed=99) == check("lr-divergence", code, seed=99)


def test_variant_data_changes_with_the_seed() -> None:
    exercise = EXERCISES["lr-divergence"]
    assert exercise.plan(1).calls[2].args != exercise.plan(2).calls[2].args
