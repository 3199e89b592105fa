"""Chapter one's exercises seen closely: the variant data of each plan, the exact feedback.

Found by mutating `exercises/` (issue 13). Plans are read over many seeds (deterministic, so
nothing here can flake); feedback is the whole list a learner sees, written out here rather
than read back from the exercise modules.
"""

from __future__ import annotations

import numpy as np
import pytest

from exercises import EXERCISES
from grader import check_in_process
from tests.support.exercise_work import calls_of, check, feedback_of, spans, value_of

LESSON_X = [1.0, 2.0, 3.0, 4.0, 5.0]
LESSON_Y = [118.0, 141.0, 162.0, 181.0, 198.0]


def solution(exercise_id: str, *swaps: tuple[str, str], extra: str = "") -> str:
    """The reference solution with a few lines swapped or appended: one planted slip."""
    code = EXERCISES[exercise_id].solution
    for old, new in swaps:
        assert old in code
        code = code.replace(old, new)
    return code + extra


def passes(exercise_id: str, code: str) -> bool:
    return check(exercise_id, code)["status"] == "passed"


# --- predict-x6 --------------------------------------------------------------------------------

PREDICT = "predict-x6"
LATENCY_OFF = "The predicted latency is off by more than the tolerance (±0.5): expected 220, "


@pytest.mark.parametrize(
    ("answer", "slip"),
    [
        (200, "200 ms is the line at x = 5, the last request; the question asks about x = 6."),
        (198, "198 ms is the measured latency at x = 5; use the line at x = 6, not a data point."),
        (218, "218 = 198 + 20 starts from the last measurement; start from the line's own value."),
        (120, "120 = 20 × 6 leaves out the intercept: the 100 ms the line predicts at x = 0."),
        (126.0, "126 = 120 + 6 adds x instead of multiplying it by the slope."),
    ],
)
def test_predict_x6_names_each_slip(answer: float, slip: str) -> None:
    feedback = check_in_process(PREDICT, {"answer": answer})["feedback"]
    assert feedback == [LATENCY_OFF + f"received {answer:g}.", slip]


def test_predict_x6_feedback_for_other_answers() -> None:
    def feedback(answer: object) -> list[str]:
        return check_in_process(PREDICT, {"answer": answer})["feedback"]

    assert feedback(222) == [LATENCY_OFF + "received 222."]
    assert feedback("abc") == ["Enter a number, not text: you entered 'abc'."]
    assert feedback("x" * 50) == [f"Enter a number, not text: you entered {'x' * 40!r}."]
    assert feedback(True) == ["The predicted latency is the bool True, and a bool is not a "
                              "number. It should be a number of milliseconds."]
    assert feedback([220]) == ["The predicted latency has shape (1,), but it should be a "
                               "single number."]


@pytest.mark.parametrize("kind", ["missing", "none"])
def test_predict_x6_asks_for_a_number_when_the_answer_is_absent(kind: str) -> None:
    exercise = EXERCISES[PREDICT]
    got = {"error": None, "names": {"answer": {"type": kind}}, "calls": {}}
    plan = exercise.plan(0)
    assert exercise.judge(plan, got, got) == ["Enter a number of milliseconds."]


# --- no-intercept ------------------------------------------------------------------------------

NO_INTERCEPT = "no-intercept"
MSE_OFF = ("mse_forced is off by more than the tolerance (relative 1e-06, absolute 1e-09): "
           "expected 1820.98182, received {}.")
VERDICT = ("worse_than_intercept should be True, not False: the forced fit's MSE (about "
           "1820.98) is far above 2.8.")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("w_forced = w_full\n",
         ["w_forced has two weights: the intercept column is still there. Fit on x[:, None]."]),
        ("w_forced = w_full\nworse_than_intercept = False\n",
         ["w_forced has two weights: the intercept column is still there. Fit on x[:, None].",
          VERDICT]),
        ("mse_forced = 2.8\n",
         [MSE_OFF.format("2.8"),
          "2.8 is the MSE of the line with an intercept; use the forced fit."]),
        ("mse_forced = mse_forced * 5\n",
         [MSE_OFF.format("9104.90909"),
          "That is the sum of squared errors; divide by the 5 rows for the mean."]),
        ("mse_forced = round(mse_forced, 1)\n",
         [MSE_OFF.format("1821"), "Assign the computed value rather than a rounded one."]),
        ("mse_forced = round(mse_forced)\n",
         [MSE_OFF.format("1821"), "Assign the computed value rather than a rounded one."]),
        ("mse_forced = 1821.5\n", [MSE_OFF.format("1821.5")]),
        ("worse_than_intercept = False\n", [VERDICT]),
        ("w_forced = 'a'\nmse_forced = 'b'\nworse_than_intercept = 'True'\n",
         ["w_forced is the string 'a'. It should be one weight (a 1-element array or a number).",
          "mse_forced is the string 'b'. It should be a number.",
          "worse_than_intercept should be the bool True, but it is the string 'True'. Write "
          "True or False without quotes."]),
        ("mse_forced = np.array([1.0, 2.0])\n",
         ["mse_forced has shape (2,), but it should be a single number."]),
        ("w_forced = float(w_forced[0]) * 2\n",
         ["w_forced[0] is off by more than the tolerance (relative 1e-06, absolute 1e-09): "
          "expected 47.2727273, received 94.5454545."]),
    ],
    ids=["two-weights", "two-weights-and-verdict", "intercept-mse", "sum", "rounded-1",
         "rounded-0", "other", "verdict", "texts", "two-mses", "weight"],
)
def test_no_intercept_feedback_for_each_slip(extra: str, expected: list[str]) -> None:
    assert feedback_of(NO_INTERCEPT, solution(NO_INTERCEPT, extra=extra)) == expected


def test_no_intercept_takes_numbers_or_one_element_arrays_at_full_precision() -> None:
    assert passes(NO_INTERCEPT, solution(
        NO_INTERCEPT, extra="mse_forced = [mse_forced]\nw_forced = float(w_forced[0])\n"))
    assert passes(NO_INTERCEPT, solution(
        NO_INTERCEPT, extra="mse_forced = np.float64(mse_forced)\n"))
    # two decimals stay within the tolerance (1e-6 of 1820.98): rounding is named when it shows
    assert passes(NO_INTERCEPT, solution(NO_INTERCEPT, extra="mse_forced = round(mse_forced, 2)\n"))


# --- baseline-r2 -------------------------------------------------------------------------------

BASELINE = "baseline-r2"
R2_LINE = "    return float(1 - line_mse / mean_mse)"


def test_baseline_r2_plans_the_lesson_line_then_a_good_and_a_poor_prediction() -> None:
    rows, targets, noise = set(), [], []
    for calls in calls_of(BASELINE):
        assert list(calls) == ["lesson", "variant-good", "variant-poor"]
        lesson = calls["lesson"]
        assert lesson.label == "r2_score(y, pred) on the lesson data and the line 100 + 20x"
        assert value_of(lesson.args[0]).tolist() == LESSON_Y
        assert value_of(lesson.args[1]).tolist() == [120, 140, 160, 180, 200]
        y_new, good = (value_of(a) for a in calls["variant-good"].args)
        n = y_new.size
        rows.add(n)
        assert calls["variant-good"].label == f"r2_score(y, pred) on new data ({n} rows)"
        assert calls["variant-poor"].label == (
            f"r2_score(y, pred) on new data ({n} rows) worse than the mean")
        y_poor, poor = (value_of(a) for a in calls["variant-poor"].args)
        assert y_poor.tolist() == y_new.tolist()
        assert np.allclose(poor, np.round(y_new.mean() - 0.8 * (y_new - y_new.mean()), 1))
        assert {c.function for c in calls.values()} == {"r2_score"}
        targets += y_new.tolist()
        noise += (good - y_new).tolist()
        assert np.allclose(good, np.round(good, 1), rtol=0, atol=1e-9)
    assert rows == set(range(8, 15))
    spans(targets, 100.0, 300.0, 1)
    assert abs(np.mean(noise)) < 1.0
    assert 11.4 < np.std(noise) < 12.6


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (solution(BASELINE, extra="baseline_mse = 4014.0\n"),
         ["baseline_mse is off by more than the tolerance (relative 1e-06, absolute 1e-09): "
          "expected 802.8, received 4014.",
          "4014 is the sum of squared errors; divide by the 5 rows for the mean."]),
        (solution(BASELINE, extra="baseline_mse = 4000.0\n"),
         ["baseline_mse is off by more than the tolerance (relative 1e-06, absolute 1e-09): "
          "expected 802.8, received 4000."]),
        (solution(BASELINE, extra="r2 = 1 - r2\n"),
         ["r2 is off by more than the tolerance (relative 1e-06, absolute 1e-09): expected "
          "0.996512207, received 0.00348779273.",
          "That is MSE_line / MSE_baseline; R² is 1 minus that ratio."]),
        (solution(BASELINE, extra="r2 = 0.5\n"),
         ["r2 is off by more than the tolerance (relative 1e-06, absolute 1e-09): expected "
          "0.996512207, received 0.5."]),
        (solution(BASELINE, extra="r2 = 'x'\nbaseline_mse = 'y'\n"),
         ["baseline_mse is the string 'y'. It should be a number.",
          "r2 is the string 'x'. It should be a number."]),
        (solution(BASELINE, (R2_LINE, "    return float(line_mse / mean_mse)")),
         ["r2 is off by more than the tolerance (relative 1e-06, absolute 1e-09): expected "
          "0.996512207, received 0.00348779273.",
          "That is MSE_line / MSE_baseline; R² is 1 minus that ratio.",
          "For r2_score(y, pred) on the lesson data and the line 100 + 20x: the result is off "
          "by more than the tolerance (relative 1e-06, absolute 1e-09): expected 0.996512207, "
          "received 0.00348779273."]),
        (solution(BASELINE, extra="r2_score = 3\n"),
         ["r2_score should be a function, but it is the int 3."]),
        (solution(BASELINE, extra="r2_score = lambda y, pred: 'r'\n"),
         ["For r2_score(y, pred) on the lesson data and the line 100 + 20x: the result is the "
          "string 'r'. It should be a number."]),
        (solution(BASELINE, extra="def r2_score(y, pred):\n    raise ValueError('no')\n"),
         ["Calling r2_score(y, pred) on the lesson data and the line 100 + 20x raised "
          "ValueError: no (line 18)."]),
    ],
    ids=["sum", "other-mse", "ratio", "other-r2", "texts", "ratio-function", "not-function",
         "text-result", "raises"],
)
def test_baseline_r2_feedback_for_each_slip(code: str, expected: list[str]) -> None:
    assert feedback_of(BASELINE, code) == expected


@pytest.mark.parametrize(
    ("body", "received"),
    [("max(0.0, r)", "0"), ("abs(r)", "2.23996821")],
    ids=["clipped", "absolute"],
)
def test_baseline_r2_says_r2_is_negative_when_predictions_are_worse_than_the_mean(
    body: str, received: str,
) -> None:
    code = solution(
        BASELINE, (R2_LINE, f"    r = float(1 - line_mse / mean_mse)\n    return {body}"))
    assert feedback_of(BASELINE, code) == [
        "For r2_score(y, pred) on new data (13 rows) worse than the mean: the result is off by "
        "more than the tolerance (relative 1e-06, absolute 1e-09): expected -2.23996821, "
        f"received {received}.",
        "Here the predictions are worse than the mean: R² is negative.",
    ]


def test_baseline_r2_does_not_call_a_poor_result_negative_when_it_already_is() -> None:
    code = solution(BASELINE, (R2_LINE, "    r = float(1 - line_mse / mean_mse)\n"
                                        "    return r if r > 0 else 2 * r"))
    feedback = feedback_of(BASELINE, code)
    assert len(feedback) == 1
    assert feedback[0].startswith("For r2_score(y, pred) on new data (13 rows) worse than the "
                                  "mean: the result is off by more than the tolerance")


def test_baseline_r2_takes_numbers_or_one_element_arrays() -> None:
    assert passes(BASELINE, solution(
        BASELINE, extra="baseline_mse = [baseline_mse]\nr2 = np.array([r2])\n"))


# --- duplicate-columns -------------------------------------------------------------------------

DUPLICATE = "duplicate-columns"
SAME_LINE = (
    "Your weights [100, 20, 0] predict the same line as lstsq's, so they fit just as well, but "
    "they are not what lstsq returns. With a duplicated column infinitely many weight vectors "
    "fit equally well; lstsq picks the one with the smallest length, which splits the slope "
    "between x and 2x in the ratio 1 : 2. Assign the weights lstsq actually returns."
)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("X_bad = X_bad[:, :2]\nw_lstsq = w_lstsq[:2]\n",
         ["X_bad has shape (5, 2), but it should have shape (5, 3).",
          "w_lstsq has 2 weights: that is the fit without the duplicate column. Fit "
          "np.linalg.lstsq on X_bad, which has 3 columns."]),
        ("X_bad = 'x'\nw_lstsq = 'w'\n",
         ["X_bad is the string 'x'. It should be a 5 x 3 NumPy array.",
          "w_lstsq is the string 'w'. It should be a 1-D array of 3 weights."]),
        ("w_lstsq = np.array([100.0, 20.0, 0.0])\n",
         ["w_lstsq[1] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 4, received 20. 1 more of its 3 values differ too.", SAME_LINE]),
        ("w_lstsq = np.array([100.0, 20.0, 0.1])\n",
         ["w_lstsq[1] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 4, received 20. 1 more of its 3 values differ too."]),
        ("rank = 3\nnormal_equation_singular = False\n",
         ["normal_equation_singular should be True, not False: X_bad.T @ X_bad has rank 2 but "
          "size 3 x 3, so it cannot be inverted and the normal equation has infinitely many "
          "solutions.",
          "rank is wrong: expected 2, received 3.",
          "X_bad has 3 columns, but one is twice another: only 2 are independent."]),
        ("rank = 1\n", ["rank is wrong: expected 2, received 1."]),
        ("rank = 2.0\n", ["rank should be an integer, but it is the float 2. Convert it with "
                          "int(...)."]),
        ("X_bad = X_bad * 2\n",
         ["X_bad[0, 0] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 1, received 2. 14 more of its 15 values differ too."]),
    ],
    ids=["two-columns", "texts", "hand-picked", "other-weights", "rank-three", "rank-one",
         "rank-float", "x-bad"],
)
def test_duplicate_columns_feedback_for_each_slip(extra: str, expected: list[str]) -> None:
    assert feedback_of(DUPLICATE, solution(DUPLICATE, extra=extra)) == expected


# --- held-out and outlier-refit ----------------------------------------------------------------

HELD_OUT = "held-out"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("w_train = np.array([100.0, 20.0])\n",
         ["w_train[0] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 98, received 100. 1 more of its 2 values differ too.",
          "[100, 20] is the fit on all five rows: the held-out row leaked into training."]),
        ("w_train = np.array([100.0, 21.0])\n",
         ["w_train[0] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 98, received 100."]),
        ("w_train = 'w'\n",
         ["w_train is the string 'w'. It should be [intercept, slope], a 1-D array."]),
        ("test_prediction = 200.0\n",
         ["test_prediction[0] is off by more than the tolerance (relative 1e-06, absolute "
          "1e-06): expected 203, received 200.",
          "200 comes from the line fitted on all five rows."]),
        ("test_squared_error = 5.0\n",
         ["test_squared_error is off by more than the tolerance (relative 1e-06, absolute "
          "1e-06): expected 25, received 5.", "5 is the error itself; square it."]),
        ("test_squared_error = -5.0000004\n",
         ["test_squared_error is off by more than the tolerance (relative 1e-06, absolute "
          "1e-06): expected 25, received -5.0000004.", "-5 is the error itself; square it."]),
        ("test_squared_error = 'e'\ntest_prediction = 'p'\n",
         ["test_prediction is the string 'p'. It should be a number.",
          "test_squared_error is the string 'e'. It should be a number."]),
    ],
    ids=["leaked", "other-weights", "text-weights", "all-rows-prediction", "error",
         "negative-error", "texts"],
)
def test_held_out_feedback_for_each_slip(extra: str, expected: list[str]) -> None:
    assert feedback_of(HELD_OUT, solution(HELD_OUT, extra=extra)) == expected


OUTLIER = "outlier-refit"
OLD_FIT = ("w_new[0] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
           "expected 83.2, received 100. 1 more of its 2 values differ too.")


@pytest.mark.parametrize(
    ("swaps", "extra", "expected"),
    [
        ((("y_new[-1] = 240.0", "pass"),), "",
         ["y_new[4] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 240, received 198.",
          "The last target of y_new is still 198: change it to 240.",
          OLD_FIT, "[100, 20] is the fit before the change: refit on y_new, not on y.",
          "slope_rises should be True, not False: the refitted slope is 28.4 ms per hundred "
          "tokens, up from 20."]),
        ((), "y_new = [118.0, 141.0, 162.0, 181.0, 241.0]\n",
         ["y_new[4] is off by more than the tolerance (relative 1e-06, absolute 1e-06): "
          "expected 240, received 241."]),
        ((), "w_new = np.array([100.0, 20.0])\n",
         [OLD_FIT, "[100, 20] is the fit before the change: refit on y_new, not on y."]),
        ((), "slope_rises = 1\n", ["slope_rises should be the bool True, but it is the int 1."]),
        ((), "y_new = 'y'\nw_new = 'w'\n",
         ["y_new is the string 'y'. It should be an array of the 5 targets.",
          "w_new is the string 'w'. It should be [intercept, slope], a 1-D array."]),
    ],
    ids=["unchanged", "other-target", "old-fit", "int-verdict", "texts"],
)
def test_outlier_refit_feedback_for_each_slip(
    swaps: tuple, extra: str, expected: list[str],
) -> None:
    assert feedback_of(OUTLIER, solution(OUTLIER, *swaps, extra=extra)) == expected


# --- first-gradient-step -----------------------------------------------------------------------

STEP = "first-gradient-step"
GRADIENT = "    gradient = (2 / len(X)) * X.T @ error"
RETURN = "    return gradient, w - lr * gradient"
LESSON_CALL = "For gradient_step(X, y, w, 0.05) on the lesson data: "
TOL = "is off by more than the tolerance (relative 1e-06, absolute 1e-09): "


def test_first_gradient_step_plans_the_lesson_step_then_two_drawn_problems() -> None:
    rows, columns, inputs, starts, rates, targets = set(), set(), [], [], set(), []
    for calls in calls_of(STEP):
        assert list(calls) == ["lesson", "variant-1", "variant-2"]
        X, y, w, lr = (value_of(a) for a in calls["lesson"].args)
        assert X.tolist() == [[1.0, v] for v in LESSON_X]
        assert (y.tolist(), w.tolist(), lr) == (LESSON_Y, [0.0, 0.0], 0.05)
        assert calls["lesson"].label == "gradient_step(X, y, w, 0.05) on the lesson data"
        for key in ("variant-1", "variant-2"):
            X, y, w, lr = (value_of(a) for a in calls[key].args)
            rows.add(X.shape[0])
            columns.add(X.shape[1])
            assert np.all(X[:, 0] == 1.0)
            inputs += X[:, 1:].ravel().tolist()
            starts += w.tolist()
            assert w.shape == (X.shape[1],)
            assert y.shape == (X.shape[0],)
            assert np.allclose(y, np.round(y, 1), rtol=0, atol=1e-9)
            targets += y.tolist()
            rates.add(lr)
            assert calls[key].label == (
                f"gradient_step(X, y, w, {lr:g}) on new data (X is {X.shape[0]} x {X.shape[1]})")
    assert rows == set(range(6, 11))
    assert columns == {2, 3}
    assert rates == {0.001, 0.01, 0.02}
    spans(inputs, 0.5, 6.0, 1)
    spans(starts, -20.0, 60.0, 2)
    assert not np.allclose(targets, np.round(targets), rtol=0, atol=1e-9)  # one decimal kept


@pytest.mark.parametrize(
    ("swaps", "extra", "expected"),
    [
        (((GRADIENT, "    gradient = -(2 / len(X)) * X.T @ error"),), "",
         ["gradient[0] " + TOL + "expected -320, received 320. 1 more of its 2 values differ "
          "too.",
          "The sign is flipped: the error is prediction minus target, X @ w - y.",
          "w_next[0] " + TOL + "expected 16, received -16. 1 more of its 2 values differ too.",
          LESSON_CALL + "gradient[0] " + TOL + "expected -320, received 320. 1 more of its 2 "
          "values differ too.",
          "The sign is flipped: the error is prediction minus target, X @ w - y."]),
        (((GRADIENT, "    gradient = (1 / len(X)) * X.T @ error"),), "",
         ["gradient[0] " + TOL + "expected -320, received -160. 1 more of its 2 values differ "
          "too.",
          "It is half the right size: the derivative of a square brings down a factor 2.",
          "w_next[0] " + TOL + "expected 16, received 8. 1 more of its 2 values differ too.",
          LESSON_CALL + "gradient[0] " + TOL + "expected -320, received -160. 1 more of its 2 "
          "values differ too.",
          "It is half the right size: the derivative of a square brings down a factor 2."]),
        (((GRADIENT, "    gradient = X.T @ error"),), "",
         ["gradient[0] " + TOL + "expected -320, received -800. 1 more of its 2 values differ "
          "too.",
          "It is n / 2 times too large: multiply X.T @ error by 2 / n, not by 1.",
          "w_next[0] " + TOL + "expected 16, received 40. 1 more of its 2 values differ too.",
          LESSON_CALL + "gradient[0] " + TOL + "expected -320, received -800. 1 more of its 2 "
          "values differ too.",
          "It is n / 2 times too large: multiply X.T @ error by 2 / n, not by 1."]),
        (((GRADIENT, "    gradient = 2 * X.T @ error"),), "",
         ["gradient[0] " + TOL + "expected -320, received -1600. 1 more of its 2 values differ "
          "too.",
          "It is n times too large: divide by the number of rows to average.",
          "w_next[0] " + TOL + "expected 16, received 80. 1 more of its 2 values differ too.",
          LESSON_CALL + "gradient[0] " + TOL + "expected -320, received -1600. 1 more of its 2 "
          "values differ too.",
          "It is n times too large: divide by the number of rows to average."]),
        (((RETURN, "    return gradient, w + lr * gradient"),), "",
         ["w_next[0] " + TOL + "expected 16, received -16. 1 more of its 2 values differ too.",
          LESSON_CALL + "w_next[0] " + TOL + "expected 16, received -16. 1 more of its 2 values "
          "differ too."]),
        ((), "gradient = 'g'\nw_next = [1.0]\n",
         ["gradient is the string 'g'. It should be a 1-D array.",
          "w_next has 1 values, but it should have 2."]),
        ((), "gradient_step = None\n", ["gradient_step should be a function, but it is None."]),
        (((RETURN, "    return gradient"),), "gradient, w_next = [-320.0, -1040.0], [16.0, 52.0]\n",
         ["gradient_step(X, y, w, 0.05) on the lesson data should return 2 values (gradient "
          "and w_next), but it returned a NumPy array with shape (2,)."]),
        (((GRADIENT, "    raise ValueError('boom')"),
          ("gradient, w_next = gradient_step(X, y, np.zeros(2), 0.05)",
           "gradient, w_next = [-320.0, -1040.0], [16.0, 52.0]")), "",
         ["Calling gradient_step(X, y, w, 0.05) on the lesson data raised ValueError: boom "
          "(line 10)."]),
        (((RETURN, "    return 'g', w - lr * gradient"),),
         "gradient, w_next = [-320.0, -1040.0], [16.0, 52.0]\n",
         [LESSON_CALL + "gradient is the string 'g'. It should be a 1-D array."]),
    ],
    ids=["sign", "half", "n-over-2", "n-times", "ascent", "texts", "not-function", "one-value",
         "raises", "text-gradient"],
)
def test_first_gradient_step_feedback_for_each_slip(
    swaps: tuple, extra: str, expected: list[str],
) -> None:
    assert feedback_of(STEP, solution(STEP, *swaps, extra=extra)) == expected


def test_first_gradient_step_names_a_slip_by_the_drawn_number_of_rows() -> None:
    # On new data with n rows, X.T @ error alone is n / 2 times too large.
    code = solution(STEP, (GRADIENT, "    gradient = (2 / len(X) if len(X) == 5 else 1) "
                                     "* X.T @ error"))
    feedback = feedback_of(STEP, code)
    assert len(feedback) == 2
    assert " on new data (X is 6 x 3): gradient[0] is off by more" in feedback[0]
    assert feedback[1] == "It is n / 2 times too large: multiply X.T @ error by 2 / n, not by 1."
    unknown = solution(STEP, (GRADIENT, "    gradient = (2 / len(X) if len(X) == 5 else 4) "
                                        "* X.T @ error"))
    assert len(feedback_of(STEP, unknown)) == 1


# --- lr-divergence -----------------------------------------------------------------------------

DIVERGENCE = "lr-divergence"
RETURN_RUN = "    return w, losses"
SLOW = "For gradient_descent(X, y, 0.05, 10) on the lesson data: "
WHY = ("diverges should be True, not False: with lr = 0.2 each recorded loss is about fourteen "
       "times the one before (26402.8, 349474.8, 4852473.8, ...), so training diverges.")


def _largest_stable_rate(X: np.ndarray) -> float:
    """2 / (largest eigenvalue of the MSE's Hessian (2 / n) X^T X), from the lesson's theory."""
    return 2.0 / float(np.linalg.eigvalsh((2.0 / len(X)) * X.T @ X).max())


def test_lr_divergence_plans_two_lesson_runs_then_a_stable_and_an_unstable_one() -> None:
    stable_steps, unstable_steps = set(), set()
    for calls in calls_of(DIVERGENCE):
        assert list(calls) == ["lesson-slow", "lesson-fast", "variant-stable", "variant-unstable"]
        for key, lr, steps in (("lesson-slow", 0.05, 10), ("lesson-fast", 0.2, 5)):
            X, y, got_lr, got_steps = (value_of(a) for a in calls[key].args)
            assert X.tolist() == [[1.0, v] for v in LESSON_X]
            assert (y.tolist(), got_lr, got_steps) == (LESSON_Y, lr, steps)
            assert calls[key].label == f"gradient_descent(X, y, {lr:g}, {steps}) on the lesson data"
        for key, fraction, seen in (("variant-stable", 0.5, stable_steps),
                                    ("variant-unstable", 1.3, unstable_steps)):
            X, y, lr, steps = (value_of(a) for a in calls[key].args)
            assert calls[key].args[3]["type"] == "int"
            seen.add(steps)
            assert lr == pytest.approx(fraction * _largest_stable_rate(X), rel=5e-3)
            assert calls[key].label == (
                f"gradient_descent(X, y, {lr:g}, {steps}) on new data "
                f"(X is {X.shape[0]} x {X.shape[1]})")
    assert stable_steps == set(range(6, 11))
    assert unstable_steps == {4, 5, 6}


@pytest.mark.parametrize(
    ("swaps", "extra", "expected"),
    [
        (((RETURN_RUN, "    return w, losses + [0.0]"),), "diverges = True\n",
         [SLOW + "losses has one entry too many: record exactly one loss per step."]),
        (((RETURN_RUN, "    return w, losses[1:] + [0.0]"),), "diverges = True\n",
         [SLOW + "losses[0] is 2194.8, the loss after the first update. Record the loss before "
          "updating, so losses[0] is the loss at w = 0 (26402.8)."]),
        (((RETURN_RUN, "    return w, losses[:-1]"),), "",
         [SLOW + "losses has 9 values, but it should have 10."]),
        (((RETURN_RUN, "    return w * 2, losses"),), "",
         [SLOW + "w[0] is off by more than the tolerance (relative 1e-06, absolute 1e-09): "
          "expected 26.0220484, received 52.0440969. 1 more of its 2 values differ too."]),
        (((RETURN_RUN, "    return 'w', losses"),), "",
         [SLOW + "w is the string 'w'. It should be a 1-D array with one weight per column of "
          "X."]),
        (((RETURN_RUN, "    return w, 'l'"),
          ("w_fast, losses_fast = gradient_descent(X, y, 0.2, 5)", "losses_fast = [1, 2]")), "",
         [SLOW + "losses is the string 'l'. It should be a list of numbers, one per step."]),
        (((RETURN_RUN, "    return w"),
          ("w_fast, losses_fast = gradient_descent(X, y, 0.2, 5)", "losses_fast = [1, 2]")), "",
         ["gradient_descent(X, y, 0.05, 10) on the lesson data should return 2 values (w and "
          "losses), but it returned a NumPy array with shape (2,)."]),
        (((RETURN_RUN, "    return (w, losses) if lr == 0.05 else (w, [v * 2 for v in losses])"),),
         "",
         ["For gradient_descent(X, y, 0.2, 5) on the lesson data: losses[0] is off by more than "
          "the tolerance (relative 1e-06, absolute 1e-09): expected 26402.8, received 52805.6. "
          "4 more of its 5 values differ too."]),
        (((RETURN_RUN, "    return w, losses"),), "diverges = False\n", [WHY]),
        ((), "diverges = 'True'\n",
         ["diverges should be the bool True, but it is the string 'True'. Write True or False "
          "without quotes."]),
        ((), "gradient_descent = 1\n",
         ["gradient_descent should be a function, but it is the int 1."]),
        ((("    n = len(X)", "    raise ValueError('no')"),
          ("w_fast, losses_fast = gradient_descent(X, y, 0.2, 5)", "losses_fast = [1, 2]")), "",
         ["Calling gradient_descent(X, y, 0.05, 10) on the lesson data raised ValueError: no "
          "(line 9)."]),
    ],
    ids=["one-too-many", "after-update", "too-few", "weights", "text-weights", "text-losses",
         "one-value", "fast-run", "verdict", "text-verdict", "not-function", "raises"],
)
def test_lr_divergence_feedback_for_each_slip(
    swaps: tuple, extra: str, expected: list[str],
) -> None:
    assert feedback_of(DIVERGENCE, solution(DIVERGENCE, *swaps, extra=extra)) == expected


def test_lr_divergence_blames_fixed_values_only_when_the_lesson_runs_are_right() -> None:
    code = solution(DIVERGENCE, (RETURN_RUN, "    return (w, losses) if len(X) == 5 else "
                                             "(w, [v * 2 for v in losses])"))
    feedback = feedback_of(DIVERGENCE, code)
    assert feedback[0].startswith("For gradient_descent(X, y, ")
    assert " on new data (X is " in feedback[0]
    assert feedback[1:] == [
        "It works on the lesson data but not on new data: make sure the function uses its own "
        "arguments X, y, lr and steps, not fixed values."]


def test_any_integer_seed_gives_variant_data_and_seeds_wrap_at_two_to_the_63() -> None:
    exercise = EXERCISES[STEP]
    assert exercise.plan(-1).calls == exercise.plan(2**63 - 1).calls
    assert exercise.plan(2**63 + 5).calls == exercise.plan(5).calls
    assert exercise.plan(2**62 + 5).calls != exercise.plan(5).calls  # below 2**63: all distinct
    assert exercise.plan(5).calls != exercise.plan(6).calls


def test_the_drawn_learning_rates_are_quoted_with_three_significant_digits() -> None:
    rates = []
    for calls in calls_of(DIVERGENCE, range(100)):
        for key in ("variant-stable", "variant-unstable"):
            rates.append(value_of(calls[key].args[2]))
    assert all(float(f"{lr:.3g}") == lr for lr in rates)
    assert sum(float(f"{lr:.2g}") != lr for lr in rates) > 50  # not fewer digits either
