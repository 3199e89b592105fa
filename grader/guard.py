"""Undo what learner code did to shared modules when it ran in the grader's own process.

In the browser the learner's code runs in the same interpreter as the grader. `Guard` records
the modules that decide a verdict (NumPy, the grader, the exercises, ``builtins``, ``math``,
``json``, ``sys``) before the code runs, and puts them back afterwards: module globals,
functions' code and defaults, class attributes, ``sys.modules`` entries, import hooks, trace
and profile functions, and NumPy's error and print settings. This is a best effort for a
single process; offline grading does not rely on it, because there the code runs in a child.
"""

from __future__ import annotations

import gc
import operator
import sys
import types
from typing import Any

_NAMES = ("builtins", "math", "json", "sys", "gc", "operator", "types")
# Restored first and unconditionally, with dict methods bound on entry, because the restore
# itself relies on them: a learner who patched ``builtins.all`` must not fool the check below.
_FIRST = ("builtins", "sys", "gc", "operator", "types", __name__)
_PREFIXES = ("numpy", "grader", "exercises")
_ROUNDS = 3


def _protected() -> list[types.ModuleType]:
    chosen = []
    for name, module in list(sys.modules.items()):
        if type(module) is not types.ModuleType:
            continue
        if name in _NAMES or any(name == p or name.startswith(p + ".") for p in _PREFIXES):
            chosen.append(module)
    return chosen


class Guard:
    """Context manager: snapshot on entry, restore on exit; ``clean`` says if that worked."""

    def __init__(self) -> None:
        self.clean = True
        self._modules: list[tuple[types.ModuleType, dict[str, Any]]] = []
        self._functions: list[tuple[types.FunctionType, Any, Any, Any]] = []
        self._classes: list[tuple[type, dict[str, Any]]] = []
        self._entries: dict[str, Any] = {}
        self._hooks: list[tuple[list, list]] = []
        self._numpy: tuple[dict, dict] | None = None
        self._limits = (sys.getrecursionlimit(), gc.isenabled())
        self._first: list[tuple[Any, Any, dict[str, Any]]] = []

    def __enter__(self) -> Guard:
        for module in _protected():
            namespace = dict(vars(module))
            self._modules.append((module, namespace))
            self._entries[module.__name__] = module
            if module.__name__ in _FIRST:
                current = vars(module)
                self._first.append((current.clear, current.update, namespace))
            for value in namespace.values():
                self._remember(module.__name__, value)
        self._hooks = [(hooks, list(hooks)) for hooks in (sys.meta_path, sys.path_hooks)]
        numpy = sys.modules.get("numpy")
        if numpy is not None:
            self._numpy = (numpy.geterr(), numpy.get_printoptions())
        return self

    def _remember(self, owner: str, value: object) -> None:
        if type(value) is types.FunctionType and value.__module__ == owner:
            self._functions.append(_function_state(value))
        elif type(value) is type and value.__module__ == owner:
            self._classes.append((value, dict(vars(value))))
            for member in vars(value).values():
                if type(member) is types.FunctionType:
                    self._functions.append(_function_state(member))

    def __exit__(self, *exc_info: object) -> None:
        for clear, update, namespace in self._first:
            clear()
            update(namespace)
        sys.settrace(None)
        sys.setprofile(None)
        sys.setrecursionlimit(self._limits[0])
        if self._limits[1]:
            gc.enable()
        # Restore, then let learner finalizers run, then make sure nothing changed again.
        self._restore()
        for _ in range(_ROUNDS):
            gc.collect()
            if not self._restore():
                break
        else:
            self.clean = False
        if self._numpy is not None:
            numpy = sys.modules["numpy"]
            numpy.seterr(**self._numpy[0])
            numpy.set_printoptions(**self._numpy[1])

    def _restore(self) -> bool:
        """Put everything back; return True if anything had changed."""
        changed = False
        for module, namespace in self._modules:
            current = vars(module)
            if not _unchanged(current, namespace):
                current.clear()
                current.update(namespace)
                changed = True
        for function, code, defaults, kwdefaults in self._functions:
            if (
                function.__code__ is not code
                or function.__defaults__ is not defaults
                or function.__kwdefaults__ is not kwdefaults
            ):
                function.__code__, function.__defaults__ = code, defaults
                function.__kwdefaults__ = kwdefaults
                changed = True
        for cls, attributes in self._classes:
            changed |= _restore_class(cls, attributes)
        for name, module in self._entries.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
                changed = True
        for hooks, saved in self._hooks:
            if not _same(hooks, saved):
                hooks[:] = saved
                changed = True
        return changed


def _same(left: Any, right: Any) -> bool:
    """Compare two sequences item by item by identity, never calling a learner's __eq__."""
    return len(left) == len(right) and all(a is b for a, b in zip(left, right, strict=True))


def _function_state(function: types.FunctionType) -> tuple[types.FunctionType, Any, Any, Any]:
    return function, function.__code__, function.__defaults__, function.__kwdefaults__


def _unchanged(current: Any, saved: dict[str, Any]) -> bool:
    """Tell whether a namespace holds exactly the same keys and objects, in the same order."""
    return (
        len(current) == len(saved)
        and all(map(operator.is_, current.keys(), saved.keys()))
        and all(map(operator.is_, current.values(), saved.values()))
    )


def _restore_class(cls: type, attributes: dict[str, Any]) -> bool:
    current = vars(cls)
    if _unchanged(current, attributes):
        return False
    changed = False
    for key in [key for key in current if key not in attributes]:
        delattr(cls, key)
        changed = True
    for key, value in attributes.items():
        if key in ("__dict__", "__weakref__"):
            continue
        if current.get(key, _ABSENT) is not value:
            try:
                setattr(cls, key, value)
            except (AttributeError, TypeError):
                continue
            changed = True
    return changed


_ABSENT = object()
