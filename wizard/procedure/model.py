"""Typed, frozen objects a procedure file becomes once loaded: the procedure and one class
per step kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar

from wizard.m1 import panel_keys
from wizard.procedure.groups import Group

# Group is defined on its own (the home screen names it without the model) and offered
# here with the rest.
__all__ = [
    "LCD_LINES",
    "LCD_WIDTH",
    "NOWHERE",
    "SCHEMA_VERSION",
    "STEP_CLASSES",
    "STEP_KINDS",
    "BackupScope",
    "BackupStep",
    "CheckStep",
    "ConfirmStep",
    "Group",
    "IncludeStep",
    "InputRule",
    "InputStep",
    "InstructionStep",
    "KeysStep",
    "Location",
    "Model",
    "ParamValue",
    "Procedure",
    "SafetyStep",
    "Step",
    "StepBase",
    "TransferSource",
    "TransferStep",
]

SCHEMA_VERSION = 1
"""The only `schema:` value this loader reads; a new value means a new, incompatible format."""

LCD_LINES = 2
LCD_WIDTH = 40
"""The M1's display: two lines of 40 characters (what an expected `display:` may hold)."""


class Model(StrEnum):
    """An instrument a procedure applies to (all answer with model ID 0x19, m1-sysex.md §1.1)."""

    M1 = "M1"
    M1R = "M1R"
    M1EX = "M1EX"
    M1REX = "M1REX"


class BackupScope(StrEnum):
    """What a backup step saves."""

    ALL = "all"
    PROGRAMS = "programs"
    COMBINATIONS = "combinations"
    GLOBAL = "global"
    SEQUENCE = "sequence"


class TransferSource(StrEnum):
    """Where the file a transfer step sends comes from."""

    CHOOSE_FILE = "choose-file"
    LATEST_BACKUP = "latest-backup"


class InputRule(StrEnum):
    """How the answer to an input step is checked (see `wizard.procedure.answers`)."""

    SERIAL = "serial"
    YES_NO = "yes-no"
    NUMBER = "number"
    TEXT = "text"
    REGEX = "regex"


ParamValue = str | int | bool
"""A check parameter: plain data only."""


@dataclass(frozen=True)
class Location:
    """Where something was written: file, 1-based line and column (0 when unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


NOWHERE = Location("")
"""The location of objects built in code rather than read from a file."""


def _no_params() -> Mapping[str, ParamValue]:
    return MappingProxyType({})


@dataclass(frozen=True, kw_only=True)
class StepBase:
    """What every step has.

    Attributes:
        id: Unique within its procedure; lower-case words joined by hyphens.
        title: A short heading, may be empty.
        text: Prose shown with the step, may be empty.
        irreversible: True when doing the step destroys something that cannot be
            brought back; the person is warned before it runs.
        location: Where the step starts in its file.
    """

    kind: ClassVar[str] = ""
    id: str
    title: str = ""
    text: str = ""
    irreversible: bool = False
    location: Location = NOWHERE


@dataclass(frozen=True, kw_only=True)
class InstructionStep(StepBase):
    """Something to read and do by hand; `text` says what.

    Attributes:
        unless_m1_answers: Already done once the M1 has answered over MIDI in the run
            (plugging in the cables): then it is not shown.
    """

    kind: ClassVar[str] = "instruction"
    unless_m1_answers: bool = False


@dataclass(frozen=True, kw_only=True)
class KeysStep(StepBase):
    """Front-panel keys to press, in order.

    Attributes:
        keys: The parsed presses (`Key`, or `Choice` where the person picks one).
        source: The sequence as written in the file, e.g. "GLOBAL, 5, +, UP, D".
        display: Up to two lines the display should show afterwards (a line may give
            only the part that matters); empty when not stated.
        guide: Which owner's-guide sequence this transcribes, empty when none.
    """

    kind: ClassVar[str] = "keys"
    keys: tuple[panel_keys.Press, ...]
    source: str
    display: tuple[str, ...] = ()
    guide: str = ""


@dataclass(frozen=True, kw_only=True)
class ConfirmStep(StepBase):
    """A yes/no question.

    Attributes:
        question: What is asked, answered yes or no.
        expect: What the person should see when the answer is yes.
        if_not: Advice shown when the answer is no.
    """

    kind: ClassVar[str] = "confirm"
    question: str
    expect: str = ""
    if_not: str = ""


@dataclass(frozen=True, kw_only=True)
class InputStep(StepBase):
    """A typed answer, checked before it is accepted.

    Attributes:
        prompt: What is asked.
        validate: How the answer is checked.
        pattern: The regular expression an answer must match in full (only with
            `validate` REGEX).
        store_as: Name under which later steps find the answer.
    """

    kind: ClassVar[str] = "input"
    prompt: str
    validate: InputRule = InputRule.TEXT
    pattern: str = ""
    store_as: str


@dataclass(frozen=True, kw_only=True)
class CheckStep(StepBase):
    """A live check over MIDI, by name from `wizard.procedure.checks_catalog`.

    Attributes:
        check: The check's name, e.g. "allocation_is".
        params: The check's parameters (read-only mapping of plain values).
        skippable: True when the person may go on without MIDI (the check is skipped).
    """

    kind: ClassVar[str] = "check"
    check: str
    params: Mapping[str, ParamValue] = field(default_factory=_no_params)
    skippable: bool = False


@dataclass(frozen=True, kw_only=True)
class BackupStep(StepBase):
    """Save the M1's memory to a file (verified)."""

    kind: ClassVar[str] = "backup"
    what: BackupScope = BackupScope.ALL


@dataclass(frozen=True, kw_only=True)
class TransferStep(StepBase):
    """Send a dump file to the M1 with acknowledgement and read-back.

    Attributes:
        source: Where the file comes from.
        overwrites: Plain words saying what in the M1 is overwritten.
    """

    kind: ClassVar[str] = "transfer"
    source: TransferSource
    overwrites: str
    irreversible: bool = True


@dataclass(frozen=True, kw_only=True)
class IncludeStep(StepBase):
    """Run another procedure here, by its id."""

    kind: ClassVar[str] = "include"
    procedure: str


@dataclass(frozen=True, kw_only=True)
class SafetyStep(StepBase):
    """A warning the person must acknowledge before going on.

    Attributes:
        warning: What could hurt the person or the instrument.
        acknowledge: The text of the button that acknowledges it.
        unless_backed_up: The part of the memory whose loss the warning is about; a
            verified backup of that part (or of everything) taken earlier in the run
            answers it, and the warning is not shown. None: always shown.
        unplugs_midi: The person pulls the MIDI cables out here, so the M1 having
            answered earlier no longer means that the cables are in.
    """

    kind: ClassVar[str] = "safety"
    warning: str
    acknowledge: str = "I understand"
    unless_backed_up: BackupScope | None = None
    unplugs_midi: bool = False


Step = (
    InstructionStep
    | KeysStep
    | ConfirmStep
    | InputStep
    | CheckStep
    | BackupStep
    | TransferStep
    | IncludeStep
    | SafetyStep
)

STEP_CLASSES: tuple[type[StepBase], ...] = (
    InstructionStep,
    KeysStep,
    ConfirmStep,
    InputStep,
    CheckStep,
    BackupStep,
    TransferStep,
    IncludeStep,
    SafetyStep,
)
STEP_KINDS: Mapping[str, type[StepBase]] = MappingProxyType({c.kind: c for c in STEP_CLASSES})
"""Step class by the `kind:` written in YAML."""


@dataclass(frozen=True, kw_only=True)
class Procedure:
    """One guided procedure.

    Attributes:
        schema: The file's `schema:` version (SCHEMA_VERSION).
        id: Unique among procedures, the file's name without ".yaml".
        title: Heading on the home screen.
        summary: One or two sentences on what it is for.
        group: Where the home screen lists it.
        applies_to: The instruments it fits.
        duration: Estimate in plain words, e.g. "about 20 minutes".
        needs: Tools and parts, e.g. "CR2032 battery", "MIDI interface".
        risk: Notes on what can go wrong.
        steps: The steps, in order.
        location: Where the procedure starts in its file.
    """

    schema: int = SCHEMA_VERSION
    id: str
    title: str
    summary: str
    group: Group
    applies_to: tuple[Model, ...]
    duration: str
    needs: tuple[str, ...] = ()
    risk: tuple[str, ...] = ()
    steps: tuple[Step, ...]
    location: Location = NOWHERE

    def step(self, step_id: str) -> Step:
        """The step with id `step_id`.

        Raises:
            KeyError: No such step.
        """
        for candidate in self.steps:
            if candidate.id == step_id:
                return candidate
        raise KeyError(step_id)

    @property
    def includes(self) -> tuple[str, ...]:
        """Ids of the procedures this one includes, in order."""
        return tuple(s.procedure for s in self.steps if isinstance(s, IncludeStep))
