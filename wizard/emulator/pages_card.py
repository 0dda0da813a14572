"""GLOBAL pages 8 and 9 of the emulated front panel: load from card, save to card, format
card (RAM card contents live in `state.card.memory`).

The guide's sequences are "GLOBAL, 8, DOWN, G, G" (load, PROG/COMBI recommended),
"GLOBAL, 9, DOWN, G, G" (save, PROG/COMBI recommended) and "GLOBAL, 9, +, DOWN, G, G"
(format, 100PROG/100COMBI recommended). So each page's type, on A, opens on the last
choice and DOWN reaches the recommended first one. The first G asks "Are you sure?", the
second carries the job out; any other key in between cancels.

Assumptions (the guide names the options, not their contents):
- PROG/COMBI moves the global data, programs and combinations; the global data goes
  along because the drum kits live in it (§4.3) and the guide recommends this type for a
  factory-sounds backup. ALL moves the sequencer as well.
- A card's layout (§2.4 NOTE 4): 100PROG/100COMBI holds no sequencer; 50PROG/50COMBI
  holds up to 4200 sequencer events (§3.5). The sequencer-only card format is not
  modelled. Loads and saves need the card's layout to match the internal allocation.
- Refusals, shown on the display: no card, dead card battery, a ROM card or a
  write-protected card (save, format), an unformatted card (load, save), a layout that
  does not match, internal memory protect on (load), no room on the card.
"""

from __future__ import annotations

from wizard.emulator.initial import initialised_memory
from wizard.emulator.pages import (
    COMPLETED,
    MEMORY_PROTECTED,
    JobResult,
    Page,
    stepped,
)
from wizard.emulator.song_edit import event_count
from wizard.emulator.state import CardKind, M1State, Memory
from wizard.m1.constants import Allocation
from wizard.m1.panel_keys import Key

CARD_SEQUENCE_EVENTS = 4200  # §3.5 NOTE 10-3: a card with programs, combis and songs
PROG_COMBI = "PROG/COMBI"
ALL = "ALL"
TRANSFER_TYPES = (PROG_COMBI, ALL)
FORMAT_TYPES = (
    ("100PROG/100COMBI", Allocation.P100_C100),
    ("50PROG/50COMBI/4200SEQ", Allocation.P50_C50),
)

NO_CARD = "No Card"
CARD_BATTERY_LOW = "Card Battery Low"
ROM_CARD = "ROM Card"
CARD_PROTECTED = "Card Protected"
NOT_FORMATTED = "Card Not Formatted"
LAYOUT_MISMATCH = "Card Allocation Differs"
NO_SEQ_AREA = "No SEQ Area on Card"
CARD_FULL = "Card Memory Full"


def card_problem(state: M1State, *, writing: bool, formatted: bool) -> str:
    """Why the card cannot be used now, or "".

    Args:
        state: The M1.
        writing: The job writes to the card.
        formatted: The job needs a formatted card.
    """
    card = state.card
    if card is None:
        return NO_CARD
    if not card.battery_ok:
        return CARD_BATTERY_LOW
    if writing and card.kind is CardKind.ROM:
        return ROM_CARD
    if writing and card.write_protected:
        return CARD_PROTECTED
    if formatted and card.formatted is None:
        return NOT_FORMATTED
    if formatted and card.formatted is not state.memory.allocation:
        return LAYOUT_MISMATCH
    return ""


class _TransferPage(Page):
    """A load or save page: PROG/COMBI or ALL on A; G, G carries it out."""

    fields = (Key.A,)
    executes = True
    confirms = True
    title = ""

    def __init__(self, state: M1State) -> None:
        super().__init__(state)
        self.choice = TRANSFER_TYPES[-1]

    def lines(self) -> tuple[str, str]:
        return self.title, f"Type:{self.choice}"

    def change(self, field: Key, delta: int) -> str:
        self.choice = stepped(TRANSFER_TYPES, self.choice, delta)
        return ""

    def _sequence_problem(self) -> str:
        card = self.state.card
        if self.choice == ALL and card is not None and card.formatted is Allocation.P100_C100:
            return NO_SEQ_AREA
        return ""


class LoadPage(_TransferPage):
    """Page 8: load from card into internal memory."""

    title = "Global 8  Load from Card"

    def refusal(self) -> str:
        problem = card_problem(self.state, writing=False, formatted=True)
        problem = problem or self._sequence_problem()
        s = self.state
        protected = s.protect_program or s.protect_combination
        if self.choice == ALL:
            protected = protected or s.protect_sequence
        return problem or (MEMORY_PROTECTED if protected else "")

    def execute(self) -> JobResult:
        if self.state.card is None:
            return JobResult(NO_CARD)
        source = self.state.card.memory
        memory = self.state.memory
        memory.global_data = source.global_data
        memory.programs = list(source.programs)
        memory.combinations = list(source.combinations)
        if self.choice == ALL:
            memory.sequence = source.sequence
        return JobResult(COMPLETED)


class SavePage(_TransferPage):
    """Page 9, sub-page 0: save internal memory to the card."""

    title = "Global 9  Save to Card"

    def refusal(self) -> str:
        problem = card_problem(self.state, writing=True, formatted=True)
        problem = problem or self._sequence_problem()
        too_long = event_count(self.state.memory.sequence) > CARD_SEQUENCE_EVENTS
        return problem or (CARD_FULL if self.choice == ALL and too_long else "")

    def execute(self) -> JobResult:
        card = self.state.card
        if card is None or card.formatted is None:
            return JobResult(NO_CARD if card is None else NOT_FORMATTED)
        memory = self.state.memory
        card.memory = Memory(
            card.formatted,
            memory.global_data,
            list(memory.programs),
            list(memory.combinations),
            memory.sequence if self.choice == ALL else card.memory.sequence,
        )
        return JobResult(COMPLETED)


class FormatPage(Page):
    """Page 9, sub-page 1: format the card with a layout chosen on A; erases it."""

    fields = (Key.A,)
    executes = True
    confirms = True

    def __init__(self, state: M1State) -> None:
        super().__init__(state)
        self.choice = FORMAT_TYPES[-1]

    def lines(self) -> tuple[str, str]:
        return "Global 9  Format Card", f"Type:{self.choice[0]}"

    def change(self, field: Key, delta: int) -> str:
        self.choice = stepped(FORMAT_TYPES, self.choice, delta)
        return ""

    def refusal(self) -> str:
        return card_problem(self.state, writing=True, formatted=False)

    def execute(self) -> JobResult:
        card = self.state.card
        if card is None:
            return JobResult(NO_CARD)
        allocation = self.choice[1]
        card.formatted = allocation
        card.memory = initialised_memory(allocation)
        return JobResult(COMPLETED)
