"""The page's main thread while Python boots and while a long Python loop runs.

Long tasks come from a PerformanceObserver ('longtask') registered before the page's scripts.
Two things say what a task was: the long animation frame that holds it ('long-animation-frame')
names the scripts that started it, and the probe times every callback the course subscribes to
Material's `document$` (course.js: the runner binding blocks, the practice and quiz pages), so
each task also says how many of its milliseconds were the course's own. A control visit loads
the same page with Worker stubbed out (no Python boot) for comparison.
"""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright

from benchmarks.bench_site import ServedSite
from benchmarks.chromium import fresh_profile, probed_page
from benchmarks.report import summary

TIMEOUT_MS = 240_000
LOOP_SECONDS = 3.0
IDLE_FRAMES_MS = 1_000
OBSERVER_SETTLE_MS = 300
TASK_LIMIT_MS = 100.0
RUNNER_SCRIPT = "course.js"
LOOP_CODE = f"""\
import time

start = time.perf_counter()
spins = 0
while time.perf_counter() - start < {LOOP_SECONDS}:
    spins += 1
print(f"looped for {{time.perf_counter() - start:.1f}} s")
"""
COLLECT = """() => ({
  marks: __bench.marks,
  longTasks: __bench.longTasks,
  longFrames: __bench.longFrames,
  callbacks: __bench.callbacks,
  workerStart: performance.getEntriesByType("resource")
    .find((entry) => new URL(entry.name).pathname.endsWith("/js/worker.js"))?.startTime ?? null,
})"""


def _script_label(script: dict[str, Any]) -> str:
    source = _basename(script.get("source") or "")
    where = script.get("function") or script.get("invoker") or ""
    if where.startswith("http"):
        where = "(top level)"
    return f"{source} {where} {script['duration']:.0f} ms"


def _scripts_of(task: dict[str, Any], frames: list[dict[str, Any]]) -> list[str]:
    """Name the scripts of the long animation frame that holds `task`, longest first."""
    for frame in frames:
        if frame["start"] - 1 <= task["start"] <= frame["start"] + frame["duration"]:
            scripts = sorted(frame["scripts"], key=lambda script: -script["duration"])
            return [_script_label(script) for script in scripts[:3]]
    return []


def _course_ms(task: dict[str, Any], callbacks: list[dict[str, Any]]) -> dict[str, float]:
    """Milliseconds of `task` spent in the course's `document$` callbacks, by script."""
    end = task["start"] + task["duration"]
    shares: dict[str, float] = {}
    for call in callbacks:
        overlap = min(end, call["start"] + call["duration"]) - max(task["start"], call["start"])
        if overlap > 0:
            script = _basename(call["source"])
            shares[script] = round(shares.get(script, 0.0) + overlap, 1)
    return shares


def _basename(url: str) -> str:
    return PurePosixPath(url).name if url else "(unknown)"


def tasks_between(data: dict[str, Any], start: float, end: float) -> list[dict[str, Any]]:
    """Long tasks that began in [start, end), longest first, with what ran in them."""
    chosen = [task for task in data["longTasks"] if start <= task["start"] < end]
    chosen.sort(key=lambda task: -task["duration"])
    return [
        {
            "start_ms": round(task["start"], 1),
            "duration_ms": round(task["duration"], 1),
            "course_ms": _course_ms(task, data["callbacks"]),
            "scripts": _scripts_of(task, data["longFrames"]),
        }
        for task in chosen
    ]


def _callbacks(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "script": _basename(call["source"]),
            "name": call["name"],
            "start_ms": round(call["start"], 1),
            "duration_ms": round(call["duration"], 1),
        }
        for call in data["callbacks"]
    ]


def _collect(page: Page) -> dict[str, Any]:
    page.wait_for_timeout(OBSERVER_SETTLE_MS)  # observers report asynchronously
    return page.evaluate(COLLECT)


def frame_rate(timed: dict[str, Any]) -> dict[str, float]:
    """Animation frames per second over [start, end] and the longest gap between two frames."""
    frames = [time for time in timed["frames"] if timed["start"] <= time <= timed["end"]]
    seconds = (timed["end"] - timed["start"]) / 1000
    edges = [timed["start"], *frames, timed["end"]]
    gaps = [(later - earlier, earlier) for earlier, later in itertools.pairwise(edges)]
    gap, at = max(gaps)
    return {
        "seconds": round(seconds, 2),
        "frames": len(frames),
        "frames_per_s": round(len(frames) / seconds, 1) if seconds else 0.0,
        "longest_gap_ms": round(gap, 1),
        "longest_gap_at_ms": round(at - timed["start"], 1),
    }


def boot_visit(context: BrowserContext, url: str, *, loop: bool) -> dict[str, Any]:
    """Load the page and let Python boot on its own; with `loop`, then run the 3-second loop."""
    with probed_page(context, autoRun=False) as page:
        page.goto(url, wait_until="commit")
        page.wait_for_function("'pythonReady' in __bench.marks", timeout=TIMEOUT_MS, polling=250)
        result: dict[str, Any] = {}
        if loop:
            idle = page.evaluate(f"__bench.idleFrames({IDLE_FRAMES_MS})")
            ran = page.evaluate("(code) => __bench.runCode(code)", LOOP_CODE)
        data = _collect(page)
    ready = data["marks"]["pythonReady"]
    worker = data["workerStart"] if data["workerStart"] is not None else ready
    result.update(
        worker_start_ms=round(worker, 1),
        python_ready_ms=round(ready, 1),
        load_tasks=tasks_between(data, 0, worker),
        boot_tasks=tasks_between(data, worker, ready),
        course_callbacks=_callbacks(data),
    )
    if loop:
        result["loop"] = {
            "state": ran["state"],
            "window_ms": [round(ran["start"], 1), round(ran["end"], 1)],
            "tasks": tasks_between(data, ran["start"], ran["end"]),
            "idle_frames": frame_rate(idle),
            "loop_frames": frame_rate(ran),
        }
    return result


def control_visit(context: BrowserContext, url: str, window_ms: float) -> dict[str, Any]:
    """Load the page with Python's boot disabled; its long tasks over the first `window_ms`."""
    with probed_page(context, autoRun=False, disableBoot=True) as page:
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            f"performance.now() > {window_ms:.0f}", timeout=TIMEOUT_MS, polling=250
        )
        data = _collect(page)
    return {
        "window_ms": round(window_ms, 1),
        "tasks": tasks_between(data, 0, window_ms),
        "course_callbacks": _callbacks(data),
    }


def measure(playwright: Playwright, site: ServedSite, visits: int) -> dict[str, Any]:
    """One cold boot, then `visits` warm boots each with the loop, each followed by a control."""
    with fresh_profile(playwright) as context:
        cold = boot_visit(context, site.page_url, loop=False)
        warm: list[dict[str, Any]] = []
        controls: list[dict[str, Any]] = []
        for _ in range(visits):
            warm.append(boot_visit(context, site.page_url, loop=True))
            controls.append(control_visit(context, site.page_url, warm[-1]["python_ready_ms"]))
    return {"cold_boot": cold, "warm_boots": warm, "controls": controls}


def _longest(tasks: list[dict[str, Any]]) -> dict[str, Any] | None:
    return max(tasks, key=lambda task: task["duration_ms"], default=None)


def _runner_callbacks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every course.js `document$` callback, labelled with the visit it ran in."""
    visits = [
        ("cold", data["cold_boot"]),
        *(("warm", boot) for boot in data["warm_boots"]),
        *(("boot off", control) for control in data["controls"]),
    ]
    return [
        {**call, "visit": label}
        for label, visit in visits
        for call in visit["course_callbacks"]
        if call["script"] == RUNNER_SCRIPT
    ]


def _frames(loops: list[dict[str, Any]]) -> dict[str, Any]:
    idle = summary([loop["idle_frames"]["frames_per_s"] for loop in loops])["median"]
    during = summary([loop["loop_frames"]["frames_per_s"] for loop in loops])["median"]
    gap = max((loop["loop_frames"]["longest_gap_ms"] for loop in loops), default=None)
    repaints = bool(idle and during and during >= idle / 2 and gap <= TASK_LIMIT_MS)
    return {
        "idle_per_s": idle,
        "loop_per_s": during,
        "loop_longest_gap_ms": gap,
        "repaints_during_loop": repaints,
    }


def summarise(data: dict[str, Any]) -> dict[str, Any]:
    """Return the longest task per phase, the runner's verdict, the frame rates and the raw data."""
    boots = [data["cold_boot"], *data["warm_boots"]]
    loops = [boot["loop"] for boot in data["warm_boots"]]
    phases = {
        "page load, Python boot on": ([t for boot in boots for t in boot["load_tasks"]], boots),
        "page load, Python boot off": (
            [t for control in data["controls"] for t in control["tasks"]],
            data["controls"],
        ),
        "Python booting": ([t for boot in boots for t in boot["boot_tasks"]], boots),
        "3 s Python loop": ([t for loop in loops for t in loop["tasks"]], loops),
    }
    callbacks = _runner_callbacks(data)
    longest_callback = _longest(callbacks)
    over = [
        f"{phase}: a {task['duration_ms']:.0f} ms task at {task['start_ms']:.0f} ms"
        for phase in ("Python booting", "3 s Python loop")
        for task in phases[phase][0]
        if task["duration_ms"] > TASK_LIMIT_MS
    ]
    slow = [call for call in callbacks if call["duration_ms"] > TASK_LIMIT_MS]
    if slow and longest_callback:
        over.append(
            f"page load: {RUNNER_SCRIPT} {longest_callback['name']} ran over"
            f" {TASK_LIMIT_MS:.0f} ms in one task in {len(slow)} of {len(callbacks)} visits"
        )
    return {
        "phases": {
            phase: {
                "visits": len(visits),
                "longest": _longest(tasks),
                "over_limit": sum(task["duration_ms"] > TASK_LIMIT_MS for task in tasks),
            }
            for phase, (tasks, visits) in phases.items()
        },
        "runner_callbacks": callbacks,
        "runner_callback_median_ms": summary([call["duration_ms"] for call in callbacks])["median"],
        "runner_longest_callback": longest_callback,
        "runner_over_limit": over,
        "runner_target_met": not over,
        "python_ready_ms": summary([boot["python_ready_ms"] for boot in data["warm_boots"]]),
        "frames": _frames(loops),
        "loop_states": [loop["state"] for loop in loops],
        "raw": data,
    }
