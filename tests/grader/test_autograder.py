"""The Gradescope bundle end to end, checked against Gradescope's documented format.

Build the zip, run its setup.sh into a temporary root with this Python, upload a learner's
file, run run_autograder, and read results.json as Gradescope would. The format is the one in
gradescope-autograders.readthedocs.io, "Autograder Specifications": top-level score,
execution_time, output, visibility, stdout_visibility, extra_data, tests; each test score,
max_score, status, name, number, output, tags, visibility, extra_data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES, LINEAR_REGRESSION, QUIZZES
from grader.cli import main
from tests.grader.conftest import submission_data
from tests.support.quiz_answers import right_answer

SEED = 424242
TOP_LEVEL = {"score", "execution_time", "output", "output_format", "test_output_format",
             "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
             "leaderboard"}
TEST_FIELDS = {"score", "max_score", "status", "name", "name_format", "number", "output",
               "output_format", "tags", "visibility", "extra_data"}
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
CHAPTER_ONE = [module.EXERCISE.id for module in LINEAR_REGRESSION]
QUIZ = QUIZZES["linear-regression"]


def check_gradescope_format(results: dict[str, Any]) -> None:
    """Fail unless ``results`` is a results.json Gradescope's documented format accepts."""
    assert set(results) <= TOP_LEVEL, set(results) - TOP_LEVEL
    assert type(results["score"]) in (int, float)
    assert type(results["output"]) is str
    assert results.get("visibility", "visible") in VISIBILITY
    assert type(results.get("execution_time", 0)) in (int, float)
    assert type(results["tests"]) is list
    for test in results["tests"]:
        assert set(test) <= TEST_FIELDS, set(test) - TEST_FIELDS
        assert type(test["name"]) is str
        assert type(test["score"]) in (int, float)
        assert type(test["max_score"]) in (int, float)
        assert test["status"] in ("passed", "failed")
        assert type(test["output"]) is str
        assert test["visibility"] in VISIBILITY


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Gradescope-like root after the image build: source unpacked and setup.sh run."""
    work = tmp_path_factory.mktemp("gradescope")
    bundle = work / "autograder.zip"
    assert main(["autograder", "--assignment", "linear-regression", "-o", str(bundle),
                 "--seed", str(SEED), "--timeout", "5"]) == 0
    root = work / "autograder"
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert {"setup.sh", "run_autograder", "assignment.toml"} <= set(names)
        assert any(name.endswith("-py3-none-any.whl") for name in names)
        for info in archive.infolist():  # Gradescope keeps the modes the zip records
            target = root / "source" / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            target.chmod((info.external_attr >> 16) & 0o777)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable}
    setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env, cwd=root /
                           "source", capture_output=True, text=True, check=False, timeout=300)
    assert setup.returncode == 0, setup.stderr
    return root


@pytest.fixture
def upload(root: Path) -> Callable[..., dict[str, Any]]:
    """Put files in submission/, run run_autograder as Gradescope does, return results.json."""
    def run(files: dict[str, str]) -> dict[str, Any]:
        shutil.rmtree(root / "submission", ignore_errors=True)
        (root / "submission").mkdir()
        for name, text in files.items():
            (root / "submission" / name).write_text(text, encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        done = subprocess.run([str(root / "run_autograder")], cwd=root, capture_output=True,
                              text=True, env={**env, "AUTOGRADER_ROOT": str(root)}, check=False,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
        check_gradescope_format(results)
        return results

    return run


def chapter_one_work(**changes: dict[str, Any]) -> str:
    work = {i: {"answer": 220} if EXERCISES[i].kind == "answer" else {"code": EXERCISES[i].solution}
            for i in CHAPTER_ONE}
    data = submission_data("Ada", {**work, **changes})
    data["quizzes"] = {QUIZ.id: {q.id: right_answer(q) for q in QUIZ.questions}}
    return json.dumps(data)


def test_setup_installs_the_bundled_course_and_fixes_the_seed(root: Path) -> None:
    code = "import grader, exercises; print(grader.__file__); print(exercises.__file__)"
    found = subprocess.run([(root / "grader-python").read_text().strip(), "-c", code],
                           env={**os.environ, "PYTHONPATH": str(root / "lib")}, check=True,
                           capture_output=True, text=True, cwd=root).stdout.split()
    assert all(Path(path).is_relative_to(root / "lib") for path in found)
    assignment = tomllib.loads((root / "source" / "assignment.toml").read_text())
    assert assignment["seed"] == SEED
    assert assignment["exercises"] == dict.fromkeys(CHAPTER_ONE, 1.0)
    assert assignment["quizzes"] == {"linear-regression": float(len(QUIZ.questions))}


def test_a_full_chapter_one_submission_gets_every_point(
    upload: Callable[..., dict[str, Any]],
) -> None:
    results = upload({"ada-work.json": chapter_one_work()})
    expected = [{"name": f"{i}: {EXERCISES[i].title}", "score": 1.0, "max_score": 1.0,
                 "status": "passed", "visibility": "visible"} for i in CHAPTER_ONE]
    n = len(QUIZ.questions)
    expected.append({"name": f"linear-regression: {QUIZ.title}", "score": float(n),
                     "max_score": float(n), "status": "passed", "visibility": "visible"})
    assert [{k: v for k, v in t.items() if k != "output"} for t in results["tests"]] == expected
    assert [t["output"].splitlines()[0] for t in results["tests"][:8]] == ["passed"] * 8
    assert results["tests"][8]["output"] == (f"{n} of {n} questions (100%): passed; above 75% "
                                             "passes.")
    assert (results["score"], results["output"]) == (8.0 + n, f"{8 + n} of {8 + n} points.")


def test_mistakes_cost_their_points_and_say_why_and_a_rerun_agrees(
    upload: Callable[..., dict[str, Any]],
) -> None:
    text = chapter_one_work(**{"predict-x6": {"answer": 218},
                               "stable-sigmoid": {"code": "x = 1"}})
    first = upload({"work.json": text})
    predict = first["tests"][0]
    assert (predict["score"], predict["status"]) == (0.0, "failed")
    assert "218 = 198 + 20 starts from the last measurement" in predict["output"]
    n = len(QUIZ.questions)
    assert first["score"] == 7.0 + n
    assert first["output"] == (f"{7 + n} of {8 + n} points. Work for exercises this assignment "
                               "does not include was not graded: stable-sigmoid.")
    again = upload({"work.json": text})
    assert {**again, "execution_time": 0} == {**first, "execution_time": 0}


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({}, "No files were uploaded. Upload the .json file"),
        ({"notes.txt": "hello"}, "None of the uploaded files (notes.txt) is a work file"),
        ({"a.json": "{}", "b.json": "{}"}, "2 work files were uploaded (a.json, b.json); "
                                           "upload only one."),
        ({"w.json": "{not json"}, "w.json is not a work file this course can read: not valid "
                                  "JSON: Expecting property name"),
        ({"w.json": json.dumps({**json.loads(chapter_one_work()),
                                "schema": "another-course/submission/v1"})},
         "w.json is not a work file this course can read: schema is "
         "'another-course/submission/v1'"),
        ({"w.json": json.dumps(submission_data("Ada", {"stable-sigmoid": {"code": "x = 1"}}))},
         "w.json holds work for stable-sigmoid, but none for this assignment (Chapter one"),
    ],
    ids=["nothing", "not-json-file", "two-files", "malformed", "other-course", "other-chapter"],
)
def test_a_bad_upload_still_gets_a_valid_results_file_that_says_what_to_do(
    upload: Callable[..., dict[str, Any]], files: dict[str, str], says: str,
) -> None:
    results = upload(files)
    assert (results["score"], results["tests"]) == (0.0, [])
    assert says in results["output"]


def test_a_crashing_grader_still_leaves_a_valid_results_file(root: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(root, broken, symlinks=True)
    (broken / "grader-python").write_text("/bin/false\n")
    done = subprocess.run([str(broken / "run_autograder")], cwd=broken, check=False,
                          env={**os.environ, "AUTOGRADER_ROOT": str(broken)}, timeout=60)
    assert done.returncode == 0
    results = json.loads((broken / "results" / "results.json").read_text())
    check_gradescope_format(results)
    assert results["score"] == 0.0
    assert "The autograder itself failed (exit status 1)" in results["output"]


def test_the_same_assignment_and_seed_give_the_same_bundle(tmp_path: Path) -> None:
    for name in ("a.zip", "b.zip"):
        assert main(["autograder", "--assignment", "glm", "--seed", "3", "-o",
                     str(tmp_path / name)]) == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_setup_refuses_a_python_that_is_not_3_12(root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "AUTOGRADER_ROOT": str(tmp_path), "AUTOGRADER_PYTHON": "/bin/false"}
    setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env,
                           capture_output=True, text=True, check=False, timeout=60)
    assert setup.returncode == 1
    assert setup.stderr == "setup.sh: /bin/false is not Python 3.12; the grader needs 3.12\n"
    assert not (tmp_path / "lib").exists()
