"""Run learner code offline, each exercise of each submission in its own sandboxed process.

A `Sandbox` owns one or more *template* processes (see `grader._zygote`): fresh
``python -I -S`` interpreters that see only the standard library and NumPy, never the
`grader` or `exercises` packages, and that fork a confined child per job. Starting Python and
importing NumPy is paid once per template rather than once per job, which is what makes
thousands of isolated runs per minute possible. A template that dies is replaced, and the job
it was running is reported as a crash; nothing a submission does can stop the batch.

Only the offline path imports this module; the browser never does.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 512
DEFAULT_OUTPUT_LIMIT = 1024 * 1024
_GRACE = 15.0

_BOOT = """\
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
runner = types.ModuleType("course_runner")
exec(compile(boot["runner"], "course_runner", "exec"), runner.__dict__)
template = {"__name__": "course_template"}
exec(compile(boot["template"], "course_template", "exec"), template)
template["serve"](boot["config"], runner.extract)
"""


# Run twice in each template before it forks anything, so that the first-use initialisation
# of the NumPy paths learner code takes (LAPACK, array printing, indexing helpers) is paid
# once per template instead of once per child. It is ordinary public code, nothing secret.
_WARMUP = {
    "code": """\
import numpy as np
x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = 3.0 * x + 1.0
X = np.c_[np.ones_like(x), x]
w, residuals, rank, singular = np.linalg.lstsq(X, y, rcond=None)
gram = X.T @ X
try:
    np.linalg.solve(gram, X.T @ y)
except np.linalg.LinAlgError:
    pass
rank = int(np.linalg.matrix_rank(gram))
mse = float(np.mean((X @ w - y) ** 2)) + float(np.sum(x)) + float(np.linalg.inv(gram)[0, 0])
copy = y.copy()
copy[-1] = 0.0
print(w.round(2), round(mse, 2), x[:, None].shape, np.zeros(2), np.full_like(y, 1.0))
print([round(v, 1) for v in y], f"{mse:.2f}", np.round(y, 1), y.astype(int), len(X))


def step(X, y, lr):
    error = X @ np.zeros(X.shape[1]) - y
    return (2 / len(X)) * X.T @ error * lr, [float(np.mean(error ** 2))]
""",
    "names": ["w", "rank", "mse", "X", "step", "missing"],
    "calls": [{"key": "step", "function": "step", "args": [
        {"type": "array", "shape": [2, 2], "values": [1.0, 1.0, 1.0, 2.0]},
        {"type": "array", "shape": [2], "values": [1.0, 2.0]},
        {"type": "float", "value": 0.1},
    ]}],
}


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


def _numpy_dir(root: Path) -> Path:
    """Make a directory whose only importable package is NumPy (symlinked)."""
    import numpy

    package = Path(numpy.__file__).resolve().parent
    target = root / "site"
    target.mkdir()
    (target / "numpy").symlink_to(package, target_is_directory=True)
    libs = package.parent / "numpy.libs"
    if libs.is_dir():
        (target / "numpy.libs").symlink_to(libs.resolve(), target_is_directory=True)
    return target


def _readable(numpy_dir: Path) -> list[str]:
    """Paths the children may read: the standard library (minus site-packages) and NumPy."""
    paths = []
    for key in ("stdlib", "platstdlib"):
        stdlib = Path(sysconfig.get_paths()[key]).resolve()
        for entry in sorted(stdlib.iterdir()) if stdlib.is_dir() else ():
            if entry.name not in ("site-packages", "dist-packages"):
                paths.append(str(entry))
    paths += [str(link.resolve()) for link in numpy_dir.iterdir()]
    return sorted(set(paths))


class _Template:
    """One template process and the pipes to it."""

    def __init__(self, boot: bytes, workdir: Path, timeout: float) -> None:
        self.timeout = timeout
        self.log = tempfile.TemporaryFile()
        env = {"PATH": os.defpath, "LC_ALL": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1",
               "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _BOOT],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            cwd=workdir, env=env, start_new_session=True,
        )
        ready = self._send(boot, wait=60.0)
        if ready is None or not json.loads(ready).get("ready"):
            self.close()
            self.log.seek(0)
            detail = self.log.read().decode(errors="replace").strip().splitlines()[-1:]
            raise SandboxError(f"the sandbox did not start: {' '.join(detail) or 'no output'}")
        self.landlock = bool(json.loads(ready).get("landlock"))

    def _send(self, body: bytes, wait: float) -> bytes | None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(len(body).to_bytes(4, "big") + body)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            return None
        return self._receive(wait)

    def _receive(self, wait: float) -> bytes | None:
        header = self._read(4, wait)
        return None if header is None else self._read(int.from_bytes(header, "big"), wait)

    def _read(self, size: int, wait: float) -> bytes | None:
        assert self.process.stdout is not None
        fd, chunks, left = self.process.stdout.fileno(), [], size
        while left:
            ready, _, _ = select.select([fd], [], [], wait)
            chunk = os.read(fd, min(left, 1 << 20)) if ready else b""
            if not chunk:
                return None
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def run(self, job: dict[str, Any]) -> Outcome | None:
        """Run one job; None means the template itself died or hung."""
        wait = self.timeout + _GRACE
        header = self._send(json.dumps(job).encode(), wait)
        payload = self._receive(wait) if header is not None else None
        if header is None or payload is None:
            return None
        info = json.loads(header)
        try:
            data = json.loads(payload) if payload else None
        except (ValueError, RecursionError):
            data = None
        return Outcome(info["status"], data, info["exit_code"])

    def close(self) -> None:
        """Stop the template process."""
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdout, self.log):
            if stream is not None:
                stream.close()


class Sandbox:
    """A pool of template processes that run learner jobs in confined children.

    Args:
        timeout: wall-clock seconds per job.
        memory_mb: extra address space, in MiB, each child may map beyond the template's.
        output_limit: bytes of printed output after which a child is stopped.
        jobs: how many templates (children running at once).
        landlock: confine children with Landlock where the kernel supports it.
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
        jobs: int = 1,
        landlock: bool = True,
    ) -> None:
        self.timeout, self.memory_mb, self.output_limit = timeout, memory_mb, output_limit
        self.jobs = max(1, jobs)
        self._landlock = landlock
        self._idle: queue.Queue[_Template] = queue.Queue()
        self._all: list[_Template] = []
        self._root: Path | None = None
        self._boot = b""

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def landlock(self) -> bool:
        """Whether the children are confined with Landlock."""
        return bool(self._all) and all(template.landlock for template in self._all)

    def start(self) -> None:
        """Start the template processes (idempotent)."""
        if self._root is not None:
            return
        self._root = Path(tempfile.mkdtemp(prefix="grader-sandbox-"))
        numpy_dir = _numpy_dir(self._root)
        (self._root / "work").mkdir()
        source = resources.files("grader")
        self._boot = json.dumps({
            "numpy_dir": str(numpy_dir),
            "runner": source.joinpath("runner.py").read_text(encoding="utf-8"),
            "template": source.joinpath("_zygote.py").read_text(encoding="utf-8"),
            "config": {
                "timeout": self.timeout,
                "memory_mb": self.memory_mb,
                "output_limit": self.output_limit,
                "landlock": self._landlock,
                "warmup": _WARMUP,
                "readable": _readable(numpy_dir),
            },
        }).encode()
        for _ in range(self.jobs):
            self._add()

    def _add(self) -> None:
        assert self._root is not None
        template = _Template(self._boot, self._root / "work", self.timeout)
        self._all.append(template)
        self._idle.put(template)

    def run(self, job: dict[str, Any]) -> Outcome:
        """Run one job in a fresh confined child; safe to call from several threads."""
        if self._root is None:
            raise SandboxError("the sandbox is not started")
        template = self._idle.get()
        outcome = template.run(job)
        if outcome is None:
            self._all.remove(template)
            template.close()
            self._add()
            return Outcome("lost")
        self._idle.put(template)
        return outcome

    def close(self) -> None:
        """Stop every template and remove the sandbox's temporary directory."""
        for template in self._all:
            template.close()
        self._all.clear()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
