"""Charts drawn into the class report as inline SVG: themed by the page's CSS, with text."""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH, HEIGHT, MARGIN = 640, 220, 32


def histogram_svg(bins: list[dict[str, Any]], title: str) -> str:
    """A bar chart of ``bins`` (``{"low", "high", "count"}``), labelled for screen readers."""
    most = max((b["count"] for b in bins), default=0) or 1
    step = (WIDTH - 2 * MARGIN) / len(bins)
    plot = HEIGHT - 2 * MARGIN
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
             f'aria-labelledby="histogram-title"><title id="histogram-title">{escape(title)}'
             "</title>"]
    for index, item in enumerate(bins):
        height = plot * item["count"] / most
        x, y = MARGIN + index * step, HEIGHT - MARGIN - height
        label = f"{item['low']} to {item['high']}%: {item['count']}"
        parts.append(f'<rect class="bar" x="{x + 2:.1f}" y="{y:.1f}" width="{step - 4:.1f}" '
                     f'height="{height:.1f}"><title>{escape(label)}</title></rect>')
        parts.append(f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
                     f"{item['count']}</text>")
        parts.append(f'<text x="{x + step / 2:.1f}" y="{HEIGHT - MARGIN + 16:.1f}" '
                     f'text-anchor="middle">{item["low"]}</text>')
    base = HEIGHT - MARGIN
    parts.append(f'<line class="axis" x1="{MARGIN}" y1="{base}" x2="{WIDTH - MARGIN}" '
                 f'y2="{base}"/>')
    parts.append(f'<text x="{WIDTH - MARGIN}" y="{HEIGHT - 4}" text-anchor="end">score, % of '
                 "maximum</text></svg>")
    return "".join(parts)


def rate_bar(rate: float | None) -> str:
    """A small horizontal bar for a pass rate (decorative: the number sits beside it)."""
    width = 0 if rate is None else round(100 * rate)
    return (f'<svg viewBox="0 0 100 10" width="100" height="10" aria-hidden="true">'
            f'<rect class="axis" x="0" y="0" width="100" height="10" fill="none"/>'
            f'<rect class="bar" x="0" y="0" width="{width}" height="10"/></svg>')
