"""The `pyrun` fence: run a block at build time and write the page's HTML for it.

The HTML is the contract with the browser runner (`assets/course/js/runner.js`): a
``div.pyrun`` carrying ``data-block-id`` and ``data-run-state``, the code and expected output as
JSON in a ``script.pyrun__data``, and the expected output rendered for reading and searching.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_exec import ExecutionError, base_format

from site_src.blockrun import new_namespace, run_block

_BLOCK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KNOWN_OPTIONS = {"id", "title", "session", "build_only"}


@dataclass
class BlockFailure:
    """A block that could not run at build time."""

    page: str
    block_id: str
    message: str


@dataclass
class FenceState:
    """What the fence remembers while one build runs; the plugin resets it per build."""

    page: str = ""
    block_ids: set[str] = field(default_factory=set)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[BlockFailure] = field(default_factory=list)
    blocks_run: int = 0

    def reset(self) -> None:
        """Forget everything: the next build starts clean."""
        self.start_page("")
        self.failures = []
        self.blocks_run = 0

    def fail(self, block_id: str, message: str) -> None:
        """Record a block of the current page that cannot be built."""
        self.failures.append(BlockFailure(self.page, block_id, message))

    def start_page(self, page: str) -> None:
        """Forget the previous page's ids and shared namespaces."""
        self.page = page
        self.block_ids = set()
        self.sessions = {}


def validate_options(
    language: str,
    inputs: dict[str, str],
    options: dict[str, Any],
    attrs: dict[str, Any],
    md: Any,
) -> bool:
    """SuperFences validator: accept the block and move its options into `options`."""
    options.update(inputs)
    return True


def json_for_script(data: dict[str, Any]) -> str:
    """JSON that is safe inside a <script> element (no closing tag can appear)."""
    return json.dumps(data).replace("</", "<\\/")


def _render(block_id: str, code: str, result: dict[str, Any], options: dict[str, str]) -> str:
    """The block's HTML: source, data for the runner, and the expected output."""
    title = options.get("title", "")
    build_only = options.get("build_only", "")
    data = {
        "code": code,
        "expected": result["stdout"],
        "figures": len(result["figures"]),
        "session": options.get("session", ""),
        "buildOnly": build_only,
    }
    attributes = f'class="pyrun" data-block-id="{html.escape(block_id)}" data-run-state="idle"'
    parts = [f"<div {attributes}>"]
    if title:
        parts.append(f'<p class="pyrun__title">{html.escape(title)}</p>')
    if build_only:
        parts.append(
            '<p class="pyrun__note">This block runs at build time only: '
            f"{html.escape(build_only)}</p>"
        )
    # Empty boxes the runner fills: reserving their room now keeps the page from shifting.
    parts.append('<div class="pyrun__toolbar"></div>')
    parts.append(
        f'<pre class="pyrun__source"><code class="language-python">{html.escape(code)}</code></pre>'
    )
    parts.append(
        f'<script type="application/json" class="pyrun__data">{json_for_script(data)}</script>'
    )
    parts.append('<div class="pyrun__outputs"><div class="pyrun__expected">')
    parts.append('<p class="pyrun__label">Expected output</p>')
    if result["stdout"]:
        parts.append(
            f'<pre class="pyrun__expected-text"><code>{html.escape(result["stdout"])}</code></pre>'
        )
    for number, figure in enumerate(result["figures"], start=1):
        alt = f"Figure {number}" + (f" of “{title}”" if title else "") + f": {figure['alt']}"
        parts.append(
            f'<img class="pyrun__figure" alt="{html.escape(alt)}" src="{figure["src"]}" '
            f'width="{figure["width"]}" height="{figure["height"]}">'
        )
    parts.append("</div>")
    if not build_only:
        parts.append('<div class="pyrun__yours"><p class="pyrun__verdict">Press Run (or Ctrl+Enter '
                     "in the code) to compare your output with this.</p></div>")
    parts.append("</div></div>")
    return "".join(parts)


def _failure_message(result: dict[str, Any]) -> str:
    return (result["error"] or result["status"]).strip()


def format_block(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    *,
    state: FenceState,
    **kwargs: Any,
) -> str:
    """SuperFences formatter: run the block through markdown-exec and return its HTML."""
    block_id = options.get("id", "")
    unknown = sorted(set(options) - _KNOWN_OPTIONS)
    problem = ""
    if not _BLOCK_ID.match(block_id):
        problem = f'needs id="..." of lower-case letters, digits and dashes (got {block_id!r})'
    elif block_id in state.block_ids:
        problem = f"id {block_id!r} is used twice on this page"
    elif unknown:
        problem = f"unknown option(s) {', '.join(unknown)}"
    if problem:
        state.fail(block_id or "?", problem)
        return f"<p>Broken block: {html.escape(problem)}</p>"
    state.block_ids.add(block_id)

    def run(code: str, **_: Any) -> str:
        session = options.get("session")
        namespace = state.sessions.setdefault(session, new_namespace()) if session else None
        result = run_block(code, namespace)
        state.blocks_run += 1
        if result["status"] != "ok":
            message = _failure_message(result)
            state.fail(block_id, message)
            raise ExecutionError(message)
        return _render(block_id, code, result, options)

    return base_format(language="python", run=run, code=source, md=md, html=True, id=block_id)
