"""The grading benchmark: N generated submissions through the grader's CLI, isolation on.

`python -m benchmarks grading` writes the files into a temporary folder, runs
`python -m grader grade FOLDER --jobs N --seed S --json FILE` in a subprocess, samples the
memory of its whole process tree meanwhile, checks every verdict against what the generator
intended, prints a table and writes benchmarks/results/grading.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.proctree import TreeSampler
from benchmarks.report import machine, table, write_json
from benchmarks.submissions import write_submissions

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS_PER_1000 = 30.0
RUN_TIMEOUT_S = 1800


@dataclass(frozen=True)
class GradingOptions:
    """How many submissions, how many parallel jobs, which seed."""

    count: int = 1000
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


def run(options: GradingOptions) -> dict[str, Any]:
    """Generate, grade in a subprocess while sampling memory, and return the report."""
    before = machine()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        folder, output = Path(tmp) / "submissions", Path(tmp) / "results.json"
        expected = write_submissions(folder, options.count, options.seed)
        command = [
            sys.executable,
            "-m",
            "grader",
            "grade",
            str(folder),
            "--jobs",
            str(options.jobs),
            "--seed",
            str(options.seed),
            "--json",
            str(output),
        ]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        stdout, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
        wall = time.perf_counter() - start
        peaks = sampler.stop()
        if process.returncode != 0 or not output.is_file():
            raise RuntimeError(
                f"the grader exited with {process.returncode}:\n{stderr[-2000:] or stdout[-2000:]}"
            )
        check = _check(json.loads(output.read_text(encoding="utf-8")), expected)
    runs = sum(len(intent) for intent in expected.values())
    target = TARGET_SECONDS_PER_1000 * options.count / 1000
    report = {
        "benchmark": "grading",
        "command": f"python -m grader grade FOLDER --jobs {options.jobs} --seed {options.seed}"
        " --json FILE",
        "machine_before": before,
        "machine_after": machine(),
        "submissions": options.count,
        "exercise_runs": runs,
        "jobs": options.jobs,
        "seed": options.seed,
        "wall_s": round(wall, 2),
        "submissions_per_s": round(options.count / wall, 1),
        "exercise_runs_per_s": round(runs / wall, 1),
        "target_s": target,
        "target_met": wall <= target,
        "memory_mib": peaks.as_dict(),
        "verdicts": check,
        "grader_summary": stdout.strip().splitlines()[-5:],
    }
    report["json"] = str(write_json("grading.json", report))
    return report


def render(report: dict[str, Any]) -> str:
    """Format the report as the table printed at the end of a run."""
    memory, verdicts = report["memory_mib"], report["verdicts"]
    met = "met" if report["target_met"] else "MISSED"
    rows = [
        ["submissions", f"{report['submissions']} ({report['exercise_runs']} exercise runs)"],
        ["wall time", f"{report['wall_s']:.1f} s (target <= {report['target_s']:.0f} s: {met})"],
        [
            "throughput",
            f"{report['submissions_per_s']} submissions/s, "
            f"{report['exercise_runs_per_s']} exercise runs/s",
        ],
        [
            "peak memory, whole tree",
            f"{memory['pss_total']} MiB PSS ({memory['rss_total']} MiB RSS summed)",
        ],
        ["peak memory, one process", f"{memory['rss_single']} MiB RSS"],
        ["processes at once (peak)", f"{memory['processes']} ({memory['samples']} samples)"],
        ["verdicts", ", ".join(f"{k} {v}" for k, v in sorted(verdicts["statuses"].items()))],
        ["unexpected verdicts", str(verdicts["unexpected_verdicts"])],
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
