"""GLOBAL page 6 of the emulated front panel: the three memory protects and the memory
allocation, with what an allocation change does to memory (m1-sysex.md §3.4, §4.4).

The owner's guide turns the protects off with "GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN".
So sub-page 0 opens with the cursor on the program protect, while sub-pages 1 and 2 open
elsewhere and need B first. What sits on A there is not known; this model puts a bank
selector (INT/CARD) there. With CARD selected, B shows the card's own write-protect
switch, which no key can change; a DOWN pressed before B moves the selector to CARD and
leaves the protect on, as on the real M1 where that DOWN does not reach the protect.
UP turns a protect ON, DOWN turns it OFF.

Sub-page 3 is the memory allocation: A shows the choice (opening at the current one),
UP picks 50/50, DOWN 100/100, and G carries it out at once (the guide presses G once).
What an allocation change does is an assumption:
- 100/100 -> 50/50 drops programs and combinations 50-99 (their memory goes to the
  sequencer, whose capacity grows from 4400 to 7700 events);
- 50/50 -> 100/100 brings programs and combinations 50-99 back as init records and
  erases the whole sequencer when its events do not fit 4400. The guide's "sequencer
  memory reset" trick relies on that: after it, SEQ shows 100%Free.
Choosing the allocation the M1 already has changes nothing.
"""

from __future__ import annotations

from wizard.emulator.initial import init_combination, init_program
from wizard.emulator.pages import COMPLETED, JobResult, Page, PageFactory, on_off, stepped
from wizard.emulator.selection import refresh_edit_buffers
from wizard.emulator.song_block import SequenceLayout, sequence_block
from wizard.emulator.song_edit import event_count
from wizard.emulator.state import M1State
from wizard.m1.constants import Allocation
from wizard.m1.panel_keys import Key

BANKS = ("CARD", "INT")  # in UP order; the selector opens on INT
CARD_SWITCH_MESSAGE = "Use the switch on the card"
ALLOCATION_LABELS = {
    Allocation.P100_C100: "100PROG/100COMBI/4400SEQ",
    Allocation.P50_C50: "50PROG/50COMBI/7700SEQ",
}


def change_allocation(state: M1State, allocation: Allocation) -> None:
    """Re-divide internal memory between programs, combinations and the sequencer.

    See the module docstring for what happens to the data (an assumption).
    """
    memory = state.memory
    if memory.allocation is allocation:
        return
    count = allocation.count
    if count < len(memory.programs):
        memory.programs = memory.programs[:count]
        memory.combinations = memory.combinations[:count]
    else:
        extra = count - len(memory.programs)
        memory.programs = memory.programs + [init_program()] * extra
        memory.combinations = memory.combinations + [init_combination()] * extra
        if event_count(memory.sequence) > allocation.max_events:
            memory.sequence = sequence_block(SequenceLayout())
    memory.allocation = allocation
    if state.program_number >= count:
        state.program_number = 0
    if state.combination_number >= count:
        state.combination_number = 0
    refresh_edit_buffers(state)


class ProgramProtectPage(Page):
    """Sub-page 0: program memory protect on A, where the cursor opens."""

    fields = (Key.A,)

    def lines(self) -> tuple[str, str]:
        return "Global 6  Memory Protect", f"Prog:{on_off(self.state.protect_program)}"

    def change(self, field: Key, delta: int) -> str:
        self.state.protect_program = delta > 0
        return ""


class _BankProtectPage(Page):
    """Sub-pages 1 and 2: a bank selector on A (cursor opens there), a protect on B."""

    fields = (Key.A, Key.B)
    label = ""

    def __init__(self, state: M1State) -> None:
        super().__init__(state)
        self.bank = "INT"

    def _flag(self) -> bool:
        raise NotImplementedError

    def _set_flag(self, on: bool) -> None:
        raise NotImplementedError

    def lines(self) -> tuple[str, str]:
        if self.bank == "INT":
            value = on_off(self._flag())
        elif self.state.card is None:
            value = "--"
        else:
            value = on_off(self.state.card.write_protected)
        return "Global 6  Memory Protect", f"Bank:{self.bank:<4}  {self.label}:{value}"

    def change(self, field: Key, delta: int) -> str:
        if field is Key.A:
            self.bank = stepped(BANKS, self.bank, delta)
            return ""
        if self.bank == "CARD":
            return CARD_SWITCH_MESSAGE
        self._set_flag(delta > 0)
        return ""


class CombinationProtectPage(_BankProtectPage):
    """Sub-page 1: combination memory protect."""

    label = "Combi"

    def _flag(self) -> bool:
        return self.state.protect_combination

    def _set_flag(self, on: bool) -> None:
        self.state.protect_combination = on


class SequenceProtectPage(_BankProtectPage):
    """Sub-page 2: sequencer memory protect."""

    label = "Seq"

    def _flag(self) -> bool:
        return self.state.protect_sequence

    def _set_flag(self, on: bool) -> None:
        self.state.protect_sequence = on


class AllocationPage(Page):
    """Sub-page 3: memory allocation on A; G carries it out."""

    fields = (Key.A,)
    executes = True

    def __init__(self, state: M1State) -> None:
        super().__init__(state)
        self.choice = state.memory.allocation

    def lines(self) -> tuple[str, str]:
        return "Global 6  Memory Allocation", ALLOCATION_LABELS[self.choice]

    def change(self, field: Key, delta: int) -> str:
        self.choice = stepped(tuple(Allocation), self.choice, delta)
        return ""

    def execute(self) -> JobResult:
        change_allocation(self.state, self.choice)
        return JobResult(COMPLETED)


MEMORY_PAGES: tuple[PageFactory, ...] = (
    ProgramProtectPage,
    CombinationProtectPage,
    SequenceProtectPage,
    AllocationPage,
)
