"""benchmarks/submissions.py writes files the grader reads as valid v1 submissions.

The grading benchmark times the grader on these files, so a file the grader refused would
be timed as one cheap "invalid" line: each file must pass the grader's own schema checks, hold
work for exactly the exercises asked for, and say truthfully which of them should pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.submissions import EMPTY_CODE, chapter_exercises, write_submissions
from grader import SCHEMA, Grader, exercise_catalog, find_submissions, load_submission

COURSE = [entry["id"] for entry in exercise_catalog()]
KINDS = {entry["id"]: entry["kind"] for entry in exercise_catalog()}


@pytest.mark.parametrize(
    ("options", "ids"),
    [({}, COURSE), ({"ids": chapter_exercises("linear-regression")},
                    chapter_exercises("linear-regression")),
     ({"empty": True}, COURSE)],
    ids=["whole-course", "one-chapter", "empty-code"],
)
def test_every_generated_file_is_a_valid_v1_submission(
    tmp_path: Path, options: dict, ids: list[str]
) -> None:
    expected = write_submissions(tmp_path, 5, seed=3, **options)
    paths = find_submissions([tmp_path])
    assert sorted(path.name for path in paths) == sorted(expected)
    for number, path in enumerate(sorted(paths)):
        assert json.loads(path.read_text(encoding="utf-8"))["schema"] == SCHEMA
        submission = load_submission(path)
        assert (submission.valid, submission.error) == (True, None), path.name
        assert submission.learner == {"name": f"Learner {number:04d}",
                                      "email": f"learner{number:04d}@example.edu"}
        assert sorted(submission.exercises) == sorted(ids)
        assert sorted(expected[path.name]) == sorted(ids)
        for exercise_id, work in submission.exercises.items():
            assert list(work) == ["answer" if KINDS[exercise_id] == "answer" else "code"]
            if "code" in work:
                assert type(work["code"]) is str
                assert work["code"].strip()
                if options.get("empty"):  # `pass` defines nothing, so it cannot pass
                    assert work["code"] == EMPTY_CODE
                    assert expected[path.name][exercise_id] is False


def test_the_same_seed_writes_the_same_files_and_another_seed_other_ones(tmp_path: Path) -> None:
    first = write_submissions(tmp_path / "a", 4, seed=11)
    again = write_submissions(tmp_path / "b", 4, seed=11)
    other = write_submissions(tmp_path / "c", 4, seed=12)
    assert first == again
    for name in first:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert [(tmp_path / "a" / n).read_bytes() for n in first] != [
        (tmp_path / "c" / n).read_bytes() for n in other]


def test_the_files_pass_and_fail_where_the_generator_says(tmp_path: Path) -> None:
    ids = chapter_exercises("linear-regression")
    expected = write_submissions(tmp_path, 3, seed=5, ids=ids)
    assert any(not right for file in expected.values() for right in file.values())
    assert any(right for file in expected.values() for right in file.values())
    submissions = [load_submission(path) for path in find_submissions([tmp_path])]
    with Grader(seed=1, timeout=5.0, jobs=2) as grader:
        graded = grader.grade(submissions)
    for submission, result in zip(submissions, graded, strict=True):
        passed = {i: result["exercises"][i]["status"] == "passed" for i in ids}
        assert passed == expected[submission.path.name], submission.path.name
        assert all(result["exercises"][i]["status"] == "missing"
                   for i in COURSE if i not in ids)


def test_an_unknown_chapter_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"no practice page for chapter 'nope'.*glm"):
        chapter_exercises("nope")
