"""Closing the terminal under the wizard ends it as a quit does: the app is run in a
pseudo-terminal in a process of its own, the terminal's far end is closed (the kernel sends
SIGHUP, as when a terminal window is closed), and the process must end by itself, leaving
the demo's folder for the next run and no stray files."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest

WAIT_LIMIT = 60.0
OPENED = b"Start"
"""On the home screen's button: the wizard has drawn its first screen."""

LAUNCH = (
    "import sys; from wizard.cli import main; sys.exit(main(['--demo', '--scenario', 'factory']))"
)


def _read_until(fd: int, wanted: bytes) -> bytes:
    seen = b""
    deadline = time.monotonic() + WAIT_LIMIT
    while wanted not in seen:
        assert time.monotonic() < deadline, f"the wizard never showed {wanted!r}"
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            seen += os.read(fd, 65536)
    return seen


def _wait_for_exit(pid: int) -> int:
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.1)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    raise AssertionError("the wizard did not end after its terminal was closed")


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals on Windows")
def test_closing_the_terminal_ends_the_demo_as_a_quit_does(tmp_path: Path) -> None:
    import pty

    home, scratch = tmp_path / "home", tmp_path / "tmp"
    scratch.mkdir()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the wizard's own process, its files under tmp_path
        os.environ.update(
            M1_WIZARD_HOME=str(home), TMPDIR=str(scratch), COLUMNS="80", LINES="24", TERM="xterm"
        )
        os.execv(sys.executable, [sys.executable, "-c", LAUNCH])
    try:
        _read_until(fd, OPENED)
    finally:
        os.close(fd)  # the terminal window closes
    status = _wait_for_exit(pid)
    assert os.WIFEXITED(status), f"ended by signal {os.WTERMSIG(status)}"
    assert list(scratch.iterdir()) == []
