"""Assemble the self-hosted Pyodide directory of the site: core, verified wheels, trimmed lock."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from site_src.build import lockfile, wheel_cache
from site_src.build.course_wheel import build_course_wheel
from site_src.build.errors import AssetError

logger = logging.getLogger(__name__)

CORE_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
DEFAULT_PACKAGES = ("numpy", "scikit-learn", "matplotlib")
LOCK_NAME = "pyodide-lock.json"
_PRUNED_SUFFIXES = (".whl", ".zip")


def assemble_pyodide(
    dest: Path,
    *,
    core_dir: Path,
    cache_dir: Path,
    packages: Iterable[str],
    extra_wheels: Sequence[Path] = (),
) -> Path:
    """Write the Pyodide runtime the pages need into ``dest``.

    ``dest`` receives the core files from ``core_dir`` (the npm package), the files of
    ``packages`` and their transitive ``depends`` from the official lock, each verified against
    its sha256, the ``extra_wheels``, and a ``pyodide-lock.json`` listing exactly those. Files
    already up to date are not copied again; stale ``.whl``/``.zip`` files in ``dest`` are removed.

    Raises:
        IntegrityError: A package file does not match the official sha256.
        AssetError: An input is missing; the message says how to fix it.

    """
    official = lockfile.read_lock(core_dir / LOCK_NAME)
    _check_core(core_dir, official)
    trimmed = lockfile.subset_lock(official, lockfile.dependency_closure(official, packages))
    expected = {entry["file_name"]: entry["sha256"] for entry in trimmed["packages"].values()}
    for name in expected:
        if Path(name).name != name:
            raise AssetError(f"lock file name {name!r} is not a bare file name; cannot self-host.")
    files_dir = cache_dir / str(official["info"]["version"])
    sources = {name: core_dir / name for name in CORE_FILES}
    sources |= wheel_cache.cached_files(expected, cache_dir, files_dir)
    sources |= {wheel.name: wheel for wheel in extra_wheels}

    dest.mkdir(parents=True, exist_ok=True)
    for name, source in sources.items():
        _sync_file(source, dest / name)
    lock = lockfile.add_wheels(
        trimmed, [dest / wheel.name for wheel in extra_wheels], cache_dir=cache_dir / "locks"
    )
    _write_if_changed(dest / LOCK_NAME, json.dumps(lock, sort_keys=True).encode())
    _prune(dest, keep=set(sources))
    return dest


def prepare_pyodide(
    site_dir: Path,
    project_root: Path,
    *,
    cache_dir: Path | None = None,
    core_dir: Path | None = None,
    packages: Iterable[str] = DEFAULT_PACKAGES,
) -> Path:
    """Build the course wheel and assemble Pyodide into ``site_dir/assets/pyodide``.

    Defaults: cache in ``project_root/.cache/pyodide-wheels``, core from the npm package in
    ``project_root/site_src/node_modules/pyodide``. The course wheel is listed in the lock under
    its project name (``linear-models-course``), importing ``grader`` and ``exercises``.

    Returns:
        The assets directory.

    """
    cache_dir = cache_dir or project_root / ".cache" / "pyodide-wheels"
    core_dir = core_dir or project_root / "site_src" / "node_modules" / "pyodide"
    wheel = build_course_wheel(project_root, cache_dir / "course")
    return assemble_pyodide(
        site_dir / "assets" / "pyodide",
        core_dir=core_dir,
        cache_dir=cache_dir,
        packages=packages,
        extra_wheels=[wheel],
    )


def _check_core(core_dir: Path, lock: lockfile.Lock) -> None:
    """Fail unless the core files exist and the npm package matches the lock's version."""
    missing = [name for name in CORE_FILES if not (core_dir / name).is_file()]
    if missing:
        raise AssetError(
            f"Pyodide core files missing in {core_dir}: {', '.join(missing)}; "
            "run `npm ci` in site_src/."
        )
    package_json = core_dir / "package.json"
    if package_json.is_file():
        npm_version = json.loads(package_json.read_text(encoding="utf-8")).get("version")
        if npm_version != lock["info"]["version"]:
            raise AssetError(
                f"{package_json} is version {npm_version} but its lock says "
                f"{lock['info']['version']}; reinstall with `npm ci` in site_src/."
            )


def _sync_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` unless it already has the same size and mtime."""
    src = source.stat()
    if target.is_file():
        dst = target.stat()
        if dst.st_size == src.st_size and dst.st_mtime_ns == src.st_mtime_ns:
            return
    with tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", delete=False
    ) as tmp:
        tmp_path = Path(tmp.name)
    try:
        shutil.copy2(source, tmp_path)
        tmp_path.replace(target)
    finally:
        tmp_path.unlink(missing_ok=True)


def _write_if_changed(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` unless the file already holds exactly those bytes."""
    if target.is_file() and target.read_bytes() == data:
        return
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    tmp.replace(target)


def _prune(dest: Path, keep: set[str]) -> None:
    """Remove package files a previous build left in ``dest`` that this build does not list."""
    for path in dest.iterdir():
        if path.is_file() and path.name.endswith(_PRUNED_SUFFIXES) and path.name not in keep:
            logger.info("Removing stale %s", path)
            path.unlink()
