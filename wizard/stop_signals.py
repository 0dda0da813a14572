"""The signals that ask m1-wizard to stop from outside (a closed terminal, `kill`, a service
manager), and one way to handle them for a while and put the old handlers back: the command
line turns them into Ctrl-C, the Textual wizard into its own Quit."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

CAUGHT = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)  # Windows has no SIGHUP

Handler = Callable[[int, FrameType | None], Any] | int | None
"""What `signal.signal` takes and gives back."""


@contextmanager
def handled_by(handler: Handler) -> Iterator[None]:
    """While inside, the CAUGHT signals go to `handler` (a function, SIG_DFL or SIG_IGN);
    the handlers from before come back after. Off the main thread signals cannot be
    handled, and nothing changes."""
    previous: dict[int, Handler] = {}
    try:
        for caught in CAUGHT:
            previous[caught] = signal.signal(caught, handler)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for caught, old in previous.items():
            signal.signal(caught, old if old is not None else signal.SIG_DFL)
