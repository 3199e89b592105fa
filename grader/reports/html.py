"""``--html FILE``: the class report, one self-contained HTML file that opens offline.

Everything is inside the file: the numbers (`grader.reports.stats`), the charts (inline SVG
with a table beside each), the styles (light and dark) and a few lines of script to sort the
learners. A Content-Security-Policy forbids every request, so opening it contacts no host.
Every piece of learner text is escaped.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from .stats import STATUSES, class_stats, percent
from .svg import histogram_svg, rate_bar
from .tables import Run, number
from .terminal import shown

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _text(value: object) -> str:
    return escape(shown(value))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _summary(stats: dict[str, Any]) -> str:
    numbers = stats["summary"]
    items = [("files", numbers["files"]), ("valid", numbers["valid"]),
             ("invalid", numbers["invalid"])]
    items += [(label, f"{numbers[key]:.1f}%") for key, label in
              (("mean", "mean"), ("median", "median"), ("stdev", "standard deviation"),
               ("min", "lowest"), ("max", "highest")) if key in numbers]
    cells = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in items)
    rows = "".join(f'<tr><td>{b["low"]}–{b["high"]}%</td><td class="num">{b["count"]}</td></tr>'
                   for b in stats["histogram"])
    chart = histogram_svg(stats["histogram"], "Number of learners per score band of 10%")
    return (f'<section aria-labelledby="h-summary"><h2 id="h-summary">Scores</h2>'
            f'<dl class="numbers">{cells}</dl><figure>{chart}<figcaption>Scores of the '
            f"{numbers['valid']} valid submissions, as a percentage of the maximum."
            f'</figcaption></figure><table id="histogram"><caption>Learners per score band'
            f'</caption><thead><tr><th scope="col">band</th><th scope="col" class="num">'
            f"learners</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _exercises(stats: dict[str, Any], titles: dict[str, str]) -> str:
    head = "".join(f'<th scope="col" class="num">{status}</th>' for status in STATUSES)
    rows, details = [], []
    for row in stats["exercises"]:
        counts = "".join(f'<td class="num">{row[status]}</td>' for status in STATUSES)
        rows.append(f'<tr id="exercise-{escape(row["id"])}"><th scope="row">{escape(row["id"])}'
                    f"<br>{_text(titles.get(row['id'], ''))}</th>"
                    f'<td class="num" data-rate="{row["pass_rate"]}">{_pct(row["pass_rate"])} '
                    f"{rate_bar(row['pass_rate'])}</td>{counts}</tr>")
        if row["common"]:
            items = "".join(f'<li><span class="num">{c["count"]}×</span> {_text(c["message"])}'
                            "</li>" for c in row["common"])
            details.append(f"<h3>{escape(row['id'])}</h3><ol>{items}</ol>")
    return (f'<section aria-labelledby="h-exercises"><h2 id="h-exercises">Exercises</h2>'
            f'<div class="table-wrap"><table id="exercises"><caption>Pass rate and outcomes per '
            f'exercise</caption><thead><tr><th scope="col">exercise</th><th scope="col" '
            f'class="num">pass rate</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'</table></div><h2 id="h-common">Most common feedback</h2>'
            f"<p>What the learners who did not pass were told, grouped where only numbers "
            f"differ, with how many learners got each message.</p>{''.join(details)}</section>")


def _questions(stats: dict[str, Any]) -> str:
    if not stats["questions"]:
        return ""
    rows = []
    for row in stats["questions"]:
        flags = ", ".join(row["flags"])
        r = row["discrimination"]
        rows.append(f'<tr><td>{escape(row["quiz"])}</td><td>{escape(row["question"])}</td>'
                    f'<td class="num">{row["learners"]}</td><td class="num">{row["right"]}</td>'
                    f'<td class="num" data-difficulty="{row["difficulty"]}">'
                    f'{_pct(row["difficulty"])}</td>'
                    f'<td class="num">{"–" if r is None else f"{r:.2f}"}</td>'
                    f'<td class="flag">{escape(flags)}</td></tr>')
    return (f'<section aria-labelledby="h-questions"><h2 id="h-questions">Quiz questions</h2>'
            "<p>Difficulty is the share of learners who answered right (flagged above 90% or "
            "below 30%); discrimination is the point-biserial correlation between answering "
            "right and the rest of the learner's score (flagged when negative: strong "
            'learners missed it more than weak ones).</p><div class="table-wrap"><table '
            'id="questions"><caption>Difficulty and discrimination per question</caption>'
            '<thead><tr><th scope="col">quiz</th><th scope="col">question</th><th scope="col" '
            'class="num">learners</th><th scope="col" class="num">right</th><th scope="col" '
            'class="num">difficulty</th><th scope="col" class="num">discrimination</th>'
            '<th scope="col">flags</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _files(stats: dict[str, Any]) -> str:
    invalid = "".join(f"<tr><td>{_text(i['file'])}</td><td>{_text(i['error'])}</td></tr>"
                      for i in stats["invalid"])
    groups = "".join("<li>" + ", ".join(_text(f) for f in group) + "</li>"
                     for group in stats["identical"])
    return (f'<section aria-labelledby="h-files"><h2 id="h-files">Files to look at</h2>'
            f'<table id="invalid"><caption>Invalid files ({len(stats["invalid"])})</caption>'
            '<thead><tr><th scope="col">file</th><th scope="col">why</th></tr></thead>'
            f'<tbody>{invalid}</tbody></table><h3>Identical submissions '
            f'({len(stats["identical"])} groups)</h3><ul id="identical">{groups}</ul></section>')


def _learners(run: Run) -> tuple[str, str]:
    ids = run["exercises"]
    head = "".join(f'<th scope="col"><button type="button">{escape(i)}</button></th>'
                   for i in ids)
    rows, sections = [], []
    for n, item in enumerate(run["submissions"], 1):
        name = item["learner"]["name"] or Path(item["file"]).name
        score = number(item["score"]) if item["valid"] else 0
        cells = "".join(f"<td>{escape(item['exercises'][i]['status'])}</td>"
                        if i in item["exercises"] else "<td>–</td>" for i in ids)
        share = percent(item) if item["valid"] else 0.0
        rows.append(f'<tr><td data-sort="{_text(name)}"><a href="#learner-{n}">{_text(name)}</a>'
                    f'</td><td class="num" data-sort="{item["score"]}">{score}</td>'
                    f'<td class="num" data-sort="{share}">{share:.0f}%</td>{cells}</tr>')
        sections.append(_learner_section(n, name, item))
    table = (f'<section aria-labelledby="h-learners"><h2 id="h-learners">Learners</h2>'
             f'<div class="table-wrap"><table id="learners"><caption>One row per file; sort by '
             f'a column with its button</caption><thead><tr><th scope="col"><button '
             f'type="button">learner</button></th><th scope="col" class="num"><button '
             f'type="button">score</button></th><th scope="col" class="num"><button '
             f'type="button">percent</button></th>{head}</tr></thead><tbody>{"".join(rows)}'
             "</tbody></table></div></section>")
    return table, "".join(sections)


def _learner_section(n: int, name: str, item: dict[str, Any]) -> str:
    if not item["valid"]:
        body = f"<p>Invalid file: {_text(item['error'])}</p>"
    else:
        body = f"<p>Score {number(item['score'])} of {number(item['max_score'])}.</p><ul>"
        for exercise_id, result in item["exercises"].items():
            lines = " ".join(_text(line) for line in result["feedback"])
            body += f"<li>{escape(exercise_id)}: {escape(result['status'])}. {lines}</li>"
        for quiz_id, result in item.get("quizzes", {}).items():
            body += (f"<li>quiz {escape(quiz_id)}: {number(result['score'])} of "
                     f"{number(result['max_score'])}</li>")
        body += "</ul>"
    return (f'<section class="learner" id="learner-{n}" aria-labelledby="learner-{n}-name">'
            f'<h3 id="learner-{n}-name">{_text(name)}</h3><p>{_text(item["file"])}</p>'
            f"{body}</section>")


def render_html(run: Run, titles: dict[str, str]) -> str:
    """Render the whole class report."""
    stats = class_stats(run)
    assignment = run.get("assignment") or {}
    title = f"Class report: {assignment.get('title') or 'all exercises'}"
    css = files(__package__).joinpath("class_report.css").read_text(encoding="utf-8")
    script = files(__package__).joinpath("class_report.js").read_text(encoding="utf-8")
    table, sections = _learners(run)
    due = f" Due: {_text(assignment['due'])}." if assignment.get("due") else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_text(title)}</title><style>{css}</style></head><body><main>"
            f"<h1>{_text(title)}</h1><p>Variant seed {escape(str(run['seed']))}.{due}</p>"
            f"{_summary(stats)}{_exercises(stats, titles)}{_questions(stats)}{_files(stats)}"
            f'{table}<section aria-labelledby="h-feedback"><h2 id="h-feedback">Feedback per '
            f"learner</h2>{sections}</section></main><script>{script}</script></body></html>\n")


def write_html(run: Run, path: str | Path, titles: dict[str, str]) -> None:
    """Write the class report to ``path``."""
    Path(path).write_text(render_html(run, titles), encoding="utf-8")
