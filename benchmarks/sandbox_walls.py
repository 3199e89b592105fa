"""What each sandbox wall costs per run: ``python -m benchmarks.sandbox_walls [--runs N]``.

One template (``jobs=1``) runs N trivial jobs (``x = 1``) with no wall, with each wall alone,
and with all of them; rounds are interleaved so that a noisy moment of the machine spreads over
every configuration. It prints the median time per run of each and its cost over the bare run.
The whole-grader figure is `benchmarks.grading_throughput` (``python -m benchmarks grading``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

from grader.sandbox import Sandbox

CONFIGURATIONS = {
    "no walls (rlimits only)": {"landlock": False, "seccomp": False, "namespaces": False},
    "+ landlock": {"landlock": True, "seccomp": False, "namespaces": False},
    "+ seccomp": {"landlock": False, "seccomp": True, "namespaces": False},
    "+ namespaces (user, pid, net, ipc, mount)": {"landlock": False, "seccomp": False,
                                           "namespaces": True},
    "all walls (the grader's default)": {"landlock": True, "seccomp": True, "namespaces": True},
}
JOB = {"code": "x = 1\n", "names": ["x"], "calls": []}


def per_run_seconds(walls: dict[str, bool], runs: int) -> tuple[float, str]:
    """Time ``runs`` trivial jobs through one template with ``walls``; (seconds per run, walls)."""
    with Sandbox(timeout=5.0, jobs=1, **walls) as sandbox:
        sandbox.run(JOB)  # the first job pays for lazy set-up
        started = time.perf_counter()
        for _, outcome in sandbox.run_many((n, JOB) for n in range(runs)):
            assert outcome.status == "finished", outcome
        return (time.perf_counter() - started) / runs, sandbox.walls


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sandbox_walls")
    parser.add_argument("--runs", type=int, default=300, help="jobs per round (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {name: [] for name in CONFIGURATIONS}
    described: dict[str, str] = {}
    for _ in range(args.rounds):
        for name, walls in CONFIGURATIONS.items():
            seconds, described[name] = per_run_seconds(walls, args.runs)
            times[name].append(seconds)
    bare = statistics.median(times["no walls (rlimits only)"])
    print(f"{args.rounds} rounds x {args.runs} runs of `x = 1`, one template; medians")
    print(f"{'configuration':42} {'ms/run':>8} {'cost':>8}  walls")
    for name in CONFIGURATIONS:
        median = statistics.median(times[name])
        print(f"{name:42} {median * 1e3:8.3f} {(median - bare) * 1e3:+8.3f}  {described[name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
