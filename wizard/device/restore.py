"""Restoring a dump file into the M1: plan (channel, allocation, size checks before anything is
sent), send one message at a time paced by the M1's replies, read back and compare."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from wizard.device.exchange import Exchange
from wizard.device.image import MemoryImage, differences, image_of, part_request, split_all_data
from wizard.device.outcomes import (
    ALLOCATION_50_KEYS,
    ALLOCATION_100_KEYS,
    DeviceError,
    Outcome,
)
from wizard.device.progress import Phase, Progress, ProgressReport, ignore_progress
from wizard.errors import WizardError
from wizard.m1 import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    Bank,
    GlobalDump,
    KorgMessage,
    SequenceDump,
)
from wizard.m1.constants import Allocation
from wizard.m1.dump_set import DumpSet, gather
from wizard.m1.parts import DOUBLE_PART_NEXT, Part, parts_of
from wizard.m1.report import contents_of, describe_contents
from wizard.m1.syx_file import DumpFile

BANK_DUMPS = (AllDataDump, AllProgramsDump, AllCombinationsDump, GlobalDump, SequenceDump)


class RestoreRefused(WizardError):
    """The restore was refused before anything was sent; the M1 is unchanged."""


@dataclass(frozen=True)
class RestorePlan:
    """What will be sent, checked against the M1 before the first byte goes out.

    Attributes:
        loads: The messages to send, in order, addressed to the M1's channel.
        image: What the M1's memory must hold afterwards (compared on read-back).
        description: What gets overwritten, in words.
        rewritten_from: Channels the file's messages were addressed to, when they differ
            from the M1's (each message is re-addressed).
        notes: Harmless things the person should know (a dump repeated exactly).
        parts: Each dump sent, in words, with the name of the file it came from.
    """

    loads: tuple[KorgMessage, ...]
    image: MemoryImage
    description: str
    rewritten_from: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    parts: tuple[tuple[str, str], ...] = ()

    @property
    def total_bytes(self) -> int:
        """Bytes that will be sent."""
        return sum(len(m.to_bytes()) for m in self.loads)


def _allocation_advice(file_allocation: Allocation, m1_allocation: Allocation) -> RestoreRefused:
    keys = ALLOCATION_100_KEYS if file_allocation is Allocation.P100_C100 else ALLOCATION_50_KEYS
    return RestoreRefused(
        f"The file is laid out for {file_allocation.short} memory but the M1 is set to "
        f"{m1_allocation.short}, so the M1 would reject it.",
        f"Back up the M1 first (`m1-wizard backup`), then set its memory allocation to "
        f"{file_allocation.short} ({keys}) and run the restore again; changing the allocation "
        "can erase sequencer songs and programs 50-99.",
    )


def plan_restore(
    source: DumpFile | DumpSet,
    channel: int,
    allocation: Allocation | None,
    max_size: int | None,
    leave_out: frozenset[str] = frozenset(),
    *,
    raw_device: str | None = None,
) -> RestorePlan:
    """Check a file (or a set of files) against the M1 and decide exactly what to send.

    Args:
        source: The file as read by `read_dump_file`, or a set `gather`ed from files.
        channel: The M1's global channel (every message is re-addressed to it).
        allocation: The M1's memory allocation from MODE DATA (None: unknown).
        max_size: The largest message the MIDI system carries (None: no limit).
        leave_out: Parts of memory (`Part` names) the person chose not to send.
        raw_device: The raw MIDI device of the same interface, which has no limit,
            named in the refusal of a message over `max_size` (`Transport.raw_device`).

    Raises:
        RestoreRefused: A file has errors, no bank data, card data, another allocation,
            two different dumps of one part, or a message too large for this MIDI system.
    """
    dump_set = source if isinstance(source, DumpSet) else gather((source,))
    where = "These files" if dump_set.several else dump_set.files[0].path
    for dump_file in dump_set.files:
        if dump_file.has_errors:
            first = dump_file.errors[0]
            raise RestoreRefused(
                f"{dump_file.path} cannot be sent: {first.message}",
                first.next_action or "Run `m1-wizard inspect` on the file to see every problem.",
            )
    dumps = dump_set.dumps
    if not dumps:
        hold = "hold" if dump_set.several else "holds"
        raise RestoreRefused(
            f"{where} {hold} no programs, combinations, global settings or songs to restore.",
            "Choose a file with M1 bank dumps (run `m1-wizard inspect` on it to see what "
            "it holds).",
        )
    for dump in dumps:
        if getattr(dump, "bank", Bank.INTERNAL) is Bank.CARD:
            raise RestoreRefused(
                f"{where} {'hold' if dump_set.several else 'holds'} RAM card data; m1-wizard "
                "restores the internal memory only.",
                "Load card data with the M1's own card pages, or choose an internal dump.",
            )
        file_allocation = getattr(dump, "allocation", None)
        if allocation is not None and file_allocation not in (None, allocation):
            raise _allocation_advice(file_allocation, allocation)
    if dump_set.conflicts:
        raise RestoreRefused(
            f"{where} cannot be sent: {dump_set.conflicts[0]} Nothing was sent.",
            DOUBLE_PART_NEXT,
        )
    rewritten = tuple(sorted({d.channel for d in dumps if d.channel != channel}))
    sent: list[tuple[KorgMessage, str]] = []  # each load with the name of its file
    left: list[str] = []
    for member in dump_set.members:
        moved = _readdressed(member.dump, channel)
        name = PurePath(member.source).name
        too_big = max_size is not None and _size(moved) > max_size
        if isinstance(moved, AllDataDump) and (too_big or leave_out):
            pieces = split_all_data(moved)
        else:
            pieces = [moved]
        for piece in pieces:
            if set(parts_of(piece)) <= leave_out:
                left.append(f"{describe_contents(contents_of(piece))} from {name}")
            else:
                sent.append((piece, name))
    if not sent:
        raise RestoreRefused(
            "With the parts left out, nothing is left to send; nothing was sent.",
            "Leave out fewer parts (--leave-out), or choose other files.",
        )
    for load, _ in sent:
        if max_size is not None and _size(load) > max_size:
            raise _too_large(load, max_size, raw_device)
    loads = [load for load, _ in sent]
    notes = list(dump_set.notes) + [f"Left out, as asked: {what}." for what in left]
    parts = _parts_in_words(dump_set, sent, left)
    description = "; ".join(what for what, _ in parts)
    return RestorePlan(tuple(loads), image_of(loads), description, rewritten, tuple(notes), parts)


def _parts_in_words(
    dump_set: DumpSet, sent: list[tuple[KorgMessage, str]], left: list[str]
) -> tuple[tuple[str, str], ...]:
    """Each dump as it goes, with its file: the set's own dumps, or, when parts were left
    out, the pieces that remain."""
    if left:
        return tuple((describe_contents(contents_of(load)), name) for load, name in sent)
    return tuple(
        (describe_contents(contents_of(m.dump)), PurePath(m.source).name) for m in dump_set.members
    )


PART_OPTIONS = {
    Part.GLOBAL: "global",
    Part.COMBINATIONS: "combinations",
    Part.PROGRAMS: "programs",
    Part.SEQUENCE: "songs",
}
"""The words `--leave-out` takes for each part of memory."""


def _too_large(load: KorgMessage, max_size: int, raw_device: str | None) -> RestoreRefused:
    option = " ".join(f"--leave-out {PART_OPTIONS[p]}" for p in parts_of(load))
    return RestoreRefused(
        f"The {describe_contents(contents_of(load))} message is {_size(load):,} bytes but "
        f"this MIDI system carries at most {max_size:,} bytes in one message, so the set "
        "cannot go in whole; nothing was sent.",
        f"{_whole_message_advice(raw_device)} Or leave that part out on purpose with "
        f"{option} (the rest goes in).",
    )


def _whole_message_advice(raw_device: str | None) -> str:
    if raw_device is not None:
        return (
            "Send it through the raw MIDI device of the same interface, which carries "
            f"messages of any size (--port {raw_device})."
        )
    return (
        "Use a MIDI interface on ALSA raw MIDI (--port hw:CARD,DEVICE; `m1-wizard ports` "
        "lists them), CoreMIDI or Windows."
    )


def _size(message: KorgMessage) -> int:
    return len(message.to_bytes())


def _readdressed(dump: KorgMessage, channel: int) -> KorgMessage:
    return dump if dump.channel == channel else replace(dump, channel=channel)


@dataclass
class RestoreState:
    """How far a restore got, for the message after a failure or Ctrl-C."""

    acknowledged: list[str] = field(default_factory=list)
    in_flight: str | None = None
    reading_back: bool = False
    """Every part went in and was acknowledged; what is missing is the read-back check."""

    def describe(self) -> str:
        """The M1's state in words."""
        if self.reading_back:
            return (
                "Every part went in and the M1 confirmed each one: "
                + "; ".join(self.acknowledged)
                + ". Only the check is missing: it stopped while reading the data back to "
                "compare."
            )
        if not self.acknowledged and not self.in_flight:
            return "Nothing was sent; the M1's memory is unchanged."
        done = (
            "The M1 confirmed loading: " + "; ".join(self.acknowledged) + "."
            if self.acknowledged
            else "The M1 confirmed nothing yet."
        )
        if self.in_flight:
            done += (
                f" It was receiving {self.in_flight} when it stopped, so that part may be "
                "half loaded."
            )
        return done


def send_plan(
    exchange: Exchange,
    plan: RestorePlan,
    state: RestoreState,
    report: ProgressReport = ignore_progress,
    *,
    delay_after_f7: float = 0.0,
    clock: Callable[[], float] = time.monotonic,
    pause: Callable[[float], None] = time.sleep,
) -> None:
    """Send every load, one at a time, each waiting for the M1's 23.

    Progress is estimated from the wire time while a message is on its way (the OS takes
    the whole message at once; the cable needs 0.32 ms a byte, m1-sysex.md §3.7).

    Raises:
        DeviceError: 24, 26, silence or damage; `state` says what the M1 took.
    """
    total = plan.total_bytes
    done = 0
    start = clock()
    for load in plan.loads:
        data = load.to_bytes()
        label = describe_contents(contents_of(load))
        state.in_flight = label
        sent_at = clock()

        def tick(
            done: int = done, size: int = len(data), sent_at: float = sent_at, label: str = label
        ) -> None:
            rate = exchange.wire_rate
            moved = size if rate is None else min(size, int((clock() - sent_at) * rate))
            phase = Phase.SEND if moved < size else Phase.WAIT
            report(Progress(phase, done + moved, total, clock() - start, label, True))

        exchange.load(data, tick=tick)
        done += len(data)
        state.acknowledged.append(label)
        state.in_flight = None
        report(Progress(Phase.SEND, done, total, clock() - start, label, False))
        if delay_after_f7 > 0:
            pause(delay_after_f7)  # the person asked for this gap (odd interfaces)


def read_back(
    exchange: Exchange,
    plan: RestorePlan,
    report: ProgressReport = ignore_progress,
    clock: Callable[[], float] = time.monotonic,
) -> MemoryImage:
    """Ask the M1 for every part the plan wrote and return what it holds.

    Parts are requested one by one (global, combinations, programs, sequence), which works
    on every MIDI system and compares the same bytes as one ALL DATA request would.
    """
    dumps = []
    start = clock()
    for part in plan.image.parts:
        request, reply = part_request(part, exchange.channel)

        def moved(count: int, part: str = part) -> None:
            report(Progress(Phase.READ_BACK, count, 0, clock() - start, part))

        dumps.append(exchange.request(request, reply, on_bytes=moved))
    return image_of(dumps)


def verify(plan: RestorePlan, read: MemoryImage) -> None:
    """Compare what was sent with what came back, byte for byte.

    Raises:
        DeviceError: READBACK_MISMATCH naming what differs.
    """
    found = differences(plan.image, read)
    if found:
        raise DeviceError(Outcome.READBACK_MISMATCH, "; ".join(found).capitalize() + ".")
