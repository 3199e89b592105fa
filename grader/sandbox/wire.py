"""The template's pipes: framing, and buffers that never keep a learner's bytes.

Runs inside the sandbox template (as the module ``course_wire``), standard library only. Every
child is a fork of the template, so whatever the template ever held in memory (one learner's
code, their result, what they printed) would be copied into the next learner's child, freed or
not: the C library does not scrub freed memory, and a child can read its own memory through
ctypes. So a learner's bytes pass through the template only in `Scrubbed` buffers, which are
zeroed as soon as they have served, and never become Python objects there.

Messages both ways are a 4-byte big-endian length and a body. From the grader: a plan is
``b"P"`` and JSON; a job is ``b"J"``, the plan's index in 4 bytes, and the code in UTF-8. To the
grader: a JSON header, then the result.
"""

from __future__ import annotations

import os

PLAN, JOB = b"P", b"J"


def read_exactly(fd: int, size: int) -> bytes | None:
    """Read ``size`` bytes of the grader's own data (never a learner's); None at the end."""
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def write_all(fd: int, *parts: bytes | memoryview) -> None:
    """Write ``parts`` one after the other, with no copy joining them."""
    views = [memoryview(part) for part in parts if len(part)]
    while views:
        written = os.writev(fd, views)
        while views and written >= len(views[0]):
            written -= len(views.pop(0))
        if views:
            views[0] = views[0][written:]


def length(size: int) -> bytes:
    """The 4-byte prefix of a message of ``size`` bytes."""
    return size.to_bytes(4, "big")


class Scrubbed:
    """A reusable buffer for a learner's bytes, zeroed once they have served."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        self._buffer = bytearray(capacity)
        self.used = 0

    def view(self) -> memoryview:
        """What the buffer holds now."""
        return memoryview(self._buffer)[: self.used]

    def reserve(self, capacity: int) -> None:
        """Empty the buffer and make room for ``capacity`` bytes."""
        self.wipe()
        if capacity > len(self._buffer):
            self._buffer = bytearray(capacity)  # the old one is already zeroed

    def fill(self, fd: int, size: int) -> bool:
        """Read exactly ``size`` bytes from ``fd`` into the buffer; False at end of input."""
        self.reserve(size)
        target = memoryview(self._buffer)
        while self.used < size:
            got = os.readv(fd, [target[self.used : size]])
            if not got:
                return False
            self.used += got
        return True

    def take(self, fd: int) -> int:
        """Read what ``fd`` has (up to 64 KiB) after what is held; return the count (0: end).

        Once the buffer is full, further bytes are counted and dropped, never kept.
        """
        room = memoryview(self._buffer)[self.used :]
        if not len(room):
            return discard(fd)
        got = os.readv(fd, [room[: 1 << 16]])
        self.used += got
        return got

    def wipe(self) -> None:
        """Zero what the buffer held."""
        if self.used:
            self._buffer[: self.used] = bytes(self.used)
        self.used = 0


_SINK = bytearray(1 << 16)


def discard(fd: int) -> int:
    """Read and drop up to 64 KiB from ``fd``, leaving no copy; return the count (0: end)."""
    got = os.readv(fd, [_SINK])
    _SINK[:got] = bytes(got)
    return got
