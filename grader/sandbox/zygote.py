"""The template process that forks one sandboxed child per exercise run (offline only).

`grader.sandbox.pool` starts a fresh ``python -I -S`` interpreter whose import path holds the
standard library and NumPy alone, and sends it this module's source and `grader.runner`'s as
text: neither the `grader` nor the `exercises` package is importable there. The template first
moves into its own namespaces (`grader.sandbox.namespaces`), imports NumPy, gives up its
privileges and compiles the system-call filter once (`confine`, `seccomp`), then serves jobs.
For every job it forks a child that gets its own session, resource limits (address space, CPU
time, processes, no core file, few descriptors), its own Landlock domain (no file writes, no
reads outside the standard library and NumPy, no TCP, no signals or abstract sockets beyond
itself) and the system-call filter (no sockets, no processes, no metadata changes). The child
runs `extract` and writes JSON to a private pipe; its printed output goes to another pipe that
is counted and discarded. The template enforces the wall-clock timeout, the output cap and the
result cap the parent set for the plan, kills the child and, as its PID namespace's init,
everything else the child left behind, and reports.

Messages on the template's pipes are framed as `grader.sandbox.wire` says. A job names the
exercise's plan (the names to read, the calls to make, the result's byte limit) by its index
among the plan messages sent before it, so the same data is not sent and parsed per job. A
learner's code, result and printed output pass through the template only in wiped buffers, so
no child can find an earlier learner's work in its copy of the template's memory.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import sys
import time
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import Any

try:  # inside the sandbox template the boot loader provides these modules as course_*
    import course_namespaces as namespaces  # type: ignore[import-not-found]
    import course_seccomp as seccomp  # type: ignore[import-not-found]
    import course_wire as wire  # type: ignore[import-not-found]
    from course_confine import (  # type: ignore[import-not-found]
        confine_child,
        confine_template,
        confinement_works,
        landlock_abi,
        landlock_ruleset,
        load_libc,
        set_limits,
    )
except ImportError:  # imported as part of the grader package
    from grader.sandbox import namespaces, seccomp, wire
    from grader.sandbox.confine import (
        confine_child,
        confine_template,
        confinement_works,
        landlock_abi,
        landlock_ruleset,
        load_libc,
        set_limits,
    )

PROCESS_LIMIT = 8  # processes (and threads) a child's user may have inside the namespaces
_FD_CEILING = 4096
_OUT_OF_MEMORY = json.dumps({
    "error": {"kind": "raised", "exception": "MemoryError", "message": "", "line": None},
    "names": {},
    "calls": {},
}).encode()


def serve(config: dict[str, Any], runner: ModuleType) -> None:
    """Serve jobs from stdin until it closes; one forked child per job.

    ``runner`` is `grader.runner`, which the template receives as source text.
    """
    spaces = namespaces.enter() if config["namespaces"] else []
    import numpy  # noqa: F401 - imported once here, inherited by every child

    confinement = _prepare_confinement(config, spaces)
    with runner.learner_surroundings():  # entered once; every child runs learner code in them
        extract = partial(runner.extract, surrounded=True)
        for _ in range(2):  # first calls initialise lazily; do that once here, not per child
            extract(config["warmup"])
        gc.collect()
        gc.freeze()  # a child's collector then leaves the template's objects (and pages) alone
        # Measured last: the warm-up maps NumPy's and BLAS's lazy buffers, which are not the
        # learner's to pay for out of memory_mb.
        base = _address_space()
        if base is not None:
            confinement.limits["address_space"] = base + config["memory_mb"] * 1024 * 1024
        ready = json.dumps({"ready": True, "walls": confinement.walls}).encode()
        wire.write_all(1, wire.length(len(ready)), ready)
        _serve_jobs(extract, config, confinement)


def _prepare_confinement(config: dict[str, Any], spaces: list[str]) -> Confinement:
    """Give up the template's privileges; build what each child will be confined with."""
    libc_loaded = load_libc()
    wanted = config["landlock"] and libc_loaded
    ruleset = landlock_ruleset(config["readable"]) if wanted else None
    bpf = seccomp.compile_filter() if config["seccomp"] else None  # loads libseccomp
    program = seccomp.Program(bpf) if bpf else None
    _STATM.append(os.open("/proc/self/statm", os.O_RDONLY))  # no /proc in the narrow view
    if "mount" in spaces and not namespaces.narrow_view(**config["view"]):
        spaces.remove("mount")
    _list_import_folders()
    confine_template()  # after the view: narrowing it needs the namespace's capabilities
    if ruleset is not None and not confinement_works(ruleset):
        os.close(ruleset)
        ruleset = None
    # Root's processes ignore RLIMIT_NPROC; in a user namespace the count starts from zero.
    processes = PROCESS_LIMIT if "user" in spaces and os.geteuid() != 0 else None
    limits = {
        "address_space": None,  # set once the template is warm (see serve)
        "cpu_seconds": int(config["timeout"]) + 2,
        "processes": processes,
    }
    walls = {
        "landlock": landlock_abi() if ruleset is not None else 0,
        "seccomp": program is not None,
        "namespaces": spaces,
        "nproc": processes or 0,
    }
    return Confinement(ruleset, program, limits, walls)


def _serve_jobs(extract: Callable, config: dict, confinement: Confinement) -> None:
    """Answer plan and job messages until stdin closes (formats: `grader.sandbox.wire`)."""
    plans: list[dict[str, Any]] = []  # the names and calls of each exercise, sent once
    code, result = wire.Scrubbed(), wire.Scrubbed()
    while (start := wire.read_exactly(0, 5)) is not None:
        size, kind = int.from_bytes(start[:4], "big"), start[4:]
        if kind == wire.PLAN:
            plans.append(json.loads(wire.read_exactly(0, size - 1) or b"null"))
            continue
        index = wire.read_exactly(0, 4)
        if index is None or not code.fill(0, size - 5):
            return
        plan = plans[int.from_bytes(index, "big")]
        # Even compiling is the child's job: a pathological source costs its limits, not ours.
        header = json.dumps(run_job(code, plan, extract, config, confinement, result)).encode()
        wire.write_all(1, wire.length(len(header)), header, wire.length(result.used),
                       result.view())  # one wake-up for the grader
        result.wipe()


class Confinement:
    """What every child is confined with, and the walls that make it up (for the report)."""

    def __init__(self, ruleset: int | None, program: Any, limits: dict[str, Any],
                 walls: dict[str, Any]) -> None:
        self.ruleset, self.program, self.limits, self.walls = ruleset, program, limits, walls


def _list_import_folders() -> None:
    """List every import folder now, while the template may: children inherit the listing.

    Landlock lets a child read the standard library's files but not list its folder, so a
    module no one imported yet is found through the import system's cached listing, which
    must match the folders as they are now (after the view was narrowed).
    """
    import importlib.util

    importlib.invalidate_caches()
    importlib.util.find_spec("course_sandbox_listing_probe")  # fills each folder's listing


_STATM: list[int] = []  # /proc/self/statm, opened before the view is narrowed


def _address_space() -> int | None:
    """Return this process's mapped address space in bytes (Linux), or None."""
    try:
        pages = int(os.pread(_STATM[0], 64, 0).split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def run_job(
    code: wire.Scrubbed, plan: dict, extract: Callable[[dict], dict], config: dict,
    confinement: Confinement, result: wire.Scrubbed,
) -> dict[str, Any]:
    """Fork a child for one job, supervise it, leave its result in ``result``; the header.

    The code is wiped from the template the moment the child has its own copy.
    """
    result_r, result_w = os.pipe()
    output_r, output_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(code.view(), plan, extract, result_w, output_w, confinement)
    code.wipe()
    os.close(result_w)
    os.close(output_w)
    try:
        status, printed = _supervise(pid, result_r, output_r, config, plan["result_limit"],
                                     result)
    finally:
        _kill(pid)
        _, wait_status = os.waitpid(pid, 0)
        if namespaces.is_init():
            namespaces.end_everything_else()
        os.close(result_r)
        os.close(output_r)
    if status != "finished":
        result.wipe()
    return {
        "status": status,
        "exit_code": os.waitstatus_to_exitcode(wait_status),
        "output_bytes": printed,
    }


def _kill(pid: int) -> None:
    """Kill the child's whole process group (grandchildren too), and the child if it left it."""
    for kill, target in ((os.killpg, pid), (os.kill, pid)):
        try:
            kill(target, signal.SIGKILL)
        except OSError:  # already gone
            continue


def _supervise(
    pid: int, result_r: int, output_r: int, config: dict, result_limit: int,
    result: wire.Scrubbed,
) -> tuple[str, int]:
    """Wait for the child within the limits; return ``(status, bytes printed)``."""
    deadline = time.monotonic() + config["timeout"]
    exit_fd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    result.reserve(result_limit + 1)
    received = printed = 0
    open_fds, exited = {result_r, output_r}, False
    try:
        while open_fds or not exited:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return ("finished" if exited else "timeout"), printed
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
                got = wire.discard(fd) if fd == output_r else result.take(fd)
                if not got:
                    open_fds.discard(fd)
                elif fd == output_r:
                    printed += got
                    if printed > config["output_limit"]:
                        return "output", printed
                else:
                    received += got
                    if received > result_limit:  # sized by the parent to what the plan returns
                        return "too_large", printed
    finally:
        if exit_fd is not None:
            os.close(exit_fd)
    return "finished", printed


def _has_exited(pid: int) -> bool:
    """Poll for the child's exit without reaping it (platforms without pidfds)."""
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    return os.waitid(os.P_PID, pid, flags) is not None


def _child(
    code: memoryview,
    plan: dict,
    extract: Callable[[dict], dict],
    result_w: int,
    output_w: int,
    confinement: Confinement,
) -> None:
    """Run in the forked child: confine, extract, write the result, and exit. Never returns."""
    payload = b""
    try:
        job = {"code": bytes(code).decode("utf-8", "surrogatepass"), **plan}
        os.setsid()
        stdin, _ = os.pipe()  # its own empty input (the write end closes below): nothing shared
        os.dup2(stdin, 0)
        os.dup2(output_w, 1)
        os.dup2(output_w, 2)
        os.dup2(result_w, 3)
        set_limits(confinement.limits)
        confine_child(confinement.ruleset)
        os.closerange(4, _FD_CEILING)  # the ruleset, the pipes' other ends, the template's own
        if confinement.program is not None:
            confinement.program.install()  # last: from here on, no socket, process or write
        payload = json.dumps(extract(job)).encode()
    except MemoryError:
        payload = _OUT_OF_MEMORY
    except BaseException:
        payload = b""
    finally:
        with contextlib.suppress(BaseException):
            wire.write_all(3, payload)
        os._exit(0)


if __name__ == "__main__":  # pragma: no cover - the template is started by grader.sandbox
    sys.exit("grader/sandbox/zygote.py is started by grader.sandbox, not by hand")
