"""What this machine charges for one process per run, measured without the grader around it.

Every isolated run of the grader is a fork from a template process that has imported NumPy,
the learner code run in the child, and the child's exit. Two probes time those parts alone, in
fresh ``python -I -S`` interpreters like the grader's templates:

- `fork_and_exit`: fork and exit, nothing else: what any fork-per-run grader pays per run;
- `bare_runs`: fork, run the learner code with `grader.runner` and send its JSON back through a
  pipe, one probe process per core: a plain fork-per-run loop with no confinement, no
  supervision, no judging, and no overlap between one run and the next.

Against these, the grader's own figure shows what its isolation and bookkeeping cost.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from grader.sandbox.warmup import WARMUP

FORK_AND_EXIT = """\
import gc, json, os, resource, sys, time
sys.path.append(sys.argv[1])
import numpy
numpy.linalg.lstsq(numpy.ones((3, 2)), numpy.ones(3), rcond=None)
gc.collect()
gc.freeze()
count = int(sys.argv[2])
start, before = time.perf_counter(), time.process_time()
children = resource.getrusage(resource.RUSAGE_CHILDREN)
for _ in range(count):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
wall = time.perf_counter() - start
parent = time.process_time() - before
after = resource.getrusage(resource.RUSAGE_CHILDREN)
child = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
print(json.dumps({"wall_ms": 1000 * wall / count, "cpu_ms": 1000 * (parent + child) / count}))
"""

BARE_RUNS = """\
import gc, json, os, sys, time, types
sys.path.append(sys.argv[1])
runner = types.ModuleType("bare_runner")
exec(compile(open(sys.argv[2]).read(), "bare_runner", "exec"), runner.__dict__)
jobs = open(sys.argv[3])  # one JSON job per line, read as it goes: the forks stay small
warmup = json.loads(jobs.readline())
surroundings = runner.learner_surroundings()  # kept: dropping it would leave them again
surroundings.__enter__()
for _ in range(2):
    runner.extract(warmup, surrounded=True)
gc.collect()
gc.freeze()
start = time.perf_counter()
for line in jobs:
    job = json.loads(line)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        result = runner.extract(job, surrounded=True)  # compiles there, as the grader's do
        data = memoryview(json.dumps(result).encode())
        while data:
            data = data[os.write(write_end, data):]
        os._exit(0)
    os.close(write_end)
    while os.read(read_end, 1 << 16):
        pass
    os.close(read_end)
    os.waitpid(pid, 0)
os.write(1, json.dumps({"seconds": time.perf_counter() - start}).encode())  # past the sink
"""


def _numpy_parent() -> str:
    import numpy

    return str(Path(numpy.__file__).resolve().parent.parent)


def _python(script: str, *args: str) -> list[str]:
    return [sys.executable, "-I", "-S", "-c", script, *args]


ENV = {"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1", "LC_ALL": "C.UTF-8"}


def fork_and_exit(count: int = 500) -> dict[str, Any]:
    """Fork and exit `count` times from a NumPy interpreter; return ms per fork (wall, CPU)."""
    done = subprocess.run(
        _python(FORK_AND_EXIT, _numpy_parent(), str(count)),
        capture_output=True, text=True, env=ENV, check=True, timeout=600,
    )
    figures = json.loads(done.stdout)
    return {"forks": count, **{key: round(value, 2) for key, value in figures.items()}}


def bare_runs(jobs: list[dict[str, Any]], processes: int) -> dict[str, Any]:
    """Run every job in a forked child of one of `processes` probes at once; return seconds.

    The figure is the slowest probe's loop (start-up and NumPy's import left out), the way a
    pool of templates shares the jobs.
    """
    runner = resources.files("grader").joinpath("runner.py")
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp, resources.as_file(
        runner
    ) as runner_path:
        probes = []
        for index in range(processes):
            work = Path(tmp) / f"jobs-{index}.jsonl"
            lines = [json.dumps(job) for job in [WARMUP, *jobs[index::processes]]]
            work.write_text("\n".join(lines) + "\n")
            probes.append(subprocess.Popen(
                _python(BARE_RUNS, _numpy_parent(), str(runner_path), str(work)),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
            ))
        outputs = [probe.communicate(timeout=1800) for probe in probes]
    failed = [err for probe, (_, err) in zip(probes, outputs, strict=True) if probe.returncode]
    if failed:
        raise RuntimeError(f"a bare-runs probe failed:\n{failed[0][-2000:]}")
    seconds = max(json.loads(out)["seconds"] for out, _ in outputs)
    return {"runs": len(jobs), "processes": processes, "seconds": round(seconds, 2)}
