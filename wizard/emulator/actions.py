"""What a key press on the emulated front panel asks the emulator to transmit (m1-sysex.md
§2.6 triggers C and D)."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.m1.constants import Function, Mode


@dataclass(frozen=True)
class SendDump:
    """A panel DATA DUMP (GLOBAL page 7, G): transmit this dump of internal memory.

    It goes out even with EXCL disabled (§5.1, §2.6 trigger D).
    """

    function: Function


@dataclass(frozen=True)
class ModeChanged:
    """A mode key changed the mode: the emulator transmits 4E when EXCL is on (§2.6)."""

    mode: Mode


@dataclass(frozen=True)
class ProgramSelected:
    """A number was chosen on the panel: a program in the PROG modes, a combination in the
    COMBI modes; the emulator may transmit 40 (or 49) for it (§2.6 trigger C)."""

    number: int


PanelAction = SendDump | ModeChanged | ProgramSelected
