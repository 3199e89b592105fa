"""What this machine charges for one process: fork and exit of an interpreter holding NumPy.

Every isolated run of the grader is one such fork from a template process that has imported
NumPy, plus the run's own work. Timing the bare fork-and-exit, with no work and no grader code,
shows the part of the grading figure that no grader can go below with one process per run.
The measurement runs in a fresh ``python -I -S`` like the grader's templates.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = """\
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


def measure(count: int = 500) -> dict[str, Any]:
    """Fork and exit `count` times from a NumPy interpreter; return ms per fork (wall, CPU)."""
    import numpy

    numpy_parent = str(Path(numpy.__file__).resolve().parent.parent)
    env = {"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", PROBE, numpy_parent, str(count)],
        capture_output=True, text=True, env=env, check=True, timeout=300,
    )
    figures = json.loads(done.stdout)
    return {"forks": count, **{key: round(value, 2) for key, value in figures.items()}}
