"""The grader's side of one sandbox template process (see `grader.sandbox.zygote`).

A template is started as ``python -I -S -c BOOT``; the boot loader reads the sources of
`grader.runner` and of the sandbox modules that run inside (`pool.TEMPLATE_MODULES`) from its
stdin, runs them as the modules ``course_runner``, ``course_namespaces``, ...,
``course_template`` (the `grader` package itself is never importable there), and starts serving
jobs. Messages both ways are a 4-byte big-endian length and a JSON body.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..plain import read_result, result_limit

GRACE = 15.0

BOOT = """\
import os, sys
def _read(size):
    data = b""
    while len(data) < size:
        chunk = os.read(0, size - len(data))
        if not chunk:
            raise SystemExit(0)
        data += chunk
    return data
import json, types
boot = json.loads(_read(int.from_bytes(_read(4), "big")))
sys.path.append(boot["numpy_dir"])
for name, source in boot["modules"]:
    module = sys.modules[name] = types.ModuleType(name)
    exec(compile(source, name, "exec"), module.__dict__)
runner = sys.modules["course_runner"]
sys.modules["course_template"].serve(boot["config"], runner)
"""


class SandboxError(RuntimeError):
    """The sandbox could not be started (not a learner's fault)."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one job.

    Attributes:
        status: ``finished``, ``timeout``, ``output`` (printed too much), ``too_large``
            (result too big) or ``lost`` (the template process died).
        data: the decoded extraction, or None if there was none or it was not JSON.
        exit_code: the child's exit code (negative: killed by that signal), if known.

    """

    status: str
    data: Any = None
    exit_code: int | None = None


class Template:
    """One template process, the pipes to it, and the jobs it has been given.

    The template runs its jobs one after the other, in the order they were sent: the first in
    `queued` is running (or about to), the others wait in the template's stdin.
    """

    def __init__(self, boot: bytes, workdir: Path, timeout: float) -> None:
        self.timeout = timeout
        self.queued: deque[tuple[Any, dict[str, Any]]] = deque()  # (key, job), running first
        self.deadline = 0.0  # when the running job is overdue: the template is then stuck
        self._plans: dict[str, int] = {}  # plan JSON -> its index in the template
        self._buffer = bytearray()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        env = {"PATH": os.defpath, "LC_ALL": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1",
               "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", BOOT], bufsize=0,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            cwd=workdir, env=env, start_new_session=True,
        )
        assert self.process.stdout is not None
        self.fd = self.process.stdout.fileno()
        ready = self._handshake(boot)
        if ready is None or not ready.get("ready"):
            with contextlib.suppress(OSError):
                self.process.kill()  # it did not start; once it has ended, its stderr says why
            self.process.wait()
            self.log.seek(0)
            detail = self.log.read().decode(errors="replace").strip().splitlines()[-1:]
            self.close()  # after reading the log: close() closes it
            raise SandboxError(f"the sandbox did not start: {' '.join(detail) or 'no output'}")
        self.walls: dict[str, Any] = ready["walls"]

    def _handshake(self, boot: bytes) -> dict[str, Any] | None:
        if not self.send(boot):
            return None
        deadline = time.monotonic() + 60.0
        while (frame := self._frame()) is None:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready or not self._feed():
                return None
        return json.loads(frame)

    def send(self, body: bytes) -> bool:
        """Send one message; False if the template is gone."""
        assert self.process.stdin is not None
        data = memoryview(len(body).to_bytes(4, "big") + body)
        try:
            while data:
                data = data[os.write(self.process.stdin.fileno(), data) :]
        except OSError:
            return False
        return True

    def start(self, key: Any, job: dict[str, Any]) -> bool:
        """Queue a job in the template; False if the template is gone.

        The job's plan (its names and calls, the same for every learner on one exercise) is
        sent the first time only; later jobs refer to it by index.
        """
        if not self.queued:
            self.deadline = time.monotonic() + self.timeout + GRACE
        self.queued.append((key, job))
        plan = json.dumps({"names": job["names"], "calls": job["calls"],
                           "result_limit": result_limit(job)})
        index = self._plans.get(plan)
        if index is None:
            index = self._plans[plan] = len(self._plans)
            if not self.send(b"P" + plan.encode()):
                return False
        code = job["code"].encode("utf-8", "surrogatepass")  # the child decodes it the same way
        return self.send(b"J" + index.to_bytes(4, "big") + code)

    def _feed(self) -> bool:
        try:
            data = os.read(self.fd, 1 << 20)
        except OSError:
            return False
        self._buffer += data
        return bool(data)

    def _frame(self, skip: int = 0) -> bytes | None:
        """Return the complete message starting at byte ``skip`` of the buffer, if any."""
        if len(self._buffer) < skip + 4:
            return None
        size = int.from_bytes(self._buffer[skip : skip + 4], "big")
        if len(self._buffer) < skip + 4 + size:
            return None
        frame = bytes(self._buffer[skip + 4 : skip + 4 + size])
        if skip == 0:
            del self._buffer[: 4 + size]
        return frame

    def collect(self) -> list[tuple[Any, Outcome]]:
        """Read what is available; return ``(key, outcome)`` for each job now finished.

        If the template is gone, its running job's outcome is ``lost``; the jobs still queued
        behind it stay in `queued`, never started, for the caller to run elsewhere.
        """
        if not self._feed():
            return [(self.queued.popleft()[0], Outcome("lost"))]
        finished = []
        while self.queued and self._complete():
            header, payload = self._frame() or b"{}", self._frame() or b""
            info = json.loads(header)
            key, job = self.queued.popleft()
            data = read_result(payload, job) if payload else None
            finished.append((key, Outcome(info["status"], data, info["exit_code"])))
            self.deadline = time.monotonic() + self.timeout + GRACE  # for the next one
        return finished

    def _complete(self) -> bool:
        """Say whether both the header and the payload of an outcome have arrived."""
        if len(self._buffer) < 4:
            return False
        first = 4 + int.from_bytes(self._buffer[:4], "big")
        return self._frame(skip=first) is not None

    def close(self, *, wait: float = 0.0) -> None:
        """Stop the template process, giving it ``wait`` seconds to end by itself first.

        An idle template ends as soon as its input closes, and its namespace's init with it,
        each reaping the processes below; killed, those are reaped by no one in the tree.
        """
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=wait)
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdout, self.log):
            if stream is not None:
                stream.close()
