"""What the step screen shows around its questions: the step list's mark, the step's words,
the notes under it, the live check's seconds and the transfer view; the questions build on
it. It works on the screen's widgets by query and never imports the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from wizard.device.progress import Progress
from wizard.engine.operator import StepPosition
from wizard.procedure.model import CheckStep, KeysStep, Step
from wizard.tui.widgets.action_bar import ActionBar
from wizard.tui.widgets.check_status import CheckState, CheckStatus
from wizard.tui.widgets.m1_view import M1View
from wizard.tui.widgets.step_list import StepList
from wizard.tui.widgets.transfer_view import TransferView

PANEL_STEPS = (KeysStep,)
CANCELLING = "Cancelling …"
"""Steps at which the drawn panel shows from the start: the ones that press keys. Other steps
show it only when their question or fix names keys (it takes half of an 80 x 24 screen)."""
MAX_NOTES = 3
CHECKING = "Asking the M1 over MIDI"


class StepPage:
    """The step screen's widgets and what is on show in them.

    Args:
        screen: The step screen (its widgets must be mounted before any method is used).
        clock: Monotonic seconds, for the check's count and the transfer view.
    """

    def __init__(self, screen: Screen[Any], clock: Callable[[], float]) -> None:
        self.screen = screen
        self.clock = clock
        self.step: Step | None = None
        self.position: StepPosition | None = None
        self.keys: KeysStep | None = None
        self._notes: list[str] = []
        self._check_started = 0.0
        self._verdict = ""  # the reason of the check passed at this step
        self._carried_verdict = ""  # the last step's verdict, on show under this one

    # -- the widgets -------------------------------------------------------------------------

    @property
    def bar(self) -> ActionBar:
        """The answers."""
        return self.screen.query_one(ActionBar)

    @property
    def m1(self) -> M1View:
        """The M1's display and panel."""
        return self.screen.query_one(M1View)

    @property
    def check(self) -> CheckStatus:
        """The live check's verdict."""
        return self.screen.query_one(CheckStatus)

    @property
    def transfer(self) -> TransferView:
        """The transfer view of the step under way."""
        return self.screen.query_one(TransferView)

    @property
    def live(self) -> bool:
        """True in the demo (the panel is the emulated M1's)."""
        return self.m1.live

    # -- layout ------------------------------------------------------------------------------

    def mark_step(self, index: int) -> None:
        """Mark step `index` current (`len(plan)`: all done), keeping it in view."""
        steps = self.screen.query_one(StepList)
        steps.set_current(index)
        self.keep_step_in_view()

    def keep_step_in_view(self) -> None:
        """Scroll the step list to the current step (again after a resize: rows wrap anew
        and the list changes from a side column to three lines at 80 columns)."""
        steps = self.screen.query_one(StepList)
        rows = list(steps.query(".step"))
        index = steps.current
        if rows and self.screen.has_class("-narrow"):
            # Three lines show: the step before, the current one and the next.
            top = rows[max(0, min(index, len(rows) - 1) - 1)]
            steps.scroll_to_widget(top, top=True, animate=False)
        elif index < len(rows):
            steps.scroll_to_widget(rows[index], animate=False)

    async def fresh_transfer_view(self) -> None:
        """A new, hidden transfer view for the next step (its banner starts over)."""
        old = self.transfer
        view = TransferView(clock=self.clock, id="transfer")
        view.display = False
        await old.remove()
        await self.screen.query_one("#step-main").mount(view, before=self.m1)
        self.screen.refresh_bindings()

    def set_heading(self, title: Content | None) -> None:
        """Show the step's title above its scrolling text; None hides it (the run ended)."""
        shown = self.screen.query_one("#step-heading", Static)
        shown.update(title or "")
        shown.display = title is not None

    def set_text(self, text: Content, tone: str = "") -> None:
        """Show the step's words; `tone` "-warning" or "-danger" frames them."""
        shown = self.screen.query_one("#step-text", Static)
        shown.update(text)
        shown.set_class(tone == "-warning", "-warning")
        shown.set_class(tone == "-danger", "-danger")
        self.screen.query_one("#step-main").scroll_home(animate=False)

    def note(self, text: str) -> None:
        """Add a line under the step (the last few stay)."""
        self._notes = [*self._notes, text][-MAX_NOTES:]
        self._show_notes()

    def drop_note(self, text: str) -> None:
        """Take a line that no longer holds away from under the step."""
        if text in self._notes:
            self._notes.remove(text)
            self._show_notes()

    def _show_notes(self) -> None:
        notes = self.screen.query_one("#notes", Static)
        notes.update("\n".join(self._notes))
        notes.display = bool(self._notes)

    # -- shown while the engine works --------------------------------------------------------

    def show_progress(self, progress: Progress) -> None:
        """Show the transfer view with the new figures."""
        view = self.transfer
        if not view.display:
            view.display = True
            self.screen.refresh_bindings()  # Escape cancels from now on
            # The last step's verdict has been read; under a running transfer it would be
            # taken for news about the transfer (and it takes the room of the figures).
            self.drop_note(self._carried_verdict)
            if self.screen.has_class("-short"):
                # At 24 lines the figures and the power banner need the display's room.
                self.m1.show(display=False, panel=False)
        view.update_progress(progress)

    def tick(self) -> None:
        """Count the seconds of a running check (reading a whole memory takes a while)."""
        if not (isinstance(self.step, CheckStep) and self.check.display):
            return
        if self.check.state is CheckState.RUNNING and not self.bar.pending:
            seconds = int(self.clock() - self._check_started)
            self.check.show(CheckState.RUNNING, f"{CHECKING} … {seconds} s")

    # -- helpers -------------------------------------------------------------------------------

    def _demo_panel(self, step: Step | None) -> bool:
        return self.live and isinstance(step, PANEL_STEPS)

    def _passed_check(self) -> str:
        """The verdict of the check step just passed, to keep on show at the next step."""
        verdict, self._verdict = self._verdict, ""
        if isinstance(self.step, CheckStep) and self.check.state is CheckState.PASS and verdict:
            return f"✓ {verdict}"
        return ""
