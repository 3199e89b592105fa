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


def _count(items: Any, one: str, many: str) -> str:
    number = len(items)
    return f"{number} {one if number == 1 else many}" if number else ""


def describe_figure(figure: Any) -> str:
    """A text alternative for a figure: its titles, axis labels, legend and what it draws."""
    sentences = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        sentences.append(f"{suptitle.get_text()}.")
    for axes in figure.get_axes():
        title = axes.get_title() or axes.get_title("left") or "a plot"
        drawn = [
            _count([line for line in axes.get_lines() if line.get_visible()], "line", "lines"),
            _count(axes.collections, "set of points or areas", "sets of points or areas"),
            _count(axes.patches, "bar or shape", "bars or shapes"),
            _count(axes.images, "image", "images"),
        ]
        words = [title]
        labels = [
            f"{name} axis: {text}"
            for name, text in (("x", axes.get_xlabel()), ("y", axes.get_ylabel()))
            if text
        ]
        if labels:
            words.append(", ".join(labels))
        if any(drawn):
            words.append("showing " + ", ".join(part for part in drawn if part))
        legend = axes.get_legend()
        if legend is not None:
            entries = [text.get_text() for text in legend.get_texts() if text.get_text()]
            if entries:
                words.append("legend: " + "; ".join(entries))
        sentences.append("; ".join(words) + ".")
    return " ".join(sentences) or "An empty figure."


def _svg_size_px(svg: bytes) -> tuple[int, int]:
    """The SVG's width and height in CSS pixels (Matplotlib writes them in points)."""
    head = svg[: svg.find(b">", svg.find(b"<svg")) + 1].decode("utf-8")
    sizes = []
    for name in ("width", "height"):
        start = head.find(f'{name}="') + len(name) + 2
        value = head[start : head.find('"', start)]
        sizes.append(round(float(value.removesuffix("pt")) * 96 / 72))
    return sizes[0], sizes[1]


def _collect_figures() -> list[dict[str, Any]]:
    """Return every open Matplotlib figure as SVG (sharp at any size) and close them all.

    Each figure is ``{"src": data URL, "alt": text alternative, "width", "height"}`` (CSS px).
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    figures = []
    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        with pyplot.rc_context({"svg.hashsalt": "course", "svg.fonttype": "path"}):
            figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        svg = buffer.getvalue()
        width, height = _svg_size_px(svg)
        figures.append({
            "src": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
            "alt": describe_figure(figure),
            "width": width,
            "height": height,
        })
    pyplot.close("all")
    return figures


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
