"""grader.sandbox: attacks a red-team pass found getting through, each now stopped.

Each test runs one attack the way a hostile learner would (learner code in a real sandboxed
child, or a submission file given to the CLI) and then checks, from the outside, the property
the Safety section of docs/instructors.md promises. Every test here failed while its attack
worked; the comment on each says what the attack does and which wall now stops it.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

import pytest

from exercises import EXERCISES
from grader import Grader, Submission
from grader.cli import main
from grader.sandbox import Sandbox

SCHEMA = "linear-models-course/submission/v1"


def values(box: Sandbox, code: str, *names: str) -> dict:
    """Run ``code`` in a fresh child and return the plain values of ``names``."""
    outcome = box.run({"code": code, "names": list(names), "calls": []})
    assert outcome.status == "finished", outcome
    assert outcome.data["error"] is None, outcome.data["error"]
    return {name: outcome.data["names"][name].get("value") for name in names}


# --- (3) a child changes the template's state, inherited by every later learner's child ------
#
# Now: the filter refuses these calls (prlimit64 only on another process).
#
# The template is pid 1 of the PID namespace every child shares, and it runs as the same user
# as the children. Landlock's scoping (ABI 6+) covers signals and abstract Unix sockets only,
# and ptrace-class access; the seccomp deny-list has no entry for the calls below. The kernel
# lets a process of the same user lower another's priority, move it to SCHED_IDLE, pin it to
# one CPU, change its I/O priority and lower its resource limits (prlimit64 needs only equal
# uids/gids). Each change sticks to the template, and fork copies it into every child the
# template makes afterwards: the next learners' code runs deprioritised, pinned, or with the
# attacker's limits. The probe reads the state from inside a later, innocent child.

_IOPRIO = {"x86_64": (251, 252), "aarch64": (30, 31)}.get(platform.machine(), (251, 252))

TEMPLATE_STATE = {
    # nice 19 for the template, and so for every later child (raising it back needs CAP_SYS_NICE)
    "setpriority": (
        "import os\nos.setpriority(os.PRIO_PROCESS, 1, 19)\n",
        "import os\nprobe = os.getpriority(os.PRIO_PROCESS, 0)\n",
    ),
    # SCHED_IDLE: later children only run when the machine has nothing else to do
    "sched_setscheduler": (
        "import os\nos.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0))\n",
        "import os\nprobe = os.sched_getscheduler(0)\n",
    ),
    # every later child pinned to CPU 0, whatever --jobs and the machine allow
    "sched_setaffinity": (
        "import os\nos.sched_setaffinity(1, {min(os.sched_getaffinity(0))})\n",
        "import os\nprobe = len(os.sched_getaffinity(0))\n",
    ),
    # ioprio_set(IOPRIO_WHO_PROCESS, 1, IDLE class): later children read files at idle priority
    "ioprio_set": (
        f"import ctypes\nctypes.CDLL(None).syscall({_IOPRIO[0]}, 1, 1, 3 << 13)\n",
        f"import ctypes\nprobe = ctypes.CDLL(None).syscall({_IOPRIO[1]}, 1, 0)\n",
    ),
    # prlimit64 on pid 1: the template's (and every later child's) stack limit cut to 1 MiB
    "prlimit": (
        "import resource\nresource.prlimit(1, resource.RLIMIT_STACK, (1 << 20, 1 << 20))\n",
        "import resource\nprobe = str(resource.getrlimit(resource.RLIMIT_STACK))\n",
    ),
}


@pytest.mark.parametrize("attack", list(TEMPLATE_STATE), ids=list(TEMPLATE_STATE))
def test_a_child_cannot_change_the_template_for_the_next_learners(attack: str) -> None:
    change, probe = TEMPLATE_STATE[attack]
    with Sandbox(timeout=3.0) as box:  # a fresh template: the attack would outlive the test
        before = values(box, probe, "probe")["probe"]
        box.run({"code": "try:\n" + "".join(f"    {line}\n" for line in change.splitlines())
                 + "except OSError:\n    pass\n", "names": [], "calls": []})
        after = values(box, probe, "probe")["probe"]
    assert after == before, f"{attack} in one child changed every later child: {before} -> {after}"


# --- (3)+(6) one learner's code loses the next learner's correct work -------------------------
#
# Now: the filter refuses prlimit64 on another process, so the template keeps its limits.
#
# Same hole as above, used to hurt another learner: the attacker lowers the template's
# RLIMIT_NOFILE (soft and hard) to 3 with prlimit64, waits a moment so the template has already
# opened the pidfd it watches this child with, and ends normally. The template finishes that job,
# then reads the next learner's job and calls os.pipe(): EMFILE, the template dies, and the
# learner whose job was running there gets "lost" (an error, no credit) for correct code.
# The job behind a dead template is only re-queued if it had not started.

ATTACKER = (
    "import resource, time\ntime.sleep(0.3)\n"
    "resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3))\n"
)


def test_one_learners_code_cannot_cost_the_next_learner_their_grade() -> None:
    solution = EXERCISES["lr-divergence"].solution
    files = [
        Submission(Path("honest-first.json"), valid=True,
                   exercises={"lr-divergence": {"code": solution}}),
        Submission(Path("attacker.json"), valid=True,
                   exercises={"lr-divergence": {"code": ATTACKER}}),
        Submission(Path("honest-next.json"), valid=True,
                   exercises={"lr-divergence": {"code": solution}}),
    ]
    with Grader(seed=1, timeout=2.0, jobs=1) as grader:
        first, attacker, after = grader.grade(files)
    assert first["exercises"]["lr-divergence"]["status"] == "passed"
    assert attacker["exercises"]["lr-divergence"]["score"] == 0.0
    assert after["exercises"]["lr-divergence"]["status"] == "passed", after["exercises"][
        "lr-divergence"]


# --- (6) copying the previous learner's code out of the template's memory ---------------------
#
# Now: code, results and output pass through the template only in buffers it wipes
# (grader/sandbox/wire.py), and the child decodes its own copy of the code after the fork.
#
# The template reads every job (the learner's code, JSON-escaped in a length-prefixed message)
# into its own heap, parses it, forks the child, and frees it. glibc does not scrub freed
# chunks, so the text of earlier learners' code stays in the template's heap, and fork copies
# that heap into every later child. No wall covers a process reading its own memory: the thief
# asks malloc where the heap is (sbrk(0) and mallinfo2().arena, no /proc needed), copies it
# with ctypes.string_at, finds the earlier job message {"code": "...", "plan": N} whose code
# defines gradient_descent, and exec's it. It passes without writing a line of the solution,
# as does every later thief; each can equally read any earlier learner's work for any exercise.

THIEF = """\
import ctypes, json
libc = ctypes.CDLL(None)
class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]
libc.mallinfo2.restype = _MallInfo2
libc.sbrk.restype = ctypes.c_void_p
top = libc.sbrk(0)
size = libc.mallinfo2().arena
heap = ctypes.string_at(top - size, size)  # the template's heap, copied into this child at fork
opening, closing = b'{"code": "', b'", "plan": '
stolen, start = None, 0
while stolen is None:
    at = heap.find(opening, start)
    if at < 0:
        break
    start = at + 1
    end = heap.find(closing, at)
    if end < 0:
        continue
    try:
        code = json.loads(heap[at + len(opening) - 1 : end + 1].decode())
    except ValueError:
        continue
    if "def gradient" + "_descent" in code and "mallinfo2" not in code:
        stolen = code
if stolen is not None:
    exec(stolen)
"""


def test_a_learner_cannot_copy_an_earlier_learners_code_from_the_template() -> None:
    solution = EXERCISES["lr-divergence"].solution
    files = [
        Submission(Path("honest.json"), valid=True,
                   exercises={"lr-divergence": {"code": solution}}),
        Submission(Path("thief.json"), valid=True,
                   exercises={"lr-divergence": {"code": THIEF}}),
    ]
    assert "def gradient_descent" not in THIEF
    assert "diverges" not in THIEF
    with Grader(seed=1, timeout=2.0, jobs=1) as grader:
        honest, thief = grader.grade(files)
    assert honest["exercises"]["lr-divergence"]["status"] == "passed"
    assert thief["exercises"]["lr-divergence"]["status"] != "passed", (
        "code that only reads the template's heap passed by running the previous learner's")


# --- (3) a lock on a host inode, held for the rest of the batch -------------------------------
#
# Now: each child has its own empty stdin pipe, and the filter refuses flock and lock fcntls.
#
# Each child's stdin is dup2() of the template's one /dev/null descriptor, so the open file
# description is shared with the template. flock() locks belong to the open file description,
# not to the process: the child takes LOCK_EX on fd 0 (the filter allows flock, Landlock does
# not govern it) and ends; the template still holds that description, so the exclusive lock on
# the machine's /dev/null stays for as long as the template serves (the whole batch). Any
# process on the host that flocks /dev/null meanwhile blocks.

def test_a_child_cannot_leave_a_lock_on_a_host_file() -> None:
    import fcntl

    with Sandbox(timeout=3.0) as box:
        taken = values(box, "import fcntl\ntry:\n    fcntl.flock(0, fcntl.LOCK_EX)\n"
                       "    taken = True\nexcept OSError:\n    taken = False\n", "taken")
        fd = os.open(os.devnull, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                free = True
                fcntl.flock(fd, fcntl.LOCK_UN)
            except BlockingIOError:
                free = False
        finally:
            os.close(fd)
    assert free, f"after the child ended, /dev/null is still locked on the host ({taken})"


# --- (2) talking to processes outside through file locks --------------------------------------
#
# Now: the filter refuses flock and the locking, lease and notify fcntl commands.
#
# Landlock lets a child open the standard library for reading, and neither Landlock nor the
# filter governs flock() or fcntl() record locks on a file opened for reading. Lock state on
# an inode is shared by every process on the machine, so it is a channel: here a process
# outside (this test) holds a shared lock on the standard library's os.py and the child reads
# that bit with a non-blocking exclusive try. The other direction (the child locks, the host or
# a second template's child under --jobs 2 tests) works the same way, one bit per file and
# poll, so two learners' runs at the same time can talk, and the child can block any process
# on the host that takes an exclusive lock on a file the child can read.

def test_a_child_cannot_sense_a_lock_held_outside() -> None:
    import fcntl

    target = os.__file__
    code = (
        "import fcntl\n"
        f"with open({target!r}, 'rb') as handle:\n"
        "    try:\n"
        "        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "        sensed = False\n"
        "    except BlockingIOError:\n"
        "        sensed = True\n"
        "    except OSError:\n"
        "        sensed = None\n"
    )
    with Sandbox(timeout=3.0) as box:
        quiet = values(box, code, "sensed")["sensed"]
        with Path(target).open("rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            try:
                signalled = values(box, code, "sensed")["sensed"]
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    assert (quiet, signalled) != (False, True), "the child read a bit set by a process outside"


# --- (2)+(6) learning about any file on the host by path --------------------------------------
#
# Now: in its mount namespace the template's file system holds only the standard library,
# NumPy and an empty work folder (namespaces.narrow_view): no other path exists there.
#
# Landlock governs opening, reading and listing, but not stat(), access() or readlink(): those
# resolve any path on the machine. A child that cannot read the reference solutions learns
# whether each file exists, its size and its modification time (and the same for the
# instructor's home, other learners' submission files, keys, ...), a channel from the host
# into the run. Here it reads the size of lr-divergence's reference module exactly.

def test_a_child_cannot_stat_files_it_may_not_read() -> None:
    import exercises

    reference = Path(exercises.__file__).parent / "lr_divergence.py"
    code = (
        "import os\n"
        f"try:\n    size = os.stat({str(reference)!r}).st_size\nexcept OSError:\n"
        "    size = None\n"
        f"try:\n    open({str(reference)!r}, 'rb').read(1)\n    readable = True\n"
        "except OSError:\n    readable = False\n"
    )
    with Sandbox(timeout=3.0) as box:
        seen = values(box, code, "size", "readable")
    assert seen["readable"] is False  # Landlock does stop the read itself
    assert seen["size"] is None, f"the child learned the reference's size: {seen['size']} bytes"


# --- (1) a thread bomb ------------------------------------------------------------------------
#
# Now: the filter refuses clone altogether, threads included.
#
# The filter allows clone with CLONE_THREAD, and RLIMIT_NPROC (the only cap on tasks) is never
# set when the grader runs as root, which is how this machine and most containers run it. So
# one child may hold as many threads as its address space allows: with 64 KiB stacks, a few
# thousand within --memory-mb 512 (each also costs unaccounted kernel memory and a host pid).
# The attack stops at 250 to stay polite; NumPy here needs one thread (OPENBLAS_NUM_THREADS=1),
# so the test asks for a cap of 64.

THREAD_BOMB = """
import threading
threading.stack_size(64 * 1024)
stop = threading.Event()
made = 0
for _ in range(250):
    try:
        threading.Thread(target=stop.wait, daemon=True).start()
    except (RuntimeError, MemoryError):
        break
    made += 1
stop.set()
"""


def test_a_thread_bomb_is_capped() -> None:
    with Sandbox(timeout=3.0) as box:
        made = values(box, THREAD_BOMB, "made")["made"]
        walls = box.walls
    assert made < 64, f"one child ran {made} threads at once ({walls})"


# --- (5) a submission that breaks every report ------------------------------------------------
#
# Now: lone surrogates become U+FFFD when the file is read, file names are shown with
# undecodable bytes escaped, and the terminal escaping covers them too.
#
# JSON text may hold a lone surrogate escape ("\udc80"); json.loads turns it into a str that
# UTF-8 cannot encode. The learner's name is only checked to be text, so the file is valid and
# graded, and then every report writer (json.dumps(ensure_ascii=False) + write_text("utf-8"),
# the CSV writer, the HTML page, the feedback files) raises UnicodeEncodeError: grader.cli.main
# dies with a traceback after grading, and no report for the whole class is written. The
# terminal escaping (reports.terminal.shown) lets category Cs through too, so on a strict UTF-8
# stdout (any en_US.UTF-8 desktop; not C.UTF-8, whose stdout uses surrogateescape) even the
# plain summary crashes the CLI: `PYTHONIOENCODING=utf-8 python -m grader grade DIR` exits 1.
# The same happens with a file name that is not UTF-8 (os.fsdecode gives surrogates, as a zip
# from a learning platform can produce), and with an exercise id holding one.

REPORTS = {
    "terminal": lambda out: [],  # the summary lines alone (a strict UTF-8 stdout, as capsys)
    "json": lambda out: ["--json", str(out / "grades.json")],
    "csv": lambda out: ["--csv", str(out / "grades.csv")],
    "html": lambda out: ["--html", str(out / "class.html")],
    "feedback": lambda out: ["--feedback", str(out / "feedback")],
}


@pytest.mark.parametrize("where", ["learner-name", "file-name"])
@pytest.mark.parametrize("report", list(REPORTS), ids=list(REPORTS))
def test_a_lone_surrogate_does_not_break_the_reports(
    tmp_path: Path, report: str, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out = tmp_path / "subs", tmp_path / "out"
    folder.mkdir()
    out.mkdir()

    def document(name: str) -> str:
        return json.dumps({
            "schema": SCHEMA, "course": {"version": "0.1.0"},
            "learner": {"name": name, "email": "x@example.org"},
            "exported_at": "2025-03-01T10:00:00+00:00",
            "exercises": {"predict-x6": {"answer": 220}}, "quizzes": {},
        })  # ensure_ascii: the file itself is plain ASCII with a \\udc80 escape

    (folder / "bob.json").write_text(document("Bob"), encoding="utf-8")
    if where == "learner-name":
        (folder / "eve.json").write_text(document("Eve\udc80"), encoding="utf-8")
    else:
        fd = os.open(os.fsencode(folder) + b"/eve\xff.json", os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, document("Eve").encode())
        os.close(fd)
    argv = ["grade", str(folder), "--seed", "1", "--jobs", "1", "--no-progress",
            *REPORTS[report](out)]
    assert main(argv) == 0
    if report == "terminal":
        assert "Bob" in capsys.readouterr().out
    else:
        assert sorted(out.rglob("*")), "no report was written"


# --- sanity: the helpers above measure what they claim ---------------------------------------

def test_the_probes_see_an_unchanged_template_when_nothing_attacks() -> None:
    with Sandbox(timeout=3.0) as box:
        for _change, probe in TEMPLATE_STATE.values():
            first = values(box, probe, "probe")["probe"]
            assert first is not None  # a plain value the attack tests can compare
            assert values(box, probe, "probe")["probe"] == first



# --- (6) reading the previous learner's result out of the template's buffers -----------------
#
# Now: the template zeroes the result buffer as soon as it has sent the result on.
#
# The template receives each child's result into one reusable buffer and forks the next child
# before it reads that child's result. Had the buffer kept the last result, the next child
# would find it through the garbage collector (the template's objects are copied into every
# child) and could return an earlier learner's values as its own. The probe proves it reaches
# the buffers by finding its own code in them, so a miss is a real miss.

EARLIER = 'secret = "RESULT-" + "MARKER-" + "5d1c"\n'
RESULT_PROBE = """\
import gc
buffers = [bytes(held) for thing in gc.get_objects() if hasattr(thing, "__dict__")
           for held in vars(thing).values() if isinstance(held, bytearray)]
sees_own_code = any(b"OWN-CODE-X" in chunk for chunk in buffers)
sees_earlier_result = any(("RESULT-" + "MARKER-" + "5d1c").encode() in chunk for chunk in buffers)
"""


def test_a_learner_cannot_read_an_earlier_learners_result_from_the_template() -> None:
    with Sandbox(timeout=3.0) as box:
        assert values(box, EARLIER, "secret")["secret"] == "RESULT-MARKER-5d1c"
        seen = values(box, RESULT_PROBE + "# OWN-CODE-X\n", "sees_own_code",
                      "sees_earlier_result")
    assert seen["sees_own_code"], "the probe did not reach the template's buffers"
    assert not seen["sees_earlier_result"], "a child read the previous learner's result"
