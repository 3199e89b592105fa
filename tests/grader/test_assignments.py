"""grader.assignments: what counts and for how much, built in or from TOML, through the CLI."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES, LINEAR_REGRESSION, QUIZZES
from grader.assignments import AssignmentError, find_assignment, parse_assignment, to_toml
from grader.cli import main
from tests.support.quiz_answers import right_answer

CHAPTER_ONE = [module.EXERCISE.id for module in LINEAR_REGRESSION]


def test_the_built_in_assignments_cover_each_chapter_and_the_course() -> None:
    one, two, course = (find_assignment(name) for name in ("linear-regression", "glm", "course"))
    assert [i for i, _ in one.exercises] == CHAPTER_ONE
    assert [i for i, _ in two.exercises] == [i for i in EXERCISES if i not in CHAPTER_ONE]
    assert [i for i, _ in course.exercises] == list(EXERCISES)
    questions = {quiz_id: len(quiz.questions) for quiz_id, quiz in QUIZZES.items()}
    assert (one.max_score(), two.max_score(), course.max_score()) == (
        8 + questions["linear-regression"], 6 + questions["glm"], 14 + sum(questions.values()))
    assert one.quiz_points() == {"linear-regression": float(questions["linear-regression"])}


def test_a_toml_file_sets_points_seed_and_due_note(tmp_path: Path) -> None:
    path = tmp_path / "Week 3.toml"
    path.write_text('title = "Week 3"\nseed = 77\ndue = "Friday"\n[exercises]\npredict-x6 = 2\n'
                    'held-out = 0.5\n[quizzes]\nlinear-regression = 5\n', encoding="utf-8")
    week = find_assignment(path)
    assert (week.id, week.title, week.seed, week.due) == ("week-3", "Week 3", 77, "Friday")
    assert {i: e.points for i, e in week.graded_exercises().items()} == {"predict-x6": 2.0,
                                                                         "held-out": 0.5}
    assert week.max_score() == 7.5
    assert parse_assignment(to_toml(week)) == week  # the bundle writes it back the same


def test_a_list_of_ids_keeps_each_exercises_own_points() -> None:
    week = parse_assignment('id = "w"\nexercises = ["predict-x6", "lr-divergence"]\n')
    assert week.max_score() == 2.0


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("exercises = [", "not valid TOML"),
        ('titel = "x"\n[exercises]\npredict-x6 = 1\n', "unknown keys titel"),
        ('id = "Week 1"\n[exercises]\npredict-x6 = 1\n', "id must be lower-case"),
        ("seed = -1\n[exercises]\npredict-x6 = 1\n", "seed must be a whole number"),
        ('seed = "2025"\n[exercises]\npredict-x6 = 1\n', "seed must be a whole number"),
        ("title = 3\n[exercises]\npredict-x6 = 1\n", "title and due must be text"),
        ("[exercises]\npredict-x6 = 0\n", "must be worth a positive number of points"),
        ('[exercises]\npredict-x6 = "one"\n', "must be worth a positive number of points"),
        ("[exercises]\npredict-x6 = true\n", "must be worth a positive number of points"),
        ('exercises = "predict-x6"\n', "must be a table of id = points or a list of ids"),
        ('exercises = ["Predict X6"]\n', "'Predict X6' is not a valid id"),
        ('title = "empty"\n', "needs [exercises] or [quizzes]"),
    ],
    ids=["toml", "unknown-key", "bad-id", "negative-seed", "text-seed", "number-title",
         "zero-points", "text-points", "bool-points", "string-table", "bad-exercise-id",
         "empty"],
)
def test_a_broken_assignment_file_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(AssignmentError, match=re.escape(says)) as caught:
        parse_assignment(text, "week.toml", default_id="week")
    assert str(caught.value).startswith("week.toml: ")


def test_unknown_ids_are_named_with_the_known_ones() -> None:
    week = parse_assignment("[exercises]\npredict-x7 = 1\n", default_id="week")
    with pytest.raises(AssignmentError, match=r"unknown exercise ids: predict-x7; known: "
                                              r"predict-x6, baseline-r2"):
        week.max_score()


def learner(name: str, exercises: dict[str, Any], quiz: dict[str, Any] | None = None) -> str:
    return json.dumps({
        "schema": "linear-models-course/submission/v1", "course": {"version": "0.1.0"},
        "learner": {"name": name, "email": f"{name.lower()}@example.org"},
        "exported_at": "2025-03-01T10:00:00+00:00", "exercises": exercises,
        "quizzes": {} if quiz is None else {"linear-regression": quiz},
    })


@pytest.fixture
def week_folder(tmp_path: Path) -> Path:
    questions = QUIZZES["linear-regression"].questions
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "ada.json").write_text(learner(
        "Ada", {"predict-x6": {"answer": 220}, "held-out": {"code": EXERCISES["held-out"].solution},
                "stable-sigmoid": {"code": "x = 1"}, "adam-step": {"code": "y = 2"}},
        {q.id: right_answer(q) for q in questions[1:]}))  # all right but the first
    (folder / "ben.json").write_text(learner("Ben", {"predict-x6": {"answer": 200},
                                                     "log-loss": {"code": "z = 3"}}))
    return folder


def test_grade_with_an_assignment_counts_only_what_it_names(
    week_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    n = len(QUIZZES["linear-regression"].questions)  # the quiz is worth 2 points a question
    week = tmp_path / "week.toml"
    week.write_text('title = "Week 3"\nseed = 77\n[exercises]\npredict-x6 = 2\nheld-out = 3\n'
                    f"[quizzes]\nlinear-regression = {2 * n}\n", encoding="utf-8")
    status = main(["grade", str(week_folder), "--assignment", str(week), "--timeout", "5",
                   "--csv", str(tmp_path / "g.csv"), "--json", str(tmp_path / "r.json")])
    out, err = capsys.readouterr()
    assert status == 0
    with (tmp_path / "g.csv").open(newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["file", "name", "email", "valid", "error", "predict-x6",
                                 "held-out", "score", "max_score", "quiz:linear-regression",
                                 "quiz:linear-regression:passed"]
    ada, ben = rows
    # Ada: 2 + 3 exercise points, and n - 1 of n questions at 2 points each
    assert [ada[k] for k in ("predict-x6", "held-out", "score", "max_score")] == [
        "2", "3", str(5 + 2 * (n - 1)), str(5 + 2 * n)]
    assert (ada["quiz:linear-regression"], ada["quiz:linear-regression:passed"]) == (
        str(2 * (n - 1)), "True")
    assert [ben[k] for k in ("predict-x6", "held-out", "score", "max_score",
                             "quiz:linear-regression")] == ["0", "0", "0", str(5 + 2 * n), "0"]
    run = json.loads((tmp_path / "r.json").read_text())
    assert run["seed"] == 77  # the assignment's seed, since --seed was not given
    assert run["assignment"] == {"id": "week", "title": "Week 3", "seed": 77, "due": "",
                                 "exercises": {"predict-x6": 2.0, "held-out": 3.0},
                                 "quizzes": {"linear-regression": 2.0 * n},
                                 "max_score": 5.0 + 2 * n}
    assert [s["exercises"]["held-out"]["status"] for s in run["submissions"]] == ["passed",
                                                                                  "missing"]
    assert run["submissions"][1]["ignored"] == ["log-loss"]
    assert f"ada.json: Ada {5 + 2 * (n - 1)}/{5 + 2 * n}  predict-x6=passed held-out=passed" in out
    assert err.count("ignored work") == 1
    assert ("grader: ignored work for 3 exercises outside assignment week (adam-step, log-loss, "
            "stable-sigmoid) in 2 files") in err
    assert "variant seed 77" in err


def test_without_an_assignment_everything_is_graded_as_before(
    week_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["grade", str(week_folder / "ben.json"), "--seed", "1", "--json",
                 str(tmp_path / "r.json")]) == 0
    run = json.loads((tmp_path / "r.json").read_text())
    assert "assignment" not in run
    assert run["exercises"] == list(EXERCISES)
    ben = run["submissions"][0]
    assert (ben["score"], ben["max_score"], "ignored" in ben) == (0, 14.0, False)
    assert "ignored work" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "says"),
    [(["--assignment", "week-9"], "unknown assignment 'week-9'; built in: linear-regression, "
                                  "glm, course, or give a .toml file"),
     (["--assignment", "missing.toml"], "cannot read assignment file missing.toml")],
    ids=["unknown-name", "missing-file"],
)
def test_a_bad_assignment_is_a_usage_error(
    week_folder: Path, argv: list[str], says: str, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["grade", str(week_folder), *argv]) == 2
    assert capsys.readouterr().err.startswith(f"grader: error: {says}")


def test_identical_work_is_reported_whether_copied_or_symlinked(
    write_submission: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    ada = write_submission("Ada", {"predict-x6": {"answer": 220}})
    copy = json.loads(ada.read_text())
    copy["learner"] = {"name": "Cy", "email": "cy@example.org"}
    (ada.parent / "cy.json").write_text(json.dumps(copy))
    (ada.parent / "zed.json").symlink_to(ada)
    write_submission("Ben", {"predict-x6": {"answer": 200}})
    write_submission("Dee", {})  # no work at all: not a copy of anyone
    write_submission("Eve", {})
    assert main(["grade", str(ada.parent), "--seed", "1", "--json", str(tmp_path / "r.json")]) == 0
    run = json.loads((tmp_path / "r.json").read_text())
    folder = ada.parent
    assert run["identical"] == [[str(folder / "ada.json"), str(folder / "cy.json"),
                                 str(folder / "zed.json")]]
    assert f"grader: identical submissions: {folder}/ada.json, {folder}/cy.json, " \
           f"{folder}/zed.json" in capsys.readouterr().err


def test_an_assignment_without_quizzes_scores_none(
    week_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    week = tmp_path / "code-only.toml"
    week.write_text("[exercises]\npredict-x6 = 1\n", encoding="utf-8")
    assert main(["grade", str(week_folder), "--assignment", str(week), "--json",
                 str(tmp_path / "r.json"), "--csv", str(tmp_path / "g.csv")]) == 0
    run = json.loads((tmp_path / "r.json").read_text())
    assert run["quizzes"] == []
    assert [(s["quizzes"], s["score"], s["max_score"]) for s in run["submissions"]] == [
        ({}, 1.0, 1.0), ({}, 0.0, 1.0)]
    header = (tmp_path / "g.csv").read_text().splitlines()[0]
    assert header == "file,name,email,valid,error,predict-x6,score,max_score"
