"""Chapter two's key figures, read from the outputs the build printed into the pages.

Every claim the text makes about a number is pinned here against the built site, so a change of
seed, solver or library version that silently changes a figure fails loudly.
"""

from __future__ import annotations

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
    assert "max probability gap: True" in out


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


def test_statsmodels_block_is_marked_build_only_and_no_other_block_is(built_site: Path) -> None:
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
            expected = block_id == "statsmodels-check"
            assert bool(data["buildOnly"]) is expected, f"{name}: {block_id}"


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
        ("regularization", "ridge-path"),
        ("regularization", "lasso-path"),
        ("optimization", "gd-vs-adam"),
        ("optimization", "warmup-decay"),
    ],
    ids=[
        "latency-trend",
        "residuals-vs-fitted",
        "ridge-paths",
        "lasso-paths",
        "loss-curves",
        "warmup-schedule",
    ],
)
def test_the_chapter_draws_its_pictures(built_site: Path, name: str, block_id: str) -> None:
    assert block_data(page(built_site, name))[block_id]["figures"] == 1
