"""Run learner code offline, each exercise of each submission in its own sandboxed process.

A `Sandbox` owns one or more *template* processes (see `grader.sandbox.zygote`): fresh
``python -I -S`` interpreters that see only the standard library and NumPy, never the
`grader` or `exercises` packages, and that fork a confined child per job. Starting Python and
importing NumPy is paid once per template rather than once per job, which is what makes
thousands of isolated runs per minute possible. A template that dies is replaced, and the job
it was running is reported as a crash; nothing a submission does can stop the batch.

Only the offline path imports this module; the browser never does.
"""

from __future__ import annotations

import json
import select
import shutil
import sysconfig
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ..grading import DEFAULT_TIMEOUT
from .template import Outcome, SandboxError, Template
from .warmup import WARMUP

DEFAULT_MEMORY_MB = 512
DEFAULT_OUTPUT_LIMIT = 1024 * 1024
QUEUE_DEPTH = 2  # jobs handed to a template at once: the running one and the next
# What the template runs, as (name there, module here): it gets their source, never the package.
TEMPLATE_MODULES = (
    ("course_runner", "grader.runner"),
    ("course_namespaces", "grader.sandbox.namespaces"),
    ("course_seccomp", "grader.sandbox.seccomp"),
    ("course_confine", "grader.sandbox.confine"),
    ("course_wire", "grader.sandbox.wire"),
    ("course_template", "grader.sandbox.zygote"),
)


def _source(module: str) -> str:
    package, _, name = module.rpartition(".")
    return resources.files(package).joinpath(f"{name}.py").read_text(encoding="utf-8")

def describe_walls(walls: dict[str, Any]) -> str:
    """Put a template's walls into words, naming the missing ones too."""
    spaces = walls["namespaces"]
    parts = [
        f"landlock {walls['landlock']}" if walls["landlock"] else "no landlock",
        "seccomp" if walls["seccomp"] else "no seccomp",
        f"{'+'.join(spaces)} namespaces" if spaces else "no namespaces",
    ]
    if walls["nproc"]:
        parts.append(f"nproc {walls['nproc']}")
    parts.append("rlimits")
    return ", ".join(parts)


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


class Sandbox:
    """A pool of template processes that run learner jobs in confined children.

    Args:
        timeout: wall-clock seconds per job.
        memory_mb: extra address space, in MiB, each child may map beyond the template's.
        output_limit: bytes of printed output after which a child is stopped.
        jobs: how many templates (children running at once).
        landlock: confine children with Landlock where the kernel supports it.
        seccomp: filter children's system calls (libseccomp) where available.
        namespaces: run templates and children in their own user, PID, network and IPC
            namespaces where the kernel allows it.

    The three switches exist to test each wall alone; grading keeps them all on.

    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
        jobs: int = 1,
        landlock: bool = True,
        seccomp: bool = True,
        namespaces: bool = True,
    ) -> None:
        self.timeout, self.memory_mb, self.output_limit = timeout, memory_mb, output_limit
        self.jobs = max(1, jobs)
        self._walls_wanted = {"landlock": landlock, "seccomp": seccomp, "namespaces": namespaces}
        self._all: list[Template] = []
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
        return bool(self._all) and all(template.walls["landlock"] for template in self._all)

    @property
    def walls(self) -> str:
        """The walls around every child, in words: ``landlock 7, seccomp, ..., nproc 8``."""
        if not self._all:
            return "not started"
        return describe_walls(self._all[0].walls)

    def start(self) -> None:
        """Start the template processes (idempotent)."""
        if self._root is not None:
            return
        self._root = Path(tempfile.mkdtemp(prefix="grader-sandbox-")).resolve()
        numpy_dir = _numpy_dir(self._root)
        for folder in ("work", "view"):
            (self._root / folder).mkdir()
        readable = _readable(numpy_dir)
        self._boot = json.dumps({
            "numpy_dir": str(numpy_dir),
            "modules": [[name, _source(module)] for name, module in TEMPLATE_MODULES],
            "config": {
                "timeout": self.timeout,
                "memory_mb": self.memory_mb,
                "output_limit": self.output_limit,
                **self._walls_wanted,
                "warmup": WARMUP,
                "readable": readable,
                # the file system a template and its children see, in their mount namespace
                "view": {"root": str(self._root / "view"), "workdir": str(self._root / "work"),
                         "visible": [*readable, str(numpy_dir)]},
            },
        }).encode()
        for _ in range(self.jobs):
            self._add()

    def _add(self) -> Template:
        assert self._root is not None
        template = Template(self._boot, self._root / "work", self.timeout)
        self._all.append(template)
        return template

    def _replace(self, template: Template) -> Template:
        self._all.remove(template)
        template.close()
        return self._add()

    def run_many(
        self, jobs: Iterable[tuple[Any, dict[str, Any]]]
    ) -> Iterator[tuple[Any, Outcome]]:
        """Run ``(key, job)`` pairs, each in a fresh confined child; yield ``(key, outcome)``.

        Up to ``self.jobs`` run at once, and each template holds the next job too, so that it
        never waits for this process between two runs. Outcomes come in the order they finish.
        A template that dies or stops answering is replaced: its running job's outcome is
        ``lost``, and the job queued behind it runs on another template.
        """
        if self._root is None:
            raise SandboxError("the sandbox is not started")
        pending, retry = iter(jobs), deque[tuple[Any, dict[str, Any]]]()
        try:
            while True:
                replaced = False
                for template in list(self._all):
                    while len(template.queued) < QUEUE_DEPTH and (
                        item := retry.popleft() if retry else next(pending, None)
                    ) is not None:
                        if not template.start(*item):
                            yield self._lost(template, retry)
                            replaced = True  # its replacement takes the next jobs
                            break
                busy = {template.fd: template for template in self._all if template.queued}
                if not busy:
                    if replaced:
                        continue
                    return
                soonest = min(template.deadline for template in busy.values())
                ready, _, _ = select.select(list(busy), [], [],
                                            max(0.0, soonest - time.monotonic()))
                for fd in ready:
                    finished = busy[fd].collect()
                    if any(outcome.status == "lost" for _, outcome in finished):
                        self._requeue(busy[fd], retry)  # before yielding: we may not resume
                    yield from finished
                for template in busy.values():
                    if template.queued and time.monotonic() > template.deadline:
                        yield self._lost(template, retry)
        finally:
            for template in list(self._all):  # abandoned mid-job: their answers would be stale
                if template.queued:
                    template.queued.clear()
                    self._replace(template)

    def _lost(self, template: Template, retry: deque) -> tuple[Any, Outcome]:
        """Give up on a stuck or dead template: its running job is lost, the rest run again."""
        key = template.queued.popleft()[0]
        self._requeue(template, retry)
        return key, Outcome("lost")

    def _requeue(self, template: Template, retry: deque) -> None:
        """Replace a dead template; the jobs it had not started go back in line."""
        retry.extend(template.queued)
        template.queued.clear()
        self._replace(template)

    def run(self, job: dict[str, Any]) -> Outcome:
        """Run one job in a fresh confined child."""
        for _, outcome in self.run_many([(None, job)]):
            return outcome
        raise SandboxError("the sandbox returned no outcome")  # pragma: no cover

    def close(self) -> None:
        """Stop every template and remove the sandbox's temporary directory."""
        for template in self._all:
            template.close(wait=0.0 if template.queued else 2.0)  # idle ones end by themselves
        self._all.clear()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
