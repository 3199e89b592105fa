"""Which files the site serves for the runner, and where they come from.

Everything here is served from the site itself: the course's own scripts and styles, and the
vendored editor (CodeMirror 5) and math renderer (KaTeX) from `site_src/node_modules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
COURSE = "assets/course"
VENDOR = "assets/vendor"

# Classic scripts, in load order; the course's ES modules run after them.
_CLASSIC = [
    f"{VENDOR}/codemirror/codemirror.js",
    f"{VENDOR}/codemirror/python.js",
    f"{VENDOR}/codemirror/matchbrackets.js",
    f"{VENDOR}/katex/katex.min.js",
    f"{VENDOR}/katex/auto-render.min.js",
]
_MODULES = [
    f"{COURSE}/js/runner.js",
    f"{COURSE}/js/practice.js",
    f"{COURSE}/js/work.js",
    f"{COURSE}/js/quiz.js",
    f"{COURSE}/js/progress.js",
    f"{COURSE}/js/theme-a11y.js",
    f"{COURSE}/js/math.js",
]
_STYLES = [
    f"{VENDOR}/codemirror/codemirror.css",
    f"{VENDOR}/katex/katex.min.css",
    f"{COURSE}/css/course.css",
]


def classic_scripts() -> list[str]:
    """Site paths of the vendored classic scripts."""
    return list(_CLASSIC)


def module_scripts() -> list[str]:
    """Site paths of the course's ES module entry points."""
    return list(_MODULES)


def stylesheets() -> list[str]:
    """Site paths of every stylesheet the pages load."""
    return list(_STYLES)


def course_assets() -> Iterator[tuple[str, Path]]:
    """(site path, source file) for the course's own assets, plus the shared block runner."""
    for source in sorted((ASSETS / "course").rglob("*")):
        if source.is_file():
            yield f"{COURSE}/{source.relative_to(ASSETS / 'course').as_posix()}", source
    # The worker runs the very module the build used to produce the expected outputs.
    yield f"{COURSE}/py/blockrun.py", Path(__file__).resolve().parent / "blockrun.py"


def vendor_assets(node_modules: Path) -> Iterator[tuple[str, Path]]:
    """(site path, source file) for CodeMirror and KaTeX."""
    codemirror = node_modules / "codemirror"
    yield f"{VENDOR}/codemirror/codemirror.js", codemirror / "lib" / "codemirror.js"
    yield f"{VENDOR}/codemirror/codemirror.css", codemirror / "lib" / "codemirror.css"
    yield f"{VENDOR}/codemirror/python.js", codemirror / "mode" / "python" / "python.js"
    yield (
        f"{VENDOR}/codemirror/matchbrackets.js",
        codemirror / "addon" / "edit" / "matchbrackets.js",
    )
    katex = node_modules / "katex" / "dist"
    yield f"{VENDOR}/katex/katex.min.js", katex / "katex.min.js"
    yield f"{VENDOR}/katex/katex.min.css", katex / "katex.min.css"
    yield f"{VENDOR}/katex/auto-render.min.js", katex / "contrib" / "auto-render.min.js"
    # Browsers that run Pyodide all take woff2, the first format KaTeX's CSS offers.
    for font in sorted((katex / "fonts").glob("*.woff2")):
        yield f"{VENDOR}/katex/fonts/{font.name}", font
