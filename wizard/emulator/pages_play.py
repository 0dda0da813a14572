"""PROG, COMBI and the two EDIT modes of the emulated front panel: choosing a program or
combination by number, and the (plain) edit pages.

In PROG and COMBI two number keys choose ("PROG, 00"); UP and DOWN step to the next or
previous number (the guide's "press UP, then DOWN" to see the first sound of a newly
loaded bank). Choosing loads the edit buffer, and the display shows the edit buffer's
name: after a bulk load the M1 keeps sounding (and showing) the old program until a
number is chosen again, which is why the guide has people press UP, DOWN. The edit
pages are plain: the guide never edits a program.
"""

from __future__ import annotations

from wizard.emulator.actions import PanelAction, ProgramSelected
from wizard.emulator.pages import Page
from wizard.emulator.selection import select_combination, select_program
from wizard.emulator.state import M1State
from wizard.m1.records import decode_name

OUT_OF_RANGE = "Out of Range"


class NumberPage(Page):
    """The PROG or COMBI play page."""

    def __init__(self, state: M1State, combination: bool) -> None:
        super().__init__(state)
        self.combination = combination
        self.pending: int | None = None

    @property
    def number(self) -> int:
        """The chosen program or combination."""
        s = self.state
        return s.combination_number if self.combination else s.program_number

    def lines(self) -> tuple[str, str]:
        s = self.state
        if self.combination:
            title, name = "Combi", decode_name(s.edit_combination)
        else:
            title, name = "Program", decode_name(s.edit_program)
        number = f"{self.pending}_" if self.pending is not None else f"{self.number:02d}"
        return f"{title} {number}  {name}", f"Bank:INT   Memory:{s.memory.allocation.short}"

    def _choose(self, number: int) -> list[PanelAction]:
        if self.combination:
            chosen = select_combination(self.state, number)
        else:
            chosen = select_program(self.state, number)
        return [ProgramSelected(number)] if chosen else []

    def digit(self, value: int) -> tuple[list[PanelAction], str]:
        """A number key: the first is remembered, the second chooses.

        Returns:
            The actions and a message for the display ("" or "Out of Range").
        """
        if self.pending is None:
            self.pending = value
            return [], ""
        number = self.pending * 10 + value
        self.pending = None
        actions = self._choose(number)
        return actions, "" if actions else OUT_OF_RANGE

    def step(self, delta: int) -> list[PanelAction]:
        """UP (+1) or DOWN (-1): the next or previous number, stopping at the ends."""
        self.pending = None
        return self._choose(self.number + delta)


class EditPage(Page):
    """A page of EDIT PROG or EDIT COMBI: its number and the edit buffer's name."""

    def __init__(self, state: M1State, combination: bool, page: int) -> None:
        super().__init__(state)
        self.combination = combination
        self.page = page

    def lines(self) -> tuple[str, str]:
        s = self.state
        if self.combination:
            title, number, name = "Edit Combi", s.combination_number, s.edit_combination
        else:
            title, number, name = "Edit Prog", s.program_number, s.edit_program
        return f"{title} {self.page}", f"{number:02d}  {decode_name(name)}"
