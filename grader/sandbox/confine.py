"""Confinement for the sandbox: no capabilities, resource limits, Landlock.

Like `grader.sandbox.zygote`, this module runs inside the sandbox template, which receives its
source text (as the module ``course_confine``); it uses nothing beyond the standard library.
What can be given up once is given up by the template itself and inherited by every child it
forks (no capabilities, no new privileges); each child then adds only its own resource limits
and its own Landlock domain. Landlock (Linux 5.13+, see the kernel's
``Documentation/userspace-api/landlock.rst``) takes away file writes, file reads outside the
allowed folders, TCP, and signals, abstract Unix sockets and ptrace towards processes outside
the child, the template included; where it is missing, the resource limits, the capability drop
and the system-call filter (`grader.sandbox.seccomp`) still apply.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path
from typing import Any


def confine_template() -> None:
    """Give up, once and for every future child, what no job needs: privileges.

    Raises:
        OSError: a root template could not drop its capabilities (it must not serve then).

    """
    if not _LIBC:
        return
    # Landlock needs no_new_privs from a process without CAP_SYS_ADMIN, which children are.
    _LIBC[0].prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    # Root holds capabilities, and so does anyone inside a new user namespace: drop them all.
    drop_capabilities()


def confine_child(ruleset: int | None) -> None:
    """Put the calling child in its own Landlock domain (if any); the template stays outside."""
    if ruleset is not None:
        landlock_enforce(ruleset)


def confinement_works(ruleset: int) -> bool:
    """Check once, in a throwaway child, that this kernel really applies the ruleset."""
    pid = os.fork()
    if pid == 0:
        try:
            confine_child(ruleset)
            os._exit(0)
        except BaseException:
            os._exit(1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def set_limits(limits: dict) -> None:
    """Apply the child's resource limits (a limit of None is left alone)."""
    pairs = (
        (resource.RLIMIT_AS, limits["address_space"]),
        (resource.RLIMIT_CPU, limits["cpu_seconds"]),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, 0),
        (resource.RLIMIT_NOFILE, 64),
        (resource.RLIMIT_NPROC, limits["processes"]),
    )
    for kind, value in pairs:
        if value is None:
            continue
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):  # e.g. a hard limit already lower: keep that one
            continue


_SYS_CREATE, _SYS_ADD_RULE, _SYS_RESTRICT = 444, 445, 446
_PR_SET_NO_NEW_PRIVS = 38
_PR_CAPBSET_DROP, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 24, 47, 4
_CAPABILITY_VERSION_3 = 0x20080522
_READ = (1 << 0) | (1 << 2) | (1 << 3)  # execute, read file, read directory
_LIBC: list = []  # the C library handle, loaded once in the template
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}


def load_libc() -> bool:
    """Load the C library once, in the template, for Landlock and capabilities."""
    if _LIBC:
        return True
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
    except (OSError, AttributeError):
        return False
    _LIBC.append(libc)
    return True


def landlock_abi() -> int:
    """Return the kernel's Landlock ABI version (0: no Landlock)."""
    import ctypes

    abi = _LIBC[0].syscall(_SYS_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(0, int(abi))


def landlock_ruleset(readable: list[str]) -> int | None:
    """Build a Landlock ruleset allowing reads below ``readable`` only; None if unsupported."""
    try:
        import ctypes
        import fcntl

        libc = _LIBC[0]
        abi = libc.syscall(_SYS_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
        if abi < 1:
            return None
        handled_fs = _FS_BY_ABI[max(v for v in _FS_BY_ABI if v <= abi)]
        fields = [handled_fs, 0b11 if abi >= 4 else 0, 0b11 if abi >= 6 else 0]
        size = 8 * (3 if abi >= 6 else 2 if abi >= 4 else 1)
        attr = (ctypes.c_uint64 * 3)(*fields)
        ruleset = libc.syscall(_SYS_CREATE, ctypes.byref(attr), ctypes.c_size_t(size), 0)
        if ruleset < 0:
            return None
        for path in readable:
            _allow_reads(libc, int(ruleset), path, handled_fs)
        high = fcntl.fcntl(int(ruleset), fcntl.F_DUPFD_CLOEXEC, 100)
        os.close(int(ruleset))
        return high
    except (OSError, AttributeError, KeyError, ValueError):
        return None


def _allow_reads(libc: Any, ruleset: int, path: str, handled_fs: int) -> None:
    import ctypes

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))

    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        is_dir = Path(path).is_dir()
        rule = PathBeneath(_READ & handled_fs if is_dir else (1 << 0 | 1 << 2), fd)
        libc.syscall(_SYS_ADD_RULE, ruleset, 1, ctypes.byref(rule), 0)
    finally:
        os.close(fd)


def drop_capabilities() -> None:
    """Empty the capability sets and the bounding set, so root in a child is powerless."""
    import ctypes

    libc = _LIBC[0]
    for capability in range(64):
        libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0)  # fails harmlessly past the last
    libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    if libc.capset(ctypes.byref(header), ctypes.byref(data)) != 0:
        raise OSError("capset failed")


def landlock_enforce(ruleset: int) -> None:
    """Confine the calling process (and its future children) with ``ruleset``."""
    if _LIBC[0].syscall(_SYS_RESTRICT, ruleset, 0) != 0:
        raise OSError("landlock_restrict_self failed")
