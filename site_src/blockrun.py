"""Run one course block and capture what it prints and draws.

The same file runs in two hosts: CPython at build time, where its output becomes the page's
expected output, and Pyodide in the browser's worker, where its output is the learner's live
output. One implementation in both places is what makes "does it match?" a fair question.
Standard library only (Matplotlib is used only when the block imported it).
"""

from __future__ import annotations

import base64
import io
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

BLOCK_FILENAME = "<your code>"
DEFAULT_OUTPUT_LIMIT = 200_000


class OutputLimitExceeded(BaseException):
    """Raised from print() once a block has written more than its share.

    A BaseException, so a learner's `except Exception` cannot swallow it and keep flooding.
    """


class CappedWriter(io.TextIOBase):
    """A text stream that keeps what is written until a character budget runs out."""

    def __init__(self, budget: list[int]) -> None:
        """Share `budget` (a one-item list) with the block's other stream."""
        self._parts: list[str] = []
        self._budget = budget

    def writable(self) -> bool:
        """Say that this stream accepts writes."""
        return True

    def write(self, text: str) -> int:
        """Keep `text`, or stop the block when the shared budget is spent."""
        if len(text) > self._budget[0]:
            self._parts.append(text[: max(self._budget[0], 0)])
            self._budget[0] = 0
            raise OutputLimitExceeded
        self._budget[0] -= len(text)
        self._parts.append(text)
        return len(text)

    def getvalue(self) -> str:
        """Everything written so far."""
        return "".join(self._parts)


def _prepare_matplotlib() -> None:
    """Select the Agg backend, so drawing never needs a screen or the page's DOM."""
    import os

    os.environ["MPLBACKEND"] = "Agg"


def build_font_cache() -> None:
    """Build Matplotlib's font cache now, quietly.

    A fresh Pyodide has none, and building it logs "Matplotlib is building the font cache" to
    stderr, which would otherwise show in the learner's first plot as if their code caused it.
    """
    _prepare_matplotlib()  # before the first import of matplotlib, which reads the backend
    with redirect_stderr(io.StringIO()):
        import matplotlib.font_manager  # noqa: F401 - importing it builds the cache


def _collect_figures() -> list[str]:
    """Return every open Matplotlib figure as base64 PNG and close them all."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    images = []
    for number in pyplot.get_fignums():
        buffer = io.BytesIO()
        pyplot.figure(number).savefig(buffer, format="png", dpi=96, bbox_inches="tight")
        images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
    pyplot.close("all")
    return images


def _learner_traceback(error: BaseException) -> str:
    """Format `error` keeping only the frames that belong to the learner's code."""
    summary = traceback.TracebackException.from_exception(error)
    own_frames = [frame for frame in summary.stack if frame.filename == BLOCK_FILENAME]
    lines = ["Traceback (most recent call last):\n"] if own_frames else []
    for frame in own_frames:
        lines.append(f'  Line {frame.lineno}, in {frame.name}\n')
        if frame.line:
            lines.append(f"    {frame.line.strip()}\n")
    lines.extend(summary.format_exception_only())
    return "".join(lines)


def new_namespace() -> dict[str, Any]:
    """A fresh module-like namespace for one block (or one shared session)."""
    return {"__name__": "__main__", "__builtins__": __builtins__}


def run_block(
    code: str,
    namespace: dict[str, Any] | None = None,
    *,
    output_limit: int = DEFAULT_OUTPUT_LIMIT,
) -> dict[str, Any]:
    """Execute `code` and report, as plain data, what happened.

    Args:
        code: The block's source.
        namespace: Globals to run in; a fresh one when omitted.
        output_limit: Characters of stdout and stderr together before the block is stopped.

    Returns:
        ``{"stdout", "stderr", "error", "figures", "status"}``, where status is ``ok``,
        ``error``, ``exit`` (the code called exit), ``interrupted`` or ``output-limit``.

    """
    _prepare_matplotlib()
    scope = namespace if namespace is not None else new_namespace()
    budget = [output_limit]
    out, err = CappedWriter(budget), CappedWriter(budget)
    status, error_text = "ok", ""
    try:
        compiled = compile(code, BLOCK_FILENAME, "exec")
        with redirect_stdout(out), redirect_stderr(err):
            exec(compiled, scope)
    except OutputLimitExceeded:
        status = "output-limit"
        error_text = f"Output stopped: the code printed more than {output_limit:,} characters.\n"
    except KeyboardInterrupt:
        status, error_text = "interrupted", "Stopped.\n"
    except SystemExit as exiting:
        status = "exit"
        error_text = f"The code called exit() (code {exiting.code!r}); the rest was skipped.\n"
    except BaseException as error:  # the learner's own exception, shown to them
        status, error_text = "error", _learner_traceback(error)
    figures = _collect_figures()
    return {
        "status": status,
        "stdout": out.getvalue(),
        "stderr": err.getvalue(),
        "error": error_text,
        "figures": figures,
    }
