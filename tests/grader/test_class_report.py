"""grader.reports.stats and html: the class report's numbers, escaping, command and speed.

The numbers are checked against NumPy and against counts made here from the run.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import numpy as np
import pytest

from grader.cli import main
from grader.reports.html import render_html
from grader.reports.stats import class_stats, point_biserial, question_flags
from grader.titles import titles
from tests.support.class_run import class_run

RUN = class_run(80)
VALID = [item for item in RUN["submissions"] if item["valid"]]


def test_the_histogram_counts_every_valid_score_once() -> None:
    percents = [100 * item["score"] / item["max_score"] for item in VALID]
    counts = np.histogram(percents, bins=10, range=(0, 100))[0].tolist()  # last bin has 100
    stats = class_stats(RUN)
    assert [b["count"] for b in stats["histogram"]] == counts
    assert [(b["low"], b["high"]) for b in stats["histogram"]][::9] == [(0, 10), (90, 100)]
    summary = stats["summary"]
    assert (summary["files"], summary["valid"], summary["invalid"]) == (82, 80, 2)
    assert summary["mean"] == pytest.approx(np.mean(percents))
    assert summary["median"] == pytest.approx(np.median(percents))
    assert summary["stdev"] == pytest.approx(np.std(percents))
    assert (summary["min"], summary["max"]) == (min(percents), max(percents))


def test_each_exercise_has_its_counts_pass_rate_and_grouped_mistakes() -> None:
    row = class_stats(RUN)["exercises"][0]
    statuses = [item["exercises"]["ex-1"]["status"] for item in VALID]
    assert {k: row[k] for k in ("graded", "passed", "failed", "error", "timeout", "missing")} == {
        "graded": 80, **{s: statuses.count(s) for s in ("passed", "failed", "error", "timeout",
                                                         "missing")}}
    assert row["pass_rate"] == statuses.count("passed") / 80
    shapes = {}  # each message with its numbers blanked, counted by hand
    for item in VALID:
        result = item["exercises"]["ex-1"]
        if result["status"] in ("failed", "error", "timeout"):
            shape = re.sub(r"\d+", "#", result["feedback"][0])
            shapes[shape] = shapes.get(shape, 0) + 1
    assert sorted(c["count"] for c in row["common"]) == sorted(shapes.values())
    top = row["common"][0]
    assert top["count"] == max(shapes.values())
    assert re.sub(r"\d+", "#", top["message"]) in shapes


def test_difficulty_and_discrimination_match_numpy_and_flag_a_bad_question() -> None:
    rows = {(r["quiz"], r["question"]): r for r in class_stats(RUN)["questions"]}
    totals = np.array([sum(r["score"] for r in item["exercises"].values())
                       + sum(q["score"] for q in item["quizzes"].values()) for item in VALID])
    for question in ("q1", "q2", "q10"):
        right = np.array([item["quizzes"]["quiz-2"]["questions"][question]["correct"]
                          for item in VALID], dtype=float)
        row = rows["quiz-2", question]
        assert row["difficulty"] == pytest.approx(right.mean())
        assert row["discrimination"] == pytest.approx(np.corrcoef(right, totals - right)[0, 1])
    assert "negative discrimination" in rows["quiz-2", "q1"]["flags"]
    assert rows["quiz-2", "q2"]["discrimination"] > 0.3


@pytest.mark.parametrize(
    ("right", "rest", "flags"),
    [([1, 1, 1, 1], [1.0, 2.0, 3.0, 4.0], ["too easy"]),
     ([0, 0, 0, 1], [1.0, 2.0, 3.0, 0.0], ["too hard", "negative discrimination"])],
    ids=["everyone-right", "few-right-and-weak"],
)
def test_flags_at_the_extremes(right: list[int], rest: list[float], flags: list[str]) -> None:
    difficulty = sum(right) / len(right)
    assert question_flags(difficulty, point_biserial(right, rest)) == flags


def test_a_question_nobody_varies_on_has_no_discrimination() -> None:
    assert point_biserial([1, 1, 1], [1.0, 2.0, 3.0]) is None
    assert point_biserial([0, 1, 0], [2.0, 2.0, 2.0]) is None


def test_learner_text_is_escaped_and_the_page_can_request_nothing() -> None:
    hostile = json.loads(json.dumps(RUN))
    hostile["submissions"][0]["learner"]["name"] = '<img src="http://evil.example/x">'
    hostile["submissions"][0]["exercises"]["ex-1"]["feedback"] = ["</li><script>alert(1)"]
    page = render_html(hostile, {})
    assert "<img" not in page
    assert "<script>alert" not in page
    assert "&lt;img src=&quot;http://evil.example/x&quot;&gt;" in page
    assert "content=\"default-src 'none';" in page


def test_the_report_command_draws_from_a_json_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "results.json").write_text(json.dumps(RUN), encoding="utf-8")
    assert main(["report", str(tmp_path / "results.json"), "--html", str(tmp_path / "c.html"),
                 "--feedback", str(tmp_path / "fb"), "--csv", str(tmp_path / "g.csv")]) == 0
    assert (tmp_path / "c.html").read_text(encoding="utf-8") == render_html(RUN, titles())
    assert len(list((tmp_path / "fb").iterdir())) == 82
    assert (tmp_path / "g.csv").read_text().count("\n") == 83


@pytest.mark.parametrize(
    ("content", "argv", "says"),
    [("[1, 2]", ["--html", "c.html"], "is not a JSON report written by grade --json"),
     ("{oops", ["--html", "c.html"], "is not a JSON report written by grade --json"),
     (json.dumps(RUN), [], "choose a report to write: --html FILE, --feedback DIR or --csv")],
    ids=["not-a-run", "not-json", "nothing-asked"],
)
def test_the_report_command_refuses_bad_input_with_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, argv: list[str], says: str,
) -> None:
    (tmp_path / "r.json").write_text(content, encoding="utf-8")
    assert main(["report", str(tmp_path / "r.json"), *argv]) == 2
    assert says in capsys.readouterr().err


def test_the_report_for_1000_learners_takes_under_five_seconds() -> None:
    run = class_run(1000)
    started = time.perf_counter()
    page = render_html(run, {})
    elapsed = time.perf_counter() - started
    print(f"class report for 1000 learners: {elapsed:.2f} s, {len(page) / 1e6:.1f} MB")
    assert elapsed < 5.0
    assert page.count('<section class="learner"') == 1002
