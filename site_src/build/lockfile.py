"""Read the official ``pyodide-lock.json``, trim it to what the pages need, add the course wheels.

Lock data stays plain dicts so the official entries are written back exactly as published.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from site_src.build.errors import AssetError
from site_src.build.wheel_cache import sha256_of

Lock = dict[str, Any]


def canonical_name(name: str) -> str:
    """Normalize a package name the way the lock file keys it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path) -> Lock:
    """Load a ``pyodide-lock.json``, failing with a fix-it message if it is absent."""
    if not path.is_file():
        raise AssetError(
            f"{path} not found; run `npm ci` in site_src/ to install the Pyodide core."
        )
    lock = json.loads(path.read_text(encoding="utf-8"))
    if "packages" not in lock or "info" not in lock:
        raise AssetError(f"{path} is not a pyodide-lock.json (no 'info'/'packages').")
    return lock


def dependency_closure(lock: Lock, requested: Iterable[str]) -> list[str]:
    """Return the requested packages and everything they depend on per the lock, sorted."""
    packages = lock["packages"]
    todo = [canonical_name(name) for name in requested]
    unknown = sorted(name for name in todo if name not in packages)
    if unknown:
        raise AssetError(f"not in the Pyodide distribution: {', '.join(unknown)}")
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for dep in packages[name].get("depends", []):
            dep_name = canonical_name(dep)
            if dep_name not in packages:
                raise AssetError(f"{name} depends on {dep_name}, which the lock does not list.")
            todo.append(dep_name)
    return sorted(seen)


def subset_lock(lock: Lock, names: Iterable[str]) -> Lock:
    """Return a copy of ``lock`` listing only ``names``; entries themselves are untouched."""
    trimmed = copy.deepcopy(lock)
    trimmed["packages"] = {name: copy.deepcopy(lock["packages"][name]) for name in sorted(names)}
    return trimmed


def add_wheels(lock: Lock, wheels: Sequence[Path], *, cache_dir: Path) -> Lock:
    """Add ``wheels`` to ``lock`` with ``pyodide lockfile add-wheels``; file names stay bare.

    The tool's result is cached under ``cache_dir`` keyed by the input lock and the wheels'
    digests, so an unchanged rebuild does not start it again. Only the new entries are taken
    from its output: pyodide-lock 0.2 drops ``info.version``, which Pyodide 0.27 checks, so
    ``info`` and the official entries are kept from ``lock`` as published.
    """
    if not wheels:
        return copy.deepcopy(lock)
    if len({wheel.parent.resolve() for wheel in wheels}) != 1:
        raise AssetError("the wheels to add must sit in one directory (the assets directory).")
    digests = {wheel.name: sha256_of(wheel) for wheel in wheels}
    key_source = json.dumps([lock, sorted(digests.items())], sort_keys=True).encode()
    cached = cache_dir / f"add-wheels-{hashlib.sha256(key_source).hexdigest()[:32]}.json"
    if not cached.is_file():
        entries = _run_add_wheels(lock, wheels)
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".part")
        tmp.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(cached)
    entries = json.loads(cached.read_text(encoding="utf-8"))
    for name, entry in entries.items():
        if digests.get(entry["file_name"]) != entry["sha256"]:
            raise AssetError(f"lock entry {name} does not match its wheel; delete {cached}.")
    merged = copy.deepcopy(lock)
    merged["packages"].update(entries)
    return merged


def _pyodide_cli() -> str:
    """Locate the ``pyodide`` command of pyodide-build, preferring this interpreter's venv."""
    beside = Path(sys.executable).with_name("pyodide")
    found = str(beside) if beside.is_file() else shutil.which("pyodide")
    if found is None:
        raise AssetError(
            "the `pyodide` command was not found; install the site extras: "
            "pip install 'pyodide-build==0.39.2' pkginfo"
        )
    return found


def _run_add_wheels(lock: Lock, wheels: Sequence[Path]) -> dict[str, Any]:
    """Run ``pyodide lockfile add-wheels`` and return the entries it created for ``wheels``."""
    base_path = wheels[0].parent.resolve()
    with tempfile.TemporaryDirectory(prefix="pyodide-lock-") as tmp:
        source, output = Path(tmp, "input.json"), Path(tmp, "output.json")
        source.write_text(json.dumps(lock), encoding="utf-8")
        command = [
            _pyodide_cli(),
            "lockfile",
            "add-wheels",
            "--input",
            str(source),
            "--output",
            str(output),
            "--base-path",
            str(base_path),
            *(str(wheel.resolve()) for wheel in wheels),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not output.is_file():
            raise AssetError(
                f"`pyodide lockfile add-wheels` failed (exit {result.returncode}):\n"
                f"{(result.stderr or result.stdout).strip()}"
            )
        packages = json.loads(output.read_text(encoding="utf-8"))["packages"]
    names = {wheel.name for wheel in wheels}
    entries = {name: entry for name, entry in packages.items() if entry["file_name"] in names}
    if len(entries) != len(names):
        raise AssetError(f"`pyodide lockfile add-wheels` did not add all of {sorted(names)}.")
    return entries
