"""grader.pytest_plugin, seen closely: its help, its options' types, limits and names (issue 13).

`docs/instructors.md` names the plugin's options; their `--help` is where an instructor reads
what each one does and its default, so the whole option group is checked here.
"""

from __future__ import annotations

import builtins

import pytest

from tests.grader.test_pytest_plugin import submission

pytest_plugins = ["pytester"]

HELP = (
    "grading course submissions: "
    "--submissions=DIR grade the submission files (*.json) under DIR, one test per exercise "
    "--assignment=NAME|FILE grade only this assignment (built-in name or .toml file) "
    "--grader-seed=N variant-data seed (default: a fresh one, shown in the header) "
    "--grader-timeout=S seconds per exercise run (default: 10.0) "
    "--grader-memory-mb=M memory per exercise run in MiB (default: 512) "
)
LOOP = "import numpy as np\nwhile True:\n    pass\n"


@pytest.fixture
def folder(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.mkdir("subs") / "ada.json").write_text(
        submission("ada", {"predict-x6": {"answer": 220}}))
    return pytester


def test_the_option_group_and_each_options_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    assert result.ret == 0
    text = " ".join(" ".join(result.stdout.lines).split()) + " "
    assert HELP in text


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--grader-seed", "x", "argument --grader-seed: invalid int value: 'x'"),
        ("--grader-seed", "1.5", "argument --grader-seed: invalid int value: '1.5'"),
        ("--grader-memory-mb", "1.5", "argument --grader-memory-mb: invalid int value: '1.5'"),
        ("--grader-timeout", "soon", "argument --grader-timeout: invalid float value: 'soon'"),
    ],
)
def test_numeric_options_refuse_other_text(
    folder: pytest.Pytester, option: str, value: str, message: str,
) -> None:
    result = folder.runpytest("--submissions", "subs", option, value)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert any(message in line for line in result.stderr.lines), result.stderr.lines


def test_the_seed_option_is_a_number_in_the_header(folder: pytest.Pytester) -> None:
    folder.makepyfile(test_probe_seed="""
        def test_seed(submission_grader):
            assert submission_grader.seed == 12
            assert type(submission_grader.seed) is int
            assert type(submission_grader.memory_mb) is int
            assert type(submission_grader.timeout) is float
    """)
    result = folder.runpytest("--submissions", "subs", "--grader-seed", "12",
                              "--grader-memory-mb", "300", "--grader-timeout", "4",
                              "test_probe_seed.py")
    result.assert_outcomes(passed=1)
    assert "grader: variant seed 12" in result.stdout.lines


def test_every_missing_folder_is_named(pytester: pytest.Pytester) -> None:
    pytester.mkdir("here")
    result = pytester.runpytest("--submissions", "nowhere", "--submissions", "here",
                                "--submissions", "elsewhere")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "ERROR: --submissions: not a directory: nowhere, elsewhere" in result.stderr.lines


def test_without_test_paths_only_the_submissions_are_collected(folder: pytest.Pytester) -> None:
    folder.makepyfile(test_beside="def test_beside():\n    assert True\n")
    result = folder.runpytest("--submissions", "subs", "-k", "predict")
    result.assert_outcomes(passed=1)
    collected = folder.runpytest("--submissions", "subs", "--collect-only", "-q")
    assert not any("test_beside" in line for line in collected.stdout.lines)
    explicit = folder.runpytest("--submissions", "subs", "test_beside.py")
    explicit.assert_outcomes(passed=1)


def test_an_invalid_file_is_the_test_named_submission(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("subs") / "broken.json").write_text("{oops")
    collected = pytester.runpytest("--submissions", "subs", "--collect-only", "-q")
    assert "subs/broken.json::submission" in collected.stdout.lines
    result = pytester.runpytest("--submissions", "subs", "-rf")
    result.assert_outcomes(failed=1)
    assert any(line.startswith("FAILED subs/broken.json::submission")
               for line in result.stdout.lines)


def test_the_time_limit_option_reaches_the_sandbox(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("subs") / "ada.json").write_text(
        submission("ada", {"first-gradient-step": {"code": LOOP}}))
    result = pytester.runpytest("--submissions", "subs", "--grader-timeout", "1.5",
                                "-k", "first-gradient-step")
    result.assert_outcomes(failed=1)
    assert any("Your code was stopped after 1.5 seconds." in line
               for line in result.stdout.lines)


def test_the_memory_option_reaches_the_sandbox(pytester: pytest.Pytester) -> None:
    code = "import numpy as np\nbig = np.ones(40_000_000)\n"  # 320 MB: under 512, over 100
    (pytester.mkdir("subs") / "ada.json").write_text(
        submission("ada", {"first-gradient-step": {"code": code}}))
    small = pytester.runpytest("--submissions", "subs", "--grader-memory-mb", "100",
                               "-k", "first-gradient-step")
    small.assert_outcomes(failed=1)
    assert any("ran out of memory" in line for line in small.stdout.lines), small.stdout.lines
    default = pytester.runpytest("--submissions", "subs", "-k", "first-gradient-step")
    default.assert_outcomes(failed=1)
    assert not any("ran out of memory" in line for line in default.stdout.lines)


def test_a_crash_inside_a_test_shows_its_traceback(
    folder: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def crash(*args: object) -> None:
        raise RuntimeError("the grader broke")

    monkeypatch.setattr("grader.batch.Grader.grade_exercise", crash)
    result = folder.runpytest("--submissions", "subs", "-k", "predict")
    result.assert_outcomes(failed=1)
    assert "E       RuntimeError: the grader broke" in result.stdout.lines
    assert not any("INTERNALERROR" in line for line in result.stdout.lines)


def test_the_sessions_grader_is_closed_at_the_end(pytester: pytest.Pytester) -> None:
    solution = "import numpy as np\nx = 1\n"
    (pytester.mkdir("subs") / "ada.json").write_text(
        submission("ada", {"first-gradient-step": {"code": solution}}))
    pytester.makepyfile(test_probe_close="""
        import builtins

        def test_keep(submission_grader):
            builtins._grader_probe = submission_grader
    """)
    result = pytester.runpytest("--submissions", "subs", "-k", "first-gradient or keep",
                                "test_probe_close.py", "subs")
    result.assert_outcomes(passed=1, failed=1)
    grader = builtins.__dict__.pop("_grader_probe")
    assert grader.walls == "not started (no code ran)"  # its sandbox was started, then closed
    assert grader.seed is not None
