"""Switches for the emulated M1's undocumented behaviour: every `[?]` of m1-sysex.md that
the emulator has to decide, with the chosen default and the reason for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from wizard.errors import BuildError
from wizard.m1.constants import Function, Mode


class Protect(Enum):
    """The three memory-protect flags of GLOBAL page 6 (§4.4)."""

    PROGRAM = "program"
    COMBINATION = "combination"
    SEQUENCE = "sequence"


_ALL_PROTECTS = frozenset(Protect)


@dataclass(frozen=True)
class ProtectRules:
    """Which protect flags refuse which bulk load with 24 (§5.2, §9 item 4: unknown).

    Default: a bank load is refused by the flag of the memory it overwrites; ALL DATA
    overwrites all three, so any of them refuses it; the global block has no protect flag
    of its own, so 51 is never refused. Card loads are governed by the card's own
    write-protect switch instead (assumption: the internal flags guard internal memory).
    """

    all_programs: frozenset[Protect] = frozenset({Protect.PROGRAM})
    all_combinations: frozenset[Protect] = frozenset({Protect.COMBINATION})
    sequence: frozenset[Protect] = frozenset({Protect.SEQUENCE})
    all_data: frozenset[Protect] = _ALL_PROTECTS
    global_data: frozenset[Protect] = frozenset()
    edit_buffers: frozenset[Protect] = frozenset()
    """Flags that refuse 40/49 into the edit buffer; none by default (§5.2 [I])."""

    def flags_for(self, function: Function) -> frozenset[Protect]:
        """The protect flags that block a load with this function code."""
        match function:
            case Function.ALL_PROGRAMS_DUMP:
                return self.all_programs
            case Function.ALL_COMBINATIONS_DUMP:
                return self.all_combinations
            case Function.SEQUENCE_DUMP:
                return self.sequence
            case Function.ALL_DATA_DUMP:
                return self.all_data
            case Function.GLOBAL_DUMP:
                return self.global_data
            case Function.PROGRAM_DUMP | Function.COMBINATION_DUMP:
                return self.edit_buffers
            case _:
                return frozenset()


REMOTE_MODES = frozenset({Mode.COMBINATION, Mode.EDIT_COMBINATION, Mode.PROGRAM, Mode.EDIT_PROGRAM})
"""Modes MODE CHANGE 4E may select (§2.4: a summary lists only 0-3; §9 item 2)."""

DEFAULT_ROM_NUMBER = 0x13
DEFAULT_SOFT_VERSION = 0x01
"""Identity-reply version bytes rr / ss (§1.2); real values are unknown (§9 item 1), so
these are placeholders that read as "1.19", after the M1 ROM labelled rev19 (§7)."""


def _status(value: Function, allowed: tuple[Function, ...], what: str) -> None:
    if value not in allowed:
        names = " or ".join(f"{int(f):02X}" for f in allowed)
        raise BuildError(f"{what} must be {names}, not {int(value):02X}.")


@dataclass(frozen=True)
class Behaviour:
    """How the emulated M1 acts where the documentation is silent.

    Attributes:
        identity_when_excl_disabled: Answer the identity request although EXCL = DIS.
            Default False: the chart's note says exclusive messages as a whole need
            EXCL ENA, so silence is the safer guess (§1.2, §5.1).
        protect: Which protect flag refuses which load (§5.2).
        allocation_mismatch_reply: Reply to a bank dump whose allocation bit differs
            from the M1's allocation (§9 item 5): 26 by default, since the layout (and
            so the length the M1 expects) differs; 24 can be chosen.
        write_wrong_mode_reply: Reply to 11/1A outside their mode: 22 by default, since
            writes always end with 21/22 (§5.4); 24 can be chosen (§2.5 "expect 24").
        program_change_reply: Answer a Program Change with 23 (§2.6 receive-table
            note). Off by default: it is known only from OCR, one tool saw an unexplained
            24 that may be it, and a wizard must not come to depend on it; switch it on
            to test that stray status replies are tolerated.
        refresh_edit_buffer_after_load: Reload the edit buffers from memory after a
            bank load. Off by default: the owner's guide tells people to press UP, DOWN
            after a load to see the new sound, so the edit buffer keeps the old one.
        remote_modes: Modes that 4E may select; others are ignored.
        active_sensing: Send FE when polled (§2.6 says "always"; off by default so that
            tests see only the messages they provoke).
        announce_panel_changes: Send 4E on a panel mode change and 40 on a panel program
            change, with EXCL ENA (§2.6 trigger C).
        rom_number: Identity reply byte rr.
        soft_version: Identity reply byte ss.
    """

    identity_when_excl_disabled: bool = False
    protect: ProtectRules = field(default_factory=ProtectRules)
    allocation_mismatch_reply: Function = Function.FORMAT_ERROR
    write_wrong_mode_reply: Function = Function.WRITE_ERROR
    program_change_reply: bool = False
    refresh_edit_buffer_after_load: bool = False
    remote_modes: frozenset[Mode] = REMOTE_MODES
    active_sensing: bool = False
    announce_panel_changes: bool = False
    rom_number: int = DEFAULT_ROM_NUMBER
    soft_version: int = DEFAULT_SOFT_VERSION

    def __post_init__(self) -> None:
        _status(
            self.allocation_mismatch_reply,
            (Function.FORMAT_ERROR, Function.LOAD_ERROR),
            "the reply to an allocation mismatch",
        )
        _status(
            self.write_wrong_mode_reply,
            (Function.WRITE_ERROR, Function.LOAD_ERROR),
            "the reply to a write in the wrong mode",
        )
        for value, what in ((self.rom_number, "ROM number"), (self.soft_version, "version")):
            if not 0 <= value <= 0x7F:
                raise BuildError(f"the identity {what} {value} does not fit a data byte.")
