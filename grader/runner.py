"""Run learner code and turn what it defines into plain, JSON-able data.

This module is the only grader code that ever touches learner objects. It is used in two
places: in the browser (in the page's Pyodide worker) and, offline, inside a sandboxed child
process that receives this module's *source text*, never the `grader` package. It must
therefore import nothing but the standard library and NumPy.

The result of `extract` is a plain dict. Every learner value is reduced to a *tagged value*:
a small dict whose ``"type"`` names the exact Python type family it came from (``"bool"``,
``"int"``, ``"float"``, ``"str"``, ``"array"``, ``"list"``, ``"tuple"``, ``"none"``,
``"function"``, ``"other"``, ``"missing"``, ``"raised"``). The type is decided with exact
``type(value) is ...`` tests, so a subclass or an object with a lying ``__eq__`` is tagged
``"other"`` and can never pass for a number. Comparisons happen elsewhere, on this data only.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import warnings
from types import CodeType
from typing import Any

import numpy as np

FILENAME = "<your code>"
MAX_ITEMS = 20_000  # budget units per extraction: list items, array values, 4 characters of text
MAX_DEPTH = 4
MAX_TEXT = 200
MAX_CODE = 100_000  # characters of learner code per exercise
_INT_LIMIT = 2**64  # larger integers are tagged "other": no exercise expects one

_MISSING = object()
_BOOLS = frozenset({bool, np.bool_})
_INTS = frozenset({
    int, np.int8, np.int16, np.int32, np.int64, np.longlong,
    np.uint8, np.uint16, np.uint32, np.uint64, np.ulonglong,
})
_FLOATS = frozenset({float, np.float16, np.float32, np.float64, np.longdouble})
_TYPE_NAME = type.__dict__["__name__"]


def type_name(value: object) -> str:
    """Return the real name of ``type(value)`` in printable ASCII, ignoring metaclass tricks."""
    name = _TYPE_NAME.__get__(type(value), type)
    return "".join(ch for ch in name[:60] if ch.isascii() and ch.isprintable())


class _Budget:
    """Counts what is copied out of learner values, so no result can flood the grader.

    One budget serves a whole extraction, which bounds the size of every result (see
    `grader.plain.result_limit`) whatever the learner's values are.
    """

    def __init__(self, limit: int = MAX_ITEMS) -> None:
        self.left = limit

    def take(self, count: int) -> bool:
        self.left -= count
        return self.left >= 0


def tag(value: object, budget: _Budget | None = None, depth: int = 0) -> dict[str, Any]:
    """Reduce one learner value to a tagged plain value (see the module docstring)."""
    budget = budget or _Budget()
    kind = type(value)
    if value is _MISSING:
        return {"type": "missing"}
    if value is None:
        return {"type": "none"}
    if kind in _BOOLS:
        return {"type": "bool", "value": bool(value)}
    if kind in _INTS:
        number = int(value)
        if not -_INT_LIMIT < number < _INT_LIMIT:
            return {"type": "other", "class": "int"}
        return {"type": "int", "value": number}
    if kind in _FLOATS:
        return {"type": "float", "value": float(value)}
    if kind is complex or kind in (np.complex64, np.complex128):
        return {"type": "other", "class": "complex"}
    if kind is str:
        text = value[:MAX_TEXT]
        if not budget.take(1 + len(text) // 4):
            text = ""
        return {"type": "str", "value": text, "length": len(value)}
    if kind is np.ndarray:
        return _tag_array(value, budget)
    if kind is list or kind is tuple:
        return _tag_sequence(value, budget, depth)
    if callable(value):
        return {"type": "function", "class": type_name(value)}
    return {"type": "other", "class": type_name(value)}


def _tag_array(array: np.ndarray, budget: _Budget) -> dict[str, Any]:
    shape = [int(n) for n in array.shape]
    out: dict[str, Any] = {"type": "array", "shape": shape, "kind": array.dtype.kind}
    if array.dtype.kind not in "biuf":
        return out
    if not budget.take(int(array.size)):
        out["too_large"] = True
        return out
    flat = np.ravel(array)
    if array.dtype.kind == "f":
        flat = flat.astype(np.float64)
    out["values"] = flat.tolist()
    return out


def _tag_sequence(items: list | tuple, budget: _Budget, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type_name(items), "length": len(items)}
    if depth >= MAX_DEPTH or not budget.take(len(items)):
        out["too_large"] = True
        return out
    tagged = [tag(item, budget, depth + 1) for item in items]
    if budget.left < 0:  # the items themselves ran out of budget: keep none of them
        out["too_large"] = True
        return out
    out["items"] = tagged
    return out


def build_arg(spec: dict[str, Any]) -> object:
    """Turn a plain input description from a job into the object the learner's function gets."""
    if spec["type"] == "array":
        return np.array(spec["values"], dtype=np.float64).reshape(spec["shape"])
    if spec["type"] == "float":
        return float(spec["value"])
    if spec["type"] == "int":
        return int(spec["value"])
    raise ValueError(f"unknown input type {spec['type']!r}")


def describe_exception(exc: BaseException) -> dict[str, Any]:
    """Summarise an exception raised by learner code as plain, deterministic data."""
    try:
        message = str(exc)
    except BaseException:
        message = ""
    line = None
    if isinstance(exc, SyntaxError) and exc.filename == FILENAME:
        line = exc.lineno
        message = str(exc.msg)
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == FILENAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    message = "".join(ch for ch in message[:MAX_TEXT] if ch.isprintable())
    line = line if type(line) is int else None
    return {"exception": type_name(exc), "message": message, "line": line}


def _call(
    function: object, specs: list[dict[str, Any]], reraise: tuple, budget: _Budget
) -> dict[str, Any]:
    if not callable(function):
        return tag(function, budget)
    try:
        args = [build_arg(spec) for spec in specs]
        result = function(*args)
    except reraise:
        raise
    except BaseException as exc:
        return {"type": "raised", **describe_exception(exc)}
    return tag(result, budget)


def compile_code(code: str) -> tuple[CodeType | None, dict[str, Any] | None]:
    """Compile learner code without running it: ``(code object, None)`` or ``(None, error)``."""
    if len(code) > MAX_CODE:  # far beyond any answer; compiling it would only cost memory
        message = f"the code is {len(code)} characters long; at most {MAX_CODE} are checked"
        return None, {"kind": "syntax", "exception": "ValueError", "message": message,
                      "line": None}
    try:
        return compile(code, FILENAME, "exec", dont_inherit=True), None
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return None, {"kind": "syntax", **describe_exception(exc)}


def _all_finite(*arrays: object) -> bool:
    try:
        return all(bool(np.all(np.isfinite(np.asarray(array, dtype=float)))) for array in arrays)
    except (TypeError, ValueError):
        return False


@contextlib.contextmanager
def _host_neutral_solve() -> Any:
    """Make ``np.linalg.solve`` raise on an exactly singular matrix in every host.

    Desktop NumPy (OpenBLAS) raises ``LinAlgError`` there, while Pyodide's NumPy (no OpenBLAS)
    returns NaNs without a word. A grade must not depend on the host, so while learner code
    is checked it meets desktop behaviour in both.
    """
    original = np.linalg.solve

    def solve(a: Any, b: Any) -> Any:
        answer = original(a, b)
        if _all_finite(a, b) and not _all_finite(answer):
            raise np.linalg.LinAlgError("Singular matrix")
        return answer

    np.linalg.solve = solve
    try:
        yield
    finally:
        np.linalg.solve = original


@contextlib.contextmanager
def learner_surroundings() -> Any:
    """Set the scene every learner run gets, in either host, and restore it afterwards.

    Python warnings are ignored, NumPy warns on invalid or dividing floating-point operations
    (as in the lessons), printed output is swallowed, and ``np.linalg.solve`` behaves as on
    the desktop (see `_host_neutral_solve`).
    """
    sink = _CappedText()
    with warnings.catch_warnings(), np.errstate(all="warn", under="ignore"), _host_neutral_solve():
        warnings.simplefilter("ignore")
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            yield


def extract(
    job: dict[str, Any],
    *,
    reraise: tuple[type[BaseException], ...] = (),
    surrounded: bool = False,
) -> dict:
    """Run ``job["code"]`` and report what it defines, as plain data.

    Args:
        job: ``{"code": str, "names": [str, ...], "calls": [{"key", "function", "args"}]}``.
        reraise: exception types to let through instead of reporting (the browser passes
            ``(KeyboardInterrupt,)`` so its Stop button keeps working).
        surrounded: the caller already runs inside `learner_surroundings` (the sandbox's
            template enters it once for all the children it forks, which never leave it).

    Returns:
        ``{"error": None | {"type", "message", "line"}, "names": {name: tagged},
        "calls": {key: tagged}}``. Learner output is swallowed; warnings are ignored.

    """
    result: dict[str, Any] = {"error": None, "names": {}, "calls": {}}
    with contextlib.nullcontext() if surrounded else learner_surroundings():
        namespace = _run(job["code"], result, reraise)
        if namespace is None:
            return result
        budget = _Budget()  # one for the whole result
        for name in job["names"]:
            result["names"][name] = tag(namespace.get(name, _MISSING), budget)
        for call in job["calls"]:
            function = namespace.get(call["function"], _MISSING)
            result["calls"][call["key"]] = _call(function, call["args"], reraise, budget)
    return result


def _run(code: str, result: dict[str, Any], reraise: tuple) -> dict[str, Any] | None:
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    compiled, result["error"] = compile_code(code)
    if compiled is None:
        return None
    try:
        exec(compiled, namespace)
    except reraise:
        raise
    except BaseException as exc:
        result["error"] = {"kind": "raised", **describe_exception(exc)}
        return None
    return namespace


class _CappedText(io.StringIO):
    """A text sink that keeps nothing, so printing can never exhaust memory here."""

    def write(self, text: str) -> int:
        return len(text) if type(text) is str else 0

