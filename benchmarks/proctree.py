"""Memory of a process and all its descendants, sampled from /proc while it runs.

RSS counts a page once per process that maps it, so the RSS sum over forked workers counts
their shared pages many times: it is an upper bound. PSS splits each shared page between the
processes that share it, so the PSS sum is the tree's real share of memory.
"""

from __future__ import annotations

import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PROC = Path("/proc")
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


def _parents() -> dict[int, int]:
    """Map every live pid to its parent pid."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended meanwhile
        # The command name is in parentheses and may hold spaces: parse after the last ')'.
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def tree(root: int) -> list[int]:
    """Return `root` and all its live descendants."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """Return (RSS, PSS) of one process in bytes; (0, 0) when it is gone."""
    try:
        rss = int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE
        pss = 0
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        return 0, 0
    return rss, pss


@dataclass
class Peaks:
    """The largest values seen over all samples (bytes)."""

    samples: int = 0
    rss_total: int = 0
    pss_total: int = 0
    rss_single: int = 0
    processes: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the peaks in MiB, for reports."""
        data = asdict(self)
        return {
            key: (round(value / MIB, 1) if key not in ("samples", "processes") else value)
            for key, value in data.items()
        }


class TreeSampler(threading.Thread):
    """Sample the memory of `root`'s process tree every `interval` seconds until stopped."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        """Watch the tree under `root`."""
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peaks = Peaks()
        self._stop_event = threading.Event()

    def sample(self) -> None:
        """Take one sample and fold it into the peaks."""
        pids = tree(self.root)
        memory = [_memory(pid) for pid in pids]
        peaks = self.peaks
        peaks.samples += 1
        peaks.processes = max(peaks.processes, sum(1 for rss, _ in memory if rss))
        peaks.rss_total = max(peaks.rss_total, sum(rss for rss, _ in memory))
        peaks.pss_total = max(peaks.pss_total, sum(pss for _, pss in memory))
        peaks.rss_single = max(peaks.rss_single, max((rss for rss, _ in memory), default=0))

    def run(self) -> None:
        """Sample until `stop` is called."""
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> Peaks:
        """Stop sampling and return the peaks."""
        self._stop_event.set()
        self.join()
        return self.peaks
