"""grader.report: JSON, a CSV gradebook and Gradescope results from one run."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from grader import write_csv, write_gradescope, write_json
from grader.report import summary_lines

RUN = {
    "seed": 4,
    "exercises": ["predict-x6", "lr-divergence"],
    "submissions": [
        {
            "file": "subs/ada.json",
            "learner": {"name": "Ada", "email": "ada@example.org"},
            "valid": True,
            "error": None,
            "exercises": {
                "predict-x6": {"status": "passed", "score": 1.0, "max_score": 1.0,
                               "feedback": ["Right."]},
                "lr-divergence": {"status": "timeout", "score": 0.0, "max_score": 1.0,
                                  "feedback": ["Stopped after 10 seconds.", "Look for a loop."]},
            },
            "quizzes": {},
            "score": 1.0,
            "max_score": 2.0,
        },
        {
            "file": "late/ada.json",
            "learner": {"name": "", "email": ""},
            "valid": False,
            "error": "not valid JSON: Expecting value (line 1 column 1)",
            "exercises": {},
            "quizzes": {},
            "score": 0,
            "max_score": 2.0,
        },
    ],
}
TITLES = {"predict-x6": "Predict", "lr-divergence": "Gradient descent"}


def test_json_report_round_trips(tmp_path: Path) -> None:
    write_json(RUN, tmp_path / "run.json")
    assert json.loads((tmp_path / "run.json").read_text()) == RUN


def test_csv_has_one_row_per_learner_and_a_column_per_exercise(tmp_path: Path) -> None:
    write_csv(RUN, tmp_path / "grades.csv")
    with (tmp_path / "grades.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["file", "name", "email", "valid", "error", "predict-x6",
                             "lr-divergence", "score", "max_score"]
    assert (rows[0]["predict-x6"], rows[0]["lr-divergence"], rows[0]["score"]) == ("1", "0", "1")
    assert rows[1]["valid"] == "False"
    assert rows[1]["predict-x6"] == ""
    assert rows[1]["error"].startswith("not valid JSON")


def test_gradescope_results_follow_the_autograder_format(tmp_path: Path) -> None:
    written = write_gradescope(RUN, tmp_path / "gs", TITLES)
    assert [p.relative_to(tmp_path / "gs").as_posix() for p in written] == [
        "ada/results.json", "ada-2/results.json"
    ]
    ada = json.loads(written[0].read_text())
    assert ada["score"] == 1.0
    assert ada["tests"][1] == {
        "name": "lr-divergence: Gradient descent", "score": 0.0, "max_score": 1.0,
        "status": "failed", "output": "Stopped after 10 seconds.\nLook for a loop.",
    }
    invalid = json.loads(written[1].read_text())
    assert invalid["score"] == 0.0
    assert invalid["tests"] == []
    assert "could not be graded" in invalid["output"]


def test_summary_has_a_line_per_file() -> None:
    assert summary_lines(RUN) == [
        "ada.json: Ada 1/2  predict-x6=passed lr-divergence=timeout",
        "ada.json: invalid (not valid JSON: Expecting value (line 1 column 1))",
    ]
