"""Backups started on the M1's own panel (GLOBAL page 7): the one that works even when the
M1 does not answer requests, since panel dumps ignore the exclusive filter (m1-sysex.md §5.1)."""

from __future__ import annotations

import time
from collections.abc import Callable

from wizard.device.backup import Backup
from wizard.device.exchange import Exchange
from wizard.device.progress import Phase, Progress, ProgressReport, ignore_progress
from wizard.m1 import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    GlobalDump,
    Message,
    SequenceDump,
)

MANUAL_KEYS = "GLOBAL, 7, UP, UP, UP, UP, G"
"""The owner's guide's keys for a panel dump of ALL DATA."""

PANEL_DUMPS = (AllDataDump, AllProgramsDump, AllCombinationsDump, GlobalDump, SequenceDump)


def receive_panel_dump(
    exchange: Exchange,
    wait: float,
    report: ProgressReport = ignore_progress,
    clock: Callable[[], float] = time.monotonic,
) -> Backup:
    """Wait for the person to start a dump on the M1 and receive it.

    Any bank dump on any channel is taken (the channel is read from the dump); other
    traffic is skipped. Bytes are reported as they arrive.

    Raises:
        DeviceError: SILENT when nothing started within `wait` seconds; DAMAGED_REPLY.
    """
    start = clock()

    def moved(count: int) -> None:
        report(Progress(Phase.BACKUP, count, 0, clock() - start, "panel dump"))

    def is_dump(message: Message) -> bool:
        return isinstance(message, PANEL_DUMPS)

    # No clear_input() here: a dump the person started a moment early is still wanted.
    dump = exchange.await_reply(is_dump, wait, on_bytes=moved)
    assert isinstance(dump, PANEL_DUMPS)
    exchange.channel = dump.channel
    return Backup("panel", (dump,), None)
