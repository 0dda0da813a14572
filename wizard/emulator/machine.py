"""The emulated M1 as one sans-I/O object: messages and key presses in, timed replies out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.emulator.behaviour import Behaviour
from wizard.emulator.dumps import BANK_DUMPS, EDIT_DUMPS, bank_dump, edit_dump
from wizard.emulator.faults import FaultLine, Faults
from wizard.emulator.rules import Outgoing, respond
from wizard.emulator.selection import (
    COMBINATION_MODES,
    select_combination,
    select_program,
    settle_mode,
)
from wizard.emulator.state import M1State
from wizard.emulator.timing import Reply, Timing
from wizard.m1.constants import ACTIVE_SENSING, Bank, Function, Mode
from wizard.m1.messages import ModeChange

if TYPE_CHECKING:
    from wizard.emulator.actions import PanelAction
    from wizard.emulator.panel import EmulatedPanel

__all__ = ["M1Emulator", "Reply", "Timing"]


class M1Emulator:
    """A virtual Korg M1 that answers SysEx as m1-sysex.md §5.6 describes.

    It never sleeps and never touches a port: `receive` and `press` return the replies
    with their delays, and the transport puts them on the wire.

    Args:
        state: The M1's memory and settings; a default `M1State` when omitted.
        timing: Cable speed and processing delay.
        faults: What goes wrong on the line; nothing by default.
        behaviour: Choices for what the documentation leaves open.
    """

    def __init__(
        self,
        state: M1State | None = None,
        *,
        timing: Timing = Timing(),  # noqa: B008 - frozen, so one shared default is safe
        faults: Faults | None = None,
        behaviour: Behaviour | None = None,
    ) -> None:
        self.state = state if state is not None else M1State()
        self.timing = timing
        self.behaviour = behaviour if behaviour is not None else Behaviour()
        self._line = FaultLine(faults if faults is not None else Faults())
        self._panel: EmulatedPanel | None = None
        self._panel_state: M1State | None = None

    @property
    def faults(self) -> Faults:
        """The active faults; setting new ones restarts their random sequence."""
        return self._line.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._line = FaultLine(faults)

    def receive(self, data: bytes) -> list[Reply]:
        """Take one complete message from the host and return the M1's replies.

        Input faults (lost or damaged bytes) are applied before the M1 sees the message.
        """
        incoming = self._line.damage_input(bytes(data))
        return self._send(respond(self.state, self.behaviour, incoming))

    def press(self, key: str) -> list[Reply]:
        """Press a front-panel key and return what the M1 transmits because of it.

        Raises:
            BuildError: The panel has no such key.
        """
        before = self.state.mode
        actions = self._front_panel().press(key)
        outgoing: list[Outgoing] = []
        for action in actions:
            outgoing.extend(self._act(action, before))
        return self._send(outgoing)

    @property
    def display(self) -> tuple[str, str]:
        """The two 40-character lines of the LCD."""
        return self._front_panel().display

    def active_sensing(self) -> list[Reply]:
        """The FE byte due every 0.3 s, when active sensing is switched on."""
        if not self.behaviour.active_sensing or self.faults.silent:
            return []
        return [Reply(bytes((ACTIVE_SENSING,)), 0.0)]

    def _front_panel(self) -> EmulatedPanel:
        # Imported here: the panel imports the state module of this package, and the
        # emulator must work for SysEx alone without building a panel.
        from wizard.emulator.panel import EmulatedPanel

        if self._panel is None or self._panel_state is not self.state:
            self._panel = EmulatedPanel(self.state)
            self._panel_state = self.state
        return self._panel

    def _act(self, action: PanelAction, before: Mode) -> list[Outgoing]:
        """Carry out one panel action: keep edit buffers coherent, transmit what it causes."""
        # Imported here, like the panel, so that SysEx work never loads the panel modules.
        from wizard.emulator.actions import ModeChanged, ProgramSelected, SendDump

        state = self.state
        channel = state.global_channel
        announce = self.behaviour.announce_panel_changes and state.excl_enabled
        if isinstance(action, SendDump):
            # §5.1: a dump started on the panel goes out whatever the EXCL filter says.
            if action.function in BANK_DUMPS:
                dump = bank_dump(state.memory, action.function, Bank.INTERNAL, channel)
            elif action.function in EDIT_DUMPS:
                dump = edit_dump(state, action.function, channel)
            else:
                return []
            return [Outgoing(dump.to_bytes())]
        if isinstance(action, ModeChanged):
            if state.mode is not action.mode:
                state.mode = action.mode
            settle_mode(state, before)
            if announce:
                return [Outgoing(ModeChange(channel, int(action.mode), 0).to_bytes())]
            return []
        if isinstance(action, ProgramSelected):
            # In COMBI modes the number keys pick a combination, announced with 49 (§2.6).
            if state.mode in COMBINATION_MODES:
                select_combination(state, action.number)
                function = Function.COMBINATION_DUMP
            else:
                select_program(state, action.number)
                function = Function.PROGRAM_DUMP
            if announce:
                return [Outgoing(edit_dump(state, function, channel).to_bytes())]
        return []

    def _send(self, outgoing: list[Outgoing]) -> list[Reply]:
        if self.faults.silent:
            return []
        replies: list[Reply] = []
        for item in outgoing:
            delay = self.faults.late
            if item.after_bulk_load:
                delay += self.timing.processing_delay
            for data in self._line.damage_output(item.data, self.state.mode):
                replies.append(Reply(data, delay))
        return replies
