"""File names for per-learner outputs: derived from learners' file names, kept inside a folder.

A learner picks their file's name, so it is never trusted as a path: only letters, digits,
``-``, ``_`` and inner dots survive, a name made only of dots becomes ``submission``, names
are unique without regard to case, and every result is checked to lie inside the folder.
"""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 80


def safe_stem(name: str) -> str:
    """Return a harmless file stem for ``name`` (a learner's file name without folders)."""
    stem = _UNSAFE.sub("-", Path(name.replace("\\", "/")).name)
    stem = stem.removesuffix(".json").strip(".-_")[:MAX_STEM].strip(".-_")
    return stem or "submission"


class OutputNames:
    """Hands out unique file names inside one folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._used: set[str] = set()

    def path(self, source_file: str, suffix: str) -> Path:
        """Return ``root/<stem><suffix>`` for a learner's file, unique and inside ``root``."""
        stem = safe_stem(source_file)
        name, count = stem, 1
        while (name + suffix).lower() in self._used:
            count += 1
            name = f"{stem}-{count}"
        self._used.add((name + suffix).lower())
        target = self.root / (name + suffix)
        if not target.resolve().is_relative_to(self.root.resolve()) or target.parent != self.root:
            raise ValueError(f"refusing to write outside {self.root}: {target}")
        return target
