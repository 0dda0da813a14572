"""GLOBAL mode pages of the emulated front panel: tuning and key transpose (page 0), MIDI
channel, clock and filters (page 5), data dump (page 7), and the table of all ten pages.

Pages 1-4 are plain (title only): the owner's guide never visits them. Page 6 lives in
`pages_memory`, pages 8 and 9 in `pages_card`.

Assumptions, since the guide shows only key sequences:
- GLOBAL always opens page 0, sub-page 0 ("GLOBAL, +, F" reaches the transpose).
- Page 0 sub-page 0 holds the master tune (global byte 0, +-50 cents assumed); "+" leads
  to the key transpose on F (global byte 1, -12..+12).
- Page 5 sub-page 0: the global channel on A and the clock on D; the guide never shows
  the channel, so A with UP/DOWN (1-16) is an assumption. Sub-page 1: the program change,
  aftertouch, control change and exclusive filters on A, D, F, H; UP = ENA, DOWN = DIS.
- Page 7: the type on A runs PROG, COMBI, GLOBAL, SEQ, ALL with UP (back with DOWN),
  starts at PROG each time the page opens, and G transmits at once.
"""

from __future__ import annotations

from wizard.emulator.actions import SendDump
from wizard.emulator.pages import (
    COMPLETED,
    JobResult,
    Page,
    PageFactory,
    clamped,
    ena_dis,
    plain_pages,
    stepped,
)
from wizard.emulator.pages_card import FormatPage, LoadPage, SavePage
from wizard.emulator.pages_memory import MEMORY_PAGES
from wizard.emulator.state import M1State
from wizard.m1.constants import Function
from wizard.m1.panel_keys import Key
from wizard.m1.records import signed

MASTER_TUNE_BYTE = 0  # §4.3
KEY_TRANSPOSE_BYTE = 1  # §4.3
MASTER_TUNE_LIMIT = 50  # cents [I]
KEY_TRANSPOSE_LIMIT = 12  # the guide: +12 = +1 octave, -12 = -1 octave
CHANNELS = 16


def global_value(state: M1State, index: int) -> int:
    """A signed byte of the global record."""
    return signed(state.memory.global_data[index])


def set_global_value(state: M1State, index: int, value: int) -> None:
    """Store a signed byte into the global record (two's complement, §4.1)."""
    data = bytearray(state.memory.global_data)
    data[index] = value & 0xFF
    state.memory.global_data = bytes(data)


class MasterTunePage(Page):
    """Page 0, sub-page 0: master tune on A."""

    fields = (Key.A,)

    def lines(self) -> tuple[str, str]:
        tune = global_value(self.state, MASTER_TUNE_BYTE)
        return "Global 0  Master Tune", f"Master Tune:{tune:+03d}"

    def change(self, field: Key, delta: int) -> str:
        tune = global_value(self.state, MASTER_TUNE_BYTE)
        new = clamped(tune, delta, -MASTER_TUNE_LIMIT, MASTER_TUNE_LIMIT)
        set_global_value(self.state, MASTER_TUNE_BYTE, new)
        return ""


class TransposePage(Page):
    """Page 0, sub-page 1: key transpose on F."""

    fields = (Key.F,)

    def lines(self) -> tuple[str, str]:
        transpose = global_value(self.state, KEY_TRANSPOSE_BYTE)
        return "Global 0  Key Transpose", f"Key Transpose:{transpose:+03d}"

    def change(self, field: Key, delta: int) -> str:
        transpose = global_value(self.state, KEY_TRANSPOSE_BYTE)
        new = clamped(transpose, delta, -KEY_TRANSPOSE_LIMIT, KEY_TRANSPOSE_LIMIT)
        set_global_value(self.state, KEY_TRANSPOSE_BYTE, new)
        return ""


class MidiPage(Page):
    """Page 5, sub-page 0: global MIDI channel on A, clock source on D."""

    fields = (Key.A, Key.D)

    def lines(self) -> tuple[str, str]:
        clock = "EXT" if self.state.clock_external else "INT"
        return "Global 5  MIDI", f"Global Ch:{self.state.global_channel:02d}   Clock:{clock}"

    def change(self, field: Key, delta: int) -> str:
        if field is Key.A:
            self.state.global_channel = clamped(self.state.global_channel, delta, 1, CHANNELS)
        else:
            self.state.clock_external = delta > 0
        return ""


class MidiFilterPage(Page):
    """Page 5, sub-page 1: what the M1 receives; UP enables, DOWN disables."""

    fields = (Key.A, Key.D, Key.F, Key.H)

    def lines(self) -> tuple[str, str]:
        s = self.state
        return "Global 5  MIDI Filter", (
            f"Prog:{ena_dis(s.program_change_enabled)}  "
            f"Aftch:{ena_dis(s.aftertouch_enabled)}  "
            f"Ctrl:{ena_dis(s.control_change_enabled)}  "
            f"Excl:{ena_dis(s.excl_enabled)}"
        )

    def change(self, field: Key, delta: int) -> str:
        enable = delta > 0
        match field:
            case Key.A:
                self.state.program_change_enabled = enable
            case Key.D:
                self.state.aftertouch_enabled = enable
            case Key.F:
                self.state.control_change_enabled = enable
            case _:
                self.state.excl_enabled = enable
        return ""


DUMP_TYPES = (
    ("PROG DATA", Function.ALL_PROGRAMS_DUMP),
    ("COMBI DATA", Function.ALL_COMBINATIONS_DUMP),
    ("GLOBAL DATA", Function.GLOBAL_DUMP),
    ("SEQ DATA", Function.SEQUENCE_DUMP),
    ("ALL DATA", Function.ALL_DATA_DUMP),
)
"""Page 7's types in UP order, with the dump each transmits (§2.1, §5.3)."""


class DataDumpPage(Page):
    """Page 7: choose a type on A, G transmits it (whatever the EXCL filter says, §5.1)."""

    fields = (Key.A,)
    executes = True

    def __init__(self, state: M1State) -> None:
        super().__init__(state)
        self.choice = DUMP_TYPES[0]

    def lines(self) -> tuple[str, str]:
        return "Global 7  Data Dump", f"Type:{self.choice[0]}"

    def change(self, field: Key, delta: int) -> str:
        self.choice = stepped(DUMP_TYPES, self.choice, delta)
        return ""

    def execute(self) -> JobResult:
        return JobResult(COMPLETED, (SendDump(self.choice[1]),))


GLOBAL_PAGES: dict[int, tuple[PageFactory, ...]] = {
    0: (MasterTunePage, TransposePage),
    **plain_pages("Global", range(1, 5)),
    5: (MidiPage, MidiFilterPage),
    6: MEMORY_PAGES,
    7: (DataDumpPage,),
    8: (LoadPage,),
    9: (SavePage, FormatPage),
}
"""GLOBAL pages by number key, each a tuple of sub-pages in "+" order."""
