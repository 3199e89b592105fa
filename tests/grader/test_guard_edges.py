"""grader.guard at its edges: defaults, classes, hooks, limits, NumPy settings, saboteurs."""

from __future__ import annotations

import gc
import sys
import types

import numpy as np
import pytest

import grader.batch
import grader.checks
import grader.reports.stats
from grader import check_in_process
from grader.guard import Guard


def test_function_defaults_and_keyword_defaults_are_put_back() -> None:
    histogram = grader.reports.stats.histogram
    grade_paths = grader.batch.grade_paths
    defaults, kwdefaults = histogram.__defaults__, grade_paths.__kwdefaults__
    with Guard() as guard:
        histogram.__defaults__ = (3,)
        grade_paths.__kwdefaults__ = {"progress": print}
    assert histogram.__defaults__ is defaults
    assert grade_paths.__kwdefaults__ is kwdefaults
    assert len(histogram([50.0])) == 10
    assert guard.clean


def test_class_attributes_added_removed_or_replaced_are_put_back() -> None:
    tolerance = grader.checks.Tolerance
    describe, allows = tolerance.describe, tolerance.allows
    with Guard() as guard:
        tolerance.added_by_learner = 1
        del tolerance.describe
        tolerance.allows = lambda self, a, b: True
    assert not hasattr(tolerance, "added_by_learner")
    assert (tolerance.describe, tolerance.allows) == (describe, allows)
    assert guard.clean


def test_module_entries_import_hooks_and_limits_are_put_back() -> None:
    stats = sys.modules["grader.reports.stats"]
    meta, paths = list(sys.meta_path), list(sys.path_hooks)
    limit = sys.getrecursionlimit()
    assert gc.isenabled()
    with Guard():
        del sys.modules["grader.reports.stats"]
        sys.meta_path.clear()
        sys.path_hooks.append(lambda path: None)
        sys.setrecursionlimit(limit + 500)
        sys.settrace(lambda *args: None)
        gc.disable()
    assert sys.modules["grader.reports.stats"] is stats
    assert (sys.meta_path, sys.path_hooks) == (meta, paths)
    assert all(a is b for a, b in zip(sys.meta_path, meta, strict=True))
    assert sys.getrecursionlimit() == limit
    assert sys.gettrace() is None
    assert gc.isenabled()


def test_numpy_error_and_print_settings_are_put_back() -> None:
    errors, printing = np.geterr(), np.get_printoptions()
    with Guard():
        np.seterr(all="ignore")
        np.set_printoptions(precision=2, threshold=5)
    assert np.geterr() == errors
    assert np.get_printoptions() == printing


def test_a_namespace_reordered_or_rebound_to_an_equal_object_counts_as_changed() -> None:
    module = types.ModuleType("grader._guard_probe")
    module.a, module.b = [1], [2]
    sys.modules[module.__name__] = module
    try:
        saved_a = module.a
        with Guard() as guard:
            module.a = [1]  # equal, not the same object
        assert guard.clean
        assert module.a is saved_a
        with Guard():
            del module.a
            module.a = saved_a  # same objects, another order
        assert list(vars(module))[-2:] == ["a", "b"]
    finally:
        del sys.modules[module.__name__]


SABOTEUR = """\
import gc
import numpy as np
gc.disable()  # nothing is collected before the guard's own rounds
left = [{rounds}]

class Chain:
    def __init__(self):
        self.me = self

    def __del__(self):
        {patch}
        if left[0] > 1:
            left[0] -= 1
            Chain()

Chain()
"""
MEAN = "np.mean = len"


def test_a_finalizer_that_patches_again_on_every_collection_leaves_the_guard_unclean() -> None:
    real_mean = np.mean
    namespace: dict = {}
    with Guard() as guard:
        exec(SABOTEUR.format(rounds=3, patch=MEAN), namespace)  # three collections, three patches
    assert not guard.clean
    assert np.mean is real_mean
    assert namespace["left"] == [1]
    gc.collect()
    assert np.mean is real_mean  # nothing was left to patch it later


def test_two_rounds_of_patching_are_undone_and_the_guard_stays_clean() -> None:
    real_mean = np.mean
    with Guard() as guard:
        exec(SABOTEUR.format(rounds=2, patch=MEAN), {})
    assert guard.clean
    assert np.mean is real_mean


def test_work_that_keeps_patching_the_grader_is_refused_in_the_browser() -> None:
    code = SABOTEUR.format(rounds=3, patch=MEAN)
    result = check_in_process("no-intercept", {"code": code}, seed=1)
    assert result == {"id": "no-intercept", "status": "error", "score": 0.0, "max_score": 1.0,
                      "feedback": [
                          "Your code kept changing the grader's own modules, so it cannot be "
                          "checked on this page. Reload the page and remove any code that "
                          "modifies numpy or the grader."]}


@pytest.mark.parametrize(
    "patch",
    ["import grader.reports.stats as s; s.histogram.__defaults__ = (3,)",
     "import sys; sys.meta_path.append(len)"],
    ids=["function-defaults", "import-hooks"],
)
def test_endless_patches_of_defaults_or_hooks_also_leave_the_guard_unclean(patch: str) -> None:
    defaults, hooks = grader.reports.stats.histogram.__defaults__, list(sys.meta_path)
    with Guard() as guard:
        exec(SABOTEUR.format(rounds=3, patch=patch), {})
    assert not guard.clean
    assert grader.reports.stats.histogram.__defaults__ is defaults
    assert sys.meta_path == hooks


def test_modules_and_classes_outside_the_list_are_left_as_the_code_left_them() -> None:
    import pathlib
    import statistics

    with Guard():
        statistics.added_by_learner = 1  # not a module a verdict relies on
        pathlib.Path.added_by_learner = 2  # a class grader modules import, defined elsewhere
    try:
        assert statistics.added_by_learner == 1
        assert pathlib.Path.added_by_learner == 2
    finally:
        del statistics.added_by_learner
        del pathlib.Path.added_by_learner
