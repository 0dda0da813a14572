"""What a run has already established, so that each fact is asked or measured once: the
display a keys step was seen to show, instructions already carried out, the M1 answering
over MIDI, and a read-back that already matched; plus the name of program 00 in the file
sent, for the last look at the sounds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wizard.errors import WizardError
from wizard.m1 import AllDataDump, AllProgramsDump, KorgMessage
from wizard.m1.factory_set import recognise
from wizard.m1.syx_file import read_dump_file
from wizard.procedure.model import (
    BackupScope,
    BackupStep,
    CheckStep,
    ConfirmStep,
    InstructionStep,
    KeysStep,
    SafetyStep,
    Step,
    TransferStep,
)

ANSWERS_MIDI = frozenset({"m1_responds", "exclusive_enabled"})
"""Checks whose pass proves that the M1 answers over MIDI."""
PROGRAM_00 = "{program_00}"
"""Written in a confirm step's question or expect: the name of program 00 in the file sent."""
PROGRAM_00_UNKNOWN = "program 00 of the file you sent"
PROGRAM_00_NAME = "{program_00_name}"
"""Written in a keys step's display: the bare name of program 00 in the file sent (empty
when it is not known), so that a display still showing the old sound does not match."""

BACKED_UP_ALREADY = {
    BackupScope.ALL: "Everything in the M1's memory is in the backup saved earlier in this run.",
    BackupScope.PROGRAMS: "The programs are in the backup saved earlier in this run.",
    BackupScope.COMBINATIONS: "The combinations are in the backup saved earlier in this run.",
    BackupScope.GLOBAL: "The global settings are in the backup saved earlier in this run.",
    BackupScope.SEQUENCE: "The songs are in the backup saved earlier in this run.",
}
"""Why a warning about losing a part of the memory is not shown again."""


@dataclass
class Facts:
    """What this run has established.

    Attributes:
        shown: The display lines a keys step was seen to show (by the wizard in the demo,
            or by the person); kept while only questions and checks follow.
        instructions: Titles of the instructions carried out.
        answered: The M1 has answered over MIDI.
        fresh: Checks made true by the step just done (a backup or a transfer that was
            read back and compared), e.g. "matches_file" or "matches_backup:all".
        backed_up: What the verified backups of this run hold, as backup scopes.
    """

    shown: tuple[str, ...] = ()
    instructions: set[str] = field(default_factory=set)
    answered: bool = False
    fresh: set[str] = field(default_factory=set)
    backed_up: set[BackupScope] = field(default_factory=set)


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def display_covers(shown: tuple[str, ...], text: str) -> bool:
    """True when `text` (runs of spaces counting as one) appears on the shown display."""
    want = _squeezed(text)
    return bool(want) and any(want in _squeezed(line) for line in shown)


def already_established(facts: Facts, step: Step) -> str | None:
    """Why `step` need not be asked or measured again, in one sentence; None to run it."""
    match step:
        case ConfirmStep(expect=expect) if display_covers(facts.shown, expect):
            return f"The display was already seen to show {_squeezed(expect)}."
        case InstructionStep(unless_m1_answers=True) if facts.answered:
            return "The M1 already answered over MIDI in this run, so the cables are in."
        case InstructionStep(title=title) if title and title in facts.instructions:
            return f"Already done earlier in this run: {title}."
        case CheckStep(check="m1_responds") if facts.answered:
            return "The M1 already answered over MIDI in this run."
        case CheckStep(check="matches_file") if "matches_file" in facts.fresh:
            return "What was sent in the step just done was read back from the M1 and matched."
        case SafetyStep(unless_backed_up=scope) if scope is not None and (
            facts.backed_up & {scope, BackupScope.ALL}
        ):
            return BACKED_UP_ALREADY[scope]
        case CheckStep(check="matches_backup", params=params):
            if f"matches_backup:{params.get('what', 'all')}" in facts.fresh:
                return "The backup was read back and compared with the M1 in the step just done."
    return None


def step_done(facts: Facts, step: Step, *, done: bool = True, shown: bool = False) -> None:
    """Keep what a finished step established (`done`: it was not skipped); forget what
    it may have changed."""
    facts.fresh = set()
    if not done:
        facts.shown = () if not isinstance(step, (ConfirmStep, CheckStep)) else facts.shown
        return
    if isinstance(step, KeysStep):
        facts.shown = step.display if shown else ()
    elif not isinstance(step, (ConfirmStep, CheckStep)):
        facts.shown = ()
    match step:
        case InstructionStep(title=title) if title:
            facts.instructions.add(title)
        case CheckStep(check=check) if check in ANSWERS_MIDI:
            facts.answered = True
        case SafetyStep(unplugs_midi=True):
            facts.answered = False
        case BackupStep(what=what):
            facts.fresh.add(f"matches_backup:{what.value}")
            facts.backed_up.add(what)
        case TransferStep():
            facts.fresh.add("matches_file")


def _program_00(path: Path | None) -> tuple[str, tuple[KorgMessage, ...]]:
    """The name of program 00 in the file at `path` ("" when unknown), with its dumps."""
    if path is None:
        return "", ()
    try:
        dumps = read_dump_file(path).dumps
    except WizardError:
        return "", ()
    names = [d.programs[0].name for d in dumps if isinstance(d, (AllProgramsDump, AllDataDump))]
    return (names[-1].strip() if names else ""), dumps


def program_00_name(path: Path | None) -> str:
    """The bare name of program 00 in the file sent; empty when it is not known."""
    return _program_00(path)[0]


def program_00_words(path: Path | None) -> str:
    """Program 00 of the file sent, e.g. 'program 00 “Universe”, as in Korg's factory sounds'."""
    name, dumps = _program_00(path)
    if not name:
        return PROGRAM_00_UNKNOWN
    found = recognise(dumps)
    named = f"program 00 “{name}”"
    return f"{named}, as in {found.name}" if found is not None else f"{named}, as in your file"
