"""Small helpers shared by the benchmarks: summaries, the machine's state, tables, JSON files."""

from __future__ import annotations

import json
import os
import platform
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def summary(samples: Sequence[float], digits: int = 1) -> dict[str, Any]:
    """Return the median, the range and the samples themselves, rounded to `digits`."""
    if not samples:
        return {"n": 0, "median": None, "min": None, "max": None, "samples": []}
    return {
        "n": len(samples),
        "median": round(statistics.median(samples), digits),
        "min": round(min(samples), digits),
        "max": round(max(samples), digits),
        "samples": [round(sample, digits) for sample in samples],
    }


def machine() -> dict[str, Any]:
    """Describe the machine now: cores and load, since the figures depend on both."""
    return {
        "cpus": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def cpu_ticks() -> list[int]:
    """Return the machine's CPU time counters (the ``cpu`` line of /proc/stat), or []."""
    try:
        first = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0]
        return [int(field) for field in first.split()[1:]]
    except (OSError, ValueError):
        return []


def steal_share(before: list[int], after: list[int]) -> float | None:
    """Share of CPU time the hypervisor gave to other guests between two `cpu_ticks` readings.

    On a shared virtual machine this is the noise that no process on it can see or avoid.
    """
    if len(before) < 8 or len(after) < 8:
        return None
    spent = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(spent[:8])  # user nice system idle iowait irq softirq steal
    return round(spent[7] / total, 3) if total else None


def table(rows: Sequence[Sequence[str]], indent: str = "  ") -> str:
    """Format rows as left-aligned columns (the first row is the header)."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        indent + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def ms(value: float | None) -> str:
    """Format milliseconds for a table."""
    return "-" if value is None else f"{value:,.0f} ms"


def write_json(name: str, data: dict[str, Any], directory: Path = RESULTS) -> Path:
    """Write `data` to `directory/name` (created if needed) and return the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path
