"""The emulated M1's front panel: key presses change `M1State` the way the owner's guide's
key sequences say, and a 2 x 40-character LCD shows where the person is.

How the keys act (the pages themselves are in the `pages*` modules):
- Mode keys switch the mode (4E goes out via `ModeChanged` when it changes), stop a
  running sequencer, and open the mode's page 0, sub-page 0 with the cursor on the
  page's first field.
- Number keys choose a program or combination in PROG and COMBI (two digits), and a page
  in the other modes; "+" and "-" move between sub-pages and stop at the ends.
- A-H move the cursor to the field above them (keys without a field do nothing); UP and
  DOWN change the field under the cursor. On pages with a job (dump, allocation, load,
  save, format, erase) G starts it; where the page asks "Are you sure?" a second G
  carries it out and any other key cancels.
- A refused job and a finished one leave a message on the second line until the next key.
- REC and START/STOP act in SEQ mode only. INT and CARD: the emulated panel plays
  internal memory only, so CARD just reports a missing card ("No Card").
"""

from __future__ import annotations

from wizard.emulator.actions import ModeChanged, PanelAction
from wizard.emulator.pages import ARE_YOU_SURE, Page, PageFactory, lcd
from wizard.emulator.pages_card import NO_CARD
from wizard.emulator.pages_global import GLOBAL_PAGES
from wizard.emulator.pages_play import EditPage, NumberPage
from wizard.emulator.pages_seq import SequencerSession, seq_pages
from wizard.emulator.selection import enter_mode
from wizard.emulator.state import M1State
from wizard.errors import BuildError, ParseError
from wizard.m1.constants import Mode
from wizard.m1.panel_keys import CURSOR_KEYS, Key, parse_key

MODE_OF_KEY = {
    Key.COMBI: Mode.COMBINATION,
    Key.EDIT_COMBI: Mode.EDIT_COMBINATION,
    Key.PROG: Mode.PROGRAM,
    Key.EDIT_PROG: Mode.EDIT_PROGRAM,
    Key.SEQ: Mode.SEQUENCER,
    Key.GLOBAL: Mode.GLOBAL,
}
PLAY_MODES = frozenset({Mode.PROGRAM, Mode.COMBINATION})
EDIT_MODES = frozenset({Mode.EDIT_PROGRAM, Mode.EDIT_COMBINATION})


class EmulatedPanel:
    """The M1's keys and display, acting on `state` directly.

    Args:
        state: The emulated M1; the panel opens on page 0 of `state.mode`.
    """

    _page: Page
    _number: int
    _sub: int
    _cursor: Key | None
    _page_mode: Mode

    def __init__(self, state: M1State) -> None:
        self._state = state
        self._session = SequencerSession(state)
        self._seq_pages = seq_pages(self._session)
        self._message = ""
        self._confirming = False
        self._open(0, 0)

    def _follow_mode(self) -> None:
        """A MODE CHANGE received over MIDI (§2.4) changed the mode under the panel: open
        that mode's page 0, as the mode keys do, so the display never shows a page of a
        mode the M1 has left (a GLOBAL page while the M1 plays combinations)."""
        if self._state.mode is not self._page_mode:
            self._message = ""
            self._confirming = False
            self._open(0, 0)

    @property
    def display(self) -> tuple[str, str]:
        """The 2 x 40-character LCD, each line exactly 40 characters."""
        self._follow_mode()
        line1, line2 = self._page.lines()
        if self._confirming:
            line2 = ARE_YOU_SURE
        elif self._message:
            line2 = self._message
        return lcd(line1, line2)

    @property
    def cursor(self) -> Key | None:
        """The cursor key (A-H) whose field UP and DOWN change, None on pages without one."""
        self._follow_mode()
        return self._cursor

    @property
    def location(self) -> tuple[Mode, int, int]:
        """Mode, page number and sub-page (0 = the page's first) on show."""
        self._follow_mode()
        return self._state.mode, self._number, self._sub

    def press(self, key: str) -> list[PanelAction]:
        """Press one key, named as in the owner's guide ("GLOBAL", "5", "+", "start/stop").

        Returns:
            What the emulator must transmit because of the press.

        Raises:
            BuildError: The panel has no key of that name (or it names a choice such as
                "UP/DOWN"); the hint names the closest real key.
        """
        try:
            pressed = parse_key(key)
        except ParseError as error:
            raise BuildError(error.message, error.next_action) from error
        self._follow_mode()
        self._message = ""
        if self._confirming:
            self._confirming = False
            return self._run() if pressed is Key.G else []
        if isinstance(self._page, NumberPage) and pressed.digit is None:
            self._page.pending = None
        return self._dispatch(pressed)

    def play_notes(self, count: int) -> int:
        """Play `count` notes on the keyboard; while recording they become events.

        Returns:
            The number of events recorded (fewer than `count` when memory ran full).
        """
        recorded, message = self._session.play_notes(count)
        if message:
            self._message = message
        return recorded

    def power_on(self) -> None:
        """What the panel forgets at power-on: the clock goes back to internal (the guide:
        "defaults back to Internal when the M1 is turned on"), the sequencer stops, and
        the mode's page 0 opens."""
        self._state.clock_external = False
        self._session.stop()
        self._message = ""
        self._confirming = False
        self._open(0, 0)

    def _dispatch(self, key: Key) -> list[PanelAction]:
        mode = self._state.mode
        if key in MODE_OF_KEY:
            return self._change_mode(MODE_OF_KEY[key])
        if key.digit is not None:
            return self._digit(key.digit)
        if key is Key.G and self._page.executes:
            return self._execute()
        if key in CURSOR_KEYS:
            if key in self._page.fields:
                self._cursor = key
        elif key in (Key.PAGE_NEXT, Key.PAGE_PREVIOUS):
            self._turn(1 if key is Key.PAGE_NEXT else -1)
        elif key in (Key.UP, Key.DOWN):
            return self._value(1 if key is Key.UP else -1)
        elif key is Key.CARD and mode in PLAY_MODES and self._state.card is None:
            self._message = NO_CARD
        elif key is Key.REC and mode is Mode.SEQUENCER:
            self._message = self._session.rec()
        elif key is Key.START_STOP and mode is Mode.SEQUENCER:
            self._message = self._session.start_stop()
        return []

    def _pages(self) -> dict[int, tuple[PageFactory, ...]] | None:
        """The numbered pages of the current mode, None for PROG, COMBI and EDIT modes."""
        mode = self._state.mode
        if mode is Mode.GLOBAL:
            return GLOBAL_PAGES
        if mode is Mode.SEQUENCER:
            return self._seq_pages
        return None

    def _open(self, number: int, sub: int) -> None:
        state = self._state
        combination = state.mode in (Mode.COMBINATION, Mode.EDIT_COMBINATION)
        pages = self._pages()
        page: Page
        if pages is not None:
            page = pages[number][sub](state)
        elif state.mode in EDIT_MODES:
            page = EditPage(state, combination, number)
        else:
            page = NumberPage(state, combination)
        self._page = page
        self._page_mode = state.mode
        self._number = number
        self._sub = sub
        self._cursor = page.fields[0] if page.fields else None

    def _change_mode(self, mode: Mode) -> list[PanelAction]:
        self._session.stop()
        actions: list[PanelAction] = []
        if mode is not self._state.mode:
            enter_mode(self._state, mode)
            actions.append(ModeChanged(mode))
        self._open(0, 0)
        return actions

    def _digit(self, value: int) -> list[PanelAction]:
        if isinstance(self._page, NumberPage):
            actions, self._message = self._page.digit(value)
            return actions
        pages = self._pages()
        if pages is None or value in pages:
            self._open(value, 0)
        return []

    def _turn(self, delta: int) -> None:
        pages = self._pages()
        if pages is None:
            return
        sub = max(0, min(len(pages[self._number]) - 1, self._sub + delta))
        if sub != self._sub:
            self._open(self._number, sub)

    def _value(self, delta: int) -> list[PanelAction]:
        if isinstance(self._page, NumberPage):
            return self._page.step(delta)
        if self._cursor is not None:
            self._message = self._page.change(self._cursor, delta)
        return []

    def _execute(self) -> list[PanelAction]:
        refusal = self._page.refusal()
        if refusal:
            self._message = refusal
            return []
        if self._page.confirms:
            self._confirming = True
            return []
        return self._run()

    def _run(self) -> list[PanelAction]:
        # Checked again: a SysEx load or a pulled card may come between the two G presses.
        refusal = self._page.refusal()
        if refusal:
            self._message = refusal
            return []
        outcome = self._page.execute()
        self._message = outcome.message
        return list(outcome.actions)
