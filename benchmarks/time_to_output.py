"""Time from opening a page to the first block's output: the course page and the floor page.

Each visit is a new tab; the clock is the page's own (performance.now() from navigation start).
On the course page the probe clicks the first block's Run the moment the block is bound and the
clock stops when the block's `data-run-state` settles. The floor page stops its clock when its
worker replies.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from playwright.sync_api import BrowserContext, Playwright

from benchmarks.bench_site import ServedSite
from benchmarks.chromium import fresh_profile, probed_page, report_page_errors
from benchmarks.report import ms, summary

VISIT_TIMEOUT_MS = 240_000
WARM_RATIO_TARGET = 1.3


def normalize_output(text: str) -> str:
    """Compare outputs as the runner does: line endings and trailing blanks do not count."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


@dataclass(frozen=True)
class Visit:
    """One timed visit: when the output appeared (ms from navigation start), and was it right."""

    target: str
    cache: str
    output_ms: float
    ok: bool
    marks: dict[str, float] = field(default_factory=dict)
    note: str = ""
    round: int = 0
    visit: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return plain data for the JSON report."""
        return asdict(self)


def visit_page(context: BrowserContext, url: str, cache: str) -> Visit:
    """Open the course page, Run the first block as soon as it is bound, time its output."""
    with probed_page(context, autoRun=True) as page:
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            "window.__bench && window.__bench.firstBlock !== null",
            timeout=VISIT_TIMEOUT_MS,
            polling=100,
        )
        bench = page.evaluate("({marks: __bench.marks, block: __bench.firstBlock})")
    marks, block = bench["marks"], bench["block"]
    ok = block["state"] == "done" and block["outputMatch"] == "true"
    note = "" if ok else f"run state {block['state']}, output match {block['outputMatch']}"
    return Visit("page", cache, marks["settled"], ok, marks, note)


def visit_floor(context: BrowserContext, url: str, expected: str, cache: str) -> Visit:
    """Open the floor page and time its worker's reply."""
    page = context.new_page()
    report_page_errors(page)
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__floor", timeout=VISIT_TIMEOUT_MS, polling=100)
        reply = page.evaluate("window.__floor")
    finally:
        page.close()
    matches = normalize_output(reply.get("stdout", "")) == normalize_output(expected)
    ok = bool(reply["ok"]) and matches
    note = "" if ok else reply.get("error") or "output differs from the page's expected output"
    return Visit("floor", cache, reply["settled"], ok, reply["marks"], note)


def measure(playwright: Playwright, site: ServedSite, rounds: int, warm: int) -> list[Visit]:
    """Alternate the course page and the floor page: per round one cold and `warm` warm visits.

    Each round starts two fresh profiles (one per page) that stay open side by side, so the two
    pages meet the same moments of a noisy machine; the order flips from one visit to the next.
    """
    visits: list[Visit] = []
    for round_index in range(rounds):
        with fresh_profile(playwright) as page_context, fresh_profile(playwright) as floor_context:
            for step in range(1 + warm):
                cache = "cold" if step == 0 else "warm"
                order = ("page", "floor") if (round_index + step) % 2 == 0 else ("floor", "page")
                for target in order:
                    if target == "page":
                        result = visit_page(page_context, site.page_url, cache)
                    else:
                        result = visit_floor(
                            floor_context, site.floor_url, site.block.expected, cache
                        )
                    visits.append(replace(result, round=round_index, visit=step))
    return visits


def paired_ratios(visits: list[Visit]) -> list[float]:
    """Page time / floor time for each warm visit and its neighbour on the other page.

    The two visits of a pair ran one after the other, so the ratio cancels most of the
    machine's load drift that the ratio of medians still carries.
    """
    found: dict[tuple[int, int], dict[str, float]] = {}
    for visit in visits:
        if visit.cache == "warm" and visit.ok:
            found.setdefault((visit.round, visit.visit), {})[visit.target] = visit.output_ms
    return [pair["page"] / pair["floor"] for pair in found.values() if len(pair) == 2]


def summarise(visits: list[Visit]) -> dict[str, Any]:
    """Return medians per page and cache state, the page/floor ratios and every visit."""

    def times(target: str, cache: str, key: str = "") -> list[float]:
        chosen = [visit for visit in visits if visit.target == target and visit.cache == cache]
        return [visit.marks[key] if key else visit.output_ms for visit in chosen if visit.ok]

    result: dict[str, Any] = {
        target: {cache: summary(times(target, cache)) for cache in ("cold", "warm")}
        for target in ("page", "floor")
    }
    for cache in ("cold", "warm"):
        page, floor = result["page"][cache]["median"], result["floor"][cache]["median"]
        result[f"{cache}_ratio"] = round(page / floor, 2) if page and floor else None
    result["page_steps_warm"] = {
        key: summary(times("page", "warm", key))["median"]
        for key in ("bound", "clicked", "pythonReady", "settled")
    }
    result["floor_steps_warm"] = {
        key: summary(times("floor", "warm", key))["median"]
        for key in ("workerStart", "imported", "booted", "pythonReady", "settled")
    }
    result["warm_pair_ratios"] = summary(paired_ratios(visits), digits=2)
    result["failed_visits"] = [visit.as_dict() for visit in visits if not visit.ok]
    result["visits"] = [visit.as_dict() for visit in visits]
    ratio = result["warm_ratio"]
    result["warm_ratio_target"] = WARM_RATIO_TARGET
    result["warm_ratio_met"] = ratio is not None and ratio <= WARM_RATIO_TARGET
    return result


# ---- on a plain static host behind a shaped link, with the service worker ----
#
# The site is served without COOP/COEP (as GitHub Pages serves it) behind a 20 Mbit/s, 40 ms
# link that the server shapes (bench_site.Link), so the service worker's own fetches cross it
# too. Cold: a fresh profile's first visit, the service worker's install included (the page is
# not reloaded for isolation: the next page the learner opens is isolated). Warm: later visits
# in that profile, after the page said "Ready for offline use": the service worker serves them,
# isolated.
# Reading: in the warm profile, the first block's Run 3 s after the page opened (and after
# "Python ready"), then the same block again.

LINK_MBIT = 20
LINK_LATENCY_MS = 40
COLD_STATIC_TARGET = 1.05
WARM_STATIC_TARGET = 1.1
FIRST_RUN_TARGET = 1.5
READING_MS = 3000
SAVED_TIMEOUT_MS = 300_000


def _bytes_before(site: ServedSite, start: float, end_epoch_ms: float) -> dict[str, int]:
    return site.link.bytes_between(start, end_epoch_ms / 1000) if site.link else {}


def visit_static_page(context: BrowserContext, site: ServedSite, cache: str) -> dict[str, Any]:
    """One visit of the course page; on a cold one, wait until it is saved for offline use."""
    start = time.time()
    with probed_page(context, autoRun=True) as page:
        page.goto(site.page_url, wait_until="commit")
        page.wait_for_function(
            "window.__bench && window.__bench.firstBlock !== null",
            timeout=VISIT_TIMEOUT_MS,
            polling=100,
        )
        bench = page.evaluate(
            "({marks: __bench.marks, block: __bench.firstBlock, origin: __bench.origin,"
            " reloaded: __bench.reloaded, isolated: crossOriginIsolated})"
        )
        files = _bytes_before(site, start, bench["origin"] + bench["marks"]["settled"])
        saved_ms = None
        if cache == "cold":
            page.locator(".course-offline-status", has_text="Ready for offline use.").wait_for(
                timeout=SAVED_TIMEOUT_MS
            )
            saved_ms = round((time.time() - start) * 1000)
    block = bench["block"]
    # A first visit stays as the network sent it; every later one must be isolated.
    isolated_enough = bench["isolated"] or cache == "cold"
    ok = block["state"] == "done" and block["outputMatch"] == "true" and isolated_enough
    note = "" if ok else (
        f"run {block['state']}, match {block['outputMatch']}, isolated {bench['isolated']}"
    )
    return {"target": "page", "cache": cache, "output_ms": bench["marks"]["settled"], "ok": ok,
            "note": note, "reloaded": bench["reloaded"], "bytes": sum(files.values()),
            "files": files, "saved_offline_ms": saved_ms, "marks": bench["marks"]}


def visit_static_floor(context: BrowserContext, site: ServedSite, cache: str) -> dict[str, Any]:
    """One visit of the floor page on the same link."""
    start = time.time()
    page = context.new_page()
    report_page_errors(page)
    try:
        page.goto(site.floor_url, wait_until="commit")
        page.wait_for_function("window.__floor", timeout=VISIT_TIMEOUT_MS, polling=100)
        reply = page.evaluate("({...window.__floor, origin: performance.timeOrigin})")
    finally:
        page.close()
    matches = normalize_output(reply.get("stdout", "")) == normalize_output(site.block.expected)
    files = _bytes_before(site, start, reply["origin"] + reply["settled"])
    ok = bool(reply["ok"]) and matches
    return {"target": "floor", "cache": cache, "output_ms": reply["settled"], "ok": ok,
            "note": "" if ok else reply.get("error") or "output differs",
            "bytes": sum(files.values()), "files": files}


def visit_reading(context: BrowserContext, site: ServedSite) -> dict[str, Any]:
    """Open the page, read for 3 s (Python up), Run the first block, then Run it again.

    A third Run, after another 3 s of idleness, is the control: it has no first-time work left,
    so what it costs above the second is what an idle pause alone costs on this machine.
    """
    with probed_page(context, autoRun=False) as page:
        page.goto(site.page_url, wait_until="commit")
        page.wait_for_function(
            "window.__bench && 'pythonReady' in __bench.marks",
            timeout=VISIT_TIMEOUT_MS,
            polling=50,
        )
        elapsed = page.evaluate("performance.timeOrigin + performance.now() - __bench.origin")
        page.wait_for_timeout(max(0, READING_MS - elapsed))
        first = page.evaluate("__bench.runFirst()")
        second = page.evaluate("__bench.runFirst()")
        page.wait_for_timeout(READING_MS)
        after_pause = page.evaluate("__bench.runFirst()")
        ready = page.evaluate("__bench.marks.pythonReady")
    runs = (first, second, after_pause)
    ok = all(run["state"] == "done" and run["outputMatch"] == "true" for run in runs)
    return {"first_ms": first["ms"], "second_ms": second["ms"],
            "after_pause_ms": after_pause["ms"], "python_ready_ms": ready,
            "ratio": first["ms"] / second["ms"] if second["ms"] else None, "ok": ok}


def measure_static(
    playwright: Playwright, site: ServedSite, rounds: int, warm: int
) -> dict[str, list[dict[str, Any]]]:
    """Per round: a fresh profile per page; one cold and `warm` warm visits each, alternating."""
    visits: list[dict[str, Any]] = []
    readings: list[dict[str, Any]] = []
    for round_index in range(rounds):
        with fresh_profile(playwright) as page_context, fresh_profile(playwright) as floor_context:
            for step in range(1 + warm):
                cache = "cold" if step == 0 else "warm"
                order = ("page", "floor") if (round_index + step) % 2 == 0 else ("floor", "page")
                for target in order:
                    if target == "page":
                        result = visit_static_page(page_context, site, cache)
                    else:
                        result = visit_static_floor(floor_context, site, cache)
                    visits.append({**result, "round": round_index, "visit": step})
            readings.append({**visit_reading(page_context, site), "round": round_index})
    return {"visits": visits, "readings": readings}


def _static_pairs(visits: list[dict[str, Any]], cache: str) -> list[float]:
    found: dict[tuple[int, int], dict[str, float]] = {}
    for visit in visits:
        if visit["cache"] == cache and visit["ok"]:
            key = (visit["round"], visit["visit"])
            found.setdefault(key, {})[visit["target"]] = visit["output_ms"]
    return [pair["page"] / pair["floor"] for pair in found.values() if len(pair) == 2]


def summarise_static(measured: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Medians, ratios against their targets, bytes before the first output, the readings."""
    visits, readings = measured["visits"], measured["readings"]

    def pick(target: str, cache: str, key: str = "output_ms") -> list[float]:
        return [visit[key] for visit in visits
                if visit["target"] == target and visit["cache"] == cache and visit["ok"]]

    result: dict[str, Any] = {"link": {"mbit": LINK_MBIT, "latency_ms": LINK_LATENCY_MS}}
    for cache, target in (("cold", COLD_STATIC_TARGET), ("warm", WARM_STATIC_TARGET)):
        page, floor = summary(pick("page", cache)), summary(pick("floor", cache))
        ratio = round(page["median"] / floor["median"], 3) if page["n"] and floor["n"] else None
        pairs = summary(_static_pairs(visits, cache), digits=3)
        result[cache] = {"page": page, "floor": floor, "ratio": ratio, "target": target,
                         "met": ratio is not None and ratio <= target, "pairs": pairs}
    cold_pages = [visit for visit in visits
                  if visit["target"] == "page" and visit["cache"] == "cold" and visit["ok"]]
    result["cold_bytes_before_output"] = {
        "page": summary(pick("page", "cold", "bytes"), digits=0),
        "floor": summary(pick("floor", "cold", "bytes"), digits=0),
        "page_files": dict(sorted(cold_pages[0]["files"].items(), key=lambda item: -item[1]))
        if cold_pages else {},
    }
    result["cold_saved_offline_ms"] = summary(
        [visit["saved_offline_ms"] for visit in cold_pages if visit["saved_offline_ms"]]
    )
    result["cold_reloaded"] = [visit.get("reloaded") for visit in cold_pages]
    good = [reading for reading in readings if reading["ok"]]
    first, second = summary([r["first_ms"] for r in good]), summary([r["second_ms"] for r in good])
    ratio = round(first["median"] / second["median"], 2) if good else None
    after_pause = summary([r["after_pause_ms"] for r in good])
    result["reading"] = {"first": first, "second": second, "ratio": ratio,
                         "after_pause": after_pause,
                         "first_to_after_pause": round(first["median"] / after_pause["median"], 2)
                         if good else None,
                         "ratios": summary([r["ratio"] for r in good], digits=2),
                         "python_ready": summary([r["python_ready_ms"] for r in good]),
                         "target": FIRST_RUN_TARGET,
                         "met": ratio is not None and ratio <= FIRST_RUN_TARGET}
    result["failed_visits"] = [visit for visit in visits if not visit["ok"]]
    result["visits"] = [{k: v for k, v in visit.items() if k != "files"} for visit in visits]
    result["readings"] = readings
    return result


def render_static(static: dict[str, Any]) -> str:
    """The static-host figures as lines for the terminal."""
    link = static["link"]
    sent = "text gzipped" if static.get("gzip", True) else "no compression"
    lines = [f"On a plain static host (no COOP/COEP, {sent}) behind {link['mbit']} Mbit/s,"
             f" {link['latency_ms']} ms (server-shaped), with the service worker:"]
    for cache, label in (("cold", "cold, first visit"), ("warm", "warm, service worker")):
        found = static[cache]
        verdict = "met" if found["met"] else "MISSED"
        lines.append(
            f"  {label}: page {ms(found['page']['median'])} (n={found['page']['n']}),"
            f" floor {ms(found['floor']['median'])} (n={found['floor']['n']}),"
            f" ratio {found['ratio']} (paired median {found['pairs']['median']});"
            f" target <= {found['target']}: {verdict}"
        )
    before = static["cold_bytes_before_output"]
    lines.append(
        f"  bytes before the first output, cold: page {before['page']['median']:,.0f},"
        f" floor {before['floor']['median']:,.0f}" if before["page"]["n"] and before["floor"]["n"]
        else "  bytes before the first output: no successful cold visit"
    )
    top = list(before["page_files"].items())[:8]
    if top:
        largest = ", ".join(f"{path} {size / 1e6:.2f} MB" for path, size in top)
        lines.append(f"    largest: {largest}")
    saved = ms(static["cold_saved_offline_ms"]["median"])
    lines.append(f"  cold visit saved for offline use {saved} after it opened")
    reading = static["reading"]
    lines.append(
        f"  first Run after 3 s of reading {ms(reading['first']['median'])}, second run"
        f" {ms(reading['second']['median'])}: ratio {reading['ratio']}"
        f" (per visit {reading['ratios']['samples']}); target <= {reading['target']}:"
        f" {'met' if reading['met'] else 'MISSED'}"
    )
    lines.append(
        f"    control: a third Run after another 3 s idle {ms(reading['after_pause']['median'])};"
        f" first / third {reading['first_to_after_pause']} (above 1: first-time work left)"
    )
    if static["failed_visits"]:
        lines.append(f"  WARNING: {len(static['failed_visits'])} visits failed:"
                     f" {static['failed_visits'][0]['note']}")
    return "\n".join(lines)
