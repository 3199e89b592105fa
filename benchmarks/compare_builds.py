"""Two or more builds of the site, side by side, on the plain static host: time to first output.

``python -m benchmarks.compare_builds SITE SITE [...] [--rounds 3] [--warm 3]``

One run of this machine's noise is wider than most changes, so a change is measured against the
build before it in one run: each round opens a fresh profile per build (and one for the floor
page), makes a cold visit in each, then `--warm` warm visits, in an order that flips from one
visit to the next. Every site is served behind its own 20 Mbit/s, 40 ms link, as in
``benchmarks browser --part static``, with the same visits (time_to_output.py). It prints each
build's medians, their ratio to the floor's, and per warm visit the ratio of each build to the
first one (the same round and step, so the same moment of the machine).
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from benchmarks.bench_site import Link, served
from benchmarks.chromium import fresh_profile
from benchmarks.report import machine
from benchmarks.time_to_output import (
    LINK_LATENCY_MS,
    LINK_MBIT,
    visit_static_floor,
    visit_static_page,
)

FLOOR = "floor"


def measure(sites: list[Path], page: str, rounds: int, warm: int) -> list[dict[str, Any]]:
    """Every visit: build (or FLOOR), round, step, cold or warm, its time and whether it was ok."""
    visits: list[dict[str, Any]] = []
    names = [str(site) for site in sites]
    with sync_playwright() as playwright, ExitStack() as servers:
        hosts = {
            name: servers.enter_context(served(site, page, link=Link(LINK_MBIT, LINK_LATENCY_MS)))
            for name, site in zip(names, sites, strict=True)
        }
        for round_index in range(rounds):
            order = [*names, FLOOR] if round_index % 2 == 0 else [FLOOR, *reversed(names)]
            with ExitStack() as profiles:
                contexts = {name: profiles.enter_context(fresh_profile(playwright))
                            for name in order}
                for step in range(1 + warm):
                    cache = "cold" if step == 0 else "warm"
                    for name in order if step % 2 == 0 else reversed(order):
                        if name == FLOOR:
                            result = visit_static_floor(contexts[name], hosts[names[0]], cache)
                        else:
                            result = visit_static_page(contexts[name], hosts[name], cache)
                        visits.append({"build": name, "round": round_index, "step": step,
                                       "cache": cache, "ms": result["output_ms"],
                                       "ok": result["ok"]})
                        print(f"round {round_index} visit {step} {cache:4} {name}:"
                              f" {result['output_ms']:,.0f} ms{'' if result['ok'] else ' FAILED'}",
                              flush=True)
    return visits


def _median(visits: list[dict[str, Any]], build: str, cache: str) -> float | None:
    times = [v["ms"] for v in visits if v["build"] == build and v["cache"] == cache and v["ok"]]
    return statistics.median(times) if times else None


def _against_first(visits: list[dict[str, Any]], build: str, first: str) -> list[float]:
    """Warm visits of `build` / of `first`, pairing the same round and step."""
    times = {(v["round"], v["step"], v["build"]): v["ms"]
             for v in visits if v["cache"] == "warm" and v["ok"]}
    return [times[(r, s, build)] / times[(r, s, first)]
            for (r, s, b) in times if b == build and (r, s, first) in times]


def render(visits: list[dict[str, Any]], names: list[str]) -> str:
    """Medians per build, ratios to the floor, and warm pairs against the first build."""
    lines = []
    floor = {cache: _median(visits, FLOOR, cache) for cache in ("cold", "warm")}
    for name in [*names, FLOOR]:
        parts = []
        for cache in ("cold", "warm"):
            found = _median(visits, name, cache)
            against = found and floor[cache] and name != FLOOR
            ratio = f" ({found / floor[cache]:.3f} of the floor)" if against else ""
            parts.append(f"{cache} {found:,.0f} ms{ratio}" if found else f"{cache} -")
        line = f"{name}: " + ", ".join(parts)
        if name not in (FLOOR, names[0]):
            pairs = _against_first(visits, name, names[0])
            if pairs:
                faster = sum(pair < 1 for pair in pairs)
                line += (f"; warm / {names[0]} per pair: median {statistics.median(pairs):.3f},"
                         f" faster in {faster} of {len(pairs)}")
        lines.append(line)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the builds given on the command line, print the comparison."""
    cli = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    cli.add_argument("sites", nargs="+", type=Path, help="built sites; the first is the baseline")
    cli.add_argument("--page", default="linear-regression/", help="the page to open")
    cli.add_argument("--rounds", type=int, default=3)
    cli.add_argument("--warm", type=int, default=3, help="warm visits per round")
    args = cli.parse_args(argv)
    before = machine()["load_average"]
    visits = measure(args.sites, args.page, args.rounds, args.warm)
    print(f"load average {before} -> {machine()['load_average']}")
    print(render(visits, [str(site) for site in args.sites]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
