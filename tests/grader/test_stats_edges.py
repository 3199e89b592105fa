"""grader.reports.stats at its edges: bins at their bounds, empty classes, counting rules."""

from __future__ import annotations

import pytest

from grader.reports.stats import (
    class_stats,
    exercise_stats,
    histogram,
    percent,
    point_biserial,
    question_flags,
    question_stats,
    raw_total,
    summary,
)


def result(status: str, feedback: list[str], score: float = 0.0) -> dict:
    return {"status": status, "score": score, "max_score": 1.0, "feedback": feedback}


def test_percentages_and_a_zero_maximum() -> None:
    assert percent({"score": 3.0, "max_score": 4.0}) == 75.0
    assert percent({"score": 3.0, "max_score": 0}) == 0.0


def test_each_bin_holds_its_lower_bound_and_the_last_one_holds_100() -> None:
    counts = [b["count"] for b in histogram([0.0, 9.99, 10.0, 55.0, 99.9, 100.0, -5.0, 120.0])]
    assert counts == [3, 1, 0, 0, 0, 1, 0, 0, 0, 3]
    assert histogram([], bins=4) == [{"low": 0, "high": 25, "count": 0},
                                     {"low": 25, "high": 50, "count": 0},
                                     {"low": 50, "high": 75, "count": 0},
                                     {"low": 75, "high": 100, "count": 0}]


def test_the_summary_of_nobody_has_counts_only() -> None:
    assert summary([], 2) == {"files": 2, "valid": 0, "invalid": 2}
    assert summary([10.0, 20.0, 60.0], 4) == {"files": 4, "valid": 3, "invalid": 1,
                                              "mean": 30.0, "median": 20.0,
                                              "stdev": pytest.approx(21.602468994692867),
                                              "min": 10.0, "max": 60.0}


def test_mistakes_are_counted_once_per_learner_and_only_for_what_did_not_pass() -> None:
    valid = [
        {"exercises": {"e": result("failed", ["off by 1.", "off by 1.", "look."])}},
        {"exercises": {"e": result("failed", ["off by 22."])}},
        {"exercises": {"e": result("timeout", ["stopped."])}},
        {"exercises": {"e": result("error", ["raised."])}},
        {"exercises": {"e": result("missing", ["no code."])}},
        {"exercises": {"e": result("passed", ["well done."], 1.0)}},
        {"exercises": {}},
    ]
    [row] = exercise_stats({"exercises": ["e"]}, valid)
    assert row == {"id": "e", "graded": 6, "passed": 1, "failed": 2, "error": 1, "timeout": 1,
                   "missing": 1, "pass_rate": 1 / 6, "common": [
                       {"message": "off by 1.", "count": 2}, {"message": "look.", "count": 1},
                       {"message": "stopped.", "count": 1}, {"message": "raised.", "count": 1}]}


def test_only_the_five_most_common_mistakes_are_kept() -> None:
    valid = [{"exercises": {"e": result("failed", [f"mistake {letter}."] * 1)}}
             for letter in "aabbbcccc" "ddeeeeefg"]
    [row] = exercise_stats({"exercises": ["e"]}, valid)
    assert [(c["message"], c["count"]) for c in row["common"]] == [
        ("mistake e.", 5), ("mistake c.", 4), ("mistake b.", 3), ("mistake a.", 2),
        ("mistake d.", 2)]


def test_an_exercise_nobody_did_has_no_pass_rate() -> None:
    [row] = exercise_stats({"exercises": ["e"]}, [{"exercises": {}}])
    assert (row["graded"], row["pass_rate"], row["common"]) == (0, None, [])


@pytest.mark.parametrize(
    ("difficulty", "discrimination", "flags"),
    [(0.9, 0.0, []), (0.91, None, ["too easy"]), (0.3, 0.5, []), (0.29, -0.01,
                                                                  ["too hard",
                                                                   "negative discrimination"])],
    ids=["at-easy-edge", "too-easy", "at-hard-edge", "too-hard-and-negative"],
)
def test_flags_start_just_past_their_thresholds(difficulty, discrimination, flags) -> None:
    assert question_flags(difficulty, discrimination) == flags


def test_no_learners_no_correlation() -> None:
    assert point_biserial([], []) is None


def test_raw_totals_count_quiz_questions_right_and_questions_need_takers() -> None:
    item = {"exercises": {"e": result("passed", [], 2.0)},
            "quizzes": {"q": {"score": 3, "questions": {}}}}
    assert raw_total(item) == 5.0
    assert raw_total({"exercises": {"e": result("passed", [], 2.0)}}) == 2.0
    run = {"quizzes": ["q", "untaken"], "exercises": ["e"]}
    taken = {"exercises": {}, "quizzes": {"q": {"score": 1, "questions": {
        "a": {"correct": True}, "b": {"correct": False}}}}}
    rows = question_stats(run, [taken, {"exercises": {}, "quizzes": {}}])
    assert [(r["quiz"], r["question"], r["learners"], r["right"], r["difficulty"])
            for r in rows] == [("q", "a", 1, 1, 1.0), ("q", "b", 1, 0, 0.0)]
    assert [r["discrimination"] for r in rows] == [None, None]
    assert question_stats({"exercises": []}, [taken]) == []
    assert len(question_stats(run, [taken, {"exercises": {}}])) == 2  # no quizzes key at all


def test_class_stats_lists_invalid_files_and_identical_groups() -> None:
    run = {"exercises": [], "submissions": [
        {"file": "a.json", "valid": False, "error": "broken", "score": 0, "max_score": 1.0},
        {"file": "b.json", "valid": True, "error": None, "score": 1.0, "max_score": 1.0,
         "exercises": {}, "quizzes": {}}]}
    stats = class_stats(run)
    assert stats["invalid"] == [{"file": "a.json", "error": "broken"}]
    assert stats["identical"] == []
    assert stats["summary"]["valid"] == 1
    assert class_stats({**run, "identical": [["x", "y"]]})["identical"] == [["x", "y"]]
