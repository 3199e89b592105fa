"""grader.sandbox.pool at its edges: the walls in words, a sandbox before and after its run."""

from __future__ import annotations

import pytest

from grader.sandbox import Sandbox, SandboxError
from grader.sandbox.pool import describe_walls


@pytest.mark.parametrize(
    ("walls", "words"),
    [
        ({"landlock": 7, "seccomp": True, "namespaces": ["user", "pid+net"], "nproc": 8},
         "landlock 7, seccomp, user+pid+net namespaces, nproc 8, rlimits"),
        ({"landlock": 0, "seccomp": False, "namespaces": [], "nproc": 0},
         "no landlock, no seccomp, no namespaces, rlimits"),
        ({"landlock": 3, "seccomp": False, "namespaces": ["user"], "nproc": 0},
         "landlock 3, no seccomp, user namespaces, rlimits"),
    ],
    ids=["all", "none", "some"],
)
def test_the_walls_are_put_in_words_naming_the_missing_ones(walls: dict, words: str) -> None:
    assert describe_walls(walls) == words


def test_a_sandbox_not_started_runs_nothing_and_says_so() -> None:
    sandbox = Sandbox(jobs=0)
    assert sandbox.jobs == 1
    assert sandbox.walls == "not started"
    assert sandbox.landlock is False
    with pytest.raises(SandboxError, match="the sandbox is not started"):
        next(sandbox.run_many([("k", {"code": "", "names": [], "calls": []})]))
    sandbox.close()  # closing what never started is harmless


def test_a_sandbox_starts_once_runs_its_jobs_and_can_be_closed_twice() -> None:
    job = {"code": "x = 6 * 7", "names": ["x"], "calls": []}
    with Sandbox(timeout=5.0, jobs=2) as sandbox:
        sandbox.start()  # a second start changes nothing
        assert len(sandbox._all) == 2
        assert sandbox.landlock is True
        outcomes = dict(sandbox.run_many([(n, job) for n in range(5)]))
        single = sandbox.run(job)
    sandbox.close()
    assert sorted(outcomes) == [0, 1, 2, 3, 4]
    assert {o.status for o in outcomes.values()} == {"finished"}
    assert all(o.data["names"]["x"] == {"type": "int", "value": 42} for o in outcomes.values())
    assert (single.status, single.exit_code) == ("finished", 0)
    assert sandbox.walls == "not started"


@pytest.mark.parametrize(
    ("boot", "says"),
    [(b"not json", "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"),
     (b"{}", "KeyError: 'numpy_dir'")],
    ids=["not-json", "no-numpy"],
)
def test_a_template_that_cannot_start_says_why_in_its_last_line(
    tmp_path, boot: bytes, says: str,
) -> None:
    from grader.sandbox.template import Template

    with pytest.raises(SandboxError) as caught:
        Template(boot, tmp_path, 1.0)
    assert str(caught.value) == f"the sandbox did not start: {says}"


def test_an_outcome_knows_only_its_status_by_default() -> None:
    from grader.sandbox import Outcome

    assert (Outcome("lost").data, Outcome("lost").exit_code) == (None, None)


def test_the_children_see_numpy_alone_and_the_standard_library_without_site_packages(
    tmp_path,
) -> None:
    import sysconfig
    from pathlib import Path

    import numpy

    from grader.sandbox.pool import _numpy_dir, _readable

    site = _numpy_dir(tmp_path)
    assert site == tmp_path / "site"
    package = Path(numpy.__file__).resolve().parent
    assert (site / "numpy").resolve() == package
    libs = package.parent / "numpy.libs"
    assert (site / "numpy.libs").exists() == libs.is_dir()
    assert sorted(p.name for p in site.iterdir()) == (["numpy", "numpy.libs"] if libs.is_dir()
                                                      else ["numpy"])
    readable = _readable(site)
    assert readable == sorted(set(readable))
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    assert str(stdlib / "json") in readable
    assert str(package) in readable
    assert not any(Path(p).name in ("site-packages", "dist-packages") for p in readable)
    assert all(Path(p).parent in (stdlib, package.parent) or Path(p) == package
               or Path(p).parent == Path(sysconfig.get_paths()["platstdlib"]).resolve()
               for p in readable)
