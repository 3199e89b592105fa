"""grader.guard: what learner code changes in shared modules is put back."""

from __future__ import annotations

import builtins
import math
import sys

import numpy as np

import grader.checks
from grader.guard import Guard


def test_guard_restores_patched_module_attributes() -> None:
    original = (np.linalg.lstsq, np.mean, builtins.abs, math.isclose)
    with Guard() as guard:
        np.linalg.lstsq = lambda *a, **k: None
        np.mean = lambda *a, **k: 0.0
        builtins.abs = lambda v: 0
        math.isclose = lambda *a, **k: True
        np.added_by_learner = True
    assert (np.linalg.lstsq, np.mean, builtins.abs, math.isclose) == original
    assert not hasattr(np, "added_by_learner")
    assert guard.clean


def test_guard_restores_function_code_and_class_attributes() -> None:
    allows = grader.checks.Tolerance.allows
    code = grader.checks.fmt.__code__
    with Guard():
        grader.checks.fmt.__code__ = (lambda value: "patched").__code__
        grader.checks.Tolerance.allows = lambda self, a, b: True
    assert grader.checks.fmt.__code__ is code
    assert grader.checks.Tolerance.allows is allows
    assert grader.checks.fmt(1.5) == "1.5"


def test_guard_restores_sys_modules_hooks_and_tracing() -> None:
    hooks = list(sys.meta_path)
    with Guard():
        sys.modules["numpy"] = object()
        sys.meta_path.insert(0, object())
        sys.setprofile(lambda *args: None)
        np.seterr(all="raise")
    assert sys.modules["numpy"] is np
    assert sys.meta_path == hooks
    assert sys.getprofile() is None
    assert np.geterr()["divide"] == "warn"


def test_guard_undoes_patches_made_by_finalizers() -> None:
    real_mean = np.mean

    class Saboteur:
        def __init__(self) -> None:
            self.cycle = self

        def __del__(self) -> None:
            np.mean = lambda *a, **k: 0.0

    with Guard():
        Saboteur()
    assert np.mean is real_mean
