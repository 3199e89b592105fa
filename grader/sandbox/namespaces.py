"""User, PID, network and IPC namespaces for the sandbox template and all its children.

Runs inside the sandbox template (as the module ``course_namespaces``), standard library only.
The template moves itself into new namespaces before it serves, so every child it forks shares
them: a network namespace with no interface up (no host, not even 127.0.0.1, is reachable), an
IPC namespace (no host message queues or shared memory), and a PID namespace whose first process
is the template itself. That last one is what makes "every process a run creates ends with the
run" hold whatever the process does to its session or process group: after each job the
template, as the namespace's init, kills every other process in it; and when the template ends
for any reason, the kernel kills everything left in the namespace.

An unprivileged user gets these through a user namespace (mapped to the same user and group, so
file permissions are unchanged); root without one (Docker's default profile forbids them) still
gets the PID, network, IPC and mount namespaces if it holds CAP_SYS_ADMIN. The mount namespace
gives the template and its children a file system of their own (`narrow_view`): the standard
library and NumPy, read-only, and an empty work folder; nothing else on the machine has a name
there. Where none of this works, the template runs in the grader's own namespaces and says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_SHARED = (os.CLONE_NEWPID | os.CLONE_NEWNET | os.CLONE_NEWIPC | os.CLONE_NEWNS
           if hasattr(os, "unshare") else 0)
_MS_NOSUID, _MS_NODEV, _MS_REMOUNT, _MS_BIND = 2, 4, 32, 4096
_MS_RDONLY, _MS_REC, _MS_PRIVATE, _MNT_DETACH = 1, 16384, 1 << 18, 2
# What a read-only remount of a bind must keep from its source (the kernel locks these flags
# in a user namespace): nosuid, nodev, noexec and the atime flags; statvfs's bits are the same.
_KEPT = 2 | 4 | 8 | 1024 | 2048 | 4096


def enter() -> list[str]:
    """Move this process into new namespaces and return their names (empty: none).

    After a new PID namespace this forks: the child, the namespace's first process, returns and
    serves; the original process stays outside, waits for it and exits with its status.
    """
    if not _SHARED:
        return []
    uid, gid = os.getuid(), os.getgid()
    try:
        os.unshare(os.CLONE_NEWUSER | _SHARED)
        _map_ids(uid, gid)
        names = ["user", "pid", "net", "ipc", "mount"]
    except OSError:
        try:
            os.unshare(_SHARED)
        except OSError:
            return []
        names = ["pid", "net", "ipc", "mount"]
    pid = os.fork()
    if pid:
        _stand_aside(pid)
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return names


def _map_ids(uid: int, gid: int) -> None:
    """Map this user and group to themselves inside the new user namespace."""
    Path("/proc/self/setgroups").write_text("deny")
    for name, value in (("uid_map", uid), ("gid_map", gid)):
        Path(f"/proc/self/{name}").write_text(f"{value} {value} 1")


def _stand_aside(init: int) -> None:
    """Outside the PID namespace: hold nothing, wait for its init, exit as it did. Never returns."""
    for fd in (0, 1):
        with contextlib.suppress(OSError):
            os.close(fd)
    _, status = os.waitpid(init, 0)
    os._exit(max(0, os.waitstatus_to_exitcode(status)))


def narrow_view(root: str, visible: list[str], workdir: str) -> bool:
    """Make ``root`` a file system holding only ``visible`` and ``workdir``, read-only; enter it.

    Called in the new mount namespace, once the template has loaded every library it needs.
    Landlock already stops reads elsewhere, but not ``stat``, ``access`` or ``readlink``: in
    this view, no other path on the machine exists at all. False (and nothing changed) when
    the kernel refuses a step.
    """
    libc = ctypes.CDLL(None, use_errno=True)

    def mount(source: str | None, target: str, kind: str | None, flags: int) -> None:
        encoded = [None if text is None else os.fsencode(text) for text in (source, target, kind)]
        if libc.mount(encoded[0], encoded[1], encoded[2], flags, None) != 0:
            raise OSError(ctypes.get_errno(), f"mount {target}")

    try:
        mount(None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing below propagates to the host
        mount("tmpfs", root, "tmpfs", _MS_NOSUID | _MS_NODEV)
    except OSError:
        return False
    try:
        for path in (*visible, workdir):
            target = root + path
            if Path(path).is_dir():
                Path(target).mkdir(parents=True, exist_ok=True)
            else:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                Path(target).touch()
            mount(path, target, None, _MS_BIND | _MS_REC)
            kept = os.statvfs(path).f_flag & _KEPT
            mount(None, target, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | kept)
        os.chroot(root)
    except OSError:
        libc.umount2(os.fsencode(root), _MNT_DETACH)
        return False
    os.chdir(workdir)
    return True


def is_init() -> bool:
    """Say whether this process is the first of its own PID namespace."""
    return os.getpid() == 1


def end_everything_else() -> None:
    """As a PID namespace's init: kill every other process in it and reap them all."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(-1, signal.SIGKILL)  # from init, -1 means the whole namespace but itself
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)
