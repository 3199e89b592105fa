"""Exceptions raised while assembling the Pyodide assets."""

from __future__ import annotations

from pathlib import Path


class AssetError(RuntimeError):
    """A build input is missing or unusable; the message says how to fix it."""


class IntegrityError(AssetError):
    """A file's sha256 does not match the digest the official lock file records."""

    def __init__(self, path: Path, expected: str, actual: str) -> None:
        """Record the offending file and both digests."""
        self.path = path
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"sha256 mismatch for {path.name} ({path}): expected {expected}, got {actual}. "
            "The file is corrupt or was tampered with; delete it to fetch it again."
        )
