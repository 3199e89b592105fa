"""grader.sandbox: each wall, shown by the attack it stops (issue: hostile submissions).

Every test here runs the attack as learner code in a real sandboxed child and then looks from
the outside: at the processes left on the machine, at a listener the test owns, at a file's
metadata, at the grader's own time and memory. Where a wall has a fallback (the PID namespace
behind the system-call filter), the fallback is tested alone as well.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.sandbox import Sandbox


def run(sandbox: Sandbox, code: str, *names: str) -> dict:
    """Run ``code`` in a child and return the tagged values of ``names``."""
    outcome = sandbox.run({"code": code, "names": list(names), "calls": []})
    assert outcome.status == "finished", outcome
    assert outcome.data["error"] is None, outcome.data["error"]
    return {name: outcome.data["names"][name].get("value") for name in names}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    """A sandbox with every wall up."""
    with Sandbox(timeout=3.0, memory_mb=256) as box:
        yield box


def processes_named(comm: str) -> list[int]:
    """Return the pids of live (not zombie) processes whose command name is ``comm``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if (entry / "comm").read_text().strip() != comm:
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z":
                found.append(int(entry.name))
    return found


def renamed(comm: str) -> str:
    """Learner code that renames its process to ``comm`` (prctl, no file access needed)."""
    return f"import ctypes\nctypes.CDLL(None).prctl(15, {comm.encode()!r}, 0, 0, 0)\n"


ESCAPE = """
import os, time
made = 0
for _ in range({forks}):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(60)
        os._exit(0)
    made += 1
"""


@pytest.mark.parametrize("walls", ["all", "namespaces-only"])
def test_no_process_a_run_starts_outlives_it_even_after_setsid(walls: str) -> None:
    comm = f"lm{uuid.uuid4().hex[:12]}"
    options = {"seccomp": False} if walls == "namespaces-only" else {}
    with Sandbox(timeout=3.0, **options) as box:
        if walls == "namespaces-only" and "pid" not in box.walls:
            pytest.fail(f"user namespaces work here, yet the sandbox has none: {box.walls}")
        made = run(box, renamed(comm) + ESCAPE.format(forks=3), "made")["made"]
        time.sleep(0.3)  # a leftover would be asleep by now
        left = processes_named(comm)
    time.sleep(0.3)
    left_after_close = processes_named(comm)
    for pid in left + left_after_close:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)
    assert (left, left_after_close) == ([], [])
    if walls == "all":
        assert made == 0  # the system-call filter refuses to create processes at all


def test_a_fork_bomb_is_capped_by_the_process_limit() -> None:
    comm = f"lm{uuid.uuid4().hex[:12]}"
    code = renamed(comm) + (
        "import os, time\nmade = 0\n"
        "for _ in range(200):\n"
        "    try:\n        pid = os.fork()\n    except OSError:\n        break\n"
        "    if pid == 0:\n        time.sleep(60)\n        os._exit(0)\n"
        "    made += 1\n"
    )
    with Sandbox(timeout=3.0, seccomp=False) as box:  # the filter alone would refuse fork
        made = run(box, code, "made")["made"]
        walls = box.walls
    assert processes_named(comm) == []  # the PID namespace ended them all, however many
    if os.geteuid() == 0:
        # RLIMIT_NPROC never applies to root, so the grader must not claim it there.
        assert "nproc" not in walls
        assert made == 200
    else:
        limit = int(walls.split("nproc ")[1].split(",")[0])
        assert 0 < made < limit


@pytest.fixture
def unix_listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    """A pathname Unix socket outside the sandbox, listening (think docker.sock)."""
    path = str(tmp_path / "host.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    Path(path).chmod(0o777)
    server.listen(1)
    server.settimeout(0.3)
    yield server, path
    server.close()


def test_a_child_cannot_talk_to_a_unix_socket_outside(
    sandbox: Sandbox, unix_listener: tuple[socket.socket, str]
) -> None:
    server, path = unix_listener
    code = (
        "import socket\ntry:\n    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
        f"    s.connect({path!r})\n    s.sendall(b'GET /containers/json')\n    talked = True\n"
        "except OSError:\n    talked = False\n"
    )
    assert run(sandbox, code, "talked") == {"talked": False}
    with pytest.raises(TimeoutError):
        server.accept()


def test_a_child_cannot_reach_an_abstract_unix_socket(sandbox: Sandbox) -> None:
    name = f"\0lm-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(name)
        server.listen(1)
        server.settimeout(0.3)
        code = (
            "import socket\ntry:\n    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
            f"    s.connect({name!r})\n    talked = True\nexcept OSError:\n    talked = False\n"
        )
        assert run(sandbox, code, "talked") == {"talked": False}
        with pytest.raises(TimeoutError):
            server.accept()


def test_a_child_cannot_send_udp_to_this_machine(sandbox: Sandbox) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(("127.0.0.1", 0))
        server.settimeout(0.3)
        port = server.getsockname()[1]
        code = (
            "import socket\ntry:\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            f"    s.sendto(b'hello', ('127.0.0.1', {port}))\n    sent = True\n"
            "except OSError:\n    sent = False\n"
        )
        assert run(sandbox, code, "sent") == {"sent": False}
        with pytest.raises(TimeoutError):
            server.recvfrom(100)


def test_a_child_cannot_connect_over_tcp(sandbox: Sandbox) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0.3)
        port = server.getsockname()[1]
        code = (
            "import socket\ntry:\n"
            f"    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
            "    connected = True\nexcept OSError:\n    connected = False\n"
        )
        assert run(sandbox, code, "connected") == {"connected": False}
        with pytest.raises(TimeoutError):
            server.accept()


def test_a_child_cannot_even_make_a_socket_pair(sandbox: Sandbox) -> None:
    code = (
        "import socket\ntry:\n    socket.socketpair()\n    made = True\n"
        "except OSError:\n    made = False\n"
    )
    assert run(sandbox, code, "made") == {"made": False}


METADATA_ATTACKS = {
    "chmod": "os.chmod(TARGET, 0o777)",
    "chmod-folder": "os.chmod(FOLDER, 0)",
    "chown": "os.chown(TARGET, os.getuid(), os.getgid() + 1)",
    "utime": "os.utime(TARGET, (0, 0))",
    "setxattr": "os.setxattr(TARGET, 'user.graded', b'passed')",
    "truncate": "os.truncate(TARGET, 0)",
    "rename": "os.rename(TARGET, TARGET + '.moved')",
    "unlink": "os.unlink(TARGET)",
    "write": "open(TARGET, 'a').write('forged')",
}


def _snapshot(path: Path) -> tuple:
    info = path.stat()
    attrs = tuple(os.listxattr(path)) if hasattr(os, "listxattr") else ()
    return (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid, info.st_mtime_ns,
            info.st_size, attrs, stat.S_IMODE(path.parent.stat().st_mode))


@pytest.mark.parametrize("attack", list(METADATA_ATTACKS), ids=list(METADATA_ATTACKS))
def test_a_child_changes_nothing_outside_not_even_metadata(
    sandbox: Sandbox, tmp_path: Path, attack: str
) -> None:
    folder = tmp_path / "instructor"
    folder.mkdir(mode=0o755)
    target = folder / "grades.csv"
    target.write_text("name,score\n")
    target.chmod(0o600)
    before = _snapshot(target)
    code = (
        f"import os\nTARGET, FOLDER = {str(target)!r}, {str(folder)!r}\n"
        f"try:\n    {METADATA_ATTACKS[attack]}\n    changed = True\nexcept OSError:\n"
        "    changed = False\n"
    )
    assert run(sandbox, code, "changed") == {"changed": False}
    assert _snapshot(target) == before


FORGED_SHAPE = (
    "import os\nshape = ','.join(['9' * 390] * 80000)\n"
    "os.write(3, ('{\"error\": null, \"names\": {\"w\": {\"type\": \"array\", \"kind\": \"f\", '"
    " '\"values\": [], \"shape\": [' + shape + ']}}, \"calls\": {}}').encode())\nos._exit(0)\n"
)
EMPTY_LISTS = (
    "import os\nbody = '[],' * 10_000_000\n"
    "os.write(3, ('{\"error\": null, \"names\": {\"w\": {\"type\": \"list\", \"length\": 1, '"
    " '\"items\": [' + body + '[]]}}, \"calls\": {}}').encode())\nos._exit(0)\n"
)
DEEP = "import os\nos.write(3, b'[' * 5_000_000)\nos._exit(0)\n"
BIG_INT = (
    "import os\nos.write(3, ('{\"error\": null, \"names\": {\"w\": {\"type\": \"int\", '"
    " '\"value\": ' + '7' * 6000 + '}}, \"calls\": {}}').encode())\nos._exit(0)\n"
)


@pytest.mark.parametrize(
    "forged", [FORGED_SHAPE, EMPTY_LISTS, DEEP, BIG_INT],
    ids=["huge-shape", "ten-million-empty-lists", "deep-nesting", "huge-integer"],
)
def test_a_forged_result_costs_the_grader_little_time_and_memory(forged: str) -> None:
    from grader import Grader, Submission

    with Grader(seed=1, timeout=2.0, jobs=1) as grader:
        grader.sandbox()  # started before measuring: its start-up is not the attack's cost
        submission = Submission(Path("forger.json"), valid=True,
                                exercises={"lr-divergence": {"code": forged}})
        tracemalloc.start()
        cpu = time.process_time()
        try:
            result = grader.grade_exercise(submission, "lr-divergence")
            spent = time.process_time() - cpu
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert (result["status"], result["score"]) == ("error", 0.0)
    assert spent < 0.5, f"the grader spent {spent:.2f} s of CPU on one forged result"
    assert peak < 16 * 1024 * 1024, f"the grader's memory peaked at {peak / 2**20:.0f} MiB"


def test_a_child_cannot_leave_shared_memory_behind(sandbox: Sandbox) -> None:
    # A System V segment outlives its process and no rlimit counts it once detached.
    code = (
        "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "made = libc.shmget(0, 1 << 20, 0o1600) >= 0\n"
    )
    assert run(sandbox, code, "made") == {"made": False}


def test_code_too_long_to_be_an_answer_is_refused_in_both_hosts() -> None:
    from grader import Grader, Submission, check_in_process

    code = "x = [" + "1, " * 40_000 + "]\n"
    with Grader(seed=1, timeout=2.0, jobs=1) as grader:
        offline = grader.grade_exercise(
            Submission(Path("long.json"), valid=True, exercises={"no-intercept": {"code": code}}),
            "no-intercept")
    local = check_in_process("no-intercept", {"code": code}, seed=1)
    local.pop("id")
    assert offline == local
    assert offline["status"] == "error"
    assert "120007 characters long; at most 100000" in " ".join(offline["feedback"])


def test_the_mount_namespace_alone_shows_a_read_only_view_of_python_only() -> None:
    outside = ("/etc/passwd", "/home", "/proc/self", "/dev/null", "/usr/bin")
    code = (
        "import os\ntry:\n    os.open('probe', os.O_WRONLY | os.O_CREAT)\n    wrote = True\n"
        "except OSError:\n    wrote = False\n"
        f"seen = ','.join(p for p in {outside!r} if os.path.lexists(p))\n"
        "import json\nimported = json.dumps([1]) == '[1]'\n"
    )
    with Sandbox(timeout=3.0, landlock=False, seccomp=False) as box:
        if "mount" not in box.walls:
            pytest.fail(f"user namespaces work here, yet no mount namespace: {box.walls}")
        found = run(box, code, "wrote", "seen", "imported")
    assert found == {"wrote": False, "seen": "", "imported": True}
    assert any(Path(p).exists() for p in outside)  # they do exist, outside the view
