"""Command-line plumbing shared by the CLI's commands: usage errors and argument types."""

from __future__ import annotations

import argparse
from collections.abc import Callable


class UsageError(Exception):
    """Bad command-line usage; the message is shown after ``grader: error:``."""


class Parser(argparse.ArgumentParser):
    """An argument parser that raises `UsageError` instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Raise instead of printing and exiting."""
        raise UsageError(message)


def positive(kind: type) -> Callable[[str], float | int]:
    """An argument type: a positive ``kind`` (int or float)."""
    def parse(text: str) -> float | int:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        return value

    return parse
