"""One m1-wizard run per MIDI port: an advisory lock file per port name.

Two runs talking to one M1 at once interleave their requests and each takes the other's
replies for its own. Every run that opens a port holds an exclusive `flock` on a file
named after that port in a private runtime folder. The kernel drops the lock when the
process ends in any way (even SIGKILL), so a stale lock cannot outlive its run. Where
`fcntl` does not exist (Windows) or the folder cannot be made, no lock is taken: the
lock only guards against a mistake and must never stop a run that would work.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import IO

from wizard.errors import TransportError

RUNTIME_VARIABLE = "M1_WIZARD_RUNTIME_DIR"
"""Overrides the folder holding the lock files (tests, or a shared machine's policy)."""


def runtime_folder() -> Path:
    """Where lock files live: `$M1_WIZARD_RUNTIME_DIR`, else a folder in
    `$XDG_RUNTIME_DIR`, else a per-user folder in the system's temporary folder."""
    chosen = os.environ.get(RUNTIME_VARIABLE)
    if chosen:
        return Path(chosen)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "m1-wizard"
    user = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"m1-wizard-{user}"


def lock_file_name(port: str) -> str:
    """A file name for `port`: readable, safe, and distinct for distinct names."""
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "-", port).strip("-.")[:40]
    digest = hashlib.sha256(port.encode("utf-8")).hexdigest()[:12]
    return f"{readable}-{digest}.lock"


class PortLocks:
    """The locks one open connection holds; `release` lets them all go."""

    def __init__(self) -> None:
        self._files: list[IO[str]] = []

    def take(self, port: str, direction: str) -> None:
        """Lock `port` for this run.

        Raises:
            TransportError: Another m1-wizard run holds it; the message names its process.
        """
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks here
            return
        handle = _open_lock_file(port)
        if handle is None:
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise TransportError(
                f"Another m1-wizard run (process {holder}) is using the MIDI {direction} port "
                f'"{port}"; two runs at once would mix up their messages.',
                "Wait for that run to finish (or end it), then run this command again.",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._files.append(handle)

    def release(self) -> None:
        """Let every lock go (closing the file ends its lock)."""
        while self._files:
            self._files.pop().close()


def _open_lock_file(port: str) -> IO[str] | None:
    folder = runtime_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / lock_file_name(port)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None  # no lock rather than no run
    return os.fdopen(descriptor, "r+", encoding="utf-8")
