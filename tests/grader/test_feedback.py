"""grader.reports.feedback: one Markdown file per learner, always inside the folder given."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.reports import write_feedback
from grader.reports.paths import OutputNames, safe_stem
from tests.grader.test_report import ADA, LATE, RUN, TITLES


def test_each_learner_gets_their_score_and_every_piece_of_feedback(tmp_path: Path) -> None:
    written = write_feedback(RUN, tmp_path / "fb", TITLES)
    assert [p.name for p in written] == ["ada.md", "ada-2.md"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# Feedback for Ada\n")
    assert "**Score: 1 of 3**" in text
    assert "## Predict (predict-x6): passed, 1/1" in text
    assert "## Gradient descent (lr-divergence): timeout, 0/2" in text
    assert "- Stopped after 10 seconds.\n- Look for a loop." in text
    assert "## Quiz: Quiz one: 7 of 10 questions, not passed" in text
    assert "- q2: You chose “b”. Not b. Right answer: a." in text
    invalid = written[1].read_text(encoding="utf-8")
    assert "This file could not be graded: not valid JSON: Expecting value (line 1" in invalid


@pytest.mark.parametrize(
    ("file", "stem"),
    [("subs/...json", "submission"), ("subs/..", "submission"), ("a/../../etc/passwd", "passwd"),
     ("C:\\evil\\..\\x.json", "x"), (".hidden.json", "hidden"), ("a b;rm -rf.json", "a-b-rm--rf"),
     ("", "submission")],
    ids=["dots-json", "dot-dot", "traversal", "backslashes", "hidden", "shell", "empty"],
)
def test_a_learner_file_name_becomes_a_harmless_stem(file: str, stem: str) -> None:
    assert safe_stem(file) == stem


def test_a_file_named_dots_json_cannot_write_outside_the_folder(tmp_path: Path) -> None:
    """The file ``...json`` (stem ``..``) once made a per-file report land in the parent."""
    report = tmp_path / "results.json"
    report.write_text("the instructor's JSON report", encoding="utf-8")
    run = {**RUN, "submissions": [{**ADA, "file": "subs/...json"}, {**LATE, "file": "x/..json"}]}
    written = write_feedback(run, tmp_path / "fb", TITLES)
    assert report.read_text(encoding="utf-8") == "the instructor's JSON report"
    assert [p.parent for p in written] == [tmp_path / "fb"] * 2
    assert len({p.name.lower() for p in written}) == 2
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == ["submission-2.md",
                                                                    "submission.md"]


def test_names_are_unique_without_regard_to_case(tmp_path: Path) -> None:
    names = OutputNames(tmp_path)
    paths = [names.path(file, ".md") for file in ("a/Ada.json", "b/ada.json", "c/ADA.json")]
    assert [p.name for p in paths] == ["Ada.md", "ada-2.md", "ADA-3.md"]


def test_a_planted_symlink_in_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    (tmp_path / "fb").mkdir()
    (tmp_path / "fb" / "ada.md").symlink_to(outside)
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_feedback({**RUN, "submissions": [ADA]}, tmp_path / "fb", TITLES)
    assert not outside.exists()


def test_learner_text_cannot_add_markup(tmp_path: Path) -> None:
    item = {**ADA, "learner": {"name": "[click](http://evil.example) <script>", "email": ""}}
    text = write_feedback({**RUN, "submissions": [item]}, tmp_path, TITLES)[0].read_text()
    assert text.startswith("# Feedback for \\[click\\](http://evil.example) \\<script\\>\n")
