"""grader.cli at its edges: the progress bar's drawing, and what each command prints."""

from __future__ import annotations

import io

from grader.cli import ProgressBar


class Terminal(io.StringIO):
    """A stream that says it is a terminal, and counts its flushes."""

    flushes = 0

    def isatty(self) -> bool:
        return True

    def flush(self) -> None:
        self.flushes += 1


def test_the_bar_is_thirty_wide_rounds_to_the_nearest_cell_and_ends_its_line() -> None:
    stream = Terminal()
    bar = ProgressBar(stream)  # a terminal: on by default
    for done in range(4):
        bar(done, 3)
    assert stream.getvalue() == (
        "\rgrading [" + "-" * 30 + "] 0/3"
        "\rgrading [" + "#" * 10 + "-" * 20 + "] 1/3"
        "\rgrading [" + "#" * 20 + "-" * 10 + "] 2/3"
        "\rgrading [" + "#" * 30 + "] 3/3\n"
    )
    assert stream.flushes == 4


def test_the_bar_rounds_half_way_cells_and_draws_nothing_for_no_work() -> None:
    stream = Terminal()
    ProgressBar(stream, width=4)(2, 3)  # 2.67 cells: 3
    ProgressBar(stream, width=4)(1, 3)  # 1.33 cells: 1
    ProgressBar(stream, width=4)(0, 0)
    assert stream.getvalue() == "\rgrading [###-] 2/3\rgrading [#---] 1/3"


def test_a_terminal_can_turn_the_bar_off_and_a_pipe_can_turn_it_on() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    ProgressBar(terminal, enabled=False)(1, 1)
    ProgressBar(pipe, enabled=True, width=2)(1, 1)
    ProgressBar(pipe)(1, 1)  # not a terminal, not asked: silent
    assert (terminal.getvalue(), pipe.getvalue()) == ("", "\rgrading [##] 1/1\n")


def test_grade_tells_stderr_the_walls_the_files_and_how_to_reproduce(
    write_submission, capsys,
) -> None:
    from grader.cli import main

    folder = write_submission("Ada", {"predict-x6": {"answer": 220}}).parent
    write_submission("Bad", raw="{")
    assert main(["grade", str(folder), "--seed", "5", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "grader: sandbox: not started (no code ran)",
        "grader: 2 files, 1 valid; variant seed 5 (--seed 5 reproduces this run)",
    ]
    assert out.splitlines()[0].startswith("ada.json: Ada 1/")


def test_report_writes_only_what_is_asked(tmp_path, capsys) -> None:
    import json

    from grader.cli import main
    from tests.grader.test_report import RUN

    (tmp_path / "r.json").write_text(json.dumps(RUN), encoding="utf-8")
    assert main(["report", str(tmp_path / "r.json"), "--csv", str(tmp_path / "g.csv")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv", "r.json"]
    assert (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[0].startswith(
        "file,name,email,valid,error,predict-x6,lr-divergence,score,max_score")
    assert main(["report", str(tmp_path / "r.json"), "--feedback", str(tmp_path / "fb")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fb", "g.csv", "r.json"]
    assert main(["report", str(tmp_path / "r.json"), "--html", str(tmp_path / "c.html")]) == 0
    assert (tmp_path / "c.html").is_file()
    assert capsys.readouterr().out == ""


def test_a_report_of_the_wrong_shape_is_refused_with_the_reason(tmp_path, capsys) -> None:
    from grader.cli import main

    for text, reason in (('{"submissions": {}}', "no submissions list"),
                         ("[1]", "no submissions list")):
        (tmp_path / "r.json").write_text(text, encoding="utf-8")
        assert main(["report", str(tmp_path / "r.json"), "--csv", str(tmp_path / "g.csv")]) == 2
        assert capsys.readouterr().err == (f"grader: error: {tmp_path / 'r.json'} is not a JSON "
                                           f"report written by grade --json ({reason})\n")
    assert not (tmp_path / "g.csv").exists()


def test_outputs_that_collide_are_named_in_order(tmp_path, write_submission, capsys) -> None:
    from grader.cli import main

    folder = write_submission("Ada", {"predict-x6": {"answer": 220}}).parent
    same = str(tmp_path / "x")
    cases = [
        (["--json", same, "--html", same], f"--json and --html name the same file: {same}"),
        (["--csv", same, "--html", same], f"--csv and --html name the same file: {same}"),
        (["--csv", str(tmp_path / "fb" / "g.csv"), "--feedback", str(tmp_path / "fb")],
         "--csv is inside the --feedback folder, where learner files are written; choose "
         "another place"),
        (["--json", str(tmp_path / "fb" / "deeper" / "r.json"), "--feedback",
          str(tmp_path / "fb")], "--json is inside the --feedback folder"),
    ]
    for outputs, says in cases:
        assert main(["grade", str(folder), *outputs]) == 2
        assert capsys.readouterr().err.startswith(f"grader: error: {says}")
    assert not (tmp_path / "x").exists()
    assert main(["grade", str(folder), "--json", str(tmp_path / "fb.json"), "--feedback",
                 str(tmp_path / "fb")]) == 0  # a sibling named like the folder is fine


def test_list_shows_each_kind_and_title(capsys) -> None:
    from exercises import EXERCISES
    from grader.cli import main

    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    predict = EXERCISES["predict-x6"]
    assert lines[0] == f"predict-x6\tanswer\t{predict.title}"
    assert f"no-intercept\tcode\t{EXERCISES['no-intercept'].title}" in lines


def test_help_at_the_top_exits_zero_and_lists_the_commands(capsys, monkeypatch) -> None:
    from grader.cli import main

    monkeypatch.setenv("COLUMNS", "200")
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: grader [-h] COMMAND ...")
    assert "Grade linear-models-course submissions offline." in out
    for command in ("grade", "list", "report", "autograder", "gradescope-run"):
        assert command in out
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "grade grade submission files and folders" in lines
    assert "list list the exercises, quizzes and assignments" in lines
    assert "report write reports from a --json results file" in lines


def test_an_assignment_naming_unknown_ids_is_a_usage_error_before_grading(
    tmp_path, write_submission, capsys,
) -> None:
    from grader.cli import main

    folder = write_submission("Ada", {"predict-x6": {"answer": 220}}).parent
    (tmp_path / "w.toml").write_text("[exercises]\nnope = 1\n", encoding="utf-8")
    assert main(["grade", str(folder), "--assignment", str(tmp_path / "w.toml"), "--json",
                 str(tmp_path / "r.json")]) == 2
    assert capsys.readouterr().err.startswith(
        "grader: error: assignment 'w' names unknown exercise ids: nope; known: predict-x6")
    assert not (tmp_path / "r.json").exists()


def test_report_without_an_output_says_which_to_choose(tmp_path, capsys) -> None:
    import json

    from grader.cli import main
    from tests.grader.test_report import RUN

    (tmp_path / "r.json").write_text(json.dumps(RUN), encoding="utf-8")
    assert main(["report", str(tmp_path / "r.json")]) == 2
    assert capsys.readouterr().err == ("grader: error: choose a report to write: --html FILE, "
                                       "--feedback DIR or --csv FILE\n")


def test_report_reads_its_json_as_utf8_whatever_the_locale(tmp_path, capsys) -> None:
    import json
    import locale

    from grader.cli import main
    from tests.grader.test_report import ADA, RUN

    run = {**RUN, "submissions": [{**ADA, "learner": {"name": "Zoë", "email": ""}}]}
    (tmp_path / "r.json").write_text(json.dumps(run, ensure_ascii=False), encoding="utf-8")
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # files opened without an encoding: ASCII
    try:
        status = main(["report", str(tmp_path / "r.json"), "--csv", str(tmp_path / "g.csv")])
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)
    assert status == 0, capsys.readouterr().err
    assert ",Zoë," in (tmp_path / "g.csv").read_text(encoding="utf-8")


GRADE_OPTIONS = [
    ("PATH", "submission files or folders"),
    ("--assignment NAME|FILE", "grade only this assignment (built-in name or .toml file)"),
    ("--seed SEED", "variant-data seed (default: the assignment's, else a fresh one)"),
    ("--timeout S", "seconds per exercise run (default: 10.0)"),
    ("--memory-mb M", "memory per run in MiB (default: 512)"),
    ("--jobs N", "runs in parallel (default: the number of CPUs)"),
    ("--json FILE", "write every result as JSON"),
    ("--csv FILE", "write a gradebook, one row per learner"),
    ("--html FILE", "write the class report (one HTML file)"),
    ("--feedback DIR", "write DIR/<file>.md: each learner's score and feedback"),
    ("--progress, --no-progress", "show a progress bar on stderr (default: when it is a "
                                  "terminal)"),
]
REPORT_OPTIONS = [
    ("RESULTS", "the JSON file `grade --json` wrote"),
    ("--csv FILE", "write a gradebook, one row per learner"),
    ("--html FILE", "write the class report (one HTML file)"),
    ("--feedback DIR", "write DIR/<file>.md: each learner's score and feedback"),
]


def test_each_option_of_grade_and_report_is_explained_in_the_help(capsys, monkeypatch) -> None:
    from grader.cli import main

    monkeypatch.setenv("COLUMNS", "200")  # one line per option
    for command, options in (("grade", GRADE_OPTIONS), ("report", REPORT_OPTIONS)):
        assert main([command, "--help"]) == 0
        lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
        for name, explanation in options:
            assert f"{name} {explanation}" in lines or (
                name in lines and explanation in lines), (command, name)


def test_folders_without_submissions_are_all_named(tmp_path, capsys) -> None:
    from grader.cli import main

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main(["grade", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert capsys.readouterr().err == (f"grader: error: no submission files (*.json) found in "
                                       f"{tmp_path / 'a'} {tmp_path / 'b'}\n")


def test_report_refuses_outputs_that_collide_too(tmp_path, capsys) -> None:
    import json

    from grader.cli import main
    from tests.grader.test_report import RUN

    (tmp_path / "r.json").write_text(json.dumps(RUN), encoding="utf-8")
    same = str(tmp_path / "x")
    assert main(["report", str(tmp_path / "r.json"), "--csv", same, "--html", same]) == 2
    assert capsys.readouterr().err == (f"grader: error: --csv and --html name the same file: "
                                       f"{same}\n")
    assert not (tmp_path / "x").exists()


def test_a_terminal_that_cannot_show_a_name_prints_it_escaped(
    tmp_path, write_submission, monkeypatch
) -> None:
    import io

    from grader.cli import main

    folder = write_submission("Zoë", {"predict-x6": {"answer": 220}}).parent
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")  # e.g. PYTHONIOENCODING=ascii
    err = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    status = main(["grade", str(folder), "--csv", str(tmp_path / "g.csv")])
    out.flush()
    assert status == 0
    assert "Zo\\xeb" in out.buffer.getvalue().decode("ascii")
    assert ",Zoë," in (tmp_path / "g.csv").read_text(encoding="utf-8")
