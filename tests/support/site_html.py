"""Read what the build wrote into a page: each runnable block's code and expected output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_BLOCK_DATA = re.compile(
    r'<div class="pyrun" data-block-id="(?P<id>[^"]+)".*?'
    r'<script type="application/json" class="pyrun__data">(?P<data>.*?)</script>',
    re.DOTALL,
)


def block_data(html_path: Path) -> dict[str, dict[str, Any]]:
    """Map each block id on the page to its data: code, expected output, figure count."""
    text = html_path.read_text(encoding="utf-8")
    return {
        match["id"]: json.loads(match["data"].replace("<\\/", "</"))
        for match in _BLOCK_DATA.finditer(text)
    }


def expected_outputs(html_path: Path) -> dict[str, str]:
    """Map each block id on the page to the exact output the build printed for it."""
    return {block_id: data["expected"] for block_id, data in block_data(html_path).items()}
