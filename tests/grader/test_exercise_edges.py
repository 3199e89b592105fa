"""grader.exercise and grader.registry at their edges: plain inputs, catalog entries, ids."""

from __future__ import annotations

import numpy as np
import pytest

from grader.assignments import Assignment
from grader.exercise import Call, Exercise, Plan, array_arg, float_arg, int_arg, names_of
from grader.quiz import Choice, Question, Quiz
from grader.registry import Registry, RegistryError, current, use


def answer_exercise() -> Exercise:
    return Exercise(id="toy", title="Toy", kind="answer", prompt="Say 3.", hints=("Three.",),
                    solution="answer = 3", judge=lambda plan, got, ref: [], success="Yes.",
                    input_type="number", answer=3.0, points=2.0)


def test_inputs_are_described_as_plain_floats_and_ints() -> None:
    assert array_arg([[1, 2, 3], [4, 5, 6]]) == {"type": "array", "shape": [2, 3],
                                                 "values": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}
    assert all(type(v) is float for v in array_arg([1, 2])["values"])
    assert array_arg(np.float32(0.5)) == {"type": "array", "shape": [], "values": [0.5]}
    assert float_arg(3) == {"type": "float", "value": 3.0}
    assert type(float_arg(3)["value"]) is float
    assert int_arg(np.int64(7)) == {"type": "int", "value": 7}
    assert type(int_arg(np.int64(7))["value"]) is int


def test_a_plan_without_calls_and_a_call_with_its_arguments_as_a_list() -> None:
    assert Plan(names=("w", "b")).job("x = 1") == {"code": "x = 1", "names": ["w", "b"],
                                                    "calls": []}
    call = Call("k", "f", (int_arg(1),), "f(1)")
    assert Plan(names=(), calls=(call,)).job("") == {
        "code": "", "names": [],
        "calls": [{"key": "k", "function": "f", "args": [{"type": "int", "value": 1}]}]}


def test_names_missing_from_an_extraction_are_tagged_missing() -> None:
    extraction = {"names": {"w": {"type": "int", "value": 1}}}
    assert names_of(extraction, ["w", "v"]) == [{"type": "int", "value": 1}, {"type": "missing"}]
    assert names_of({}, ["w"]) == [{"type": "missing"}]


def test_an_answer_exercise_reads_only_its_answer_and_lists_every_field() -> None:
    toy = answer_exercise()
    assert toy.plan(123) == Plan(names=("answer",))
    assert toy.catalog_entry() == {
        "id": "toy", "title": "Toy", "kind": "answer", "prompt": "Say 3.", "starter": "",
        "hints": ["Three."], "solution": "answer = 3", "points": 2.0, "input_type": "number"}


def test_each_kind_of_content_has_unique_ids_and_use_hands_back_the_old_registry() -> None:
    registry = Registry()
    quiz = Quiz("q", "Q", (Question("a", "single", "?", "", (Choice("x", "X", correct=True),
                                                              Choice("y", "Y"))),))
    registry.add_quiz(quiz)
    registry.add_quiz(quiz)
    with pytest.raises(RegistryError, match="two quizzes have the id 'q'; ids must be unique"):
        registry.add_quiz(Quiz("q", "Other", quiz.questions))
    week = Assignment("w", "W", (("toy", None),))
    registry.add_assignment(week)
    with pytest.raises(RegistryError, match="two assignments have the id 'w'"):
        registry.add_assignment(Assignment("w", "W2", (("toy", None),)))
    assert (list(registry.quizzes), list(registry.assignments)) == (["q"], ["w"])
    before = current()
    assert use(registry) is before
    try:
        assert current() is registry
    finally:
        assert use(before) is registry
    assert current() is before


def install(root, module: str, body: str, points: str) -> None:
    """Put a package ``module`` on the path, with these ``grader.content`` entry points."""
    info = root / f"{module}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[grader.content]\n{points}")
    (root / f"{module}.py").write_text(body, encoding="utf-8")


def test_discovery_builds_a_fresh_registry_from_the_installed_packages() -> None:
    from exercises import ASSIGNMENTS, EXERCISES, QUIZZES
    from grader.registry import discover

    fresh = discover()
    assert fresh is not current()
    assert fresh.sources == ["linear-models-course (exercises:register)"]
    assert (fresh.exercises, fresh.quizzes, fresh.assignments) == (EXERCISES, QUIZZES,
                                                                   ASSIGNMENTS)
    assert discover("grader.no-such-group") == Registry()


def test_discovery_runs_packages_in_the_order_of_their_names(tmp_path, monkeypatch) -> None:
    from grader.registry import discover

    install(tmp_path, "extra_order", "from tests.grader.test_registry import toy_exercise\n\n"
                      "def first(registry):\n    registry.add_exercise(toy_exercise('a-toy'))\n\n"
                      "def last(registry):\n    registry.add_exercise(toy_exercise('z-toy'))\n",
            "zzz = extra_order:last\naaa = extra_order:first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh = discover()
    assert fresh.sources == ["aaa (extra_order:first)",
                             "linear-models-course (exercises:register)",
                             "zzz (extra_order:last)"]
    ids = list(fresh.exercises)
    assert (ids[0], ids[-1]) == ("a-toy", "z-toy")


def test_a_failing_package_is_named_and_a_clash_keeps_its_own_message(
    tmp_path, monkeypatch,
) -> None:
    from grader.registry import discover

    install(tmp_path, "extra_clash", "from tests.grader.test_registry import toy_exercise\n\n"
                      "def broken(registry):\n    raise OSError('disk on fire')\n\n"
                      "def clash(registry):\n"
                      "    registry.add_exercise(toy_exercise('predict-x6'))\n",
            "aaa = extra_clash:clash\nzzz = extra_clash:broken\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RegistryError) as caught:
        discover()
    assert str(caught.value) == "two exercises have the id 'predict-x6'; ids must be unique"
    (tmp_path / "extra_clash-1.0.dist-info" / "entry_points.txt").write_text(
        "[grader.content]\nzzz = extra_clash:broken\n")
    with pytest.raises(RegistryError) as caught:
        discover()
    assert str(caught.value) == ("content package 'zzz' (extra_clash:broken) failed to "
                                 "register: OSError: disk on fire")
    assert isinstance(caught.value.__cause__, OSError)
