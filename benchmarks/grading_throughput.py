"""The grading benchmark: N generated submissions through the grader's CLI, isolation on.

`python -m benchmarks grading` writes the files into a temporary folder, runs
`python -m grader grade FOLDER --jobs N --seed S --json FILE` in a subprocess, samples the
memory of its whole process tree meanwhile, checks every verdict against what the generator
intended, prints a table and writes benchmarks/results/grading.json.

Two comparisons, on as many files unless told otherwise, put the figure in context. The *floor*
grades files whose code is all `pass`: every run is still forked, confined, extracted and
judged, so it is what isolation and the pipeline cost with no learner work inside. *Learner
code alone* runs the same learner code in this process, one run after another, with no
process, confinement or judging: what the learner work itself costs, on one core. And
`benchmarks.fork_cost` times, without the grader around them, a bare fork and exit of an
interpreter holding NumPy, and a plain loop running the same learner code each in a forked
child with nothing else: what one process per run costs on this machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks import fork_cost
from benchmarks.proctree import Peaks, TreeSampler
from benchmarks.report import cpu_ticks, machine, steal_share, table, write_json
from benchmarks.submissions import EMPTY_CODE, catalog, chapter_exercises, write_submissions

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS_PER_1000 = 30.0
RUN_TIMEOUT_S = 1800
MEMORY_INTERVAL_S = 0.5  # reading smaps costs CPU the grader needs; memory moves slowly


@dataclass(frozen=True)
class GradingOptions:
    """How many submissions (and how many for the comparisons), parallel jobs, which seed."""

    count: int = 1000
    chapter: str | None = None  # only this chapter's exercises; None for the whole course
    floor_count: int | None = None  # None: as many as `count`
    jobs: int = os.cpu_count() or 1
    seed: int = 20260101


def grader_ready() -> bool:
    """Say whether the grader's CLI exists yet."""
    return (PROJECT_ROOT / "grader" / "cli.py").is_file()


def _check(results: dict[str, Any], expected: dict[str, dict[str, bool]]) -> dict[str, Any]:
    """Compare each verdict with the generator's intent; count statuses."""
    statuses: Counter[str] = Counter()
    surprises: list[str] = []
    invalid = 0
    for item in results["submissions"]:
        name = Path(item["file"]).name
        if not item["valid"]:
            invalid += 1
            surprises.append(f"{name}: invalid ({item['error']})")
            continue
        for exercise_id, should_pass in expected[name].items():
            status = item["exercises"].get(exercise_id, {}).get("status", "absent")
            statuses[status] += 1
            if (status == "passed") != should_pass:
                surprises.append(
                    f"{name} {exercise_id}: {status}, expected "
                    f"{'passed' if should_pass else 'not passed'}"
                )
    return {
        "graded": len(results["submissions"]),
        "invalid": invalid,
        "statuses": dict(statuses),
        "unexpected_verdicts": len(surprises),
        "unexpected_examples": surprises[:10],
    }


@dataclass(frozen=True)
class GradingRun:
    """What one run of the grader's CLI cost, and what it said."""

    wall_s: float
    cpu_s: dict[str, float]
    steal_share: float
    memory: Peaks
    results: dict[str, Any]
    stdout: str


def _grade(folder: Path, options: GradingOptions, *, sample_memory: bool = True) -> GradingRun:
    """Grade `folder` with the CLI in a subprocess; time it and add up its tree's CPU time."""
    output = folder.parent / f"{folder.name}-results.json"
    command = [
        sys.executable, "-m", "grader", "grade", str(folder),
        "--jobs", str(options.jobs), "--seed", str(options.seed), "--json", str(output),
    ]
    cpu_before, ticks_before = resource.getrusage(resource.RUSAGE_CHILDREN), cpu_ticks()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(process.pid, interval=MEMORY_INTERVAL_S)
    if sample_memory:
        sampler.start()
    stdout, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
    wall = time.perf_counter() - start
    peaks = sampler.stop() if sample_memory else Peaks()
    cpu_after, ticks_after = resource.getrusage(resource.RUSAGE_CHILDREN), cpu_ticks()
    if process.returncode != 0 or not output.is_file():
        raise RuntimeError(
            f"the grader exited with {process.returncode}:\n{stderr[-2000:] or stdout[-2000:]}"
        )
    # The grader waits for its templates and they for their children, so this is the tree's.
    cpu = {
        "user": round(cpu_after.ru_utime - cpu_before.ru_utime, 2),
        "system": round(cpu_after.ru_stime - cpu_before.ru_stime, 2),
    }
    steal = steal_share(ticks_before, ticks_after)
    results = json.loads(output.read_text(encoding="utf-8"))
    return GradingRun(wall, cpu, steal, peaks, results, stdout)


def learner_jobs(folder: Path, seed: int) -> list[dict[str, Any]]:
    """Return the job of every code exercise of every file in `folder`, as the grader builds it."""
    from grader import load_submission
    from grader.grading import registry

    plans = {i: e.plan(seed) for i, e in registry().items() if e.kind == "code"}
    return [
        plans[exercise_id].job(work["code"])
        for path in sorted(folder.glob("*.json"))
        for exercise_id, work in load_submission(path).exercises.items()
        if exercise_id in plans
    ]


def _run_here(jobs: list[dict[str, Any]]) -> float:
    """Run the jobs' learner code in this process, one after another; return seconds.

    No process, no confinement, no judging: what the learner work itself costs.
    """
    from grader.runner import extract

    start = time.perf_counter()
    for job in jobs:
        extract(job)
    return time.perf_counter() - start


def run(options: GradingOptions) -> dict[str, Any]:
    """Grade N generated files (and the floor and no-isolation comparisons); return the report."""
    before = machine()
    options = replace(options, floor_count=min(options.floor_count or options.count,
                                               options.count))
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        folder, floor_folder = Path(tmp) / "submissions", Path(tmp) / "floor"
        ids = chapter_exercises(options.chapter) if options.chapter else None
        expected = write_submissions(folder, options.count, options.seed, ids=ids)
        main = _grade(folder, options)
        check = _check(main.results, expected)
        floor_expected = write_submissions(floor_folder, options.floor_count, options.seed,
                                           empty=True, ids=ids)
        floor = _grade(floor_folder, options, sample_memory=False)
        floor_check = _check(floor.results, floor_expected)
        subset = Path(tmp) / "subset"
        subset.mkdir()
        for name in sorted(expected)[: options.floor_count]:
            (subset / name).symlink_to(folder / name)
        jobs = learner_jobs(subset, options.seed)
    alone_s = _run_here(jobs)
    bare = fork_cost.bare_runs(jobs, options.jobs)
    forks = fork_cost.fork_and_exit()
    runs = sum(len(intent) for intent in expected.values())
    code_exercises = sum(1 for exercise in catalog(ids) if exercise.kind == "code")
    target = TARGET_SECONDS_PER_1000 * options.count / 1000
    per_1000 = 1000 / options.floor_count
    report = {
        "benchmark": "grading",
        "command": f"python -m grader grade FOLDER --jobs {options.jobs} --seed {options.seed}"
        " --json FILE",
        "machine_before": before,
        "machine_after": machine(),
        "submissions": options.count,
        "chapter": options.chapter or "whole course",
        "exercises": [exercise.id for exercise in catalog(ids)],
        "exercise_runs": runs,
        "isolated_runs": options.count * code_exercises,
        "jobs": options.jobs,
        "seed": options.seed,
        "wall_s": round(main.wall_s, 2),
        "cpu_s": main.cpu_s,
        "steal_share": main.steal_share,
        "submissions_per_s": round(options.count / main.wall_s, 1),
        "exercise_runs_per_s": round(runs / main.wall_s, 1),
        "target_s": target,
        "target_met": main.wall_s <= target,
        "memory_mib": main.memory.as_dict(),
        "verdicts": check,
        "floor": {
            "submissions": options.floor_count,
            "code": EMPTY_CODE.strip(),
            "wall_s": round(floor.wall_s, 2),
            "wall_s_per_1000": round(floor.wall_s * per_1000, 1),
            "ms_per_isolated_run": round(1000 * floor.wall_s / (options.floor_count
                                                                 * code_exercises), 2),
            "cpu_s": floor.cpu_s,
            "steal_share": floor.steal_share,
            "unexpected_verdicts": floor_check["unexpected_verdicts"],
        },
        "learner_code_alone": {
            "submissions": options.floor_count,
            "seconds": round(alone_s, 2),
            "seconds_per_1000": round(alone_s * per_1000, 1),
        },
        "fork_and_exit": forks,
        "fork_per_run_only": {
            **bare, "seconds_per_1000": round(bare["seconds"] * per_1000, 1),
        },
        "grader_summary": main.stdout.strip().splitlines()[-5:],
    }
    report["json"] = str(write_json("grading.json", report))
    return report


def render(report: dict[str, Any]) -> str:
    """Format the report as the table printed at the end of a run."""
    memory, verdicts = report["memory_mib"], report["verdicts"]
    floor, alone = report["floor"], report["learner_code_alone"]
    forks, cores = report["fork_and_exit"], report["machine_before"]["cpus"] or 1
    bare = report["fork_per_run_only"]
    met = "met" if report["target_met"] else "MISSED"
    rows = [
        [
            "submissions",
            f"{report['submissions']} ({report['exercise_runs']} exercises graded, "
            f"{report['isolated_runs']} of them run in their own process)",
        ],
        ["exercises", f"{report['chapter']}: {len(report['exercises'])} per submission"],
        ["wall time", f"{report['wall_s']:.1f} s (target <= {report['target_s']:.0f} s: {met})"],
        [
            "throughput",
            f"{report['submissions_per_s']} submissions/s, "
            f"{report['exercise_runs_per_s']} exercise runs/s",
        ],
        ["CPU time, whole tree", _cpu(report["cpu_s"], report["steal_share"])],
        [
            "floor: code `pass`",
            f"{floor['wall_s']:.1f} s for {floor['submissions']} submissions = "
            f"{floor['wall_s_per_1000']:.1f} s per 1000 "
            f"({floor['ms_per_isolated_run']:.1f} ms a run;"
            f" {_cpu(floor['cpu_s'], floor['steal_share'])})",
        ],
        [
            "fork + exit alone",
            f"{forks['wall_ms']:.2f} ms ({forks['cpu_ms']:.2f} ms CPU) each: "
            f"{report['isolated_runs']} of them on {cores} cores take at least "
            f"{report['isolated_runs'] * forks['cpu_ms'] / 1000 / cores:.1f} s",
        ],
        [
            "fork per run, nothing else",
            f"{bare['seconds']:.1f} s for {bare['runs']} runs in {bare['processes']} processes = "
            f"{bare['seconds_per_1000']:.1f} s per 1000 submissions",
        ],
        [
            "learner code alone, 1 core",
            f"{alone['seconds']:.1f} s for {alone['submissions']} submissions = "
            f"{alone['seconds_per_1000']:.1f} s per 1000",
        ],
        [
            "peak memory, whole tree",
            f"{memory['pss_total']} MiB PSS ({memory['rss_total']} MiB RSS summed)",
        ],
        ["peak memory, one process", f"{memory['rss_single']} MiB RSS"],
        ["processes at once (peak)", f"{memory['processes']} ({memory['samples']} samples)"],
        ["verdicts", ", ".join(f"{k} {v}" for k, v in sorted(verdicts["statuses"].items()))],
        [
            "unexpected verdicts",
            f"{verdicts['unexpected_verdicts']} (floor: {floor['unexpected_verdicts']})",
        ],
    ]
    lines = [
        f"Grading: {report['command']} (jobs {report['jobs']}, seed {report['seed']});"
        f" load average before {report['machine_before']['load_average']},"
        f" after {report['machine_after']['load_average']}",
        table([["", ""], *rows]).split("\n", 1)[1],
        *(f"  e.g. {example}" for example in verdicts["unexpected_examples"][:3]),
        f"JSON: {report['json']}",
    ]
    return "\n".join(lines)


def _cpu(cpu: dict[str, float], steal: float | None) -> str:
    stolen = "" if steal is None else f", {100 * steal:.0f}% of the machine stolen"
    return f"{cpu['user']:.1f} s user + {cpu['system']:.1f} s system{stolen}"
