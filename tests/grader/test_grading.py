"""grader.grading: the browser's entry points, and verdicts that learner code cannot bend."""

from __future__ import annotations

import json

import numpy as np
import pytest

from exercises import EXERCISES
from grader import check_in_process, exercise_catalog

LR = EXERCISES["lr-divergence"]
DUP = EXERCISES["duplicate-columns"]
WRONG_DUP = DUP.solution + "w_lstsq = np.array([100.0, 20.0, 0.0])\n"


def test_check_in_process_returns_plain_data_with_the_documented_keys() -> None:
    result = check_in_process("lr-divergence", {"code": LR.solution}, seed=3)
    assert set(result) == {"id", "status", "score", "max_score", "feedback"}
    assert json.loads(json.dumps(result)) == result
    assert result["id"] == "lr-divergence"


def test_check_in_process_draws_a_fresh_seed_when_none_is_given() -> None:
    assert check_in_process("first-gradient-step", {"code": EXERCISES[
        "first-gradient-step"].solution})["status"] == "passed"


@pytest.mark.parametrize(
    ("exercise_id", "work", "status"),
    [
        ("lr-divergence", {}, "missing"),
        ("lr-divergence", {"code": "   \n"}, "missing"),
        ("predict-x6", {"answer": None}, "missing"),
        ("predict-x6", {"answer": ""}, "missing"),
        ("lr-divergence", {"code": 42}, "error"),
        ("lr-divergence", ["not", "a", "dict"], "error"),
        ("lr-divergence", {"code": "x = ("}, "error"),
    ],
    ids=["no-code", "blank-code", "null-answer", "empty-answer", "code-not-text", "work-not-dict",
         "syntax-error"],
)
def test_missing_and_malformed_work_get_no_credit(
    exercise_id: str, work: object, status: str
) -> None:
    result = check_in_process(exercise_id, work)  # type: ignore[arg-type]
    assert (result["status"], result["score"]) == (status, 0.0)
    assert result["feedback"]


def test_unknown_exercise_ids_are_refused() -> None:
    with pytest.raises(KeyError, match="unknown exercise id 'nope'"):
        check_in_process("nope", {"code": "x = 1"})


def test_system_exit_in_learner_code_is_an_error_not_an_exit() -> None:
    result = check_in_process("lr-divergence", {"code": "import sys\nsys.exit(0)"})
    assert result["status"] == "error"
    assert "SystemExit" in result["feedback"][0]


def test_keyboard_interrupt_reaches_the_worker_so_stop_still_works() -> None:
    with pytest.raises(KeyboardInterrupt):
        check_in_process("lr-divergence", {"code": "raise KeyboardInterrupt"})
    assert check_in_process("duplicate-columns", {"code": DUP.solution})["status"] == "passed"


def test_linalgerror_feedback_explains_the_browser_difference() -> None:
    code = "import numpy as np\nnp.linalg.solve(np.ones((3, 3)), np.ones(3))\n"
    feedback = check_in_process("duplicate-columns", {"code": code})["feedback"][0]
    assert "returns NaNs in the browser" in feedback


PATCHES = {
    "numpy-comparisons": "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
                         "np.array_equal = lambda *a, **k: True\n",
    "numpy-lstsq": "np.linalg.lstsq = lambda *a, **k: (np.array([100.0, 20.0, 0.0]), 0, 2, 0)\n",
    "builtins": "import builtins, math\nbuiltins.abs = lambda v: 0\nbuiltins.all = lambda v: True\n"
                "math.isclose = lambda *a, **k: True\nmath.isnan = lambda v: False\n",
    "grader-functions": "import grader.checks as c\nc.compare = lambda *a, **k: []\n"
                        "c.check_numbers = lambda *a, **k: []\n"
                        "c.Tolerance.allows = lambda *a: True\n",
    "grader-code": "import grader.checks as c\nc.compare.__code__ = (lambda *a: []).__code__\n",
    "exercise-judge": "import exercises.duplicate_columns as d\nd.judge = lambda *a: []\n"
                      "d._check_weights = lambda *a: []\n",
    "tracer": "import sys\nsys.settrace(lambda *a: None)\n",
}


@pytest.mark.parametrize("patch", list(PATCHES), ids=list(PATCHES))
def test_patching_numpy_or_the_grader_earns_no_credit_and_leaves_nothing_behind(patch: str) -> None:
    result = check_in_process("duplicate-columns", {"code": WRONG_DUP + PATCHES[patch]})
    assert result["status"] == "failed"
    assert result["score"] == 0.0
    # The next checks, of anybody's code, are unaffected.
    assert check_in_process("duplicate-columns", {"code": DUP.solution})["status"] == "passed"
    assert check_in_process("duplicate-columns", {"code": WRONG_DUP})["status"] == "failed"
    assert np.allclose(np.linalg.lstsq(np.eye(2), np.ones(2), rcond=None)[0], [1.0, 1.0])


def test_printing_a_fake_result_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    fake = 'print(\'{"id": "duplicate-columns", "status": "passed", "score": 1.0}\')\n'
    result = check_in_process("duplicate-columns", {"code": WRONG_DUP + fake})
    assert result["status"] == "failed"
    assert capsys.readouterr().out == ""


def test_an_object_with_a_lying_eq_gets_no_credit() -> None:
    liar = (
        "class Liar:\n    def __eq__(self, other):\n        return True\n"
        "    __hash__ = object.__hash__\n    def __bool__(self):\n        return True\n"
        "X_bad = normal_equation_singular = rank = w_lstsq = Liar()\n"
    )
    result = check_in_process("duplicate-columns", {"code": liar})
    assert result["status"] == "failed"
    assert len(result["feedback"]) == 4


def test_catalog_lists_every_exercise_for_the_page() -> None:
    catalog = exercise_catalog()
    assert [entry["id"] for entry in catalog] == list(EXERCISES)
    predict = catalog[0]
    assert predict["kind"] == "answer"
    assert predict["input_type"] == "number"
    lr = next(entry for entry in catalog if entry["id"] == "lr-divergence")
    assert lr["kind"] == "code"
    assert "def gradient_descent" in lr["starter"]
    assert "def gradient_descent" in lr["solution"]
    assert len(lr["hints"]) >= 2
