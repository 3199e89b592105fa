"""grader.cli: ``main([...])`` grades, writes reports, and reports bad usage."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES, QUIZZES
from grader.cli import ProgressBar, main


def test_grade_writes_every_report_and_exits_zero(
    tmp_path: Path, write_submission: Callable[..., Path], capsys: pytest.CaptureFixture[str],
    reference_work: dict[str, Any],
) -> None:
    write_submission("Ada", reference_work)
    folder = write_submission("Bad", raw="[]").parent
    code = main(["grade", str(folder), "--seed", "3", "--timeout", "5", "--jobs", "2",
                 "--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "r.csv"),
                 "--html", str(tmp_path / "class.html"), "--feedback", str(tmp_path / "fb")])
    out, err = capsys.readouterr()
    assert code == 0
    assert f"ada.json: Ada {len(EXERCISES)}/{len(EXERCISES)}" in out
    assert "bad.json: invalid (the top level must be a JSON object, not a list)" in out
    assert "variant seed 3" in err
    run = json.loads((tmp_path / "r.json").read_text())
    assert [s["valid"] for s in run["submissions"]] == [True, False]
    assert (tmp_path / "r.csv").read_text().count("\n") == 3
    assert (tmp_path / "class.html").read_text().startswith("<!doctype html>")
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == ["ada.md", "bad.md"]


def test_grade_exits_zero_whatever_learners_score(
    write_submission: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_submission("Zed", {"predict-x6": {"answer": 1}})
    assert main(["grade", str(path), "--seed", "1"]) == 0
    assert f"Zed 0/{len(EXERCISES)}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "grader: error: choose a command: grade, list, report, autograder, gradescope-run"),
        (["grade"], "grader: error: the following arguments are required: PATH"),
        (["grade", "nowhere.json"], "grader: error: no such file or directory: nowhere.json"),
        (["grade", ".", "--timeout", "0"], "grader: error: argument --timeout: must be positive"),
        (["grade", ".", "--jobs", "two"], "grader: error: argument --jobs: not a number: 'two'"),
        (["regrade"], "grader: error: argument COMMAND: invalid choice: 'regrade'"),
    ],
    ids=["no-command", "no-path", "missing-path", "zero-timeout", "bad-jobs", "unknown-command"],
)
def test_bad_usage_is_an_error_with_a_non_zero_exit(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith(message)


def test_an_empty_folder_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", str(tmp_path)]) == 2
    assert "no submission files (*.json) found" in capsys.readouterr().err


def test_list_prints_the_exercises_quizzes_and_assignments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        *EXERCISES, *QUIZZES, "linear-regression", "glm", "course"]
    assert lines[len(EXERCISES)] == "linear-regression\tquiz\t" + QUIZZES["linear-regression"].title
    one = 8 + len(QUIZZES["linear-regression"].questions)
    everything = len(EXERCISES) + sum(len(quiz.questions) for quiz in QUIZZES.values())
    assert lines[-3] == ("linear-regression\tassignment\tChapter one: linear regression "
                         f"({one} points)")
    assert lines[-1] == f"course\tassignment\tThe whole course ({everything} points)"


def test_help_exits_zero_and_the_local_gradescope_folder_is_gone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["grade", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--assignment NAME|FILE" in out
    assert "--gradescope" not in out
    assert main(["grade", ".", "--gradescope", "gs"]) == 2


def test_progress_bar_draws_on_a_terminal_only(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    ProgressBar(sys.stderr, enabled=True, width=4)(1, 2)
    ProgressBar(sys.stderr)(1, 2)
    assert capsys.readouterr().err == "\rgrading [##--] 1/2"


DOCS = Path(__file__).resolve().parents[2] / "docs" / "instructors.md"


def test_the_documented_exit_codes_are_zero_and_two_only() -> None:
    text = DOCS.read_text(encoding="utf-8")
    table = text[text.index("### Exit codes"):text.index("### Variant data")]
    codes = [line.split("|")[1].strip() for line in table.splitlines()
             if line.startswith("| `")]
    assert codes == ["`0`", "`2`"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["regrade"], "invalid choice: 'regrade'"),
        (["grade", "{folder}", "--colour"], "unrecognized arguments: --colour"),
        (["grade", "{folder}", "--timeout", "0"], "must be positive: '0'"),
        (["grade", "{folder}/nobody.json"], "no such file or directory"),
        (["grade", "{empty}"], "no submission files (*.json) found"),
        (["grade", "{folder}", "--assignment", "week-9"], "unknown assignment 'week-9'"),
        (["grade", "{folder}", "--assignment", "{broken}"], "not valid TOML"),
        (["report", "{folder}/ada.json", "--html", "{out}/c.html"],
         "is not a JSON report written by grade --json"),
        (["autograder", "--assignment", "week-9", "-o", "{out}/a.zip"],
         "unknown assignment 'week-9'"),
    ],
    ids=["command", "option", "value", "missing-path", "no-files", "unknown-assignment",
         "broken-assignment", "not-a-report", "bundle-of-unknown-assignment"],
)
def test_each_documented_usage_error_exits_two(
    tmp_path: Path, write_submission: Callable[..., Path], capsys: pytest.CaptureFixture[str],
    argv: list[str], says: str,
) -> None:
    folder = write_submission("Ada", {"predict-x6": {"answer": 220}}).parent
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken.toml").write_text("[exercises\n", encoding="utf-8")
    places = {"folder": folder, "empty": tmp_path / "empty", "broken": tmp_path / "broken.toml",
              "out": tmp_path}
    assert main([arg.format(**places) for arg in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("grader: error: ")
    assert says in err
    assert not (tmp_path / "a.zip").exists()
    assert not (tmp_path / "c.html").exists()


def test_the_commands_that_ran_exit_zero(
    tmp_path: Path, write_submission: Callable[..., Path], capsys: pytest.CaptureFixture[str],
) -> None:
    folder = write_submission("Ada", {"predict-x6": {"answer": 1}}).parent
    write_submission("Bad", raw="{")
    assert main(["grade", str(folder), "--assignment", "linear-regression", "--json",
                 str(tmp_path / "r.json")]) == 0  # a wrong answer and an invalid file: still 0
    assert main(["report", str(tmp_path / "r.json"), "--html", str(tmp_path / "c.html")]) == 0
    assert main(["autograder", "--assignment", "glm", "-o", str(tmp_path / "a.zip")]) == 0
    assert main(["list"]) == 0
    assert (tmp_path / "c.html").is_file()
    assert (tmp_path / "a.zip").is_file()


@pytest.mark.parametrize(
    ("outputs", "says"),
    [(["--json", "{out}/r.json", "--csv", "{out}/r.json"], "--json and --csv name the same file"),
     (["--html", "{out}/fb/c.html", "--feedback", "{out}/fb"],
      "--html is inside the --feedback folder")],
    ids=["same-file", "inside-feedback"],
)
def test_outputs_that_would_overwrite_each_other_are_refused(
    tmp_path: Path, write_submission: Callable[..., Path], capsys: pytest.CaptureFixture[str],
    outputs: list[str], says: str,
) -> None:
    folder = write_submission("Ada", {"predict-x6": {"answer": 220}}).parent
    argv = [arg.format(out=tmp_path) for arg in outputs]
    assert main(["grade", str(folder), *argv]) == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()
