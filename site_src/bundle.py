"""Bundle the editor (CodeMirror 6, from npm) into one self-hosted ES module with esbuild.

The entry point is ``site_src/bundles/codemirror.js``; esbuild (an npm package beside the
editor's) runs at build time, so the site carries one minified file and makes no request to a
CDN. A bundle is kept per entry text and lockfile, so `mkdocs serve` rebuilds do not redo it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from functools import cache
from pathlib import Path

BUNDLES = Path(__file__).resolve().parent / "bundles"


class BundleError(RuntimeError):
    """esbuild is missing or failed."""


def bundle(name: str, node_modules: Path) -> bytes:
    """The minified ES module bundled from ``bundles/<name>.js``."""
    entry = BUNDLES / f"{name}.js"
    lock = node_modules / ".package-lock.json"
    key = hashlib.sha256(entry.read_bytes() + (lock.read_bytes() if lock.is_file() else b""))
    return _bundle(str(entry), str(node_modules), key.hexdigest())


@cache
def _bundle(entry: str, node_modules: str, _key: str) -> bytes:
    esbuild = Path(node_modules) / ".bin" / "esbuild"
    if not esbuild.is_file():
        raise BundleError(
            f"esbuild is missing from {node_modules}: run `npm ci --prefix site_src` first."
        )
    command = [
        str(esbuild), entry, "--bundle", "--format=esm", "--minify", "--legal-comments=none",
        "--target=es2020",
    ]
    done = subprocess.run(
        command, capture_output=True, check=False, env={**os.environ, "NODE_PATH": node_modules},
        cwd=Path(node_modules).parent,
    )
    if done.returncode != 0:
        raise BundleError(f"esbuild failed on {entry}:\n{done.stderr.decode(errors='replace')}")
    return done.stdout
