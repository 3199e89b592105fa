"""The built linear-regression chapter prints the figures of the source lesson.

Every figure below is copied here as a literal from the lesson's figure list, so the suite never
reads anything outside the repository. Each test looks at the expected output that the build
wrote into a page (the output of really running that block in CPython).
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from exercises import EXERCISES
from tests.support.site_html import block_data, expected_outputs

CHAPTER = "linear-regression"

# Page (its folder under the chapter; "" is the chapter index) -> the block ids it must carry.
PAGE_BLOCKS: dict[str, set[str]] = {
    "": {"data-summary", "replay-scatter", "candidate-line", "predict-six"},
    "residuals": {"residual-table", "mse-baseline-r2", "residual-plot"},
    "design-matrix": {"build-design", "one-row", "intercept-vs-origin"},
    "least-squares": {"normal-equation", "lstsq-rank", "duplicate-column", "cost-flops"},
    "gradient-descent": {
        "first-step",
        "gd-loop",
        "lr-too-large",
        "why-diverge",
        "loss-curves",
        "zigzag-raw",
        "zigzag-scaled",
        "loss-surface",
    },
    "validation": {"holdout", "leave-one-out", "extrapolate", "sklearn-check", "outlier-refit"},
    "curve": {"residual-arch", "quadratic-fit", "holdout-curve", "degree-sweep", "line-vs-curve"},
    "pitfalls": {"normality-not-needed", "gaussian-likelihood"},
}


def page_html(site: Path, page: str) -> Path:
    """Return the path of a chapter page's built HTML file."""
    folder = site / CHAPTER / page if page else site / CHAPTER
    return folder / "index.html"


def squeeze(text: str) -> str:
    """Collapse runs of spaces so column alignment does not matter to a comparison."""
    return re.sub(r"[ \t]+", " ", text).strip()


def printed_lines(site: Path, page: str, block: str) -> list[str]:
    """Return the expected-output lines of one block, with spacing normalised."""
    outputs = expected_outputs(page_html(site, page))
    assert block in outputs, f"block {block!r} missing from page {page or 'index'!r}"
    return [squeeze(line) for line in outputs[block].splitlines()]


@pytest.mark.parametrize(("page", "blocks"), sorted(PAGE_BLOCKS.items()))
def test_each_chapter_page_carries_its_runnable_blocks(
    built_site: Path, page: str, blocks: set[str]
) -> None:
    found = set(expected_outputs(page_html(built_site, page)))
    assert blocks <= found, f"missing on {page or 'index'}: {sorted(blocks - found)}"


@pytest.mark.parametrize(
    ("page", "block", "line"),
    [
        # data summary
        ("", "data-summary", "5 requests"),
        ("", "data-summary", "evidence range (1, 5) hundreds of tokens"),
        ("", "data-summary", "latency range (118, 198) ms"),
        # candidate line 100 + 20x
        ("", "candidate-line", "predictions 120 140 160 180 200"),
        ("residuals", "residual-table", "residuals -2 1 2 1 -2"),
        ("residuals", "mse-baseline-r2", "mse 2.8 | rmse 1.67 ms"),
        ("residuals", "mse-baseline-r2", "baseline mse 802.8"),
        ("residuals", "mse-baseline-r2", "r2 0.9965"),
        # predict x = 6
        ("", "predict-six", "x = 6 -> 220 ms"),
        # intercept against forced through zero
        ("design-matrix", "intercept-vs-origin", "with intercept: w = [100. 20.] mse 2.8"),
        ("design-matrix", "intercept-vs-origin", "through zero: w = [47.27] mse 1820.98"),
        # normal equation, solved without an inverse
        ("least-squares", "normal-equation", "w [100. 20.]"),
        ("least-squares", "normal-equation", "residuals [-2. 1. 2. 1. -2.]"),
        ("least-squares", "normal-equation", "mse 2.8 | baseline 802.8"),
        ("least-squares", "normal-equation", "r2 0.9965"),
        # lstsq on X
        ("least-squares", "lstsq-rank", "w [100. 20.]"),
        ("least-squares", "lstsq-rank", "rank 2 of 2 columns"),
        ("least-squares", "lstsq-rank", "mse 2.8"),
        ("least-squares", "lstsq-rank", "singular values [7.69 0.92]"),
        # duplicate column 2x
        ("least-squares", "duplicate-column", "rank of X^T X: 2 of 3 -> singular"),
        ("least-squares", "duplicate-column", "normal equation gave usable weights: False"),
        ("least-squares", "duplicate-column", "lstsq rank 2 of 3 columns"),
        ("least-squares", "duplicate-column", "minimum-norm w [100. 4. 8.]"),
        ("least-squares", "duplicate-column", "predictions [120. 140. 160. 180. 200.]"),
        ("least-squares", "duplicate-column", "mse 2.8"),
        # first gradient step from w = [0, 0], lr 0.05
        ("gradient-descent", "first-step", "intercept sum -800.0 | slope-weighted sum -2600.0"),
        ("gradient-descent", "first-step", "gradient [-320, -1040] matches matrix form: True"),
        ("gradient-descent", "first-step", "next w [16, 52]"),
        ("gradient-descent", "first-step", "mse 26402.8 -> 2194.8"),
        # full loop, lr 0.05
        ("gradient-descent", "gd-loop", "after step 1: loss 2194.80 w [16. 52.]"),
        ("gradient-descent", "gd-loop", "after step 100: loss 49.09 w [84.05 24.42]"),
        ("gradient-descent", "gd-loop", "after step 1000: loss 2.80 w [100. 20.]"),
        # lr 0.2, five steps
        (
            "gradient-descent",
            "lr-too-large",
            "losses 26402.8, 349474.8, 4852473.8, 67584328.5, 941482657.6",
        ),
        ("gradient-descent", "lr-too-large", "loss increased True"),
        # held-out: fit rows 1-4, test row 5
        ("validation", "holdout", "train w [98. 21.]"),
        ("validation", "holdout", "held-out replay: predicted 203 ms, measured 198 ms"),
        ("validation", "holdout", "error -5 ms, squared error 25.0"),
        ("validation", "holdout", "train-mean baseline squared error 2256.25"),
        # last target 198 -> 240, refit
        ("validation", "outlier-refit", "w before [100. 20.] | w after [83.2 28.4]"),
        ("validation", "outlier-refit", "slope rises from 20.0 to 28.4 ms per hundred tokens"),
        ("validation", "outlier-refit", "residuals 6.4 1.0 -6.4 -15.8 14.8"),
    ],
)
def test_built_page_prints_the_lesson_figure(
    built_site: Path, page: str, block: str, line: str
) -> None:
    assert line in printed_lines(built_site, page, block)


def test_scikit_learn_check_prints_exactly_the_derived_fit(built_site: Path) -> None:
    outputs = expected_outputs(page_html(built_site, "validation"))
    assert outputs["sklearn-check"] == "intercept 100.0\nslope [20.]\nmse 2.8\nr2 0.9965\n"


@pytest.mark.parametrize(
    ("page", "block", "line"),
    [
        ("least-squares", "lstsq-rank", "cond(X) 8.37 | cond(X^T X) 69.99"),
        ("gradient-descent", "why-diverge", "Hessian eigenvalues 0.338 and 23.66"),
        ("gradient-descent", "why-diverge", "stable only for lr < 2 / 23.66 = 0.0845"),
        ("gradient-descent", "why-diverge", "lr 0.05: |1 - lr * lambda_max| = 0.18 -> converges"),
        ("gradient-descent", "why-diverge", "lr 0.10: |1 - lr * lambda_max| = 1.37 -> diverges"),
        ("gradient-descent", "why-diverge", "lr 0.20: |1 - lr * lambda_max| = 3.73 -> diverges"),
    ],
)
def test_built_page_prints_the_derived_conditioning_figures(
    built_site: Path, page: str, block: str, line: str
) -> None:
    assert line in printed_lines(built_site, page, block)


def test_extrapolation_to_fifty_is_flagged_outside_the_fitted_range(built_site: Path) -> None:
    lines = printed_lines(built_site, "validation", "extrapolate")
    far = next(line for line in lines if line.startswith("x = 50"))
    assert far.startswith("x = 50 -> 1100 ms")
    assert "outside the fitted range 1-5" in far


def test_duplicate_column_output_is_host_independent(built_site: Path) -> None:
    # CPython raises LinAlgError where Pyodide returns NaNs: neither may leak into the output.
    output = expected_outputs(page_html(built_site, "least-squares"))["duplicate-column"]
    assert "nan" not in output.lower()
    assert "LinAlgError" not in output
    assert "Singular matrix" not in output


def test_closed_form_cost_is_counted_in_flops_not_timed(built_site: Path) -> None:
    lines = printed_lines(built_site, "least-squares", "cost-flops")
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["10"][1:4] == ["2.00e+08", "4.00e+07", "5"]
    assert rows["100000"][3] == "51,666"


def test_standardising_features_shortens_the_zigzag(built_site: Path) -> None:
    def steps(block: str) -> int:
        text = "\n".join(printed_lines(built_site, "gradient-descent", block))
        match = re.search(r"(\d+) steps to get within 0\.01", text)
        assert match, text
        return int(match[1])

    assert steps("zigzag-raw") == 379
    assert steps("zigzag-scaled") == 9


@pytest.mark.parametrize(
    ("page", "block"),
    [
        ("", "replay-scatter"),
        ("residuals", "residual-plot"),
        ("gradient-descent", "loss-surface"),
        ("gradient-descent", "loss-curves"),
        ("curve", "degree-sweep"),
        ("curve", "line-vs-curve"),
        ("gradient-descent", "zigzag-raw"),
        ("gradient-descent", "zigzag-scaled"),
    ],
)
def test_picture_blocks_draw_one_figure(built_site: Path, page: str, block: str) -> None:
    assert block_data(page_html(built_site, page))[block]["figures"] == 1


@pytest.mark.parametrize(
    ("page", "block", "line"),
    [
        ("pitfalls", "normality-not-needed", "true w [100, 20], fitted w [100.09 19.97]"),
    ],
)
def test_pitfall_demonstrations_show_their_symptom(
    built_site: Path, page: str, block: str, line: str
) -> None:
    assert line in printed_lines(built_site, page, block)


@pytest.mark.parametrize(
    ("page", "block", "line"),
    [
        ("", "replay-scatter", "rise from first to last replay: 80 ms over 400 tokens"),
        ("", "replay-scatter", "average rise per hundred tokens: 20 ms"),
        ("gradient-descent", "loss-surface", "1 16.00 52.00 2194.80"),
        ("gradient-descent", "loss-surface", "2 14.80 42.00 1339.44"),
        ("gradient-descent", "loss-surface", "100 84.05 24.42 49.09"),
        ("gradient-descent", "loss-surface", "1000 100.00 20.00 2.80"),
        ("validation", "leave-one-out",
         "line's miss on each left-out replay: [-5.0, 1.43, 2.5, 1.43, -5.0]"),
        ("validation", "leave-one-out", "leave-one-out mse: line 12.07 | mean baseline 1254.38"),
        ("validation", "leave-one-out", "training mse of the line fitted on all five: 2.8"),
    ],
)
def test_pictures_and_cross_validation_print_their_figures(
    built_site: Path, page: str, block: str, line: str
) -> None:
    assert line in printed_lines(built_site, page, block)


def test_lr_growth_is_computed_once_and_quoted_as_computed(built_site: Path) -> None:
    lines = printed_lines(built_site, "gradient-descent", "lr-too-large")
    growth = next(line for line in lines if line.startswith("growth per step"))
    assert growth == "growth per step 13.2, 13.9, 13.9, 13.9"
    success = EXERCISES["lr-divergence"].success
    assert "fourteenfold" in success
    assert "13.2" in success
    assert "13.9" in success
    assert "thirteenfold" not in success


# The chapter's climax: the five replays lie exactly on 93 + 26x - x^2.
@pytest.mark.parametrize(
    ("block", "line"),
    [
        ("residual-arch", "residuals of 100 + 20x: [-2 1 2 1 -2]"),
        ("residual-arch", "signs: -+++-"),
        ("residual-arch", "steps: [23 21 19 17]"),
        ("residual-arch", "change of the steps: [-2 -2 -2]"),
        ("quadratic-fit", "rank 3 of 3 columns"),
        ("quadratic-fit", "w [93.0, 26.0, -1.0]"),
        ("quadratic-fit", "fitted [118.0, 141.0, 162.0, 181.0, 198.0]"),
        ("quadratic-fit", "mse 0.0"),
        ("holdout-curve",
         "line fitted on replays 1-4: w [98.0, 21.0], predicts 203.0 ms, miss -5.0 ms"),
        ("holdout-curve",
         "curve fitted on replays 1-4: w [93.0, 26.0, -1.0], predicts 198.0 ms, miss +0.0 ms"),
        ("line-vs-curve", "6 220 213"),
        ("line-vs-curve", "13 360 262"),
        ("line-vs-curve", "50 1100 -1107"),
    ],
)
def test_the_curve_page_prints_the_parabola_figures(
    built_site: Path, block: str, line: str
) -> None:
    assert line in printed_lines(built_site, "curve", block)


def test_degree_sweep_training_error_falls_while_held_out_error_bottoms_at_two(
    built_site: Path,
) -> None:
    lines = printed_lines(built_site, "curve", "degree-sweep")
    rows = [line.split() for line in lines if re.fullmatch(r"\d+ \d+ [\d.]+ [\d.]+", line)]
    assert [int(row[0]) for row in rows] == list(range(10))
    train = [float(row[2]) for row in rows]
    held_out = [float(row[3]) for row in rows]
    assert all(later <= earlier for earlier, later in pairwise(train))
    assert train[9] == 0.0
    assert min(range(10), key=held_out.__getitem__) == 2
    assert (train[1], train[2], held_out[1], held_out[2], held_out[9]) == (
        9.3, 6.3, 12.2, 11.4, 69.5
    )
    assert min(held_out) > 9.0  # the noise variance: no model beats it on fresh replays
    assert "lowest held-out MSE at degree 2" in lines
    assert "noise variance, the floor for any model: 9.0" in lines


@pytest.mark.parametrize(
    "line",
    [
        "sigma 1.0: most likely line b = 100.0, m = 20.00",
        "sigma 3.0: most likely line b = 100.0, m = 20.00",
        "sigma 10.0: most likely line b = 100.0, m = 20.00",
        "smallest squared error: b = 100.0, m = 20.00",
        "most likely sigma 1.673 ms, sigma^2 2.80; SSE / n = 2.80, the MSE",
    ],
)
def test_least_squares_is_the_gaussian_maximum_likelihood_fit(built_site: Path, line: str) -> None:
    assert line in printed_lines(built_site, "pitfalls", "gaussian-likelihood")
