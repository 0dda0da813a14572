"""The `memory_unprotected` live check: the write probe of m1-sysex.md §4.4, made provably
harmless.

No dump carries the memory-protect flags; they show only by their effect, a write request
(11 / 1A) answered with 21 (stored) or 22 (protected). A write stores the edit buffer into
a numbered slot, so the probe first makes sure that the edit buffer is byte-identical to
what that slot already holds; the write then stores the same bytes and memory cannot
change. For programs:

1. ALL PROGRAM DUMP REQUEST (1C 00) -> the stored programs.
2. MODE CHANGE (4E) to PROG, since 10 / 11 are received in PROG mode only (§2.5).
3. PROGRAM DUMP REQUEST (10) -> the edit buffer (40). If it equals stored program k, k is
   used; otherwise a Program Change on the global channel selects program 0, which loads
   it into the edit buffer (§2.6; assumed, as an M1 does on the panel), and the edit buffer
   is requested again. Only an edit buffer identical to the stored program goes on.
4. PROGRAM WRITE REQUEST (11 00 k): 21 = program protect off, 22 = on.

Combinations the same way with 1D, 4E COMBI, 19 -> 49 and 1A. The M1 is then put back in
the mode it was in (4E reaches PROG, EDIT PROG, COMBI and EDIT COMBI only, §9 item 2; from
GLOBAL or SEQ the person is told which key to press). The fallback of step 3 changes which
program or combination is selected and drops unsaved edits in the edit buffer; the result
says so. The sequencer protect has no write request to probe with: the result asks the
person to read it on the display.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from wizard.device.exchange import Exchange
from wizard.device.outcomes import PROTECT_OFF_KEYS, DeviceError, Outcome
from wizard.engine.checks.asking import (
    exchange_of,
    failure,
    mode_data,
    status_of,
    unsolicited_count,
)
from wizard.engine.checks.result import CheckResult, cannot_tell, failed, passed
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.m1 import (
    AllCombinationsDump,
    AllProgramsDump,
    Bank,
    CombinationDump,
    Function,
    KorgMessage,
    Mode,
    ModeChange,
    ProgramDump,
    Request,
    WriteRequest,
)
from wizard.procedure.model import ParamValue

PROGRAM_CHANGE = 0xC0
FALLBACK_NUMBER = 0
REMOTE_MODES = (Mode.COMBINATION, Mode.EDIT_COMBINATION, Mode.PROGRAM, Mode.EDIT_PROGRAM)
MODE_KEYS = {Mode.GLOBAL: "GLOBAL", Mode.SEQUENCER: "SEQ"}
SEQUENCE_QUESTION = (
    "The sequencer memory protect cannot be tested over MIDI. On the M1, press GLOBAL, 6, "
    "+, + : does the display show the sequencer protect (Seq) OFF?"
)
SILENT = (
    "The M1 did not answer, so its memory protect cannot be tested.",
    "Make sure the M1 answers over MIDI (the m1_responds check), then retry; or check "
    "GLOBAL page 6 on the M1 and skip this check.",
)
PROTECT_FIX = (
    f"Turn the memory protects off on the M1: press {PROTECT_OFF_KEYS} (GLOBAL, 6 opens the "
    "protect page; DOWN sets the protect under the cursor to OFF, + moves on to the next "
    "protect and B puts the cursor on it), then retry."
)
SEQUENCE_IF_NOT = "Press B, then DOWN, to turn the sequencer memory protect off."
MODE_NOT_RESTORED = (
    " The M1 could not be put back in the mode it was in over MIDI: check its mode on the display."
)


@dataclass(frozen=True)
class ProbedMemory:
    """One kind of memory the probe tests."""

    word: str
    mode: Mode
    bank_request: Function
    bank_reply: Function
    edit_request: Function
    edit_reply: Function
    write: Function


PROGRAMS = ProbedMemory(
    "program",
    Mode.PROGRAM,
    Function.ALL_PROGRAMS_REQUEST,
    Function.ALL_PROGRAMS_DUMP,
    Function.PROGRAM_REQUEST,
    Function.PROGRAM_DUMP,
    Function.PROGRAM_WRITE,
)
COMBINATIONS = ProbedMemory(
    "combination",
    Mode.COMBINATION,
    Function.ALL_COMBINATIONS_REQUEST,
    Function.ALL_COMBINATIONS_DUMP,
    Function.COMBINATION_REQUEST,
    Function.COMBINATION_DUMP,
    Function.COMBINATION_WRITE,
)


class ProtectState(Enum):
    """What the probe found for one kind of memory."""

    OFF = "off"
    ON = "on"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """The probe's answer for one kind of memory, with the reason when UNKNOWN."""

    protect: ProtectState
    reason: str = ""
    reselected: bool = False


def _stored(exchange: Exchange, memory: ProbedMemory) -> tuple[bytes, ...]:
    dump = exchange.request(
        Request(exchange.channel, memory.bank_request, Bank.INTERNAL), memory.bank_reply
    )
    if isinstance(dump, AllProgramsDump):
        return tuple(p.raw for p in dump.programs)
    assert isinstance(dump, AllCombinationsDump)
    return tuple(c.raw for c in dump.combinations)


def _edit_buffer(exchange: Exchange, memory: ProbedMemory) -> bytes:
    dump: KorgMessage = exchange.request(
        Request(exchange.channel, memory.edit_request), memory.edit_reply
    )
    if isinstance(dump, ProgramDump):
        return dump.program.raw
    assert isinstance(dump, CombinationDump)
    return dump.combination.raw


def _probe(exchange: Exchange, memory: ProbedMemory) -> Finding:
    stored = _stored(exchange, memory)
    exchange.transport.send(ModeChange(exchange.channel, int(memory.mode), 0).to_bytes())
    try:
        edit = _edit_buffer(exchange, memory)
    except DeviceError as error:
        if error.outcome is not Outcome.REQUEST_REFUSED:
            raise
        return Finding(
            ProtectState.UNKNOWN,
            f"The M1 did not go into {memory.mode.label} mode when asked, so no test "
            f"write could be made.",
        )
    reselected = False
    if edit not in stored:
        exchange.transport.send(bytes((PROGRAM_CHANGE | (exchange.channel - 1), FALLBACK_NUMBER)))
        edit = _edit_buffer(exchange, memory)
        reselected = True
        if edit != stored[FALLBACK_NUMBER]:
            return Finding(
                ProtectState.UNKNOWN,
                f"The {memory.word} edit buffer differs from the stored {memory.word}s "
                "(an edit in progress, or the program-change filter is off), so a test "
                "write could change memory and none was made.",
                reselected,
            )
    number = stored.index(edit)
    write = WriteRequest(exchange.channel, memory.write, Bank.INTERNAL, number)
    status = status_of(exchange, write)
    if status is Function.WRITE_COMPLETED:
        return Finding(ProtectState.OFF, reselected=reselected)
    if status is Function.WRITE_ERROR:
        return Finding(ProtectState.ON, reselected=reselected)
    return Finding(
        ProtectState.UNKNOWN,
        f"The M1 answered the test write with {int(status):02X} instead of 21 or 22.",
        reselected,
    )


def _restore_mode(exchange: Exchange, mode: int) -> str:
    """Put the M1 back in `mode` over MIDI where it can be; otherwise the panel key that
    does it ("" when there is none, or nothing to press)."""
    if mode in REMOTE_MODES:
        exchange.transport.send(ModeChange(exchange.channel, mode, 0).to_bytes())
        return ""
    try:
        known = Mode(mode)
    except ValueError:
        return ""
    return MODE_KEYS.get(known, "")


def _back_to(start: int, now: int, key: str) -> str:
    """The key back to the mode the M1 was in, said only when the M1 (asked over MIDI) is
    not in it: on the demo's display or a real one, a GLOBAL to press while already in
    Global mode would puzzle the person."""
    if not key or now == start:
        return ""
    back = f"{key} on the M1 to return to {Mode(start).label} mode."
    try:
        return f" The test left the M1 in {Mode(now).label} mode: press {back}"
    except ValueError:
        return f" Press {back}"


def memory_unprotected(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when both program and combination memory protect are off (then the person is
    asked about the sequencer protect); FAIL when either is on; CANNOT_TELL when the probe
    could not be made harmlessly or the M1 did not answer."""
    name = "memory_unprotected"
    before = unsolicited_count(session)
    try:
        exchange = exchange_of(session)
        start_mode = mode_data(session).mode
    except WizardError as error:
        return failure(name, session, error, before, SILENT)
    findings: dict[str, Finding] = {}
    try:
        for memory in (PROGRAMS, COMBINATIONS):
            findings[memory.word] = _probe(exchange, memory)
    except WizardError as error:
        return failure(name, session, error, before, SILENT)
    finally:
        # Raising here would replace the result (or the error) above: a check never raises.
        try:
            key = _restore_mode(exchange, start_mode)
            back = _back_to(start_mode, mode_data(session).mode, key) if key else ""
        except WizardError:
            back = MODE_NOT_RESTORED
    return _verdict(name, findings, back)


def _same_as_stored(words: list[str]) -> str:
    """What the probe wrote, in plain words: "a program the same as the one already in its
    place" (the probe's write of unchanged data, said without "write" or "record")."""
    if len(words) == 1:
        return f"a {words[0]} the same as the one already in its place"
    return " and ".join(f"a {w}" for w in words) + " the same as the ones already in their places"


def _verdict(name: str, findings: dict[str, Finding], back: str) -> CheckResult:
    moved = (
        " The test selected program or combination 00 on the M1."
        if any(f.reselected for f in findings.values())
        else ""
    )
    on = [word for word, f in findings.items() if f.protect is ProtectState.ON]
    if on:
        which = " and ".join(on)
        return failed(
            name,
            f"The {which} memory protect is on: the wizard asked the M1 to store "
            f"{_same_as_stored(on)} (which changes nothing), and the M1 refused.{moved}{back}",
            PROTECT_FIX,
        )
    unknown = [f.reason for f in findings.values() if f.protect is ProtectState.UNKNOWN]
    if unknown:
        return cannot_tell(
            name,
            " ".join(unknown) + moved + back,
            f"Check GLOBAL page 6 on the M1: the protects must be OFF ({PROTECT_OFF_KEYS}).",
        )
    return passed(
        name,
        "Program and combination memory protect are off: the wizard asked the M1 to store "
        f"{_same_as_stored(list(findings))} (which changes nothing), and it stored them."
        f"{moved}{back}",
        question=SEQUENCE_QUESTION,
        if_not=SEQUENCE_IF_NOT,
        answered_by="Seq:OFF",
        answered_means="the sequencer protect is off too",
    )
