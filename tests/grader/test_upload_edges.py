"""grader.autograder.upload in this process: which file counts, and what every result says.

test_autograder.py runs the same code from the built bundle in another Python; these tests
call it here, so each message and field is checked where the mutation tests can see it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercises import EXERCISES
from grader.autograder.upload import HOW, find_upload, grade_upload, run_upload
from tests.grader.conftest import submission_data

WEEK = 'title = "Week one"\nseed = 3\n[exercises]\npredict-x6 = 2\n'


def make_root(tmp_path: Path, files: dict[str, str], assignment: str | None = WEEK) -> Path:
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True)
    if assignment is not None:
        (root / "source" / "assignment.toml").write_text(assignment, encoding="utf-8")
    for name, text in files.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def work(exercises: dict) -> str:
    return json.dumps(submission_data("Ada", exercises))


def test_how_to_upload_is_said_in_one_sentence() -> None:
    assert HOW == ("Upload the .json file that “Download my work” on the practice page saved, "
                   "and nothing else.")


def test_the_one_work_file_is_found_even_in_a_folder_and_in_capitals(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"notes.txt": "hi", "deep/er/MINE.JSON": "{}"})
    assert find_upload(root / "submission") == (root / "submission" / "deep/er/MINE.JSON", "")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "No files were uploaded. "),
        ({}, "No files were uploaded. "),
        ({"a.txt": "", "b.py": ""}, "None of the uploaded files (a.txt, b.py) is a work file "
                                    "(.json). "),
        ({"b.json": "", "a.json": "", "c.txt": ""},
         "2 work files were uploaded (a.json, b.json); upload only one. "),
    ],
    ids=["no-folder", "empty-folder", "no-json", "two-json"],
)
def test_anything_but_exactly_one_work_file_is_explained(
    tmp_path: Path, files: dict[str, str] | None, message: str,
) -> None:
    folder = tmp_path / "submission"
    if files is not None:
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    assert find_upload(folder) == (None, message + HOW)


def test_only_ten_names_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "submission"
    folder.mkdir()
    for n in range(12):
        (folder / f"f{n:02d}.txt").write_text("", encoding="utf-8")
    _, message = find_upload(folder)
    listed = ", ".join(f"f{n:02d}.txt" for n in range(10))
    assert message == f"None of the uploaded files ({listed}) is a work file (.json). {HOW}"


def test_a_right_answer_gets_the_assignments_points(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"ada.json": work({"predict-x6": {"answer": 220}})})
    results = grade_upload(root, visibility="after_published")
    title = EXERCISES["predict-x6"].title
    assert results == {
        "score": 2.0, "output": "2 of 2 points.", "visibility": "after_published",
        "tests": [{"name": f"predict-x6: {title}", "score": 2.0, "max_score": 2.0,
                   "status": "passed", "output": "passed\n" + EXERCISES["predict-x6"].success,
                   "visibility": "after_published"}]}


def test_a_file_that_is_not_work_says_why_and_what_to_do(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"ada.json": "{oops"})
    results = grade_upload(root)
    assert results["score"] == 0.0
    assert results["tests"] == []
    assert results["visibility"] == "visible"
    assert results["output"].startswith("ada.json is not a work file this course can read: "
                                        "not valid JSON: ")
    assert results["output"].endswith(f". {HOW}")


def test_work_for_another_assignment_only_is_refused_with_both_named(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"ada.json": work({"log-loss": {"code": "x = 1"},
                                                  "adam-step": {"code": "y = 2"}})})
    assert grade_upload(root, visibility="hidden") == {
        "score": 0.0, "visibility": "hidden", "tests": [],
        "output": "ada.json holds work for adam-step, log-loss, but none for this assignment "
                  "(Week one: predict-x6). It may be from another course or chapter; upload "
                  "the right file."}


def test_an_empty_file_is_graded_as_no_work(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"ada.json": work({})})
    results = grade_upload(root)
    assert (results["score"], results["output"]) == (0.0, "0 of 2 points.")
    assert results["tests"][0]["output"] == "missing\nNo answer has been given for this exercise."


def test_run_upload_writes_results_with_the_time_and_prints_the_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_root(tmp_path, {"ada.json": work({"predict-x6": {"answer": 220}})})
    target = run_upload(root, timeout=5.0)
    assert target == root / "results" / "results.json"
    results = json.loads(target.read_text(encoding="utf-8"))
    assert results["score"] == 2.0
    assert type(results["execution_time"]) is int
    assert 0 <= results["execution_time"] <= 2  # whole seconds of a run that takes a few ms
    assert target.read_text(encoding="utf-8").endswith("}\n")
    assert capsys.readouterr().out == "grader: 2 of 2 points.\n"


def test_a_failure_on_the_courses_side_still_writes_a_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_root(tmp_path, {"ada.json": work({})}, assignment=None)
    results = json.loads(run_upload(root).read_text(encoding="utf-8"))
    assert 0 <= results.pop("execution_time") <= 2
    assert results == {"score": 0.0, "visibility": "visible", "tests": [],
                       "output": "The autograder could not grade this submission because of a "
                                 "problem on the course's side; your instructor can see why."}
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("grader: the autograder failed: AssignmentError: cannot read "
                             "assignment file ")
    assert out[1] == "grader: " + results["output"]


def test_the_gradescope_run_command_grades_the_root_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from grader.cli import main

    root = make_root(tmp_path, {"ada.json": work({"predict-x6": {"answer": 200}})})
    assert main(["gradescope-run", "--root", str(root), "--timeout", "3",
                 "--visibility", "hidden"]) == 0
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert (results["score"], results["visibility"]) == (0.0, "hidden")
    assert results["tests"][0]["status"] == "failed"
    assert capsys.readouterr().out == "grader: 0 of 2 points.\n"
    monkeypatch.setenv("AUTOGRADER_ROOT", str(root))  # the default root
    (root / "results" / "results.json").unlink()
    assert main(["gradescope-run"]) == 0
    assert json.loads((root / "results" / "results.json").read_text())["visibility"] == "visible"
