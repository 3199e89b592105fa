"""The browser benchmark's figures as the tables printed at the end of a run."""

from __future__ import annotations

from typing import Any

from benchmarks.report import ms, table

SCRIPTS_SHOWN = 2


def _timing_rows(timing: dict[str, Any]) -> list[list[str]]:
    cold_n, warm_n = timing["page"]["cold"]["n"], timing["page"]["warm"]["n"]
    rows = [["", f"cold (median of {cold_n})", f"warm (median of {warm_n})", "warm min .. max"]]
    for target, label in (("page", "course page"), ("floor", "floor page")):
        cold, warm = timing[target]["cold"], timing[target]["warm"]
        span = f"{ms(warm['min'])} .. {ms(warm['max'])}"
        rows.append([label, ms(cold["median"]), ms(warm["median"]), span])
    met = "met" if timing["warm_ratio_met"] else "MISSED"
    target = f"target warm <= {timing['warm_ratio_target']}: {met}"
    rows.append(["page / floor", str(timing["cold_ratio"]), str(timing["warm_ratio"]), target])
    pairs = timing["warm_pair_ratios"]
    paired_met = pairs["median"] is not None and pairs["median"] <= timing["warm_ratio_target"]
    rows.append(
        [
            "  paired visits",
            "",
            f"{pairs['median']} (median of {pairs['n']})",
            f"{pairs['min']} .. {pairs['max']}; target: {'met' if paired_met else 'MISSED'}",
        ]
    )
    return rows


def _task_row(phase: str, task: dict[str, Any] | None, over: int, visits: int) -> list[str]:
    count = f"{over} in {visits} visit{'s' if visits != 1 else ''}"
    if task is None:
        return [phase, "none over 50 ms", "", "", "", count]
    shares = ", ".join(
        f"{name} {value:.0f} ms" for name, value in task["course_ms"].items() if value >= 1
    )
    return [
        phase,
        ms(task["duration_ms"]),
        ms(task["start_ms"]),
        shares or "-",
        "; ".join(task["scripts"][:SCRIPTS_SHOWN]) or "-",
        count,
    ]


def _thread_rows(threads: dict[str, Any]) -> list[list[str]]:
    rows = [["phase", "longest task", "starts at", "course's own", "started by (LoAF)", "over 100"]]
    for phase, found in threads["phases"].items():
        rows.append(_task_row(phase, found["longest"], found["over_limit"], found["visits"]))
    return rows


def render(report: dict[str, Any]) -> str:
    """Format the browser report for the terminal: each part that ran."""
    from benchmarks.time_to_output import render_static

    parts = [_render_isolated(report)] if "time_to_output" in report else []
    if "static_host" in report:
        before, after = report["machine_before"], report["machine_after"]
        load = f"{before['load_average']} -> {after['load_average']}"
        parts.append(f"load average {load}\n{render_static(report['static_host'])}")
    return "\n\n".join([*parts, f"JSON: {report['json']}"])


def _render_isolated(report: dict[str, Any]) -> str:
    timing, threads = report["time_to_output"], report["main_thread"]
    steps, frames = timing["page_steps_warm"], threads["frames"]
    floor = timing["floor_steps_warm"]
    callback = threads["runner_longest_callback"] or {"name": "-", "duration_ms": None}
    over = threads["runner_over_limit"]
    verdict = "met" if not over else "MISSED: " + "; ".join(over)
    repaints = "yes" if frames["repaints_during_loop"] else "NO"
    load = (
        f"{report['machine_before']['load_average']} -> {report['machine_after']['load_average']}"
    )
    lines = [
        f"Browser benchmark: {report['chromium']}, {report['machine_before']['cpus']} CPUs,"
        f" load average {load}",
        "",
        f"Time from opening {report['page']} to block {report['first_block']}'s output"
        " (page clock):",
        table(_timing_rows(timing)),
        f"  course page, warm medians: Run clicked when bound {ms(steps['clicked'])},"
        f" Python ready {ms(steps['pythonReady'])}, output {ms(steps['settled'])}",
        f"  floor page, warm medians: worker started {ms(floor['workerStart'])},"
        f" Pyodide booted {ms(floor['booted'])}, numpy loaded {ms(floor['pythonReady'])},"
        f" output {ms(floor['settled'])}",
        "",
        "Longest main-thread tasks (navigation until 'Python ready'; the 3 s loop):",
        table(_thread_rows(threads)),
        f"  the course's document$ callback {callback['name']} (course.js) in one task: median"
        f" {ms(threads['runner_callback_median_ms'])}, longest {ms(callback['duration_ms'])}"
        f" ({callback.get('visit', '-')} visit)",
        f"  no runner-caused task over 100 ms: {verdict}",
        f"  frames/s: idle {frames['idle_per_s']}, during the loop {frames['loop_per_s']}"
        f" (longest gap {ms(frames['loop_longest_gap_ms'])}); repaints during the loop: {repaints}",
    ]
    failed = timing["failed_visits"]
    if failed:
        lines.append(f"  WARNING: {len(failed)} visits gave no correct output: {failed[0]['note']}")
    if threads["loop_states"] and set(threads["loop_states"]) != {"done"}:
        lines.append(f"  WARNING: the loop ended as {threads['loop_states']}")
    return "\n".join(lines)
