"""The template process that forks one sandboxed child per exercise run (offline only).

`grader.isolation` starts a fresh ``python -I -S`` interpreter whose import path holds the
standard library and NumPy alone, and sends it this module's source and `grader.runner`'s as
text: neither the `grader` nor the `exercises` package is importable there. The template
imports NumPy once, then serves jobs. For every job it forks a child that gets its own session,
resource limits (address space, CPU time, no core file, few descriptors) and, where the kernel
has Landlock, no file writes, no reads outside the standard library and NumPy, no TCP and no
signals to processes outside itself. The child runs `extract` and writes JSON to a private pipe;
its printed output goes to another pipe that is counted and discarded. The template enforces
the wall-clock timeout and the output cap, kills the child's whole process group, and reports.

Messages on the template's stdin/stdout are a 4-byte big-endian length and a JSON body.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import resource
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any

RESULT_LIMIT = 32 * 1024 * 1024
_FD_CEILING = 4096
_OUT_OF_MEMORY = json.dumps({
    "error": {"kind": "raised", "exception": "MemoryError", "message": "", "line": None},
    "names": {},
    "calls": {},
}).encode()


def read_message(fd: int) -> bytes | None:
    """Read one length-prefixed message, or None at end of input."""
    header = _read_exactly(fd, 4)
    if header is None:
        return None
    return _read_exactly(fd, int.from_bytes(header, "big"))


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def write_message(fd: int, body: bytes) -> None:
    """Write one length-prefixed message."""
    _write_all(fd, len(body).to_bytes(4, "big") + body)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def serve(config: dict[str, Any], extract: Callable[[dict], dict]) -> None:
    """Serve jobs from stdin until it closes; one forked child per job."""
    import numpy  # noqa: F401 - imported once here, inherited by every child

    ruleset = landlock_ruleset(config["readable"]) if config["landlock"] else None
    base = _address_space()
    limits = {
        "address_space": None if base is None else base + config["memory_mb"] * 1024 * 1024,
        "cpu_seconds": int(config["timeout"]) + 2,
    }
    for _ in range(2):  # first calls initialise lazily; do that once here, not in every child
        extract(config["warmup"])
    gc.collect()
    gc.freeze()
    write_message(1, json.dumps({"ready": True, "landlock": ruleset is not None}).encode())
    while (message := read_message(0)) is not None:
        job = json.loads(message)
        header, payload = run_job(job, extract, config, limits, ruleset)
        write_message(1, json.dumps(header).encode())
        write_message(1, payload)


def _address_space() -> int | None:
    """Return this process's mapped address space in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def run_job(
    job: dict, extract: Callable[[dict], dict], config: dict, limits: dict, ruleset: int | None
) -> tuple[dict[str, Any], bytes]:
    """Fork a child for one job, supervise it, and return ``(header, result bytes)``."""
    result_r, result_w = os.pipe()
    output_r, output_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(job, extract, result_w, output_w, limits, ruleset)
    os.close(result_w)
    os.close(output_w)
    try:
        status, payload, printed = _supervise(pid, result_r, output_r, config)
    finally:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        _, wait_status = os.waitpid(pid, 0)
        os.close(result_r)
        os.close(output_r)
    header = {
        "status": status,
        "exit_code": os.waitstatus_to_exitcode(wait_status),
        "output_bytes": printed,
    }
    return header, payload


def _supervise(pid: int, result_r: int, output_r: int, config: dict) -> tuple[str, bytes, int]:
    deadline = time.monotonic() + config["timeout"]
    exit_fd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    chunks: list[bytes] = []
    received = printed = 0
    open_fds, exited = {result_r, output_r}, False
    try:
        while open_fds or not exited:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return ("finished" if exited else "timeout"), b"".join(chunks), printed
            watch = list(open_fds) + ([exit_fd] if exit_fd is not None and not exited else [])
            poll = remaining if exit_fd is not None else min(remaining, 0.01)
            ready, _, _ = select.select(watch, [], [], poll)
            if not exited and (exit_fd in ready or (exit_fd is None and _has_exited(pid))):
                exited = True
                # Grandchildren may still hold the pipes: drain briefly, then stop waiting.
                deadline = min(deadline, time.monotonic() + 0.5)
            for fd in ready:
                if fd == exit_fd:
                    continue
                data = os.read(fd, 1 << 16)
                if not data:
                    open_fds.discard(fd)
                elif fd == output_r:
                    printed += len(data)
                    if printed > config["output_limit"]:
                        return "output", b"", printed
                else:
                    received += len(data)
                    if received > RESULT_LIMIT:
                        return "too_large", b"", printed
                    chunks.append(data)
    finally:
        if exit_fd is not None:
            os.close(exit_fd)
    return "finished", b"".join(chunks), printed


def _has_exited(pid: int) -> bool:
    """Poll for the child's exit without reaping it (platforms without pidfds)."""
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    return os.waitid(os.P_PID, pid, flags) is not None


def _child(
    job: dict,
    extract: Callable[[dict], dict],
    result_w: int,
    output_w: int,
    limits: dict,
    ruleset: int | None,
) -> None:
    """Run in the forked child: confine, extract, write the result, and exit. Never returns."""
    payload = b""
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(output_w, 1)
        os.dup2(output_w, 2)
        os.dup2(result_w, 3)
        if ruleset is None:
            os.closerange(4, _FD_CEILING)
        else:
            os.closerange(4, ruleset)
            os.closerange(ruleset + 1, _FD_CEILING)
        _limit(limits)
        if ruleset is not None:
            landlock_enforce(ruleset)
            os.close(ruleset)
        payload = json.dumps(extract(job)).encode()
    except MemoryError:
        payload = _OUT_OF_MEMORY
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        payload = b""
    finally:
        with contextlib.suppress(BaseException):
            _write_all(3, payload)
        os._exit(0)


def _limit(limits: dict) -> None:
    pairs = (
        (resource.RLIMIT_AS, limits["address_space"]),
        (resource.RLIMIT_CPU, limits["cpu_seconds"]),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, 0),
        (resource.RLIMIT_NOFILE, 64),
    )
    for kind, value in pairs:
        if value is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(kind, (value, value))


# Landlock (Linux 5.13+): see the kernel's Documentation/userspace-api/landlock.rst.
_SYS_CREATE, _SYS_ADD_RULE, _SYS_RESTRICT = 444, 445, 446
_PR_SET_NO_NEW_PRIVS = 38
_READ = (1 << 0) | (1 << 2) | (1 << 3)  # execute, read file, read directory
_LIBC: list = []  # the C library handle, loaded once in the template
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}


def landlock_ruleset(readable: list[str]) -> int | None:
    """Build a Landlock ruleset allowing reads below ``readable`` only; None if unsupported."""
    try:
        import ctypes
        import fcntl

        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        _LIBC.append(libc)
        abi = libc.syscall(_SYS_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
        if abi < 1:
            return None
        handled_fs = _FS_BY_ABI[max(v for v in _FS_BY_ABI if v <= abi)]
        fields = [handled_fs, 0b11 if abi >= 4 else 0, 0b11 if abi >= 6 else 0]
        size = 8 * (3 if abi >= 6 else 2 if abi >= 4 else 1)
        attr = (ctypes.c_uint64 * 3)(*fields)
        ruleset = libc.syscall(_SYS_CREATE, ctypes.byref(attr), ctypes.c_size_t(size), 0)
        if ruleset < 0:
            return None
        for path in readable:
            _allow_reads(libc, int(ruleset), path, handled_fs)
        high = fcntl.fcntl(int(ruleset), fcntl.F_DUPFD_CLOEXEC, 100)
        os.close(int(ruleset))
        return high
    except (OSError, AttributeError, KeyError, ValueError):
        return None


def _allow_reads(libc: Any, ruleset: int, path: str, handled_fs: int) -> None:
    import ctypes

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))

    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        is_dir = os.path.isdir(path)
        rule = PathBeneath(_READ & handled_fs if is_dir else (1 << 0 | 1 << 2), fd)
        libc.syscall(_SYS_ADD_RULE, ruleset, 1, ctypes.byref(rule), 0)
    finally:
        os.close(fd)


def landlock_enforce(ruleset: int) -> None:
    """Confine the calling process (and its future children) with ``ruleset``."""
    libc = _LIBC[0]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError("prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.syscall(_SYS_RESTRICT, ruleset, 0) != 0:
        raise OSError("landlock_restrict_self failed")


if __name__ == "__main__":  # pragma: no cover - the template is started by grader.isolation
    sys.exit("grader/_zygote.py is started by grader.isolation, not by hand")
