"""The "Your work" panel of practice and quiz pages, written at build time.

Written into the page rather than by work.js, so binding it moves nothing on the page (it was
the practice page's one layout shift). work.js fills in the saved name and email and makes the
buttons work. It goes where the page's `<div class="course-work-slot"></div>` is, or else just
before the page's first exercise or quiz.
"""

from __future__ import annotations

import re

SLOT = '<div class="course-work-slot"></div>'
_FIRST_GRADED = re.compile(r'<div class="(?:exercise|quiz)" ')

PANEL = (
    '<fieldset class="course-work">'
    "<legend>Your work</legend>"
    '<p class="course-work__field"><label for="learner-name">Name</label>'
    '<input id="learner-name" type="text" autocomplete="name"></p>'
    '<p class="course-work__field"><label for="learner-email">Email</label>'
    '<input id="learner-email" type="email" autocomplete="email"></p>'
    '<p class="course-work__actions">'
    '<button type="button" class="md-button md-button--primary course-work__download">'
    "Download my work</button>"
    '<button type="button" class="md-button course-work__load">Load work</button>'
    '<input class="course-work__file" id="course-work-file" type="file"'
    ' accept="application/json,.json" tabindex="-1" aria-label="Work file to load"></p>'
    '<p class="course-work__message" role="status"></p>'
    "</fieldset>"
)


def place_work_panel(html: str) -> str:
    """`html` with the panel in its slot, or before its first exercise or quiz (if any)."""
    if SLOT in html:
        return html.replace(SLOT, PANEL, 1)
    first = _FIRST_GRADED.search(html)
    if first is None:
        return html
    return html[: first.start()] + PANEL + html[first.start() :]
