"""Time from opening a page to the first block's output: the course page and the floor page.

Each visit is a new tab; the clock is the page's own (performance.now() from navigation start).
On the course page the probe clicks the first block's Run the moment the block is bound and the
clock stops when the block's `data-run-state` settles. The floor page stops its clock when its
worker replies.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from playwright.sync_api import BrowserContext, Playwright

from benchmarks.bench_site import ServedSite
from benchmarks.chromium import fresh_profile, probed_page, report_page_errors
from benchmarks.report import summary

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
