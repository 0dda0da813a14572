"""The step screen: the step list, the instruction, the M1's display and drawn front panel,
the live check's verdict, the transfer view and one row of answers, while the engine runs
the procedure in a thread worker and asks its questions through `TuiOperator`."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from wizard.engine.endings import RunOutcome, RunStatus
from wizard.engine.plan import plan_steps
from wizard.engine.runner import title_of
from wizard.operations import words
from wizard.tui.operator import TuiOperator
from wizard.tui.screens.error import ErrorScreen, error_text
from wizard.tui.screens.maintenance import MaintenanceScreen
from wizard.tui.screens.step.page import CANCELLING
from wizard.tui.screens.step.questions import StepQuestions
from wizard.tui.screens.step.run import RunFailed, RunFinished, RunSetup, run_engine
from wizard.tui.screens.step.text import CRASHED, outcome_text, paragraph
from wizard.tui.widgets.action_bar import ActionBar, Answer
from wizard.tui.widgets.check_status import CheckStatus
from wizard.tui.widgets.front_panel import FrontPanel
from wizard.tui.widgets.m1_view import M1View
from wizard.tui.widgets.midi_log import MidiLog
from wizard.tui.widgets.panel_shortcuts import key_for
from wizard.tui.widgets.step_list import StepList
from wizard.tui.widgets.title_bar import TitleBar
from wizard.tui.widgets.transfer_text import Banner
from wizard.tui.widgets.transfer_view import TransferView

TICK_SECONDS = 1.0
STOPPING = "Stopping … this step is kept in the journal, so the procedure resumes here."
STOPPING_IN_FLIGHT = (
    "Stopping as soon as the data being sent is safely in the M1 and read back; do not "
    "switch it off."
)
READING_BACK = (
    "The bank is in the M1 and is being read back to prove every byte arrived; that takes "
    "a few seconds more."
)
CANCEL_REFUSED = (
    "Data is on its way into the M1: stopping half-way would leave its memory half "
    "loaded. Wait a few seconds until it has arrived."
)


class StepScreen(Screen[RunOutcome | None]):
    """One run of one procedure; dismissed with its outcome when the person leaves it.

    Args:
        setup: The procedure, the connection and the files.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "stop", "Stop here"),
        Binding("q", "back_home", "Back to the start"),
        Binding("p", "copy_path", "Copy path"),
        Binding("m", "toggle_midi", "MIDI log"),
        Binding("l", "app.maintenance", "Maintenance log"),
        Binding("question_mark", "app.help", "Help"),
        Binding("t", "app.toggle_theme", "Light/dark"),
        Binding("enter", "primary", "Next", show=False),
    ]

    def __init__(self, setup: RunSetup) -> None:
        super().__init__()
        self.setup = setup
        self.clock = setup.launch.monotonic
        self.questions = StepQuestions(self, setup, self.clock, lambda: self.operator.quitting)
        self.operator = TuiOperator(self._call_from_thread, self.questions, self.clock)
        self._plan = plan_steps(setup.procedure, setup.library)
        self._outcome: RunOutcome | None = None
        self._ended = False
        self._midi_log: MidiLog | None = None

    def _call_from_thread(self, callback: Any, *args: Any) -> Any:
        return self.app.call_from_thread(callback, *args)

    @property
    def outcome(self) -> RunOutcome | None:
        """How the run ended, None while it runs (or when it broke off)."""
        return self._outcome

    @property
    def ended(self) -> bool:
        """True once the engine has returned (or failed)."""
        return self._ended

    def compose(self) -> ComposeResult:
        """Step list beside the main column, the MIDI log under them, answers at the foot."""
        setup = self.setup
        yield TitleBar(setup.procedure.title, setup.launch.is_demo)
        with Horizontal(id="step-body"):
            yield StepList([title_of(p.step) for p in self._plan], id="steps")
            with Vertical(id="step-column"):
                # The title stays outside the scrolling part: scrolled to the panel, or
                # after a resize, the person still sees which step this is.
                yield Static(id="step-heading")
                with VerticalScroll(id="step-main"):
                    yield Static(id="step-text")
                    yield Input(id="step-answer")
                    yield Static("", id="answer-problem", markup=False)
                    yield CheckStatus(id="check")
                    yield TransferView(clock=self.clock, id="transfer")
                    yield M1View(None if setup.rig is None else setup.rig.link, id="m1")
                    yield Static("", id="notes", markup=False)
                    yield Static("", id="files", markup=False)
        yield MidiLog(setup.rig.log_path if setup.rig else None, id="midi")
        yield ActionBar(id="actions", classes="action-bar")
        yield Footer()

    def on_mount(self) -> None:
        """Start the engine."""
        hidden = ["#step-heading", "#step-answer", "#answer-problem", "#check", "#transfer"]
        hidden += ["#midi", "#files"]
        for selector in hidden:
            self.query_one(selector).display = False
        live = self.query_one(M1View).live
        self.query_one(M1View).show(display=live, panel=False)
        self._midi_log = self.query_one(MidiLog)
        self.setup.feed.subscribe(self._midi_log)
        self.set_interval(TICK_SECONDS, self.questions.tick)
        self._run()

    def on_resize(self, event: events.Resize) -> None:
        """After a resize the step list shows the current step again (its title is kept
        above the scrolling text)."""
        self.call_after_refresh(self.questions.keep_step_in_view)

    def on_unmount(self) -> None:
        """Stop feeding the MIDI log view."""
        if self._midi_log is not None:
            self.setup.feed.unsubscribe(self._midi_log)

    # -- the engine ----------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, exclusive=True, group="engine")
    def _run(self) -> None:
        try:
            outcome = run_engine(self.setup, self.operator)
        except Exception as error:
            self.post_message(RunFailed(error))
            raise  # the worker keeps its error (and its state) too
        self.post_message(RunFinished(outcome))

    async def on_run_finished(self, message: RunFinished) -> None:
        """The run ended: show how."""
        self._outcome = message.outcome
        self.questions.settle_notes_at_end(message.outcome)
        await self._show_end(outcome_text(message.outcome, self.setup.procedure.title))

    async def on_run_failed(self, message: RunFailed) -> None:
        """The engine broke off: the error in a dialog, and under the step."""
        text, next_action = error_text(message.error)
        log = self.setup.rig.log_path if self.setup.rig else None
        self.app.push_screen(ErrorScreen(text, next_action, log))
        await self._show_end(paragraph(Content.styled(text, "bold"), CRASHED))

    async def _show_end(self, text: Content) -> None:
        self._ended = True
        self.refresh_bindings()  # q now goes back to the start
        if self._outcome is not None and self._outcome.status is RunStatus.COMPLETED:
            self.questions.mark_step(len(self._plan))
        self.query_one(CheckStatus).display = False
        # Nothing runs any more: no frozen figures, no live Cancel.
        self.query_one(TransferView).allow_cancel(False)
        self.query_one(TransferView).display = False
        m1 = self.query_one(M1View)
        m1.guide(())
        m1.show(display=m1.live, panel=False)  # no keys are asked for any more
        self.questions.set_heading(None)
        self.questions.set_text(text)
        bar = self.query_one(ActionBar)
        await bar.show(
            [
                Answer("home", "Back to the start", variant="primary"),
                Answer("maintenance", "Maintenance log"),
            ]
        )
        home = bar.primary()  # None when the app is closing and nothing was mounted
        if home is not None:
            home.focus()

    async def stop_and_wait(self) -> None:
        """Stop the run (it resumes here next time) and wait until the engine returned."""
        self.action_stop()
        for worker in self.workers:
            if worker.group == "engine":
                await worker.wait()

    # -- events ----------------------------------------------------------------------------

    def on_front_panel_key_pressed(self, message: FrontPanel.KeyPressed) -> None:
        """Demo: the display may now show what the keys step wants."""
        self.questions.display_changed()

    def on_front_panel_sequence_done(self, message: FrontPanel.SequenceDone) -> None:
        """The last key of the sequence was pressed."""
        self.questions.keys_done()

    def on_action_bar_tool_used(self, message: ActionBar.ToolUsed) -> None:
        """Start the keys again, OK of a typed answer, and the buttons after the end."""
        match message.name:
            case "again":
                self.questions.keys_again()
            case "ok":
                self.questions.submit_text()
            case "home":
                self.dismiss(self._outcome)
            case "maintenance":
                self.app.push_screen(MaintenanceScreen(self.setup.unit))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the answer field is OK."""
        event.stop()
        self.questions.submit_text()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape (Cancel) is offered only while a transfer can be cancelled."""
        if action == "cancel":
            return self._cancellable()
        if action == "copy_path":
            return bool(self.questions.backups_made)
        # One q: "Stop here" while the run goes on, "Back to the start" once it ended.
        if action == "stop":
            return not self._ended
        if action == "back_home":
            return self._ended
        return True

    def _cancellable(self) -> bool:
        if self._ended or self.operator.quitting:
            return False
        views = self.query(TransferView)  # none while one step's view gives way to the next
        if not views:
            return False
        view = views.first()
        return view.display and not view.query_one("#cancel").disabled

    def action_copy_path(self) -> None:
        """c: the latest backup's full path onto the clipboard."""
        made = self.questions.backups_made
        if made:
            self.app.copy_to_clipboard(str(made[-1]))
            self.app.notify(str(made[-1]), title=words.PATH_COPIED)

    def action_cancel(self) -> None:
        """Escape: Cancel the transfer under way, as its button does."""
        if self._cancellable():
            self.query_one(TransferView).query_one("#cancel", Button).press()

    def on_transfer_view_cancel_requested(self, message: TransferView.CancelRequested) -> None:
        """Cancel: at once where that is safe, never while data goes into the M1."""
        view = message.view
        progress = view.progress
        if progress is not None and not self.operator.stoppable(progress):
            refusal = CANCEL_REFUSED if view.banner is Banner.KEEP_ON else READING_BACK
            self.app.notify(refusal, title="Cannot cancel now", severity="warning")
            view.allow_cancel(True)
            return
        self.operator.request_cancel()
        self.questions.note(CANCELLING)

    def on_key(self, event: events.Key) -> None:
        """Panel keys typed while a button has the focus still reach the panel."""
        panel = self.query_one(FrontPanel)
        if not panel.display or isinstance(self.focused, (Input, FrontPanel)):
            return
        key = key_for(event.key)
        if key is None:
            return
        event.stop()
        event.prevent_default()
        panel.press(key)

    # -- actions ---------------------------------------------------------------------------

    def action_primary(self) -> None:
        """Enter away from the buttons: with a real M1, on the panel, count the lit key as
        pressed; otherwise the main answer."""
        panel = self.query_one(FrontPanel)
        questions = self.questions
        if (
            questions.keys is not None
            and not questions.live
            and self.focused is panel
            and not panel.sequence_done
        ):
            panel.advance()
            return
        button = self.query_one(ActionBar).primary()
        if button is not None:
            button.press()

    def action_back_home(self) -> None:
        """q after the end: back to the home screen."""
        self.dismiss(self._outcome)

    def action_stop(self) -> None:
        """q: stop here (the journal keeps the place); after the end, back to the start."""
        if self._ended:
            self.dismiss(self._outcome)
            return
        if self.operator.quitting:
            return
        self.operator.request_quit()
        self.questions.walk_away()
        view = self.query_one(TransferView)
        progress = view.progress
        busy = view.display and progress is not None and not self.operator.stoppable(progress)
        said = STOPPING_IN_FLIGHT if busy else STOPPING
        self.questions.note(said)
        # A toast as well: at 24 lines the notes may be scrolled out of view.
        self.app.notify(said, title="Stopping")

    def action_toggle_midi(self) -> None:
        """Show or hide the MIDI traffic."""
        log = self.query_one(MidiLog)
        log.display = not log.display
