"""grader.registry: content registers with the engine; the engine never imports the content."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import grader
from grader.exercise import Exercise
from grader.quiz import Choice, Question, Quiz
from grader.registry import Registry, RegistryError, current, use
from site_src.build import build_course_wheel

ROOT = Path(__file__).resolve().parents[2]
GRADER = ROOT / "grader"


def toy_exercise(exercise_id: str = "toy") -> Exercise:
    return Exercise(id=exercise_id, title="Toy", kind="answer", prompt="Say 3.", hints=(),
                    solution="answer = 3", judge=lambda plan, got, ref: (
                        [] if got["names"]["answer"].get("value") == 3 else ["No."]),
                    success="Yes.", input_type="number", answer=3.0)


@pytest.fixture
def handed_in() -> Iterator[Registry]:
    registry = Registry()
    registry.add_exercise(toy_exercise())
    registry.add_quiz(Quiz("toy-quiz", "Toy quiz", (Question(
        "q", "single", "?", "", (Choice("a", "A", correct=True), Choice("b", "B"))),)))
    previous = use(registry)
    yield registry
    use(previous)


def test_no_grader_module_imports_the_course_content() -> None:
    offenders = []
    for path in GRADER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and
                     node.level == 0 else [])
            offenders += [f"{path.name}: {name}" for name in names
                          if name.split(".")[0] == "exercises"]
    assert offenders == []


def test_importing_every_grader_module_leaves_the_content_unimported() -> None:
    code = ("import sys, grader, grader.batch, grader.cli, grader.reports, grader.autograder, "
            "grader.pytest_plugin, grader.assignments\nprint('exercises' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_the_course_registers_through_its_entry_point() -> None:
    from exercises import ASSIGNMENTS, EXERCISES, QUIZZES

    registry = current()
    assert registry.sources == ["linear-models-course (exercises:register)"]
    assert registry.exercises == EXERCISES
    assert registry.quizzes == QUIZZES
    assert list(registry.assignments) == list(ASSIGNMENTS) == ["linear-regression", "glm",
                                                                "course"]


def test_a_registry_handed_in_is_what_the_browser_entry_points_use(handed_in: Registry) -> None:
    assert [entry["id"] for entry in grader.exercise_catalog()] == ["toy"]
    assert grader.check_in_process("toy", {"answer": 3}, seed=1)["status"] == "passed"
    assert grader.check_in_process("toy", {"answer": 4}, seed=1)["feedback"] == ["No."]
    assert grader.score_quiz("toy-quiz", {"q": "a"})["score"] == 1
    with pytest.raises(KeyError, match="known ids: toy"):
        grader.get_exercise("predict-x6")


def test_two_things_with_one_id_are_refused() -> None:
    registry = Registry()
    registry.add_exercise(toy_exercise())
    registry.add_exercise(registry.exercises["toy"])  # the same object twice is harmless
    with pytest.raises(RegistryError, match="two exercises have the id 'toy'"):
        registry.add_exercise(toy_exercise())


def _plugin_package(root: Path, body: str) -> None:
    """Install (by path) a package ``extra_course`` registered in ``grader.content``."""
    info = root / "extra_course-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: extra-course\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[grader.content]\nextra = extra_course:register\n")
    (root / "extra_course.py").write_text(body, encoding="utf-8")


def _run(code: str, path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False, cwd=path)


def test_an_assignment_file_can_use_exercises_of_another_installed_package(
    tmp_path: Path,
) -> None:
    _plugin_package(tmp_path, "from tests.grader.test_registry import toy_exercise\n\n"
                              "def register(registry):\n"
                              "    registry.add_exercise(toy_exercise('extra-toy'))\n")
    (tmp_path / "mixed.toml").write_text('[exercises]\nextra-toy = 2\npredict-x6 = 1\n')
    code = (f"import sys; sys.path.append({str(ROOT)!r})\n"
            "import json\nfrom grader import find_assignment\n"
            "from grader.registry import current\n"
            "a = find_assignment('mixed.toml')\n"
            "print(json.dumps([current().sources, a.describe()]))")
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    sources, described = json.loads(result.stdout)
    assert sources == ["extra (extra_course:register)",
                       "linear-models-course (exercises:register)"]
    assert described["exercises"] == {"extra-toy": 2.0, "predict-x6": 1.0}
    assert described["max_score"] == 3.0


def test_a_content_package_that_fails_is_named(tmp_path: Path) -> None:
    _plugin_package(tmp_path, "def register(registry):\n    raise OSError('disk on fire')\n")
    result = _run("import grader; grader.exercise_catalog()", tmp_path)
    assert result.returncode == 1
    assert ("RegistryError: content package 'extra' (extra_course:register) failed to "
            "register: OSError: disk on fire") in result.stderr


def test_the_site_wheel_alone_finds_the_course_as_the_browser_does(tmp_path: Path) -> None:
    """The browser installs this wheel and calls grader.check_in_process: same path here."""
    wheel = build_course_wheel(ROOT, tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
        points = archive.read(next(n for n in archive.namelist()
                                   if n.endswith("/entry_points.txt"))).decode()
    assert points == "[grader.content]\nlinear-models-course = exercises:register\n"
    code = ("import json, grader, exercises\n"
            "from grader.registry import current\n"
            "print(json.dumps([grader.__file__, exercises.__file__, current().sources,"
            " grader.check_in_process('predict-x6', {'answer': 220}, seed=1)['status'],"
            " grader.score_quiz('glm', {})['max_score']]))")
    where, content, sources, status, questions = json.loads(_run(code, tmp_path / "site").stdout)
    assert Path(where).is_relative_to(tmp_path / "site")
    assert Path(content).is_relative_to(tmp_path / "site")
    from exercises import QUIZZES

    assert (sources, status, questions) == (["linear-models-course (exercises:register)"],
                                            "passed", len(QUIZZES["glm"].questions))
