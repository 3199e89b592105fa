"""The offline sandbox: every exercise run in its own confined process (Linux walls, see below).

`Sandbox` (in `grader.sandbox.pool`) owns template processes (`template`, the grader's side;
`zygote`, the template's own code) that fork one confined child per job. What confines a child
lives in `confine` (capabilities, rlimits, Landlock), `seccomp` (a system-call filter) and
`namespaces` (user, PID and network namespaces for the template and its children). The modules
that run inside the template use only the standard library, because the template receives their
source text and never imports the `grader` package. Only the offline path imports this package;
the browser never does.
"""

from __future__ import annotations

from .pool import DEFAULT_MEMORY_MB, DEFAULT_OUTPUT_LIMIT, Sandbox
from .template import Outcome, SandboxError

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_OUTPUT_LIMIT", "Outcome", "Sandbox", "SandboxError"]
