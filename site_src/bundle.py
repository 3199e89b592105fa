"""Bundle ES modules into one self-hosted file each with esbuild, at build time.

Two kinds of bundle: the editor (CodeMirror 6, from npm; entry ``site_src/bundles/codemirror.js``)
and the course's own scripts (entries in ``site_src/assets/course/js/``: the page's ``course.js``
and the Python ``worker.js``), so a page fetches one script where it fetched twenty, one after
another as each import was found. One more course entry, ``early-start.js``, becomes a classic
script the build inlines in the head of the pages that run Python. esbuild (an npm package beside
the editor's) runs at build time; the site makes no request to a CDN. A bundle is kept per content
of its inputs, so `mkdocs serve` rebuilds do not redo it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

BUNDLES = Path(__file__).resolve().parent / "bundles"
COURSE_JS = Path(__file__).resolve().parent / "assets" / "course" / "js"
# The build writes the settings module itself (after Pyodide's file sizes are known): the
# course's bundles import it from beside them, at run time.
COURSE_EXTERNAL = "./config.js"


class BundleError(RuntimeError):
    """esbuild is missing or failed."""


def bundle(name: str, node_modules: Path) -> bytes:
    """The minified ES module bundled from ``bundles/<name>.js`` and npm packages."""
    entry = BUNDLES / f"{name}.js"
    lock = node_modules / ".package-lock.json"
    key = hashlib.sha256(entry.read_bytes() + (lock.read_bytes() if lock.is_file() else b""))
    return _bundle(str(entry), str(node_modules), key.hexdigest(), ("--minify",))


def course_bundle(entry: str, node_modules: Path) -> bytes:
    """The course's module `entry` (e.g. ``course.js``) with every module it imports, in one.

    Names are kept (whitespace and syntax only are minified), so a long task in the browser's
    profile still names the course function it ran.
    """
    options = ("--minify-whitespace", "--minify-syntax", f"--external:{COURSE_EXTERNAL}")
    return _bundle(str(COURSE_JS / entry), str(node_modules), _course_key(), options)


def inline_script(entry: str, config_js: str, node_modules: Path) -> str:
    """The course's module `entry` as one classic script (an IIFE) to inline in a page's head.

    A classic script cannot import the settings module, so the build's own `config_js` (final
    once Pyodide's file sizes are known) is bundled in.
    """
    return _inline(entry, config_js, str(node_modules), _course_key())


def _course_key() -> str:
    """A digest of every course module: a bundle is redone when any of them changes."""
    key = hashlib.sha256()
    for source in sorted(COURSE_JS.glob("*.js")):
        key.update(source.name.encode() + b"\0" + source.read_bytes())
    return key.hexdigest()


@cache
def _inline(entry: str, config_js: str, node_modules: str, _key: str) -> str:
    with tempfile.TemporaryDirectory(prefix="course-inline-") as scratch:
        sources = Path(scratch)
        for source in COURSE_JS.glob("*.js"):
            shutil.copyfile(source, sources / source.name)
        (sources / COURSE_EXTERNAL.removeprefix("./")).write_text(config_js, encoding="utf-8")
        options = ("--format=iife", "--minify", "--log-level=error")
        code = _run_esbuild(str(sources / entry), node_modules, options).decode()
    if "</script" in code.lower():
        raise BundleError(f"{entry} bundled holds '</script', which would end its inline tag")
    return code.strip()


@cache
def _bundle(entry: str, node_modules: str, _key: str, options: tuple[str, ...]) -> bytes:
    return _run_esbuild(entry, node_modules, ("--format=esm", *options))


def _run_esbuild(entry: str, node_modules: str, options: tuple[str, ...]) -> bytes:
    esbuild = Path(node_modules) / ".bin" / "esbuild"
    if not esbuild.is_file():
        raise BundleError(
            f"esbuild is missing from {node_modules}: run `npm ci --prefix site_src` first."
        )
    command = [
        str(esbuild), entry, "--bundle", "--legal-comments=none", "--target=es2020", *options,
    ]
    done = subprocess.run(
        command, capture_output=True, check=False, env={**os.environ, "NODE_PATH": node_modules},
        cwd=Path(node_modules).parent,
    )
    if done.returncode != 0:
        raise BundleError(f"esbuild failed on {entry}:\n{done.stderr.decode(errors='replace')}")
    return done.stdout
