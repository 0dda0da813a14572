"""A closed terminal, `kill` or a service manager stops the wizard as its own Quit does: the
run under way is journalled where it stopped, the ports are closed and the app returns, so
whoever opened it (the demo) removes its files."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from textual.app import App

from wizard.stop_signals import CAUGHT, handled_by


@contextmanager
def quit_on_hangup(app: App[Any]) -> Iterator[None]:
    """While inside, SIGHUP and SIGTERM run the app's quit action; a second one while that
    quit is under way stops the process at once (the default), so it can never hang.

    Args:
        app: The app about to run in this (main) thread.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        for caught in CAUGHT:
            signal.signal(caught, signal.SIG_DFL)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # before the loop ran, or after it ended: nothing to tidy
            raise SystemExit(128 + signum) from None
        # The handler interrupts the loop's own thread: hand the quit to the loop.
        loop.call_soon_threadsafe(app.call_later, app.action_quit)

    with handled_by(stop):
        yield
