"""grader.reports at their edges: whole feedback files, Gradescope fields, fallbacks and limits.

Every expected text is written out by hand from the inputs below.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.reports import write_feedback
from grader.reports.feedback import feedback_markdown
from grader.reports.gradescope import failure_result, gradescope_result, quiz_test
from tests.grader.test_report import ADA, LATE, QUIZ, RUN, TITLES

PASSED_QUIZ = {**QUIZ, "score": 9, "percent": 90.0, "passed": True, "notes": [],
               "questions": {"q1": {**QUIZ["questions"]["q2"],
                                    "feedback": ["First.", "Second."], "expected": "c"}}}


def test_the_whole_feedback_file_of_a_graded_learner() -> None:
    run = {**RUN, "assignment": {"id": "week-1", "title": "Week 1"}}
    assert feedback_markdown(ADA, run, TITLES) == (
        "# Feedback for Ada\n"
        "\n"
        "Week 1, file subs/ada.json.\n"
        "\n"
        "**Score: 1 of 3**\n"
        "\n"
        "## Predict (predict-x6): passed, 1/1\n"
        "\n"
        "- Right.\n"
        "\n"
        "## Gradient descent (lr-divergence): timeout, 0/2\n"
        "\n"
        "- Stopped after 10 seconds.\n"
        "- Look for a loop.\n"
        "\n"
        "## Quiz: Quiz one: 7 of 10 questions, not passed\n"
        "\n"
        "- q2: You chose “b”. Not b. Right answer: a.\n"
        "- Ignored answers to unknown questions: q9.\n"
    )


def test_the_whole_feedback_file_of_an_invalid_file_without_an_assignment() -> None:
    assert feedback_markdown(LATE, RUN, TITLES) == (
        "# Feedback for ada.json\n"
        "\n"
        "Linear models course, file late/ada.json.\n"
        "\n"
        "This file could not be graded: not valid JSON: Expecting value (line 1 column 1).\n"
        "\n"
        "Export your work again from the practice page and hand in the new file.\n"
    )


def test_feedback_without_titles_or_quizzes_names_the_ids_and_a_passed_quiz_says_so() -> None:
    bare = {key: value for key, value in ADA.items() if key != "quizzes"}
    text = feedback_markdown(bare, RUN, {})
    assert "## predict-x6 (predict-x6): passed, 1/1\n" in text
    assert "Quiz" not in text
    passed = feedback_markdown({**ADA, "quizzes": {"lr": PASSED_QUIZ}}, RUN, {})
    assert passed.endswith("## Quiz: lr: 9 of 10 questions, passed\n\n"
                           "- q1: First. Second. Right answer: c.\n")


def test_feedback_folders_are_made_with_their_parents_and_written_as_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet" / "there"
    [path, _] = write_feedback(RUN, folder, TITLES)
    assert path.parent == folder
    assert "“b”" in path.read_bytes().decode("utf-8")


def test_gradescope_names_fall_back_to_the_ids_and_a_file_without_quizzes_has_none() -> None:
    bare = {key: value for key, value in ADA.items() if key != "quizzes"}
    result = gradescope_result(bare, {})
    assert [test["name"] for test in result["tests"]] == ["predict-x6: predict-x6",
                                                           "lr-divergence: lr-divergence"]
    assert (result["score"], result["output"]) == (1.0, "1 of 3 points.")
    quiz = gradescope_result({**ADA, "quizzes": {"lr": QUIZ}}, {})["tests"][2]
    assert quiz["name"] == "lr: lr"


def test_ignored_work_is_listed_whole_up_to_ten_ids() -> None:
    for count, tail in ((10, ""), (11, " and 1 more")):
        ids = [f"x-{n:02d}" for n in range(count)]
        output = gradescope_result({**ADA, "ignored": ids}, TITLES)["output"]
        assert output == ("8 of 13 points. Work for exercises this assignment does not include "
                          f"was not graded: {', '.join(ids[:10])}{tail}.")


def test_a_passed_quiz_test_and_its_default_visibility() -> None:
    assert quiz_test("lr", PASSED_QUIZ, {"lr": "Quiz one"}) == {
        "name": "lr: Quiz one", "score": 9, "max_score": 10, "status": "passed",
        "output": "9 of 10 questions (90%): passed; above 75% passes.\nq1: First. Second.",
        "visibility": "visible",
    }


def test_an_upload_that_could_not_be_graded_gets_a_valid_empty_result() -> None:
    assert failure_result("No submission file was found.") == {
        "score": 0.0, "output": "No submission file was found.", "visibility": "visible",
        "tests": []}
    assert failure_result("x", visibility="hidden")["visibility"] == "hidden"


def test_a_long_stem_is_cut_to_80_characters_and_then_trimmed_again() -> None:
    from grader.reports.paths import safe_stem

    assert safe_stem("a" * 79 + "-b.json") == "a" * 79  # the cut leaves a dash: trimmed
    assert safe_stem("a" * 79 + "Xb.json") == "a" * 79 + "X"
    assert safe_stem("_" * 10 + "a" * 85 + ".json") == "a" * 80  # trimmed before the cut
    assert safe_stem("Xada.json") == "Xada"


def test_a_run_without_quizzes_has_no_quiz_columns() -> None:
    from grader.reports.tables import csv_fields, csv_rows

    bare = {key: value for key, value in ADA.items() if key != "quizzes"}
    run = {"seed": 1, "exercises": ["predict-x6"], "submissions": [bare]}
    assert csv_fields(run) == ["file", "name", "email", "valid", "error", "predict-x6", "score",
                               "max_score"]
    assert csv_rows(run) == [{"file": "subs/ada.json", "name": "Ada", "email": "ada@example.org",
                              "valid": True, "error": "", "predict-x6": 1, "score": 1,
                              "max_score": 3}]
    with_quiz = {**run, "quizzes": ["lr"]}  # a file without quiz results: empty cells
    assert csv_rows(with_quiz)[0]["quiz:lr"] == ""
    assert csv_rows(with_quiz)[0]["quiz:lr:passed"] == ""


def test_histogram_bars_are_scaled_to_the_tallest_and_spread_over_the_plot() -> None:
    from grader.reports.svg import histogram_svg

    counts = [0, 0, 0, 1, 0, 0, 0, 0, 0, 2]
    bins = [{"low": 10 * i, "high": 10 * i + 10, "count": c} for i, c in enumerate(counts)]
    svg = histogram_svg(bins, "t")
    # a 640 x 220 picture with 32 of margin: 10 bars of 57.6, the tallest 156 high
    assert '<rect class="bar" x="206.8" y="110.0" width="53.6" height="78.0">' in svg
    assert '<rect class="bar" x="552.4" y="32.0" width="53.6" height="156.0">' in svg
    assert '<rect class="bar" x="34.0" y="188.0" width="53.6" height="0.0">' in svg
    assert '<text x="233.6" y="106.0" text-anchor="middle">1</text>' in svg
    assert '<text x="233.6" y="204.0" text-anchor="middle">30</text>' in svg
    assert '<line class="axis" x1="32" y1="188" x2="608" y2="188"/>' in svg
    assert '<text x="608" y="216" text-anchor="end">score, % of maximum</text></svg>' in svg
    assert svg.count('<rect class="bar"') == 10


def test_an_empty_class_draws_flat_bars() -> None:
    from grader.reports.svg import histogram_svg

    bins = [{"low": 10 * i, "high": 10 * i + 10, "count": 0} for i in range(10)]
    assert histogram_svg(bins, "t").count('height="0.0"') == 10


def test_message_shapes_blank_every_number() -> None:
    from grader.reports.stats import message_shape

    assert message_shape("w[0] is -1.5e-3, expected +2 (line 14)") == (
        "w[#] is #, expected # (line #)")


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """Run with an ASCII locale: files opened without an encoding would be ASCII."""
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        with open(os.devnull, "w") as probe:  # noqa: PTH123 - the default encoding, on purpose
            assert probe.encoding == "ANSI_X3.4-1968"
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def test_every_report_is_utf8_even_where_the_locale_is_ascii(
    tmp_path: Path, ascii_locale: None,
) -> None:
    from grader import write_csv, write_json
    from grader.reports import write_html

    zoe = {**ADA, "learner": {"name": "Zoë", "email": "z@example.org"}}
    run = {**RUN, "submissions": [zoe]}
    write_json(run, tmp_path / "r.json")
    write_csv(run, tmp_path / "g.csv")
    write_html(run, tmp_path / "c.html", TITLES)
    [feedback] = write_feedback(run, tmp_path / "fb", TITLES)
    assert '"name": "Zoë"' in (tmp_path / "r.json").read_bytes().decode("utf-8")
    assert ",Zoë," in (tmp_path / "g.csv").read_bytes().decode("utf-8")
    assert ">Zoë<" in (tmp_path / "c.html").read_bytes().decode("utf-8")
    assert feedback.read_bytes().decode("utf-8").startswith("# Feedback for Zoë\n")


def test_csv_rows_end_in_crlf_and_a_cell_keeps_its_own_newline(tmp_path: Path) -> None:
    from grader import write_csv

    broken = {**LATE, "error": "line one\nline two"}
    write_csv({**RUN, "submissions": [broken]}, tmp_path / "g.csv")
    data = (tmp_path / "g.csv").read_bytes()
    assert data.count(b"\r\n") == 2  # the header and the one row, as RFC 4180 has it
    assert b'"line one\nline two"' in data


def test_every_kind_of_control_character_is_shown_escaped() -> None:
    from grader.reports import shown

    assert shown("a\x00b\x7fc\x9bd") == "a\\x00b\\x7fc\\x9bd"  # C0, DEL, C1
    assert shown("\u200b\u202e\ufeff") == "\\u200b\\u202e\\ufeff"  # format characters
    assert shown("\ud800") == "\\ud800"  # half of a UTF-16 pair
    assert shown("line\u2028para\u2029") == "line\\u2028para\\u2029"
    assert shown("Zoë café 日本 ✓") == "Zoë café 日本 ✓"
    assert shown(3.5) == "3.5"


def test_a_summary_line_without_a_name_and_with_fractional_scores() -> None:
    from grader.reports import summary_lines

    item = {**ADA, "learner": {"name": "", "email": ""}, "score": 2.5, "max_score": 4.0,
            "quizzes": {"lr": {**QUIZ, "score": 1.5}}}
    assert summary_lines({**RUN, "submissions": [item]}) == [
        "ada.json: (no name) 2.5/4  predict-x6=passed lr-divergence=timeout quiz:lr=1.5/10"]
    bare = {key: value for key, value in ADA.items() if key != "quizzes"}
    assert summary_lines({**RUN, "submissions": [bare]}) == [
        "ada.json: Ada 1/3  predict-x6=passed lr-divergence=timeout"]


def test_notes_are_empty_for_a_plain_run_and_list_ten_ignored_ids_whole() -> None:
    from grader.reports import notes

    assert notes({**RUN, "identical": []}) == []
    assert notes({k: v for k, v in RUN.items() if k != "identical"}) == []
    ten = [f"x-{n}" for n in range(10)]
    run = {**RUN, "assignment": {"id": "w"},
           "submissions": [{**ADA, "ignored": ten}, {**ADA, "ignored": []}, LATE]}
    assert notes(run) == ["grader: ignored work for 10 exercises outside assignment w "
                          f"({', '.join(sorted(ten))}) in 1 files"]


def test_the_last_piece_of_feedback_is_kept_to_its_last_character() -> None:
    for last, shown in (("compare your w with X", "compare your w with X"),
                        ("a trailing space ", "a trailing space "), ("tab\t", r"tab\\x09")):
        item = {**ADA, "quizzes": {"lr": {**QUIZ, "notes": [last]}}}
        assert feedback_markdown(item, RUN, TITLES).endswith(f"\n- {shown}\n")
