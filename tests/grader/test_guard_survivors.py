"""grader.guard: what the mutation run of the whole module found untested (issue 13).

A method changed in place (its code object swapped, not the class attribute), a function's
keyword defaults that are a real dict, finalizers that drop a module from ``sys.modules`` or
patch a class on every collection, a deleted class attribute whose value is None, and a class
whose attributes were only moved.
"""

from __future__ import annotations

import pytest

import grader.checks
import grader.sandbox.pool
from grader.guard import Guard
from tests.grader.test_guard_edges import SABOTEUR

# A finalizer (in a cycle, so only the guard's own collections run it) that drops a grader module
# from sys.modules at each of three collections.
DROPS_A_MODULE_EVERY_ROUND = SABOTEUR.format(
    rounds=3, patch='import sys; sys.modules.pop("grader.reports.stats", None)'
)


def test_a_method_whose_code_was_swapped_in_place_gets_its_code_back() -> None:
    allows = grader.checks.Tolerance.allows
    code = allows.__code__
    with Guard() as guard:
        allows.__code__ = (lambda self, got, want: True).__code__
    assert grader.checks.Tolerance.allows is allows
    assert allows.__code__ is code
    assert not grader.checks.Tolerance(atol=0.1).allows(1.0, 2.0)
    assert guard.clean


def test_keyword_defaults_that_are_a_dict_are_put_back_as_that_dict() -> None:
    init = grader.sandbox.pool.Sandbox.__init__
    kwdefaults = init.__kwdefaults__
    assert kwdefaults["timeout"] == 10.0  # a real dict, not None
    with Guard():
        init.__kwdefaults__ = {**kwdefaults, "timeout": 1e9}
    assert init.__kwdefaults__ is kwdefaults
    assert grader.sandbox.pool.Sandbox().timeout == 10.0


def test_a_module_dropped_from_sys_modules_on_every_collection_leaves_the_guard_unclean() -> None:
    import sys

    stats = sys.modules["grader.reports.stats"]
    namespace: dict = {}
    with Guard() as guard:
        exec(DROPS_A_MODULE_EVERY_ROUND, namespace)
    assert not guard.clean
    assert sys.modules["grader.reports.stats"] is stats
    assert namespace["left"] == [1]


def test_a_class_whose_attributes_were_only_moved_is_left_so_and_the_guard_stays_clean() -> None:
    tolerance = grader.checks.Tolerance
    allows = tolerance.allows
    names = list(vars(tolerance))
    with Guard() as guard:
        del tolerance.allows
        tolerance.allows = allows  # the same object, now last in the class's dict
    moved = list(vars(tolerance))
    assert moved == [name for name in names if name != "allows"] + ["allows"] != names
    assert tolerance.allows is allows
    assert guard.clean  # nothing to put back: every attribute is the object it was


@pytest.mark.parametrize(
    "patch", ["Tolerance.added_by_learner = 1", "Tolerance.describe = len"], ids=["add", "replace"]
)
def test_a_class_attribute_patched_on_every_collection_leaves_the_guard_unclean(patch: str) -> None:
    tolerance = grader.checks.Tolerance
    describe = tolerance.describe
    with Guard() as guard:
        exec(SABOTEUR.format(rounds=3, patch=f"from grader.checks import Tolerance; {patch}"), {})
    assert not guard.clean
    assert "added_by_learner" not in vars(tolerance)
    assert tolerance.describe is describe


def test_a_deleted_attribute_whose_value_is_none_is_put_back() -> None:
    from grader.sandbox import Outcome

    assert vars(Outcome)["exit_code"] is None  # the default of a dataclass field
    with Guard() as guard:
        del Outcome.exit_code
    assert "exit_code" in vars(Outcome)
    assert vars(Outcome)["exit_code"] is None
    assert Outcome("lost").exit_code is None
    assert guard.clean
