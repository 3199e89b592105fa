"""Which files the site serves for the runner, and where they come from.

Everything here is served from the site itself: the course's own scripts (bundled at build time
into one module for the page and one for the Python worker) and styles, the editor (CodeMirror 6
from npm, bundled into one ES module) and KaTeX's stylesheet and fonts for the math the build
rendered. No script is fetched in a page's head: the course's script is an ES module (deferred)
that loads the editor only when a block comes near the viewport, and the head holds only the
small inline early start of the pages that run Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
COURSE = "assets/course"
VENDOR = "assets/vendor"

# Classic scripts block the page's first paint: there are none.
_CLASSIC: list[str] = []
_MODULES = [f"{COURSE}/js/course.js"]
# The course's bundles (entry in site_src/assets/course/js/ -> the same name in the site).
_COURSE_BUNDLES = ["course.js", "worker.js"]
_STYLES = [
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
    """(site path, source file) for the course's styles, plus the shared block runner.

    Its scripts are not served one by one: they reach the site inside the bundles.
    """
    for source in sorted((ASSETS / "course").rglob("*")):
        if source.is_file() and source.suffix != ".js":
            yield f"{COURSE}/{source.relative_to(ASSETS / 'course').as_posix()}", source
    # The worker runs the very module the build used to produce the expected outputs.
    yield f"{COURSE}/py/blockrun.py", Path(__file__).resolve().parent / "blockrun.py"


def bundled_assets() -> list[tuple[str, str]]:
    """(site path, bundle name in ``site_src/bundles/``) for what esbuild bundles at build time."""
    return [(f"{VENDOR}/codemirror.js", "codemirror")]


def course_bundles() -> list[tuple[str, str]]:
    """(site path, entry module in ``assets/course/js/``) for the course's own bundles."""
    return [(f"{COURSE}/js/{entry}", entry) for entry in _COURSE_BUNDLES]


def python_needs(page_html: str) -> str:
    """What a page runs in Python: "grader" (exercises, a quiz), "blocks", or "" (nothing)."""
    if 'class="exercise"' in page_html or 'class="quiz"' in page_html:
        return "grader"
    return "blocks" if 'class="pyrun"' in page_html else ""


def early_start_tag(code: str, needs: str, page_url: str) -> str:
    """The inline ``<script>`` (early-start.js, bundled) that starts Python from the head."""
    from mkdocs.utils import get_relative_url

    base = get_relative_url(f"{COURSE}/js/", page_url)
    return f'<script data-base="{base}" data-needs="{needs}">{code}</script>'


def font_preloads(fonts: list[str], page_url: str) -> str:
    """``<link rel="preload">`` for KaTeX font files, addressed from the page at `page_url`."""
    from mkdocs.utils import get_relative_url

    return "".join(
        f'<link rel="preload" href="{get_relative_url(f"{VENDOR}/katex/fonts/{font}", page_url)}"'
        ' as="font" type="font/woff2" crossorigin>'
        for font in fonts
    )


def vendor_assets(node_modules: Path) -> Iterator[tuple[str, Path]]:
    """(site path, source file) for KaTeX's stylesheet and fonts (the math is built in)."""
    katex = node_modules / "katex" / "dist"
    yield f"{VENDOR}/katex/katex.min.css", katex / "katex.min.css"
    # Browsers that run Pyodide all take woff2, the first format KaTeX's CSS offers.
    for font in sorted((katex / "fonts").glob("*.woff2")):
        yield f"{VENDOR}/katex/fonts/{font.name}", font
