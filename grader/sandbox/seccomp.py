"""A system-call filter for sandboxed children, compiled once with libseccomp.

Runs inside the sandbox template (as the module ``course_seccomp``), so it uses only the
standard library: libseccomp (the library behind Docker's, systemd's and Chromium's filters)
is reached through ctypes. The template compiles the filter to a BPF program once; every child
then installs that program with one ``prctl`` call, just before learner code runs.

The filter refuses (with ``EPERM``, so Python raises an ordinary ``OSError``) what no exercise
needs and what the other walls leave open: every socket call (Landlock governs TCP but not
Unix sockets or UDP), creating processes or threads, changing another process's priority, CPUs
or limits, file locks and watches (shared machine-wide, so a channel), changing file metadata
(Landlock has no right for chmod, chown, utime or xattrs), opening files for writing and every
other write to the file system, System V and POSIX IPC, and the kernel interfaces an escape
goes through (namespaces, ptrace, io_uring, bpf, mount, keyrings, module loading). Calls of a
foreign architecture (32-bit calls on a 64-bit kernel) kill the child: libseccomp's default.
"""

from __future__ import annotations

import ctypes
import errno
import os

_DENIED = (
    # sockets of every family (Unix ones reach docker.sock or D-Bus; Landlock rules TCP only)
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "sendto",
    "sendmsg", "sendmmsg", "recvfrom", "recvmsg", "recvmmsg", "setsockopt", "getsockopt",
    "shutdown", "getsockname", "getpeername", "socketcall",
    # new processes, threads and programs: a run needs none (NumPy runs one thread here), and
    # root's tasks escape RLIMIT_NPROC, so none is the only count that holds for everyone
    "fork", "vfork", "clone", "execve", "execveat",
    # reaching into other processes of the same user (the template above all, whose state
    # every later child inherits): priorities, CPUs, memory placement
    "setpriority", "sched_setscheduler", "sched_setparam", "sched_setattr",
    "sched_setaffinity", "ioprio_set", "migrate_pages", "move_pages", "process_mrelease",
    # file locks and change notifications are shared by every process on the machine: a channel
    "flock", "inotify_init", "inotify_init1", "inotify_add_watch",
    # file metadata and every other change to the file system
    "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "lchown", "fchownat",
    "utime", "utimes", "utimensat", "futimesat", "setxattr", "lsetxattr", "fsetxattr",
    "setxattrat", "removexattr", "lremovexattr", "fremovexattr", "removexattrat",
    "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
    "link", "linkat", "symlink", "symlinkat", "mknod", "mknodat", "truncate", "ftruncate",
    "fallocate", "creat", "name_to_handle_at", "open_by_handle_at",
    # kernel interfaces an escape goes through
    "unshare", "setns", "ptrace", "process_vm_readv", "process_vm_writev", "process_madvise",
    "kcmp", "pidfd_open", "pidfd_getfd", "pidfd_send_signal", "io_uring_setup",
    "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "userfaultfd",
    "keyctl", "add_key", "request_key", "mount", "umount2", "pivot_root", "chroot",
    "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick", "mount_setattr",
    "swapon", "swapoff", "reboot", "kexec_load", "kexec_file_load", "init_module",
    "finit_module", "delete_module", "acct", "quotactl", "quotactl_fd", "sethostname",
    "setdomainname", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "syslog",
    "iopl", "ioperm", "fanotify_init", "fanotify_mark", "personality",
    # System V and POSIX IPC: a segment outlives the child and is memory no rlimit counts
    "shmget", "shmat", "shmctl", "shmdt", "semget", "semop", "semtimedop", "semctl",
    "msgget", "msgsnd", "msgrcv", "msgctl", "mq_open", "mq_unlink", "mq_timedsend",
    "mq_timedreceive", "mq_notify", "mq_getsetattr",
)
# Calls a C library retries the old way when told they do not exist (glibc: clone3 -> clone).
_MISSING = ("clone3", "openat2")

_ACT_ALLOW = 0x7FFF0000
_ACT_ERRNO = 0x00050000
_CMP_NE, _CMP_MASKED_EQ = 1, 7
# fcntl commands that lock, lease or watch files (F_GETLK... F_OFD_SETLKW, F_SETLEASE...)
_LOCKING_FCNTL = (5, 6, 7, 36, 37, 38, 1024, 1025, 1026)
_ATTR_OPTIMIZE = 8  # SCMP_FLTATR_CTL_OPTIMIZE
_WRITE_FLAGS = (os.O_WRONLY, os.O_RDWR, os.O_CREAT, os.O_TRUNC, os.O_APPEND)
_TIOCSTI = 0x5412  # pushes characters into a terminal's input
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2


class _ArgCmp(ctypes.Structure):
    _fields_ = (("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64))


class _SockFprog(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))


def compile_filter() -> bytes | None:
    """Return the filter as a BPF program, or None where libseccomp is missing."""
    try:
        lib = ctypes.CDLL("libseccomp.so.2")
    except OSError:
        return None
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = (ctypes.c_uint32,)
    lib.seccomp_rule_add_array.argtypes = (
        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint, ctypes.POINTER(_ArgCmp))
    lib.seccomp_syscall_resolve_name.argtypes = (ctypes.c_char_p,)
    lib.seccomp_export_bpf.argtypes = (ctypes.c_void_p, ctypes.c_int)
    lib.seccomp_release.argtypes = (ctypes.c_void_p,)
    context = lib.seccomp_init(_ACT_ALLOW)
    if not context:
        return None
    # A binary tree over syscall numbers instead of a linear scan (libseccomp 2.5+), so each
    # of the learner's system calls passes the filter in a few comparisons.
    lib.seccomp_attr_set(ctypes.c_void_p(context), _ATTR_OPTIMIZE, 2)
    try:
        return _build(lib, context)
    finally:
        lib.seccomp_release(context)


def _build(lib: ctypes.CDLL, context: int) -> bytes | None:
    def rule(action: int, name: str, *conditions: tuple[int, int, int, int]) -> None:
        """Add ``action`` for ``name`` when every (arg, op, a, b) condition holds."""
        number = lib.seccomp_syscall_resolve_name(name.encode())
        if number < 0:  # not a call on this architecture (fork on arm64, say)
            return
        array = (_ArgCmp * max(1, len(conditions)))(
            *(_ArgCmp(arg, op, a, b) for arg, op, a, b in conditions))
        if lib.seccomp_rule_add_array(context, action, number, len(conditions), array) != 0:
            raise OSError(f"libseccomp refused the rule for {name}")

    refuse, absent = _ACT_ERRNO | errno.EPERM, _ACT_ERRNO | errno.ENOSYS
    try:
        for name in _DENIED:
            rule(refuse, name)
        for name in _MISSING:
            rule(absent, name)
        rule(refuse, "prlimit64", (0, _CMP_NE, 0, 0))  # another process's limits
        for flag in _WRITE_FLAGS:
            rule(refuse, "openat", (2, _CMP_MASKED_EQ, flag, flag))
            rule(refuse, "open", (1, _CMP_MASKED_EQ, flag, flag))
        for command in _LOCKING_FCNTL:
            rule(refuse, "fcntl", (1, _CMP_MASKED_EQ, 0xFFFFFFFF, command))
        rule(refuse, "ioctl", (1, _CMP_MASKED_EQ, 0xFFFFFFFF, _TIOCSTI))
    except OSError:
        return None
    memory = os.memfd_create("seccomp-filter", os.MFD_CLOEXEC)
    try:
        if lib.seccomp_export_bpf(context, memory) != 0:
            return None
        os.lseek(memory, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(memory, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(memory)


class Program:
    """A compiled filter kept in memory, ready to install with one call per child."""

    def __init__(self, bpf: bytes) -> None:
        self._buffer = ctypes.create_string_buffer(bpf, len(bpf))
        self._program = _SockFprog(len(bpf) // 8, ctypes.addressof(self._buffer))
        self._prctl = ctypes.CDLL(None, use_errno=True).prctl

    def install(self) -> None:
        """Filter the calling process's system calls from now on (needs no_new_privs)."""
        if self._prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(self._program),
                       0, 0) != 0:
            raise OSError(ctypes.get_errno(), "seccomp filter not installed")
