r"""Math rendered at build time: the pages carry KaTeX's HTML, and no math script runs in them.

pymdownx.arithmatex (generic mode) leaves ``<span class="arithmatex">\(...\)</span>`` and
``<div class="arithmatex">\[...\]</div>`` in a page's HTML; `MathRenderer.render_page`
replaces what is inside each with KaTeX's output (HTML for the eye, MathML for screen readers),
rendered by the KaTeX npm package through one Node process kept for the whole build.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "math_render.mjs"

_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>",
    re.DOTALL,
)


# KaTeX's classes and the font each needs (katex.css): the page preloads the ones it uses, so
# its formulas do not wait for the stylesheet to be read before their fonts are asked for.
_FONTS = {
    'class="katex"': "KaTeX_Main-Regular",
    "mathnormal": "KaTeX_Math-Italic",
    "mathbf": "KaTeX_Main-Bold",
    "boldsymbol": "KaTeX_Math-BoldItalic",
    "amsrm": "KaTeX_AMS-Regular",
    "mathbb": "KaTeX_AMS-Regular",
    "mathcal": "KaTeX_Caligraphic-Regular",
    "mathit": "KaTeX_Main-Italic",
    "small-op": "KaTeX_Size1-Regular",
    "size1": "KaTeX_Size1-Regular",
    "large-op": "KaTeX_Size2-Regular",
    "size2": "KaTeX_Size2-Regular",
    "size3": "KaTeX_Size3-Regular",
    "size4": "KaTeX_Size4-Regular",
}


def fonts_used(rendered_html: str) -> list[str]:
    """The KaTeX font files (``.woff2``) that the rendered formulas in a page need."""
    return sorted({f"{font}.woff2" for mark, font in _FONTS.items() if mark in rendered_html})


class MathError(RuntimeError):
    """A formula KaTeX cannot render, or no Node to render it with."""


class MathRenderer:
    """One Node process that renders TeX with KaTeX; start lazily, `close` after the build."""

    def __init__(self, node_modules: Path) -> None:
        """Render with the KaTeX found in `node_modules`."""
        self._node_modules = node_modules
        self._process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        node = shutil.which("node")
        if node is None:
            raise MathError("Node.js is needed to render the pages' math at build time")
        return subprocess.Popen(
            [node, str(SCRIPT), str(self._node_modules.resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def render(self, tex: str, *, display: bool) -> str:
        """KaTeX's HTML for one formula."""
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        if self._process.stdin is None or self._process.stdout is None:
            raise MathError("the KaTeX process has no pipes")
        self._process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self._process.stdin.flush()
        reply = json.loads(self._process.stdout.readline() or '{"error": "KaTeX stopped"}')
        if "error" in reply:
            raise MathError(f"{reply['error']} in \\({tex.strip()}\\)")
        return str(reply["html"])

    def render_page(self, page_html: str) -> str:
        """`page_html` with every arithmatex formula rendered."""

        def replace(match: re.Match[str]) -> str:
            display = match["open"] == "\\["
            rendered = self.render(html.unescape(match["tex"]), display=display)
            return f'<{match["tag"]} class="arithmatex">{rendered}</{match["tag"]}>'

        return _MATH.sub(replace, page_html)

    def close(self) -> None:
        """End the Node process."""
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait(timeout=10)
            self._process = None
