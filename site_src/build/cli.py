"""Command line: ``python -m site_src.build --dest site/assets/pyodide``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from site_src.build.course_wheel import build_course_wheel
from site_src.build.errors import AssetError
from site_src.build.pyodide_assets import DEFAULT_PACKAGES, assemble_pyodide

PROG = "site_src.build"


def _parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Assemble the self-hosted Pyodide runtime and the course wheel."
    )
    parser.add_argument("--dest", type=Path, required=True, help="assets directory to write")
    parser.add_argument("--project-root", type=Path, default=Path(), help="default: current dir")
    parser.add_argument("--cache-dir", type=Path, help="default: <root>/.cache/pyodide-wheels")
    parser.add_argument(
        "--core-dir", type=Path, help="default: <root>/site_src/node_modules/pyodide"
    )
    parser.add_argument(
        "--package",
        dest="packages",
        action="append",
        help=f"package to include with its dependencies (repeatable; default: {DEFAULT_PACKAGES})",
    )
    parser.add_argument("--no-course-wheel", action="store_true", help="skip grader + exercises")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build; return 0 on success, 1 with ``site_src.build: error: ...`` on failure."""
    args = _parser().parse_args(argv)
    root: Path = args.project_root
    cache_dir = args.cache_dir or root / ".cache" / "pyodide-wheels"
    core_dir = args.core_dir or root / "site_src" / "node_modules" / "pyodide"
    started = time.perf_counter()
    try:
        wheels = [] if args.no_course_wheel else [build_course_wheel(root, cache_dir / "course")]
        dest = assemble_pyodide(
            args.dest,
            core_dir=core_dir,
            cache_dir=cache_dir,
            packages=args.packages or DEFAULT_PACKAGES,
            extra_wheels=wheels,
        )
    except AssetError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    files = [path for path in dest.iterdir() if path.is_file()]
    size = sum(path.stat().st_size for path in files) / 1e6
    elapsed = time.perf_counter() - started
    print(f"{PROG}: {len(files)} files, {size:.1f} MB in {dest} ({elapsed:.2f} s)")
    return 0
