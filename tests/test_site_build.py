"""The site build: strict, self-contained, and loud about a block that fails."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, build_site
from tests.support.site_html import block_data


def write_site(root: Path, page: str) -> Path:
    """A one-page site using the course plugin; returns its mkdocs.yml."""
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Scratch\n"
        f"docs_dir: {root / 'docs'}\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - course:\n"
        f"      node_modules: {PROJECT_ROOT / 'site_src' / 'node_modules'}\n"
        "markdown_extensions:\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )
    return config


def test_a_failing_block_fails_the_build_naming_page_and_block(tmp_path: Path) -> None:
    config = write_site(tmp_path, '# T\n\n```pyrun id="broken-sum"\nprint(1 / 0)\n```\n')
    result = build_site(tmp_path / "site", config)
    assert result.returncode != 0
    assert "index.md" in result.stderr
    assert "broken-sum" in result.stderr
    assert "ZeroDivisionError" in result.stderr


@pytest.mark.parametrize(
    ("fence", "complaint"),
    [
        ("```pyrun\nprint(1)\n```", "needs id"),
        ('```pyrun id="twice"\nprint(1)\n```\n\n```pyrun id="twice"\nprint(2)\n```', "used twice"),
        ('```pyrun id="a" colour="red"\nprint(1)\n```', "unknown option"),
        ('```exercise id="no-such-exercise"\n```', "no exercise with id"),
    ],
    ids=["missing-id", "duplicate-id", "unknown-option", "unknown-exercise"],
)
def test_a_malformed_block_fails_the_build_with_a_reason(
    tmp_path: Path, fence: str, complaint: str
) -> None:
    result = build_site(tmp_path / "site", write_site(tmp_path, f"# T\n\n{fence}\n"))
    assert result.returncode != 0
    assert complaint in result.stderr


def test_blocks_in_one_session_share_a_namespace(tmp_path: Path) -> None:
    page = (
        '# T\n\n```pyrun id="define" session="s"\nrate = 20\n```\n\n'
        '```pyrun id="use" session="s"\nprint("rate", rate)\n```\n'
    )
    config = write_site(tmp_path, page)
    assert build_site(tmp_path / "site", config).returncode == 0
    blocks = block_data(tmp_path / "site" / "index.html")
    assert blocks["use"]["expected"] == "rate 20\n"
    assert blocks["use"]["session"] == "s"


def test_every_chapter_block_is_idle_with_code_and_expected_output(built_site: Path) -> None:
    pages = sorted((built_site / "linear-regression").rglob("index.html"))
    blocks = {page: block_data(page) for page in pages}
    assert sum(len(found) for found in blocks.values()) >= 15
    for page, found in blocks.items():
        html = page.read_text(encoding="utf-8")
        for block_id, data in found.items():
            assert data["code"].strip(), f"{page}: {block_id} has no code"
            assert data["expected"] or data["figures"], f"{page}: {block_id} prints nothing"
            assert f'data-block-id="{block_id}" data-run-state="idle"' in html


# A resource the page loads by itself (not a link the reader may follow) on another host.
_FOREIGN_RESOURCE = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//[^"']*""",
    re.IGNORECASE,
)


def test_the_site_loads_nothing_from_another_host(built_site: Path) -> None:
    offenders = [
        f"{path.relative_to(built_site)}: {match.group(0)}"
        for path in built_site.rglob("*.html")
        for match in _FOREIGN_RESOURCE.finditer(path.read_text(encoding="utf-8"))
        if 'rel="canonical"' not in match.group(0)  # names the page's address; loads nothing
    ]
    assert offenders == []


def test_the_site_carries_its_own_pyodide_editor_and_math(built_site: Path) -> None:
    for asset in [
        "assets/pyodide/pyodide.mjs",
        "assets/pyodide/pyodide.asm.wasm",
        "assets/pyodide/pyodide-lock.json",
        "assets/vendor/codemirror.js",
        "assets/vendor/katex/katex.min.css",
        "assets/course/js/worker.js",
        "assets/course/py/blockrun.py",
    ]:
        assert (built_site / asset).is_file(), asset
    assert list((built_site / "assets/pyodide").glob("numpy-2.0.2-*.whl"))
    assert list((built_site / "assets/pyodide").glob("linear_models_course-*.whl"))


def test_a_cdn_base_url_replaces_the_self_hosted_pyodide(tmp_path: Path) -> None:
    config = write_site(tmp_path, '# T\n\n```pyrun id="hello"\nprint("hi")\n```\n')
    cdn = "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/"
    config.write_text(
        config.read_text().replace("  - course:\n", f"  - course:\n      pyodide_base_url: {cdn}\n")
    )
    assert build_site(tmp_path / "site", config).returncode == 0
    site = tmp_path / "site"
    assert cdn in (site / "assets/course/js/config.js").read_text()
    assert not (site / "assets/pyodide").exists()
    assert list((site / "assets/course/wheels").glob("linear_models_course-*.whl"))


_HEAD = re.compile(r"<head>(?P<head>.*?)</head>", re.DOTALL)
_SCRIPT_TAG = re.compile(r"<script\b(?P<attributes>[^>]*)>", re.IGNORECASE)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)"')


def test_no_script_in_any_page_blocks_the_first_paint(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = _HEAD.search(html)["head"]
        # Material's bundle too, at the end of the body: the parser waited for it to paint.
        assert re.search(r'<script src="[^"]*/bundle\.[0-9a-f]+\.min\.js" defer>', html), page
        for tag in _SCRIPT_TAG.finditer(html):
            attributes = tag["attributes"]
            # A script with a src and neither defer, async nor type=module waits to be fetched.
            blocking = "src=" in attributes and not re.search(
                r'\b(defer|async)\b|type="module"', attributes
            )
            assert not blocking, f"{page.relative_to(built_site)}: <script{attributes}>"
        sheets = [match["href"] for match in _STYLESHEET.finditer(head)]
        # Material's own, then the two small ones the first paint needs: the blocks' boxes (no
        # shift when they bind) and KaTeX's, for the math the build already rendered.
        assert [sheet.rsplit("/", 1)[-1] for sheet in sheets[2:]] == ["katex.min.css", "course.css"]


_MODULE_SCRIPT = re.compile(r'<script src="(?P<src>[^"]+)" type="module">')
# The only imports a course bundle keeps: the settings module the build writes beside them.
_IMPORT = re.compile(r"""\bimport\s*(?:[\w{}\s,*]+from\s*)?["'](?P<path>[^"']+)["']""")


def test_a_page_fetches_the_course_code_as_one_bundle(built_site: Path) -> None:
    scripts = sorted(path.name for path in (built_site / "assets/course/js").iterdir())
    assert scripts == ["config.js", "course.js", "worker.js"]
    for page in sorted(built_site.rglob("index.html")):
        modules = _MODULE_SCRIPT.findall(page.read_text(encoding="utf-8"))
        assert [src.rsplit("/", 1)[-1] for src in modules] == ["course.js"], page
    for bundle in ("course.js", "worker.js"):
        code = (built_site / "assets/course/js" / bundle).read_text(encoding="utf-8")
        assert set(_IMPORT.findall(code)) <= {"./config.js"}, bundle
    page_code = (built_site / "assets/course/js/course.js").read_text(encoding="utf-8")
    # Every page module is inside, its `document$` callback under its own name ...
    for callback in ("bindBlocks", "bindExercises", "bindQuizzes", "bindLine", "nameSearchDialog"):
        assert f"function {callback}" in page_code, callback
    # ... and the hooks that tests and probes import from the page's own instance.
    assert re.search(r"export\s*\{[^}]*\beditorFor\b[^}]*\}", page_code)


_EARLY_START = re.compile(
    r'<head>\s*<meta charset="utf-8">'
    r'<script data-base="(?P<base>[^"]+)" data-needs="(?P<needs>\w+)">(?P<code>.*?)</script>',
    re.DOTALL,
)


def test_pages_that_run_python_start_it_from_the_top_of_their_head(built_site: Path) -> None:
    expected = {
        "linear-regression/": "blocks",
        "linear-regression/practice/": "grader",
        "glm/quiz/": "grader",
        "": None,
        "instructors/": None,
    }
    for path, needs in expected.items():
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        found = _EARLY_START.search(html)
        assert (found["needs"] if found else None) == needs, path
        if found:
            # An inline classic script: it runs where it stands, needing no request.
            assert (built_site / path / found["base"] / "worker.js").is_file(), path
            assert "__courseEarlyPython" in found["code"]
            assert not re.search(r"\b(import|export)\s*[{*\"]", found["code"]), path


def test_the_publishing_pages_figures_on_compression_hold(built_site: Path) -> None:
    page = " ".join((PROJECT_ROOT / "docs" / "publishing.md").read_text(encoding="utf-8").split())
    pyodide = built_site / "assets" / "pyodide"
    runtime = (pyodide / "pyodide.asm.wasm").read_bytes()
    megabytes = (len(runtime) / 1e6, len(gzip.compress(runtime, compresslevel=6)) / 1e6)
    assert f"from {megabytes[0]:.1f} MB to {megabytes[1]:.1f} MB gzipped" in page
    assert "shrink by under 2 %" in page
    zipped = [pyodide / "python_stdlib.zip", *pyodide.glob("numpy-*.whl")]
    assert len(zipped) == 2
    for archive in zipped:
        data = archive.read_bytes()
        assert len(gzip.compress(data, compresslevel=6)) > 0.98 * len(data), archive.name


def test_math_is_rendered_at_build_time(built_site: Path) -> None:
    page = (built_site / "linear-regression" / "least-squares" / "index.html").read_text(
        encoding="utf-8"
    )
    assert page.count('<span class="katex">') > 10
    assert "<math" in page  # MathML beside the HTML, for screen readers
    assert not re.search(r'class="arithmatex">\\[(\[]', page)
    assert not list(built_site.rglob("katex*.js"))
    assert not list(built_site.rglob("auto-render*.js"))


def test_a_formula_katex_cannot_read_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    config = write_site(tmp_path, "# T\n\nA broken formula \\( \\frac{1 \\).\n")
    config.write_text(
        config.read_text() + "  - pymdownx.arithmatex:\n      generic: true\n", encoding="utf-8"
    )
    result = build_site(tmp_path / "site", config)
    assert result.returncode != 0
    assert "index.md" in result.stderr
    assert "KaTeX parse error" in result.stderr


def test_a_figure_is_an_svg_at_the_content_width_with_a_text_alternative(tmp_path: Path) -> None:
    code = (
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
        "ax.plot([1, 2], [3, 4], label='rise')\nax.set_xlabel('hours')\nax.legend()\n"
    )
    config = write_site(tmp_path, f'# T\n\n```pyrun id="plot" title="A rise"\n{code}```\n')
    assert build_site(tmp_path / "site", config).returncode == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    image = re.search(r'<img class="pyrun__figure"[^>]*>', page)[0]
    assert 'src="data:image/svg+xml;base64,' in image
    alt = re.search(r'alt="([^"]*)"', image)[1]
    assert "A rise" in alt
    assert "x axis: hours" in alt
    assert "legend: rise" in alt


@pytest.mark.parametrize(
    "page", ["linear-regression/practice", "linear-regression/quiz", "glm/practice", "glm/quiz"]
)
def test_the_your_work_panel_is_written_by_the_build_before_the_first_graded_item(
    built_site: Path, page: str
) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert "course-work-slot" not in html
    assert html.count('<fieldset class="course-work">') == 1
    panel = html.index('<fieldset class="course-work">')
    first_graded = re.search(r'<div class="(exercise|quiz)" ', html).start()
    assert panel < first_graded
    for part in ('id="learner-name"', 'id="learner-email"', ">Download my work</button>",
                 ">Load work</button>", 'id="course-work-file"'):
        assert part in html[panel:first_graded], part


def test_without_a_slot_the_panel_goes_just_before_the_first_exercise() -> None:
    from site_src.work_panel import PANEL, place_work_panel

    page = '<p>intro</p><div class="exercise" data-exercise-id="a"></div><div class="quiz" x>'
    assert place_work_panel(page) == (
        '<p>intro</p>' + PANEL + '<div class="exercise" data-exercise-id="a"></div>'
        '<div class="quiz" x>'
    )
    assert place_work_panel("<p>no graded work here</p>") == "<p>no graded work here</p>"
