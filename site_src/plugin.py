"""The course's MkDocs plugin: runnable blocks, self-hosted assets and Pyodide.

It registers the `pyrun` fence, serves the runner's JavaScript and CSS, the editor and the math
renderer from the site itself, and assembles the Pyodide runtime (core, the wheels the pages
import, the course's own wheel) into ``assets/pyodide/``.
"""

from __future__ import annotations

import json
import logging
import re
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from site_src.assets_manifest import (
    bundled_assets,
    classic_scripts,
    course_assets,
    course_bundles,
    early_start_tag,
    font_preloads,
    module_scripts,
    python_needs,
    stylesheets,
    vendor_assets,
)
from site_src.course_map import CourseMap
from site_src.exercise_fence import format_exercise
from site_src.fence import FenceState, format_block, validate_options
from site_src.math_render import MathError, MathRenderer, fonts_used
from site_src.quiz_fence import format_quiz
from site_src.service_worker import write_service_worker
from site_src.work_panel import place_work_panel

log = logging.getLogger("mkdocs.plugins.course")

PROJECT_ROOT = Path(__file__).resolve().parent.parent


COURSE_PACKAGE = "linear-models-course"
# The head's first element: the early start goes right after it, so it runs before anything waits.
_HEAD_START = re.compile(r'<head>\s*<meta charset="utf-8">')
# Material's classic script at the end of every page; deferred, it still runs before the course's
# modules (deferred scripts and modules run in document order once the page is parsed).
_MATERIAL_BUNDLE = re.compile(
    r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")>'
)


def _course_version() -> str:
    from importlib.metadata import version

    return version(COURSE_PACKAGE)


def _exercise_kinds() -> dict[str, str]:
    from grader import exercise_catalog

    return {entry["id"]: entry["kind"] for entry in exercise_catalog()}


def _check_timeout() -> dict[str, object]:
    """The browser's Check limit, with the offline grader's own words for a timeout."""
    from grader.grading import DEFAULT_TIMEOUT, timeout_feedback

    return {"seconds": DEFAULT_TIMEOUT, "feedback": timeout_feedback(DEFAULT_TIMEOUT)}


def _course_wheel_name() -> str:
    return f"{COURSE_PACKAGE.replace('-', '_')}-{_course_version()}-py3-none-any.whl"


class CourseConfig(base.Config):
    """Options of the `course` plugin in mkdocs.yml."""

    pyodide_base_url = opt.Type(str, default="")
    """Where the browser loads Pyodide from. Empty: the site's own copy (works offline)."""
    pyodide_packages = opt.ListOfItems(
        opt.Type(str), default=["numpy", "scikit-learn", "matplotlib"]
    )
    """Packages the pages import; they and their dependencies are copied into the site."""
    node_modules = opt.Type(str, default="site_src/node_modules")
    """Where `npm ci` put the browser packages, relative to mkdocs.yml."""


class CoursePlugin(BasePlugin[CourseConfig]):
    """Turn `pyrun` fences into runnable blocks and ship everything they need."""

    def __init__(self) -> None:
        """Start with an empty build state."""
        self.state = FenceState()
        self.course_map = CourseMap()
        self.live_preview = False
        self.config_file: File | None = None
        self.math: MathRenderer | None = None
        self.early_start = ""  # early-start.js bundled for the head, once the settings are final

    def on_startup(self, *, command: str, **_: Any) -> None:
        """Note `mkdocs serve`: its live preview must not be served from an offline cache."""
        self.live_preview = command == "serve"

    def _node_modules(self, config: Any) -> Path:
        path = (Path(config.config_file_path).parent / self.config.node_modules).resolve()
        if not (path / "pyodide" / "pyodide.mjs").is_file():
            raise PluginError(
                f"course: browser packages are missing from {path}. "
                "Run `make site` (or `npm ci --prefix site_src`) first."
            )
        return path

    def on_config(self, config: Any) -> Any:
        """Register the fence and the page scripts."""
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault(
            "custom_fences", []
        )
        formats = {"pyrun": format_block, "exercise": format_exercise, "quiz": format_quiz}
        fences[:] = [fence for fence in fences if fence.get("name") not in formats]
        for name, format_function in formats.items():
            fences.append(
                {
                    "name": name,
                    "class": name,
                    "validator": validate_options,
                    "format": partial(format_function, state=self.state),
                }
            )
        for path in stylesheets():
            if path not in config.extra_css:
                config.extra_css.append(path)
        present = {str(script) for script in config.extra_javascript}
        for path in classic_scripts():
            if path not in present:
                config.extra_javascript.append(opt.ExtraScriptValue(path))
        for path in module_scripts():
            if path not in present:
                present.add(path)
                script = opt.ExtraScriptValue(path)
                script.type = "module"
                config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        """Add the runner's own files and the vendored editor and math renderer."""
        node_modules = self._node_modules(config)
        for dest, source in [*course_assets(), *vendor_assets(node_modules)]:
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        from site_src.bundle import BundleError, bundle, course_bundle

        try:
            for dest, name in bundled_assets():
                files.append(File.generated(config, dest, content=bundle(name, node_modules)))
            for dest, entry in course_bundles():
                content = course_bundle(entry, node_modules)
                files.append(File.generated(config, dest, content=content))
        except BundleError as error:
            raise PluginError(f"course: {error}") from error
        self.config_file = File.generated(
            config, "assets/course/js/config.js", content=self._config_js()
        )
        files.append(self.config_file)
        return files

    def _config_js(self, pyodide_sizes: dict[str, int] | None = None) -> str:
        settings = {
            # The service worker (offline use, isolation headers); not in `mkdocs serve`.
            "offline": not self.live_preview,
            # Bytes of each self-hosted Pyodide file, for the download progress bar.
            "pyodideSizes": pyodide_sizes or {},
            "pyodideBaseUrl": self.config.pyodide_base_url,
            "courseVersion": _course_version(),
            "coursePackage": COURSE_PACKAGE,
            # With a CDN the course wheel is not in the CDN's lock: load it from this site.
            "courseWheel": f"../wheels/{_course_wheel_name()}"
            if self.config.pyodide_base_url
            else "",
            "exercises": _exercise_kinds(),
            "checkTimeout": _check_timeout(),
        }
        return f"export const settings = Object.freeze({json.dumps(settings)});\n"

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        """Tell the fence which page it is on, for ids and error messages."""
        self.state.start_page(page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, **_: Any) -> str:
        """Fail the build, naming page and block, when a block did not run."""
        broken = [failure for failure in self.state.failures if failure.page == page.file.src_uri]
        if broken:
            details = "\n".join(
                f"  block '{failure.block_id}': {failure.message}" for failure in broken
            )
            raise PluginError(f"course: {page.file.src_uri} has blocks that fail:\n{details}")
        if 'class="arithmatex"' in html:
            self.math = self.math or MathRenderer(self._node_modules(config))
            try:
                html = self.math.render_page(html)
            except MathError as error:
                raise PluginError(f"course: {page.file.src_uri}: {error}") from error
            html = font_preloads(fonts_used(html), page.url) + html
        html = place_work_panel(html)
        self.course_map.read_page(page.file.src_uri, page.url, page.title or "", html)
        return html

    def on_post_page(self, output: str, *, page: Any, **_: Any) -> str:
        """Defer Material's script; start Python from the head of a page that runs it.

        Parsed at the end of the body, Material's script held back the first paint.
        """
        output = _MATERIAL_BUNDLE.sub(r"\g<1> defer>", output, count=1)
        needs = python_needs(output)
        if needs and self.early_start:
            tag = early_start_tag(self.early_start, needs, page.url)
            output = _HEAD_START.sub(lambda found: found[0] + tag, output, count=1)
        return output

    def on_nav(self, nav: Any, **_: Any) -> Any:
        """Note the chapters (top-level sections) for the home page's progress panel."""
        self.course_map.reset()
        self.course_map.read_nav(nav)
        return nav

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Assemble the self-hosted Pyodide runtime (or, with a CDN, the course wheel)."""
        from site_src.build import AssetError, build_course_wheel, prepare_pyodide

        site_dir = Path(config.site_dir)
        try:
            if self.config.pyodide_base_url:
                build_course_wheel(PROJECT_ROOT, site_dir / "assets" / "course" / "wheels")
            else:
                pyodide = prepare_pyodide(
                    site_dir,
                    project_root=PROJECT_ROOT,
                    core_dir=self._node_modules(config) / "pyodide",
                    packages=self.config.pyodide_packages,
                )
                if self.config_file is not None:
                    sizes = {p.name: p.stat().st_size for p in pyodide.iterdir() if p.is_file()}
                    self.config_file.content_string = self._config_js(sizes)
        except AssetError as error:
            raise PluginError(f"course: {error}") from error
        self.early_start = self._early_start(config)
        return env

    def _early_start(self, config: Any) -> str:
        """early-start.js as one inline script, with this build's settings in it."""
        from site_src.bundle import BundleError, inline_script

        settings = self.config_file.content_string if self.config_file else self._config_js()
        try:
            return inline_script("early-start.js", settings, self._node_modules(config))
        except BundleError as error:
            raise PluginError(f"course: {error}") from error

    def on_post_build(self, config: Any) -> None:
        """Report and reset, so `mkdocs serve` starts each rebuild clean."""
        log.info("course: ran %d blocks", self.state.blocks_run)
        self.course_map.write(config.site_dir)
        if not self.live_preview:
            manifest = write_service_worker(Path(config.site_dir), ["numpy", COURSE_PACKAGE])
            log.info("course: build %s, %d files for offline use", manifest["build"],
                     sum(not entry.get("lazy") for entry in manifest["files"]))
        self.state.reset()
        if self.math is not None:
            self.math.close()
            self.math = None
