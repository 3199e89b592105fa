"""The Gradescope bundle and upload, in this process: every file and field that was unchecked.

`tests/grader/test_autograder.py` runs the bundle's scripts in a subprocess (and is left out of
the mutation run); these tests build the bundle and grade uploads in-process, against values
computed here: the zip's entries and modes, the wheel's metadata and RECORD hashes, the help
that `docs/instructors.md` points to, and the results.json text (issue 13).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import locale
import re
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from importlib.metadata import distribution
from pathlib import Path
from types import SimpleNamespace

import pytest

from grader.assignments import find_assignment
from grader.autograder import wheel as wheel_module
from grader.autograder.bundle import bundle_files
from grader.autograder.upload import grade_upload, run_upload
from grader.cli import main
from tests.conftest import PROJECT_ROOT

WHEEL = "linear_models_course-0.1.0-py3-none-any.whl"
INFO = "linear_models_course-0.1.0.dist-info"
EPOCH = (1980, 1, 1, 0, 0, 0)


def pinned_requirements() -> list[str]:
    """The project's unconditional dependencies, read from pyproject.toml."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return project["project"]["dependencies"]


def bundle(tmp_path: Path, *options: str, assignment: str = "linear-regression") -> Path:
    out = tmp_path / "bundle.zip"
    assert main(["autograder", "--assignment", assignment, "-o", str(out), *options]) == 0
    return out


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, str]:
    """A real bundle and what the command printed.

    Built for each test that reads it, not once per module: the mutation run only reruns the
    tests that called the code, and a shared bundle would be built by the first one alone.
    """
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        out = bundle(tmp_path, "--seed", "77")
    return out, err.getvalue()


@pytest.fixture
def no_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the wheel (and the scan of installed packages) in tests of the bundle's other files."""
    monkeypatch.setattr("grader.autograder.bundle.build_wheel", lambda: ("w.whl", b"wheel"))
    monkeypatch.setattr("grader.autograder.bundle.grader_distribution",
                        lambda: SimpleNamespace(requires=["numpy==2.0.2"]))


def test_the_bundle_holds_the_two_scripts_the_assignment_and_the_wheel(
    built: tuple[Path, str],
) -> None:
    out, err = built
    assert re.fullmatch(
        rf"grader: wrote {re.escape(str(out))} for assignment linear-regression \(18 points, "
        r"variant seed 77\) in \d+\.\d s\n", err)
    with zipfile.ZipFile(out) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == [
            "setup.sh", "run_autograder", "assignment.toml", WHEEL]
        for info in infos:
            assert info.date_time == EPOCH
            assert info.create_system == 3
            assert info.compress_type == zipfile.ZIP_DEFLATED
            executable = info.filename in ("setup.sh", "run_autograder")
            assert info.external_attr >> 16 == (0o100755 if executable else 0o100644)
        setup = archive.read("setup.sh").decode()
        run = archive.read("run_autograder").decode()
        toml = tomllib.loads(archive.read("assignment.toml").decode())
    assert "@" not in setup.replace("$@", "")
    assert f'--target "$LIB" "$SOURCE"/{WHEEL}\n' in setup
    pins = " ".join(pinned_requirements())
    assert pins == "numpy==2.0.2"
    assert f'"$PYTHON" - {pins} <<\'PY\'' in setup
    assert f'--target "$LIB" {pins}\n' in setup
    assert setup.startswith("#!/usr/bin/env bash\n")
    assert "--root \"$ROOT\" --timeout 10.0 --visibility visible\n" in run
    assert "@OPTIONS@" not in run
    assert toml["seed"] == 77
    assert toml["id"] == "linear-regression"


@pytest.mark.usefixtures("no_wheel")
def test_the_bundle_passes_its_options_to_run_autograder(tmp_path: Path) -> None:
    out = bundle(tmp_path, "--timeout", "2.5", "--visibility", "after_due_date")
    with zipfile.ZipFile(out) as archive:
        run = archive.read("run_autograder").decode()
    assert "--root \"$ROOT\" --timeout 2.5 --visibility after_due_date\n" in run
    out = bundle(tmp_path, "--timeout", "3", "--visibility", "hidden")
    with zipfile.ZipFile(out) as archive:
        run = archive.read("run_autograder").decode()
    assert "--root \"$ROOT\" --timeout 3.0 --visibility hidden\n" in run


@pytest.mark.usefixtures("no_wheel")
def test_the_seed_is_the_option_else_the_assignments_else_a_fresh_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    spec = tmp_path / "week.toml"
    spec.write_text('id = "week"\ntitle = "Week"\nseed = 5\nexercises = ["predict-x6"]\n',
                    encoding="utf-8")
    out = bundle(tmp_path, assignment=str(spec))
    assert "(1 point, variant seed 5)" in capsys.readouterr().err
    with zipfile.ZipFile(out) as archive:
        assert tomllib.loads(archive.read("assignment.toml").decode())["seed"] == 5
    bundle(tmp_path, "--seed", "9", assignment=str(spec))
    assert "(1 point, variant seed 9)" in capsys.readouterr().err
    bundle(tmp_path, "--seed", "0", assignment=str(spec))  # 0 is a seed, not "no seed"
    assert "(1 point, variant seed 0)" in capsys.readouterr().err
    seeds = set()
    for _ in range(2):
        out = bundle(tmp_path)
        printed = int(re.search(r"variant seed (\d+)\)", capsys.readouterr().err).group(1))
        with zipfile.ZipFile(out) as archive:
            assert tomllib.loads(archive.read("assignment.toml").decode())["seed"] == printed
        seeds.add(printed)
    assert len(seeds) == 2  # drawn afresh for each bundle


@pytest.mark.usefixtures("no_wheel")
def test_bundle_files_default_to_ten_seconds_and_visible() -> None:
    seed, entries = bundle_files(find_assignment("glm"), seed=4)
    assert seed == 4
    run = dict(entries)["run_autograder"].decode()
    assert "--timeout 10.0 --visibility visible\n" in run


def _wheel(out: Path) -> zipfile.ZipFile:
    with zipfile.ZipFile(out) as archive:
        return zipfile.ZipFile(io.BytesIO(archive.read(WHEEL)))


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")


def test_the_wheel_holds_the_grader_and_the_course_with_their_metadata(
    built: tuple[Path, str],
) -> None:
    wheel = _wheel(built[0])
    names = wheel.namelist()
    for package in ("grader", "exercises"):
        on_disk = sorted(
            f"{package}/{p.relative_to(PROJECT_ROOT / package).as_posix()}"
            for p in (PROJECT_ROOT / package).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
        )
        assert [n for n in names if n.startswith(f"{package}/")] == on_disk
        for name in on_disk[:5]:
            assert wheel.read(name) == (PROJECT_ROOT / name).read_bytes()
    assert names.index("grader/__init__.py") < names.index("exercises/__init__.py")
    assert names[-5:] == [f"{INFO}/METADATA", f"{INFO}/WHEEL", f"{INFO}/entry_points.txt",
                          f"{INFO}/top_level.txt", f"{INFO}/RECORD"]
    assert wheel.read(f"{INFO}/METADATA").decode() == (
        "Metadata-Version: 2.1\nName: linear-models-course\nVersion: 0.1.0\n"
        "Requires-Python: >=3.12,<3.13\n"
        + "".join(f"Requires-Dist: {req}\n" for req in pinned_requirements()))
    assert wheel.read(f"{INFO}/WHEEL").decode() == (
        "Wheel-Version: 1.0\nGenerator: grader.autograder\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n")
    assert wheel.read(f"{INFO}/entry_points.txt").decode() == (
        "[grader.content]\nlinear-models-course = exercises:register\n")
    assert wheel.read(f"{INFO}/top_level.txt").decode() == "grader\nexercises\n"
    record = wheel.read(f"{INFO}/RECORD").decode().splitlines()
    assert record[-1] == f"{INFO}/RECORD,,"
    assert [line.split(",")[0] for line in record] == names
    for line in record[:-1]:
        path, digest, size = line.split(",")
        data = wheel.read(path)
        assert (digest, int(size)) == (_record_hash(data), len(data))
    for info in wheel.infolist():
        assert info.date_time == EPOCH
        assert info.external_attr >> 16 == 0o100644
        assert info.compress_type == zipfile.ZIP_DEFLATED


@pytest.fixture
def known_dist(monkeypatch: pytest.MonkeyPatch) -> None:
    """Name the course's distribution directly (finding it scans every installed package)."""
    monkeypatch.setattr(wheel_module, "grader_distribution",
                        lambda: distribution("linear-models-course"))


@pytest.mark.usefixtures("known_dist")
def test_the_wheel_leaves_out_caches_and_hidden_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = tmp_path / "lib" / "mutantcontent"
    for name, text in {"__init__.py": "", "a.py": "A = 1\n", "sub/b.txt": "b",
                       "c.pyc": "x", "d.pyo": "x", "__pycache__/e.py": "x", ".hidden": "x",
                       ".git/config": "x", "sub/.f.py": "x"}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    (package / "empty").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.setattr(wheel_module, "content_packages", lambda: ["mutantcontent", "grader"])
    name, data = wheel_module.build_wheel()
    assert name == WHEEL
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert [n for n in names if n.startswith("mutantcontent/")] == [
        "mutantcontent/__init__.py", "mutantcontent/a.py", "mutantcontent/sub/b.txt"]
    assert sum(n == "grader/__init__.py" for n in names) == 1  # grader once, first
    assert names[0].startswith("grader/")
    top = zipfile.ZipFile(io.BytesIO(data)).read(f"{INFO}/top_level.txt").decode()
    assert top == "grader\nmutantcontent\n"


@pytest.mark.usefixtures("known_dist")
def test_a_content_package_that_is_not_installed_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wheel_module, "content_packages", lambda: ["no_such_package_here"])
    with pytest.raises(RuntimeError) as caught:
        wheel_module.build_wheel()
    assert str(caught.value) == (
        "cannot find the installed package 'no_such_package_here' to put in the bundle")
    monkeypatch.setattr(wheel_module, "content_packages", lambda: ["json"])  # a package...
    assert wheel_module.build_wheel()[0] == WHEEL
    monkeypatch.setattr(wheel_module, "content_packages", lambda: ["sys"])  # ...but not a module
    with pytest.raises(RuntimeError, match="'sys'"):
        wheel_module.build_wheel()


def test_content_packages_are_the_top_level_packages_of_the_entry_points(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    points = [SimpleNamespace(value="b_course.content:register"),
              SimpleNamespace(value="a_course:register"),
              SimpleNamespace(value="b_course.other.deep:register")]
    seen = []

    def fake(group: str) -> list[SimpleNamespace]:
        seen.append(group)
        return points

    monkeypatch.setattr(wheel_module, "entry_points", fake)
    assert wheel_module.content_packages() == ["a_course", "b_course"]
    assert seen == ["grader.content"]


def test_requirements_keep_only_the_unconditional_ones() -> None:
    dist = SimpleNamespace(requires=["numpy==2.0.2", 'pytest>=8; extra == "test"', "a==1"])
    assert wheel_module.requirements(dist) == ["numpy==2.0.2", "a==1"]
    assert wheel_module.requirements(SimpleNamespace(requires=None)) == []


def test_the_grader_distribution_is_found_by_its_package_else_by_the_course_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = []

    def fake(name: str) -> str:
        asked.append(name)
        return name

    monkeypatch.setattr(wheel_module, "distribution", fake)
    monkeypatch.setattr(wheel_module, "packages_distributions", lambda: {"grader": ["x-dist"]})
    assert wheel_module.grader_distribution() == "x-dist"
    monkeypatch.setattr(wheel_module, "packages_distributions", lambda: {})
    assert wheel_module.grader_distribution() == "linear-models-course"
    assert asked == ["x-dist", "linear-models-course"]


def _help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
          *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", "200")
    assert main([*argv, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_the_autograder_help_shows_each_documented_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(monkeypatch, capsys, "autograder")
    assert "usage: grader autograder [-h] --assignment NAME|FILE -o ZIP [--seed SEED] " \
           "[--timeout S] [--visibility {visible,after_due_date,after_published,hidden}]" in text
    assert "--assignment NAME|FILE a built-in assignment or a .toml file" in text
    assert "-o ZIP, --output ZIP the zip to write" in text
    assert ("--seed SEED variant seed fixed in the bundle (default: the assignment's, else a "
            "fresh one)") in text
    assert "--timeout S seconds per exercise run (default: 10.0)" in text
    assert ("--visibility {visible,after_due_date,after_published,hidden} when learners see "
            "each test's result (default: visible)") in text
    top = _help(monkeypatch, capsys)
    assert "autograder write a Gradescope autograder bundle (zip) for an assignment" in top
    assert ("gradescope-run grade ROOT/submission into ROOT/results/results.json (run by the "
            "bundle's run_autograder)") in top


def test_the_gradescope_run_help_and_its_default_root(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("AUTOGRADER_ROOT", raising=False)
    text = _help(monkeypatch, capsys, "gradescope-run")
    assert "usage: grader gradescope-run [-h] [--root ROOT] [--timeout S] " \
           "[--visibility {visible,after_due_date,after_published,hidden}]" in text
    assert ("--root ROOT the autograder folder (default: $AUTOGRADER_ROOT or /autograder)"
            in text)


def test_gradescope_run_grades_slash_autograder_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("AUTOGRADER_ROOT", raising=False)
    seen = []
    monkeypatch.setattr("grader.autograder.commands.run_upload",
                        lambda root, **options: seen.append((root, options)))
    assert main(["gradescope-run"]) == 0
    assert seen == [(Path("/autograder"), {"timeout": 10.0, "visibility": "visible"})]
    assert main(["gradescope-run", "--timeout", "2", "--visibility", "after_published"]) == 0
    assert seen[-1] == (Path("/autograder"), {"timeout": 2.0, "visibility": "after_published"})
    for bad in (["--timeout", "0"], ["--timeout", "-1"], ["--visibility", "never"]):
        assert main(["gradescope-run", *bad]) == 2
    assert len(seen) == 2


def test_the_autograder_command_refuses_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out = str(tmp_path / "a.zip")
    for bad in (["--timeout", "0"], ["--visibility", "never"], ["--seed", "x"]):
        assert main(["autograder", "--assignment", "glm", "-o", out, *bad]) == 2
    capsys.readouterr()
    spec = tmp_path / "broken.toml"
    spec.write_text('id = "b"\ntitle = "B"\nexercises = ["no-such-exercise"]\n', encoding="utf-8")
    assert main(["autograder", "--assignment", str(spec), "-o", out]) == 2
    err = capsys.readouterr().err
    assert err.startswith("grader: error: ")
    assert "no-such-exercise" in err
    assert not Path(out).exists()


def test_results_json_is_indented_utf8_text_even_for_a_root_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "not" / "yet"
    target = run_upload(root)
    assert target == root / "results" / "results.json"
    raw = target.read_bytes()
    results = json.loads(raw.decode("utf-8"))
    assert results["score"] == 0.0
    text = raw.decode("utf-8")
    assert text.startswith('{\n  "score": 0.0,\n')
    assert text.endswith("\n}\n")
    assert "course's side" in text
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == ("grader: The autograder could not grade this submission because of a "
                       "problem on the course's side; your instructor can see why.")


def test_results_json_keeps_non_ascii_text_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "assignment.toml").write_text(
        'id = "week"\ntitle = "Week"\nexercises = ["predict-x6"]\n', encoding="utf-8")
    target = run_upload(tmp_path)
    text = target.read_text(encoding="utf-8")
    assert "“Download my work”" in text  # not \u201c escapes
    assert json.loads(text)["output"].startswith("No files were uploaded. Upload the .json")


def test_the_upload_is_graded_with_the_time_limit_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.grader.conftest import submission_data

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "assignment.toml").write_text(
        'id = "week"\ntitle = "Week"\nexercises = ["first-gradient-step"]\n', encoding="utf-8")
    (tmp_path / "submission").mkdir()
    work = {"first-gradient-step": {"code": "while True:\n    pass\n"}}
    (tmp_path / "submission" / "ada.json").write_text(
        json.dumps(submission_data("Ada", work)), encoding="utf-8")
    target = run_upload(tmp_path, timeout=1.5)
    test = json.loads(target.read_text(encoding="utf-8"))["tests"][0]
    assert test["output"].startswith("timeout\nYour code was stopped after 1.5 seconds. ")


def test_uploads_that_cannot_be_graded_keep_the_visibility_asked_for(tmp_path: Path) -> None:
    from tests.grader.test_upload_edges import HOW, make_root

    empty = make_root(tmp_path / "a", {})
    assert grade_upload(empty, visibility="after_published") == {
        "score": 0.0, "visibility": "after_published", "tests": [],
        "output": f"No files were uploaded. {HOW}"}
    broken = make_root(tmp_path / "b", {"ada.json": "{oops"})
    result = grade_upload(broken, visibility="hidden")
    assert (result["visibility"], result["tests"], result["score"]) == ("hidden", [], 0.0)
    assert result["output"].startswith("ada.json is not a work file this course can read: ")


def test_work_for_other_exercises_names_eight_of_them_at_most(tmp_path: Path) -> None:
    from tests.grader.test_upload_edges import make_root, work

    others = ["adam-step", "baseline-r2", "duplicate-columns", "first-gradient-step",
              "held-out", "log-loss", "lr-divergence", "no-intercept", "outlier-refit",
              "ridge-closed-form"]
    root = make_root(tmp_path, {"ada.json": work({i: {"code": "x = 1"} for i in others})},
                     assignment='title = "Two"\n[exercises]\npredict-x6 = 2\nstable-sigmoid = 1\n')
    assert grade_upload(root)["output"] == (
        f"ada.json holds work for {', '.join(others[:8])}, but none for this assignment "
        "(Two: predict-x6, stable-sigmoid). It may be from another course or chapter; upload "
        "the right file.")


def test_an_upload_is_graded_by_one_worker_with_ten_seconds_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from grader.autograder import upload
    from grader.batch import Grader
    from tests.grader.test_upload_edges import make_root, work

    made = []

    class Recorded(Grader):
        def __init__(self, **options: object) -> None:
            super().__init__(**options)
            made.append(self)

    monkeypatch.setattr(upload, "Grader", Recorded)
    root = make_root(tmp_path, {"ada.json": work({"predict-x6": {"answer": 220}})})
    assert grade_upload(root)["score"] == 2.0
    assert [(g.timeout, g.jobs, g.seed) for g in made] == [(10.0, 1, 3)]
    grade_upload(root, timeout=2.5)
    assert (made[-1].timeout, made[-1].jobs) == (2.5, 1)


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """A process whose locale encoding is ASCII, as on a bare container without C.UTF-8."""
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        if "utf" in locale.getencoding().lower() or sys.flags.utf8_mode:
            pytest.fail("the C locale should not be UTF-8 here")
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


@pytest.mark.usefixtures("ascii_locale")
def test_results_json_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "assignment.toml").write_text(
        'id = "week"\ntitle = "Week"\nexercises = ["predict-x6"]\n', encoding="utf-8")
    text = run_upload(tmp_path).read_bytes().decode("utf-8")
    assert "“Download my work”" in text


def test_the_wheels_entry_points_are_listed_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    points = [SimpleNamespace(name="zeta-course", value="exercises:register"),
              SimpleNamespace(name="alpha-course", value="exercises:register")]
    monkeypatch.setattr(wheel_module, "entry_points", lambda group: points)
    monkeypatch.setattr(wheel_module, "grader_distribution",
                        lambda: distribution("linear-models-course"))
    data = wheel_module.build_wheel()[1]
    text = zipfile.ZipFile(io.BytesIO(data)).read(f"{INFO}/entry_points.txt").decode()
    assert text == ("[grader.content]\nalpha-course = exercises:register\n"
                    "zeta-course = exercises:register\n")
