"""The course map the home page's progress panel reads: chapters, their pages and what to do.

The plugin feeds it the nav (a chapter is a top-level nav section) and each rendered page's
HTML, and writes ``assets/course/course-map.json`` after the build::

    {"chapters": [{"title": "Linear regression",
                   "pages": [{"url": "linear-regression/", "title": "...", "blocks": ["..."]}],
                   "exercises": ["predict-x6", ...], "quizzes": ["linear-regression"]}]}

Block ids are those a learner can run (build-only blocks are left out); the browser keys a run
as ``<page path>#<block id>``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAP_PATH = "assets/course/course-map.json"
_BLOCK = re.compile(r'<div class="pyrun" data-block-id="([^"]+)"')
_BLOCK_DATA = re.compile(r'<script type="application/json" class="pyrun__data">(.*?)</script>',
                         re.DOTALL)
_EXERCISE = re.compile(r'<div class="exercise" data-exercise-id="([^"]+)"')
_QUIZ = re.compile(r'<div class="quiz" data-quiz-id="([^"]+)"')


def _pages(item: Any) -> list[Any]:
    if getattr(item, "is_page", False):
        return [item]
    return [page for child in getattr(item, "children", None) or [] for page in _pages(child)]


@dataclass
class CourseMap:
    """What one build found; `reset` before each build."""

    chapters: list[tuple[str, list[str]]] = field(default_factory=list)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)

    def reset(self) -> None:
        """Forget the previous build."""
        self.chapters, self.pages = [], {}

    def read_nav(self, nav: Any) -> None:
        """Take each top-level section of the nav as a chapter, its pages in nav order."""
        self.chapters = [
            (item.title, [page.file.src_uri for page in _pages(item)])
            for item in nav.items if getattr(item, "is_section", False)
        ]

    def read_page(self, src_uri: str, url: str, title: str, html: str) -> None:
        """Record a rendered page's runnable blocks, exercises and quizzes."""
        blocks = [
            block_id for block_id, data in zip(_BLOCK.findall(html), _BLOCK_DATA.findall(html),
                                               strict=False)
            if not json.loads(data).get("buildOnly")
        ]
        self.pages[src_uri] = {
            "url": url, "title": title, "blocks": blocks,
            "exercises": _EXERCISE.findall(html), "quizzes": _QUIZ.findall(html),
        }

    def as_data(self) -> dict[str, Any]:
        """Return the map as plain data, chapters and pages in nav order."""
        chapters = []
        for title, uris in self.chapters:
            pages = [self.pages[uri] for uri in uris if uri in self.pages]
            chapters.append({
                "title": title,
                "pages": [{key: page[key] for key in ("url", "title", "blocks")}
                          for page in pages],
                "exercises": [e for page in pages for e in page["exercises"]],
                "quizzes": [q for page in pages for q in page["quizzes"]],
            })
        return {"chapters": chapters}

    def write(self, site_dir: str | Path) -> Path:
        """Write the map into the built site; returns its path."""
        path = Path(site_dir) / MAP_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_data(), indent=1) + "\n", encoding="utf-8")
        return path
