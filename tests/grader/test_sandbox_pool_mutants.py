"""grader.sandbox.pool when a template dies between jobs, and when closing finds nothing to remove.

Found by mutating the pool (issue 13): a template that died while idle can be noticed when the
next job is sent to it, a different path from a template dying mid-job; on that path the jobs
after the lost one used to be dropped when no other template was busy.
"""

from __future__ import annotations

import os
import shutil
import signal

import pytest

from grader.sandbox import Sandbox

JOB = {"code": "x = 6 * 7", "names": ["x"], "calls": []}


@pytest.mark.parametrize("how", ["pipe", "kill"])
def test_a_template_that_died_while_idle_loses_one_job_and_the_rest_run(how: str) -> None:
    with Sandbox(timeout=5.0, jobs=1) as sandbox:
        assert sandbox.run(JOB).status == "finished"  # the job's plan is now known to it
        other = {**JOB, "names": ["x", "y"]}  # a new plan: sent before the job
        for job in (JOB, other):
            template = sandbox._all[0]
            if how == "pipe":  # nobody reads its input any more: noticed when starting a job
                read, write = os.pipe()
                os.close(read)
                os.dup2(write, template.process.stdin.fileno())
                os.close(write)
            else:  # noticed when sending or when reading, whichever comes first
                os.kill(template.process.pid, signal.SIGKILL)
                template.process.wait()
            outcomes = list(sandbox.run_many([("a", job), ("b", job), ("c", job)]))
            assert [key for key, _ in outcomes] == ["a", "b", "c"]
            assert [o.status for _, o in outcomes] == ["lost", "finished", "finished"]
            assert outcomes[1][1].data["names"]["x"] == {"type": "int", "value": 42}
            assert sandbox._all[0] is not template
            assert len(sandbox._all) == 1


def test_closing_a_sandbox_whose_folder_is_already_gone_does_not_fail() -> None:
    sandbox = Sandbox(timeout=5.0)
    sandbox.start()
    root = sandbox._root
    assert root is not None
    assert root.is_dir()
    shutil.rmtree(root)
    sandbox.close()
    assert sandbox.walls == "not started"


def test_learner_code_sees_none_of_the_graders_environment(monkeypatch) -> None:
    # An instructor's shell holds tokens and paths; the template starts with a fixed few.
    monkeypatch.setenv("GRADER_TEST_SECRET", "do-not-leak")
    code = "import os\nleaked = 'GRADER_TEST_SECRET' in os.environ\npath = os.environ.get('PATH')"
    with Sandbox(timeout=5.0) as sandbox:
        outcome = sandbox.run({"code": code, "names": ["leaked", "path"], "calls": []})
    assert outcome.status == "finished"
    assert outcome.data["names"]["leaked"] == {"type": "bool", "value": False}
    assert outcome.data["names"]["path"]["value"] == os.defpath
