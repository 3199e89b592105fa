"""grader.pytest_plugin at its edges: scores as properties, the shared grader, what is collected."""

from __future__ import annotations

import pytest

from exercises import EXERCISES
from tests.grader.test_pytest_plugin import submission

pytest_plugins = ["pytester"]


@pytest.fixture
def one_file(pytester: pytest.Pytester) -> pytest.Pytester:
    folder = pytester.mkdir("subs")
    (folder / "ada.json").write_text(submission("ada", {"predict-x6": {"answer": 220}}))
    (folder / "notes.txt").write_text("not a submission")
    return pytester


def test_each_test_records_its_score_and_the_header_names_the_seed(
    one_file: pytest.Pytester,
) -> None:
    xml = one_file.path / "r.xml"
    result = one_file.runpytest("--submissions", "subs", "--grader-seed", "5",
                                "-k", "predict or lr-divergence", f"--junitxml={xml}")
    result.assert_outcomes(passed=1, failed=1)
    assert result.stdout.lines.count("grader: variant seed 5") == 1
    text = xml.read_text(encoding="utf-8")
    assert '<property name="score" value="1.0" />' in text
    assert '<property name="score" value="0.0" />' in text


def test_a_test_file_shares_the_submissions_grader(one_file: pytest.Pytester) -> None:
    one_file.makepyfile(test_probe_of_plugin_grader="""
        def test_seed(submission_grader):
            assert submission_grader.seed == 9
            assert submission_grader.jobs == 1
            assert submission_grader.timeout == 4.5
            assert submission_grader.memory_mb == 300
    """)
    result = one_file.runpytest("--submissions", "subs", "--grader-seed", "9",
                                "--grader-timeout", "4.5", "--grader-memory-mb", "300",
                                "test_probe_of_plugin_grader.py", "subs")
    result.assert_outcomes(passed=1 + 1, failed=len(EXERCISES) - 1)


def test_explicit_paths_are_kept_and_only_json_under_the_folders_is_collected(
    one_file: pytest.Pytester,
) -> None:
    one_file.makepyfile(test_probe_of_plugin_paths="def test_ok():\n    assert True\n")
    (one_file.path / "elsewhere.json").write_text(submission("ben", {}))
    result = one_file.runpytest("--submissions", "subs", "test_probe_of_plugin_paths.py")
    result.assert_outcomes(passed=1)  # the folder is not added when paths are given
    collected = one_file.runpytest("--submissions", "subs", "--collect-only", "-q")
    lines = [line for line in collected.stdout.lines if "::" in line]
    assert len(lines) == len(EXERCISES)
    assert all(line.startswith("subs/ada.json::") for line in lines)
