"""Chapter two's key figures, read from the outputs the build printed into the pages.

Every claim the text makes about a number is pinned here against the built site, so a change of
seed, solver or library version that silently changes a figure fails loudly.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path

import pytest

from tests.support.site_html import block_data, expected_outputs

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def page(built_site: Path, name: str) -> Path:
    """Return the built HTML file of chapter two's page `name` (`index`: the front page)."""
    folder = built_site / "glm" if name == "index" else built_site / "glm" / name
    return folder / "index.html"


def outputs(built_site: Path, name: str) -> dict[str, str]:
    """Map block id to printed output for one chapter-two page."""
    return expected_outputs(page(built_site, name))


def numbers(text: str) -> list[float]:
    """Return every number in `text`, in order (these lines use no thousands separators)."""
    return [float(token) for token in _NUMBER.findall(text)]


def line_starting(output: str, prefix: str) -> str:
    """Return the one line of `output` whose stripped text starts with `prefix`."""
    found = [line for line in output.splitlines() if line.strip().startswith(prefix)]
    assert len(found) == 1, f"expected one line starting with {prefix!r}, got {found}"
    return found[0]


def row_values(output: str, prefix: str) -> list[float]:
    """Return the numbers on the line that starts with `prefix`, skipping the prefix itself."""
    line = line_starting(output, prefix).strip()
    return numbers(line[len(prefix) :])


def test_from_scratch_logistic_coefficients_match_unpenalised_sklearn(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["escalation-sklearn"]
    ours, sklearn = row_values(out, "ours"), row_values(out, "sklearn")
    assert len(ours) == len(sklearn) == 4
    assert max(abs(a - b) for a, b in zip(ours, sklearn, strict=True)) < 1e-3
    assert ours == pytest.approx([-3.061, -1.370, 0.244, 0.846], abs=2e-3)
    assert "below 1e-3: True" in out
    assert "our probabilities and sklearn's differ by less than 1e-4 on every row: True" in out


def test_logistic_gradient_descent_converges_and_reports_the_loss(built_site: Path) -> None:
    blocks = outputs(built_site, "logistic-regression")
    trained = blocks["escalation-gd"]
    assert row_values(trained, "step   0") == pytest.approx([0.6931])  # log 2 at w = 0
    assert row_values(trained, "step 500") == pytest.approx([0.5121], abs=1e-4)
    assert "below 1e-8: True" in trained
    assert "agree to 1e-7: True" in blocks["escalation-gradient"]


def test_odds_ratio_of_a_failed_attempt_is_about_2_3(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["escalation-odds"]
    assert row_values(out, "failed:") == pytest.approx([2.33], abs=0.01)
    assert row_values(out, "stuck:")[-1] == pytest.approx(0.933, abs=1e-3)


def test_stable_sigmoid_and_log_loss_survive_extreme_logits(built_site: Path) -> None:
    blocks = outputs(built_site, "logistic-regression")
    sigmoid = blocks["stable-sigmoid"]
    assert "nan" in line_starting(sigmoid, "naive b")
    assert "nan" not in line_starting(sigmoid, "stable")
    losses = blocks["stable-log-loss"]
    assert "inf" in line_starting(losses, "naive")
    assert row_values(losses, "logits") == pytest.approx([13.4801], abs=1e-4)
    assert row_values(losses, "clipped")[0] < row_values(losses, "logits")[0]


def test_poisson_regression_matches_sklearn_poisson_regressor(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["retry-poisson"]
    ours, sklearn = row_values(out, "ours"), row_values(out, "sklearn")
    truth = row_values(out, "truth")
    assert len(ours) == len(sklearn) == 3
    assert max(abs(a - b) for a, b in zip(ours, sklearn, strict=True)) < 1e-3
    assert max(abs(a - b) for a, b in zip(ours, truth, strict=True)) < 0.05
    assert "below 1e-3: True" in out


def test_vifs_are_low_until_a_near_duplicate_column_is_added(built_site: Path) -> None:
    out = outputs(built_site, "multiple-regression")["vif"]
    before, after = out.split("with 'items surfaced' added:")
    healthy = [
        row_values(before, f"VIF {name:>5}")[0] for name in ("turns", "recs", "prime", "cart")
    ]
    assert healthy == pytest.approx([1.78, 2.27, 1.03, 1.48], abs=0.01)
    inflated = [row_values(after, f"VIF {name:>5}")[0] for name in ("recs", "cart", "items")]
    assert min(inflated) > 10


def test_hand_made_diagnostics_equal_statsmodels(built_site: Path) -> None:
    blocks = outputs(built_site, "multiple-regression")
    table = blocks["robust-se"]
    rows = [row_values(table, name) for name in ("intercept", "turns", "recs", "prime", "cart")]
    ours_classic, ours_hc3 = [row[1] for row in rows], [row[2] for row in rows]
    statsmodels = blocks["statsmodels-check"]
    assert row_values(statsmodels, "HC3") == pytest.approx(ours_hc3, abs=1e-3)
    assert row_values(statsmodels, "classic") == pytest.approx(ours_classic, abs=1e-3)
    assert row_values(statsmodels, "VIF") == pytest.approx([1.78, 2.27, 1.03, 1.48], abs=0.01)
    assert "matches the NumPy versions above: True" in statsmodels

    bp = blocks["breusch-pagan"]
    ours_lm = numbers(line_starting(bp, "LM statistic"))[0]
    sm_lm = numbers(line_starting(statsmodels, "Breusch-Pagan LM"))[0]
    assert ours_lm == pytest.approx(sm_lm, abs=0.01)
    assert ours_lm == pytest.approx(35.19, abs=0.01)
    assert "rejected at 5%: True" in bp


def test_hc3_standard_error_of_cart_clicks_is_much_larger_than_classical(built_site: Path) -> None:
    table = outputs(built_site, "multiple-regression")["robust-se"]
    estimate, classic, hc3, ratio = row_values(table, "cart")
    assert estimate == pytest.approx(7.709, abs=1e-3)
    assert hc3 > 1.5 * classic
    assert ratio == pytest.approx(1.77, abs=0.01)


BUILD_ONLY = {"statsmodels-check", "cost-summary"}


def test_statsmodels_blocks_are_marked_build_only_and_no_other_block_is(built_site: Path) -> None:
    for name in (
        "index",
        "simple-regression",
        "multiple-regression",
        "glm-family",
        "logistic-regression",
        "softmax",
        "regularization",
        "optimization",
    ):
        for block_id, data in block_data(page(built_site, name)).items():
            expected = block_id in BUILD_ONLY
            assert bool(data["buildOnly"]) is expected, f"{name}: {block_id}"
            if expected:
                assert "import statsmodels" in data["code"], block_id


def test_simple_regression_recovers_its_generating_slopes(built_site: Path) -> None:
    blocks = outputs(built_site, "simple-regression")
    slope, se, truth = row_values(blocks["cost-fit"], "slope")
    assert abs(slope - truth) < 2 * se
    trend = blocks["latency-trend"]
    slope, se, truth = row_values(trend, "slope")
    assert slope == pytest.approx(3.31)
    assert truth == 3.2
    assert abs(slope - truth) < 2 * se
    low, high = numbers(line_starting(trend, "95% CI"))[1:3]
    assert 0 < low < truth < high
    assert "drift signal: True" in trend
    assert "drift signal: False" in blocks["latency-control"]


def test_canonical_links_share_one_gradient(built_site: Path) -> None:
    out = outputs(built_site, "glm-family")["canonical-gradient"]
    assert out.count("matches finite differences: True") == 3


def test_softmax_intent_classifier_and_head_on_encoded_features(built_site: Path) -> None:
    blocks = outputs(built_site, "softmax")
    train = blocks["intent-train"]
    assert row_values(train, "step   0") == pytest.approx([2.0794])  # log 8
    train_acc, test_acc = numbers(line_starting(train, "train accuracy"))
    assert test_acc > 0.7
    assert abs(train_acc - test_acc) < 0.05
    head = blocks["classifier-head"]
    raw = numbers(line_starting(head, "head on raw x"))[-1]
    encoded = numbers(line_starting(head, "head on encoded h"))[-1]
    assert encoded > raw + 0.3
    assert "6152 parameters" in head


def test_ridge_closed_form_matches_sklearn_and_helps_on_held_out_data(built_site: Path) -> None:
    out = outputs(built_site, "regularization")["ridge-closed-form"]
    mse = {row[0]: row[-1] for row in (numbers(line) for line in out.splitlines()[1:5])}
    assert mse[0.0] == pytest.approx(1.476, abs=1e-3)
    assert mse[5.0] == pytest.approx(1.205, abs=1e-3)
    assert mse[5.0] < mse[0.0]
    assert mse[50.0] > mse[5.0]
    assert "matches the closed form at every lambda: True" in out


def test_lasso_coordinate_descent_matches_sklearn_and_selects_the_true_signals(
    built_site: Path,
) -> None:
    out = outputs(built_site, "regularization")["lasso-cd"]
    assert out.count("below 1e-6: True") == 3
    assert "alpha 0.20: nonzero [0, 3, 7, 12]" in out
    assert numbers(line_starting(out, "smallest alpha"))[-1] == pytest.approx(1.598, abs=1e-3)
    assert "all zero there: True" in out
    path = outputs(built_site, "regularization")["lasso-path"]
    assert sorted(numbers(line_starting(path, "order of entry"))[:4]) == [0, 3, 7, 12]


def test_adam_beats_gradient_descent_on_the_ill_conditioned_problem(built_site: Path) -> None:
    out = outputs(built_site, "optimization")["gd-vs-adam"]
    assert numbers(line_starting(out, "curvatures"))[-1] > 1000
    gd_gap, adam_gap = row_values(out, "499")
    assert gd_gap > 0.5
    assert adam_gap == 0.0
    gd_at_100, adam_at_100 = row_values(out, "100")
    assert adam_at_100 <= 1e-4 < gd_at_100
    assert "Adam ends closer to the optimum: True" in out


def test_bias_correction_and_warmup_schedule(built_site: Path) -> None:
    blocks = outputs(built_site, "optimization")
    corrected = blocks["adam-bias-correction"]
    assert row_values(corrected, "1 ") == pytest.approx([3.162, 1.0])
    assert all(row[-1] == 1.0 for row in map(numbers, corrected.splitlines()[1:]))
    schedule = blocks["warmup-decay"]
    assert row_values(schedule, "step    500") == pytest.approx([2.0e-05])
    assert row_values(schedule, "step      0")[-1] == 0.0
    assert row_values(schedule, "step  10000")[-1] == 0.0
    assert "peak reached at step 500" in schedule
    assert "identity first layer reproduces it: True" in blocks["two-layer-forward"]


@pytest.mark.parametrize(
    ("name", "block_id"),
    [
        ("simple-regression", "latency-plot"),
        ("multiple-regression", "residuals-vs-fitted"),
        ("multiple-regression", "qq-plot"),
        ("logistic-regression", "escalation-roc-pr"),
        ("logistic-regression", "escalation-calibration"),
        ("regularization", "ridge-path"),
        ("regularization", "lasso-path"),
        ("regularization", "penalty-geometry"),
        ("optimization", "gd-vs-adam"),
        ("optimization", "adam-rotated"),
        ("optimization", "warmup-decay"),
    ],
    ids=[
        "latency-trend",
        "residuals-vs-fitted",
        "qq-plot",
        "roc-and-pr-curves",
        "reliability-diagram",
        "ridge-paths",
        "lasso-paths",
        "ridge-lasso-geometry",
        "loss-curves",
        "rotated-valley",
        "warmup-schedule",
    ],
)
def test_the_chapter_draws_its_pictures(built_site: Path, name: str, block_id: str) -> None:
    assert block_data(page(built_site, name))[block_id]["figures"] == 1


def run_block_variant(built_site: Path, name: str, block_id: str, old: str, new: str) -> str:
    """Run a block's code as the page shows it, with `old` replaced by `new`; return its output.

    This is how a test checks what a Try-this claims will happen when the learner edits a block.
    """
    code = block_data(page(built_site, name))[block_id]["code"]
    assert old in code, f"{block_id} no longer contains {old!r}"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace(old, new), block_id, "exec"), {})
    return printed.getvalue()


def test_statsmodels_summary_prints_the_hand_made_cost_fit(built_site: Path) -> None:
    blocks = outputs(built_site, "simple-regression")
    slope, se, _ = row_values(blocks["cost-fit"], "slope")
    r2 = numbers(line_starting(blocks["cost-fit"], "residual sd"))[-1]
    report = blocks["cost-summary"]
    coef, std_err, t_value, _, low, high = row_values(report, "per 100 tok")
    assert coef == pytest.approx(100 * slope, abs=1e-4)
    assert std_err == pytest.approx(100 * se, abs=1e-3)
    assert t_value == pytest.approx(coef / std_err, rel=0.03)  # std err is printed rounded
    assert (low, high) == pytest.approx((0.413, 0.471), abs=1e-3)
    assert re.search(r"R-squared:\s+([\d.]+)", report)[1] == f"{r2:.3f}"
    assert re.search(r"Df Residuals:\s+(\d+)", report)[1] == "148"
    for clock in ("Date:", "Time:"):  # the build's clock would change the page at every build
        assert "(hidden)" in line_starting(report, clock)


def test_holding_the_others_fixed_is_the_frisch_waugh_slope(built_site: Path) -> None:
    out = outputs(built_site, "multiple-regression")["holding-fixed"]
    simple = numbers(line_starting(out, "simple regression"))[0]
    multiple = numbers(line_starting(out, "multiple regression"))[0]
    regressed_out = numbers(line_starting(out, "slope of revenue on recs"))[0]
    assert simple == pytest.approx(3.151, abs=1e-3)
    assert multiple == pytest.approx(1.109, abs=1e-3)
    assert regressed_out == multiple
    assert simple > 2.5 * multiple


def test_correlation_matrix_and_qq_plot_beside_the_assumptions(built_site: Path) -> None:
    blocks = outputs(built_site, "multiple-regression")
    header, *lines = blocks["correlations"].splitlines()
    assert header.split() == ["turns", "recs", "prime", "cart"]
    corr = [numbers(line) for line in lines]
    assert [line.split()[0] for line in lines] == header.split()
    assert all(corr[i][i] == 1.0 for i in range(4))
    assert all(corr[i][j] == corr[j][i] for i in range(4) for j in range(4))
    assert corr[0][1] == pytest.approx(0.66)
    assert corr[1][3] == pytest.approx(0.55)
    qq = blocks["qq-plot"]
    largest, normal_largest = numbers(line_starting(qq, "largest residual"))[0::2]
    assert largest == pytest.approx(8.13, abs=0.01)
    assert normal_largest == pytest.approx(3.02, abs=0.01)


def test_confusion_matrices_trade_recall_for_precision(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["escalation-thresholds"]
    assert "1000 new conversations, 342 of them escalated" in out
    rows = [row_values(out, f"{threshold:.2f}") for threshold in (0.2, 0.35, 0.5, 0.7)]
    for tp, fp, fn, tn, recall, precision, fp_rate in rows:
        assert tp + fn == 342
        assert tp + fp + fn + tn == 1000
        assert recall == pytest.approx(tp / (tp + fn), abs=5e-4)
        assert precision == pytest.approx(tp / (tp + fp), abs=5e-4)
        assert fp_rate == pytest.approx(fp / (fp + tn), abs=5e-4)
    recalls, precisions = [row[4] for row in rows], [row[5] for row in rows]
    assert recalls == sorted(recalls, reverse=True)
    assert precisions == sorted(precisions)
    assert rows[2][:4] == [163, 49, 179, 609]
    assert rows[0][4] == pytest.approx(0.909)
    assert rows[0][1] == 318
    assert "every matrix equals sklearn's confusion_matrix: True" in out


def test_roc_and_pr_areas_by_hand_equal_sklearns(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["escalation-roc-pr"]
    ours, sklearn = numbers(line_starting(out, "ROC AUC"))
    assert ours == sklearn == pytest.approx(0.828, abs=1e-3)
    assert numbers(line_starting(out, "P(random escalated"))[-1] == ours
    ap, ap_sklearn = numbers(line_starting(out, "average precision"))
    assert ap == ap_sklearn == pytest.approx(0.7158, abs=1e-4)
    assert ap > numbers(line_starting(out, "escalation rate"))[0]


def test_reliability_table_matches_calibration_curve(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["escalation-calibration"]
    assert "same bins as sklearn's calibration_curve: True" in out
    rows = [numbers(line) for line in out.splitlines() if line[:1].isdigit()]
    assert len(rows) == 10
    assert sum(int(row[2]) for row in rows) == 1000
    middle = next(row for row in rows if row[0] == 0.5)
    assert middle[3:5] == [0.552, 0.737]
    assert all(row[-1] > row[3] for row in rows)  # the truth is above the model
    above = [row for row in rows if row[0] >= 0.2 and row[4] > row[3]]
    assert len(above) == 6
    brier, constant = numbers(line_starting(out, "Brier score"))
    assert brier == pytest.approx(0.1591)
    assert constant == pytest.approx(0.2250)


def test_click_model_ranks_well_though_no_probability_reaches_one_half(built_site: Path) -> None:
    out = outputs(built_site, "logistic-regression")["click-model"]
    for name in ("similarity", "price match", "prime"):
        estimate, truth, _ = row_values(out, name)
        assert abs(estimate - truth) < 0.1
    assert row_values(out, "prime")[-1] == pytest.approx(1.95)
    assert row_values(out, "price match")[-1] == pytest.approx(2.36)
    assert numbers(line_starting(out, "on 2,000 new"))[-1] < 0.5
    accuracies = numbers(line_starting(out, "accuracy of 'never clicks'"))
    constant, model = accuracies[0], accuracies[-1]
    assert constant == model == 0.88
    auc, ap, base = numbers(line_starting(out, "ROC AUC"))
    assert (auc, ap, base) == (0.758, 0.305, 0.12)
    top = numbers(line_starting(out, "click rate among"))[-1]
    assert top == 0.43
    assert top > 3 * base


def test_overflow_limits_of_float16_float32_and_low_temperatures(built_site: Path) -> None:
    out = outputs(built_site, "softmax")["overflow-limits"]
    limits = [numbers(line_starting(out, f"{name}:"))[-1] for name in ("float16", "float32")]
    assert limits == [11.09, 88.72]
    largest_double = 1.7976931348623157e308
    assert numbers(line_starting(out, "float64:"))[-1] == round(math.log(largest_double), 2)
    half = line_starting(out, "exp in float16:")
    assert "inf" in half
    assert numbers(half) == [16, 8104.0, 54.6]
    assert "inf" not in line_starting(out, "exp in float32:")
    assert "T = 1.0: float32 exp finite everywhere: True" in out
    assert "T = 0.1: float32 exp finite everywhere: False" in out


def test_tfidf_baseline_accuracy_and_telling_words(built_site: Path) -> None:
    out = outputs(built_site, "softmax")["tfidf-baseline"]
    assert "64 training messages, vocabulary of 208 words" in out
    assert numbers(line_starting(out, "held-out accuracy"))[0] == pytest.approx(22 / 24, abs=1e-3)
    assert out.count("missed '") == 2
    intents = (
        "account",
        "find_title",
        "human_agent",
        "order_status",
        "payment",
        "recommend",
        "return_item",
        "shipping",
    )
    first_words = {
        name: line_starting(out, f"{name}:").split(":")[1].split()[0] for name in intents
    }
    assert first_words["order_status"] == "order"
    assert first_words["return_item"] == "return"
    assert first_words["shipping"] == "shipping"
    assert first_words["account"] == "my"  # the function word the text points at


def test_next_token_model_reproduces_bigram_frequencies(built_site: Path) -> None:
    out = outputs(built_site, "softmax")["next-token"]
    start = row_values(out, "step    0")[0]
    assert start == pytest.approx(math.log(25), abs=1e-4)
    assert "25 words in the vocabulary, 74 word pairs" in out
    assert "probabilities equal the bigram frequencies to 0.005: True" in out
    assert "after 'has':  shipped 0.571, arrived 0.286, been 0.143" in out
    assert numbers(line_starting(out, "after 'has' at T = 0.5"))[1] == 0.762
    assert "GPT-2-sized output matrix: 38,597,376 weights" in out


def test_unpenalised_ridge_overshoots_the_truth(built_site: Path) -> None:
    out = outputs(built_site, "regularization")["ridge-closed-form"]
    unpenalised = numbers(out.splitlines()[1])
    assert unpenalised[1] == 1.677 > 1.2  # signal 0, generated with 1.2
    assert unpenalised[4] == 0.742 > 0.5  # signal 12, generated with 0.5
    assert numbers(out.splitlines()[2])[1] == 1.338


def test_ridge_path_shrinks_the_vector_not_every_coefficient(built_site: Path) -> None:
    out = outputs(built_site, "regularization")["ridge-path"]
    assert "at lambda = 10000 the largest coefficient is 0.0079, none exactly 0" in out
    assert "length of the coefficient vector falls at every step: True" in out
    assert "coefficients that change sign somewhere on the path: 12 of 20" in out


def test_lasso_drops_signal_3_first_as_the_try_this_says(built_site: Path) -> None:
    out = run_block_variant(
        built_site,
        "regularization",
        "lasso-cd",
        "for alpha in [0.05, 0.1, 0.2]:",
        "for alpha in [0.7, 0.72, 0.74, 0.85, 0.9, 1.2, 1.3]:",
    )
    kept = {
        float(line.split()[1].rstrip(":")): line.split("nonzero ")[1]
        for line in out.splitlines()
        if line.startswith("alpha")
    }
    assert kept == {
        0.7: "[0, 3, 7, 12]",
        0.72: "[0, 3, 7, 12]",
        0.74: "[0, 7, 12]",
        0.85: "[0, 7, 12]",
        0.9: "[0, 12]",
        1.2: "[0, 12]",
        1.3: "[0]",
    }
    covariances = run_block_variant(
        built_site,
        "regularization",
        "lasso-cd",
        "for alpha in [0.05, 0.1, 0.2]:",
        "print(np.round(Z.T @ yc / n, 2)[[3, 12]])\nfor alpha in []:",
    )
    assert numbers(covariances.splitlines()[0]) == [-0.47, 1.36]


def test_penalty_chosen_by_cross_validation_matches_ridgecv_and_lassocv(built_site: Path) -> None:
    out = outputs(built_site, "regularization")["penalty-cv"]
    by_hand, ridge_cv, cv_mse = numbers(line_starting(out, "ridge:"))
    assert by_hand == ridge_cv == 5.01
    assert cv_mse == pytest.approx(1.591)
    by_hand, lasso_cv, cv_mse = numbers(line_starting(out, "lasso:"))
    assert by_hand == lasso_cv == 0.1
    assert cv_mse == pytest.approx(1.144)
    assert "LassoCV's fold errors equal ours: True" in out
    assert numbers(line_starting(out, "ridge refitted"))[1] == pytest.approx(1.205)
    lasso = line_starting(out, "lasso refitted")
    assert numbers(lasso)[1:3] == [1.014, 8]
    assert lasso.endswith("[0, 3, 6, 7, 11, 12, 14, 16]")
    peeked_lambda, peeked_mse = numbers(line_starting(out, "peeking:"))
    assert (peeked_lambda, peeked_mse) == (7.94, 1.185)
    assert peeked_mse < numbers(line_starting(out, "ridge refitted"))[1]  # looks better


def test_lasso_budget_touches_at_a_corner_and_ridge_does_not(built_site: Path) -> None:
    out = outputs(built_site, "regularization")["penalty-geometry"]
    ridge = numbers(line_starting(out, "best point on the disc"))
    assert ridge == [0.87, 0.494]
    assert min(ridge) > 0
    assert numbers(line_starting(out, "best point on the diamond"))[:2] == [1, 0]
    assert "w2 is exactly 0: True" in out


def test_adam_loses_its_edge_when_the_valley_is_rotated(built_site: Path) -> None:
    out = outputs(built_site, "optimization")["adam-rotated"]
    aligned, rotated = numbers(line_starting(out, "condition number"))
    assert aligned == rotated == 1036
    assert numbers(line_starting(out, "correlation of the rotated"))[0] == 0.998
    gd, adam_aligned, adam_rotated = row_values(out, "100")
    assert gd == 1.5682
    assert adam_aligned == pytest.approx(6.8e-05)
    assert adam_rotated == pytest.approx(0.64)
    assert adam_rotated > 1000 * adam_aligned
    assert "below 1e-12" in line_starting(out, "499")
    divisors = numbers(line_starting(out, "aligned ["))
    assert divisors == [0.21, 4.79, 4.84, 4.86]
    assert "GD's curve is the same on both: True" in out


def test_l2_penalty_and_weight_decay_differ_under_adam_only(built_site: Path) -> None:
    out = outputs(built_site, "optimization")["l2-vs-weight-decay"]
    assert "gradient descent: penalty and decay agree: True" in out
    ridge = row_values(out, "ridge (closed form)")
    coupled = row_values(out, "Adam + L2 in the gradient")
    decoupled = row_values(out, "AdamW, decoupled decay")
    assert row_values(out, "Adam, no penalty")[2] == 1.0
    assert abs(coupled[2] - ridge[2]) <= 0.01  # Adam + L2 finds the ridge solution
    assert decoupled[2] == 0.77
    assert ridge[2] == 0.65
    assert numbers(line_starting(out, "Adam's divisors"))[-2:] == [0.5, 9.6]


def test_standardizing_barely_rescales_these_signals(built_site: Path) -> None:
    out = run_block_variant(
        built_site,
        "regularization",
        "ridge-closed-form",
        "y_mean = y_train.mean()",
        "print(f'std {std.min():.2f} {std.max():.2f}')\ny_mean = y_train.mean()",
    )
    assert row_values(out, "std") == [0.74, 1.13]  # "between 0.74 and 1.13 in this sample"


def test_the_words_and_misses_the_baseline_text_names(built_site: Path) -> None:
    out = outputs(built_site, "softmax")["tfidf-baseline"]
    assert "missed 'it has been two weeks and nothing arrived' -> return_item" in out
    assert "missed 'the app says my card is invalid' -> order_status" in out
    top_words = {
        line.split(":")[0].strip(): [item.split()[0] for item in line.split(":")[1].split(",")]
        for line in out.splitlines()[-8:]
    }
    function_words = {
        "account": "my",
        "find_title": "of",
        "payment": "was",
        "human_agent": "me",
        "shipping": "you",
    }
    for intent, word in function_words.items():
        assert word in top_words[intent], (intent, top_words[intent])
    assert "at" in top_words["payment"]


def test_temperature_two_gives_an_unseen_word_a_sliver(built_site: Path) -> None:
    out = outputs(built_site, "softmax")["next-token"]
    assert line_starting(out, "after 'has' at T = 2.0").endswith("</s> 0.003")
    assert line_starting(out, "after 'has' at T = 1.0").endswith("</s> 0.000")


def test_the_qq_plot_shows_a_short_left_tail_and_a_long_right_one(built_site: Path) -> None:
    qq = outputs(built_site, "multiple-regression")["qq-plot"]
    smallest, normal_smallest = numbers(line_starting(qq, "smallest residual"))
    assert smallest == -2.81
    assert normal_smallest == -3.02
    assert smallest > normal_smallest  # less extreme than a normal sample: a short left tail


def test_the_second_weights_curvature_is_953(built_site: Path) -> None:
    out = outputs(built_site, "optimization")["gd-vs-adam"]
    assert numbers(line_starting(out, "curvatures"))[:2] == [0.92, 953]
