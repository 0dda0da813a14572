"""What the step screen does for each of the engine's questions (the `StepView` the TUI
operator calls on the UI thread): it shows the step, lights keys, offers the answers in the
action bar or a dialog, and waits for the person. It never imports the screen: what it needs
comes in by parameter."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from wizard.device.outcomes import ADVICE, Outcome
from wizard.engine.checks.result import CheckResult
from wizard.engine.endings import RunOutcome
from wizard.engine.operator import Recovery, StepPosition, Validator
from wizard.engine.plan import plan_steps
from wizard.engine.replay import replay_run
from wizard.engine.runner import GO_AHEAD
from wizard.errors import WizardError
from wizard.operations import words
from wizard.operations.driver import Overwrite
from wizard.operations.journal import Journal
from wizard.procedure.model import (
    BackupStep,
    CheckStep,
    KeysStep,
    SafetyStep,
    Step,
    TransferStep,
)
from wizard.tui.candidates import places
from wizard.tui.screens.error import in_wizard
from wizard.tui.screens.file_choice import FileScreen, Suggestion, syx_files
from wizard.tui.screens.overwrite import OverwriteScreen
from wizard.tui.screens.step.page import CANCELLING, CHECKING, StepPage
from wizard.tui.screens.step.run import RunSetup
from wizard.tui.screens.step.text import (
    heading,
    keys_named,
    paragraph,
    question_text,
    squeezed,
)
from wizard.tui.widgets.action_bar import QUIT, Answer, Quit
from wizard.tui.widgets.check_status import CheckState

TRANSFER_STEPS = (BackupStep, TransferStep)
RETRYING = "Trying again"
YOUR_ANSWER = "Waiting for your answer."
PERSON_ANSWERS = ("confirm", "keys")
"""Failures that are the person's "no" (a question, keys that did not work)."""
SHOWN_ANSWER = "Done: the display shows this"
DEMO_BANK_LABEL = "Demo factory sounds (made by the emulator; m1-wizard ships no Korg data)"


CANCELLED_FIX = ADVICE[Outcome.CANCELLED].next_action
CANCELLED_FIX_HERE = (
    "Nothing on disk was left half written. Press Retry to start again, or Abort to end here."
)


def tui_fix(fix: str) -> str:
    """The fix as the wizard words it (the cancel advice and the interface test speak of
    running a command)."""
    return CANCELLED_FIX_HERE if fix == CANCELLED_FIX else in_wizard(fix)


class StepQuestions(StepPage):
    """The questions of one run, asked on its step screen.

    Args:
        screen: The step screen (its widgets must be mounted before a question comes).
        setup: The run's procedure, connection and files.
        clock: Monotonic seconds.
        quitting: True once the person asked to stop (a question then settles at once).
    """

    def __init__(
        self,
        screen: Screen[Any],
        setup: RunSetup,
        clock: Callable[[], float],
        quitting: Callable[[], bool],
    ) -> None:
        super().__init__(screen, clock)
        self.setup = setup
        self._quitting = quitting
        self.validate: Validator | None = None
        self.keys_shown = False
        self.modal: asyncio.Future[Any] | None = None
        self._power = ""
        # A resumed run's own backup (taken before the stop) counts as made in this run.
        self._backups_before = set(self._backup_files()) - self._resumed_backup()
        self._made: list[Path] = []  # looked up when a step or a notice may bring one
        planned = plan_steps(setup.procedure, setup.library)
        self._sending_steps = [i for i, p in enumerate(planned) if isinstance(p.step, TransferStep)]

    # -- shown without a question ---------------------------------------------------------------

    async def show_step(self, step: Step, position: StepPosition) -> None:
        """Show a new step: its place in the list, its heading and its text."""
        passed = self._passed_check()
        if passed and isinstance(step, KeysStep) and self.screen.has_class("-short"):
            # At 24 lines the panel needs the room: the verdict shows as a passing note.
            self.screen.app.notify(passed.removeprefix("✓ "), title="Checked")
            passed = ""
        # What the last send means for the power switch stays on show until the next send.
        self._power = self._power_after_send() or self._power
        if isinstance(step, TransferStep):
            self._power = ""
        # Notices from before the first step (resuming, a damaged journal) stay in view.
        carried = self._notes if self.step is None else []
        self.step, self.position, self.keys = step, position, None
        self.mark_step(position.number - 1)
        self._notes = carried + [line for line in (passed, self._power) if line]
        self._carried_verdict = passed
        self.show_backups()
        self._show_notes()
        for selector in ("#step-answer", "#answer-problem"):
            self.screen.query_one(selector).display = False
        await self.fresh_transfer_view()
        self.transfer.more_follows = self._sends_after(position)
        self.m1.guide(())
        self.m1.show(display=self.live, panel=self._demo_panel(step))
        self.check.display = isinstance(step, CheckStep)
        if isinstance(step, CheckStep):
            self._check_started = self.clock()
            self.check.show(CheckState.RUNNING, f"{CHECKING} …")
        self.set_heading(heading(step, position))
        self.set_text(Content(squeezed(step.text)))
        await self.bar.wait("Working …" if isinstance(step, (CheckStep, *TRANSFER_STEPS)) else "")
        # With no answer on offer the step's text keeps the focus (arrow keys scroll it,
        # and the footer keeps showing the keys).
        self.screen.query_one("#step-main").focus()

    def show_notice(self, text: str) -> None:
        """A check's pass goes into its verdict; other notices under the step."""
        if isinstance(self.step, CheckStep) and self.check.state is CheckState.RUNNING:
            self._verdict = squeezed(text)
            self.check.show(CheckState.PASS, self._verdict)
            return
        self.note(squeezed(text))
        self.show_backups()

    def _backup_files(self) -> list[Path]:
        folder = self.setup.unit.backups
        return sorted(folder.glob("*.syx")) if folder.is_dir() else []

    def _resumed_backup(self) -> set[Path]:
        """The backup the unfinished run this one resumes took, if any."""
        if self.setup.restart:
            return set()
        try:
            entries = Journal(self.setup.unit.journal).read().entries
        except WizardError:
            return set()
        replay = replay_run(entries, self.setup.procedure.id)
        if replay is None or replay.completed or replay.backup is None:
            return set()
        return {replay.backup.path}

    @property
    def backups_made(self) -> list[Path]:
        """The backup files saved during this run, oldest first (as of the last step or
        notice: the footer asks often, the folder is not read each time)."""
        return self._made

    def show_backups(self) -> None:
        """Where this run's latest backup is, kept on show from the moment it is saved: in
        full (path, folder, how to copy it), or in one line on steps whose panel or transfer
        box need the room."""
        self._made = [p for p in self._backup_files() if p not in self._backups_before]
        made = self._made
        shown = self.screen.query_one("#files", Static)
        shown.display = bool(made)
        if not made:
            return
        if isinstance(self.step, (KeysStep, TransferStep)):
            shown.update(words.backup_in_short(made[-1]))
            self.screen.refresh_bindings()
            return
        text = words.backup_where(made[-1])
        if self.setup.launch.is_demo:
            text += f"\n{words.DEMO_FILES_TEMPORARY}"
        shown.update(f"{text}\n(p: {words.COPY_PATH.lower()})")
        self.screen.refresh_bindings()

    def _sends_after(self, position: StepPosition) -> bool:
        """True when a step after `position` sends data into the M1."""
        return any(index >= position.number for index in self._sending_steps)

    def settle_notes_at_end(self, outcome: RunOutcome) -> None:
        """The run has ended: drop the lines that spoke of work under way (reading back,
        cancelling) or repeat the end's own words, and say plainly what this run's sends
        mean for the power switch now that nothing more goes into the M1."""
        stale = {words.KEEP_ON_READING, words.KEEP_ON_SENDING, CANCELLING, squeezed(outcome.state)}
        stale.add(f"Completed: {self.setup.procedure.title}.")  # the end's heading says it
        kept = [n for n in self._notes if squeezed(n) not in stale and n != self._power]
        power = ""
        if outcome.send_unfinished:
            power = f"⚠ {words.STOPPED_UNVERIFIED}"
        elif outcome.sent_verified:
            power = f"✓ {words.STOPPED_VERIFIED}"
        self._notes = kept + ([power] if power else [])
        self._show_notes()

    def _power_after_send(self) -> str:
        """Leaving a transfer step whose data went in (a step is only left that way once it
        was read back identical; a failure starts a fresh view): whether the M1 may now be
        switched off, kept on show at the next step."""
        sent = isinstance(self.step, TransferStep) and self.transfer.sent
        # A resumed run proves the data in a read-back check of its own.
        proved = (
            isinstance(self.step, CheckStep)
            and self.step.check == "matches_file"
            and self.check.state is CheckState.PASS
        )
        if not ((sent or proved) and self.position):
            return ""
        if self._sends_after(self.position):
            return f"⚠ {words.MORE_TO_SEND}"
        return f"✓ {words.SAFE_NOW}"

    # -- questions -----------------------------------------------------------------------------

    async def ask_acknowledge(self, warning: str, button: str) -> bool | Quit:
        """An instruction (Done), a safety warning (its own acknowledgement), or the warning
        before a step that cannot be undone (Go ahead)."""
        step = self.step
        text = squeezed(warning)
        if button == GO_AHEAD:
            self.set_text(paragraph(Content.styled(f"⚠ {text}", "bold")), "-danger")
            answers = [Answer("yes", GO_AHEAD, True, "error"), Answer("no", "Stop here", False)]
        elif isinstance(step, SafetyStep):
            body = Content.styled(f"⚠ {text}", "bold")
            self.set_text(paragraph(squeezed(step.text), body), "-warning")
            answers = [Answer("yes", button, True, "warning"), Answer("no", "Stop here", False)]
        else:
            if step is not None and text != squeezed(step.text):
                self.set_text(paragraph(squeezed(step.text), text))
            answers = [Answer("yes", button, True, "primary")]
        answer: bool | Quit = await self._ask(answers)
        return answer

    async def ask_keys(self, step: KeysStep) -> bool | Quit:
        """Light the keys on the panel; in the demo each press goes to the emulated M1.

        The panel guides, it does not gate: once the display shows what the step wants
        (seen in the demo, or said by the person with a real M1) the step can be finished
        without the remaining keys.
        """
        self.keys, self.keys_shown = step, False
        m1 = self.m1
        m1.show(display=self.live or bool(step.display), panel=True)
        m1.guide(step.keys, step.display)
        if self.live:
            answers = [
                Answer("yes", "Continue", True, "primary", disabled=True),
                Answer("again", "Start the keys again", tool=True),
                Answer("no", "It did not work", False),
            ]
        else:
            answers = [
                Answer("yes", SHOWN_ANSWER if step.display else "Done", True, "primary"),
                Answer("no", "It did not work", False),
                Answer("again", "Start the keys again", tool=True),
            ]
        # The display may show what the step wants before any key is pressed.
        self.screen.call_after_refresh(self.display_changed)
        try:
            answer: bool | Quit = await self._ask(answers, focus=m1.panel)
        finally:
            self.keys = None
        self.keys_shown = answer is True and (
            m1.display_matches() if self.live else bool(step.display)
        )
        return answer

    def display_changed(self) -> None:
        """Demo: a key was pressed; once the display shows what the step wants, Continue
        is possible even with keys of the sequence left."""
        step = self.keys
        bar = self.bar
        if step is None or not self.live or not step.display or not bar.has("yes"):
            return
        if self.m1.display_matches() and not self.m1.panel.sequence_done:
            self.m1.show_shown_early()
            button = bar.button("yes")
            button.disabled = False

    def keys_done(self) -> None:
        """The last key of the sequence was pressed: Continue becomes possible."""
        bar = self.bar
        if self.keys is None or not bar.has("yes"):
            return
        self.m1.show_match(done=True)
        button = bar.button("yes")
        button.disabled = False
        button.focus()

    def keys_again(self) -> None:
        """Start the sequence from its first key."""
        if self.keys is None:
            return
        self.m1.guide(self.keys.keys, self.keys.display)
        if self.live:
            self.bar.button("yes").disabled = True
        self.m1.panel.focus()

    async def ask_confirm(self, question: str, expect: str) -> bool | Quit:
        """Yes or no, with what the person should see; keys the question names are lit."""
        step = self.step
        prose = squeezed(step.text) if step is not None else ""
        if prose == squeezed(question):
            prose = ""
        if isinstance(step, CheckStep) and self.check.state is CheckState.PASS:
            # After a passing check the engine's "expect" is the verdict shown just below.
            expect = ""
        elif isinstance(step, CheckStep):
            self.check.show(CheckState.RUNNING, YOUR_ANSWER)
        self.set_text(paragraph(prose, question_text(question, expect)))
        named = keys_named(question)
        self.m1.show(display=self.live, panel=bool(named))
        self.m1.guide(named)
        answers = [Answer("yes", "Yes", True, "primary"), Answer("no", "No", False)]
        answer: bool | Quit = await self._ask(answers)
        self.m1.guide(())
        return answer

    async def ask_text(self, prompt: str, validate: Validator) -> str | Quit:
        """A typed answer, checked by `validate` before it is accepted."""
        self.set_text(paragraph(Content.styled(squeezed(prompt), "bold")))
        field = self.screen.query_one("#step-answer", Input)
        field.value = ""
        field.display = True
        self.validate = validate
        try:
            answers = [Answer("ok", "OK", None, "primary", tool=True)]
            answer: str | Quit = await self._ask(answers, focus=field)
        finally:
            self.validate = None
            field.display = False
            self.screen.query_one("#answer-problem").display = False
        return answer

    def submit_text(self) -> None:
        """OK (or Enter) on a typed answer: accept it, or say what is wrong with it."""
        validate = self.validate
        if validate is None:
            return
        value = self.screen.query_one("#step-answer", Input).value.strip()
        problem = validate(value)
        shown = self.screen.query_one("#answer-problem", Static)
        if problem is not None:
            shown.update(problem)
            shown.display = True
            return
        self.bar.settle(value)

    async def ask_overwrite(self, facts: Overwrite) -> bool | Quit:
        """Permission to overwrite, in a dialog of its own."""
        answer = await self._ask_modal(OverwriteScreen(facts))
        return answer if isinstance(answer, (bool, Quit)) else False

    async def ask_recovery(self, result: CheckResult, can_skip: bool) -> Recovery | Quit:
        """The failure in one sentence and its fix, with the keys the fix names lit."""
        check = self.check
        check.display = True
        # A "no" from the person is an answer, not a fault: advice for it, no bug report.
        answered_no = result.check in PERSON_ANSWERS
        if result.fix == CANCELLED_FIX:
            self.drop_note(CANCELLING)  # done: the verdict says how it ended
            check.show(CheckState.CANCELLED, self._cancelled(), CANCELLED_FIX_HERE)
        elif result.reason == words.DECLINED_REASON:  # the person's choice, not a failure
            check.show(CheckState.NOT_NOW, result.reason, words.DECLINED_FIX_HERE)
        elif result.check == "confirm":
            check.show(CheckState.ANSWERED_NO, "", result.fix)
        elif answered_no:
            check.show(CheckState.ANSWERED_NO, result.reason, result.fix)
        else:
            check.show(CheckState(result.status.value), result.reason, tui_fix(result.fix))
        # A new, hidden transfer view: the old one would still say "Cancelling…".
        await self.fresh_transfer_view()
        named = keys_named(result.fix)
        self.m1.show(display=self.live, panel=bool(named))
        self.m1.guide(named)
        rig = self.setup.rig
        chosen = (CheckState.CANCELLED, CheckState.NOT_NOW, CheckState.ANSWERED_NO)
        if rig is not None and check.state not in chosen:
            self.note(f"MIDI log for a bug report: {rig.log_path}")
        answers = [Answer("retry", "Retry", Recovery.RETRY, "primary")]
        if can_skip:
            answers.append(Answer("skip", "Skip this step", Recovery.SKIP))
        answers.append(Answer("abort", "Abort", Recovery.ABORT, "error"))
        answer: Recovery | Quit = await self._ask(answers)
        if answer in (Recovery.RETRY, Recovery.SKIP):
            # Retry, Skip and Abort no longer apply once one was chosen.
            await self.bar.wait("Working …")
        if answer is Recovery.RETRY:
            self._check_started = self.clock()
            check.show(CheckState.RUNNING, f"{RETRYING} …")
            check.display = isinstance(self.step, CheckStep)
            self.m1.guide(())
            self.m1.show(display=self.live, panel=self._demo_panel(self.step))
        return answer

    def _cancelled(self) -> str:
        """What a cancel left, in words: nothing saved or sent, or whether the M1 holds the
        new data when a read-back was stopped."""
        if isinstance(self.step, BackupStep):
            return words.CANCELLED_BACKUP
        if isinstance(self.step, TransferStep):
            return words.CANCELLED_BEFORE_SENDING
        if self._power:  # a send of this run was read back identical
            return words.CANCELLED_READ_BACK_SENT
        return words.CANCELLED_READ_BACK

    async def ask_file(self, prompt: str) -> tuple[Path, ...] | Quit | None:
        """The files to send: the demo bank and this M1's backups are offered first, then
        what the places downloads are saved in hold (in the demo too)."""
        setup = self.setup
        offered: list[Suggestion] = []
        if setup.demo_bank is not None:
            offered.append(Suggestion(setup.demo_bank, DEMO_BANK_LABEL))
        offered += syx_files(setup.unit.backups, "Backup of this M1")
        look_in = places(Path.home(), Path.cwd())
        answer = await self._ask_modal(FileScreen(prompt, offered, look_in))
        return answer if isinstance(answer, (tuple, Quit)) else None

    # -- stopping ------------------------------------------------------------------------------

    def walk_away(self) -> None:
        """Answer the open question (or dialog) with QUIT."""
        self.bar.settle(QUIT)
        if self.modal is not None and not self.modal.done():
            self.modal.set_result(QUIT)

    # -- helpers -------------------------------------------------------------------------------

    async def _ask(self, answers: list[Answer], focus: Widget | None = None) -> Any:
        bar = self.bar
        future = await bar.offer(answers)
        if self._quitting():
            bar.settle(QUIT)
        target = focus if focus is not None else bar.primary()
        if target is not None:
            target.focus()
        try:
            return await future
        finally:
            bar.freeze()

    async def _ask_modal(self, dialog: Screen[Any]) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

        def answered(value: object) -> None:
            if not future.done():
                future.set_result(value)

        self.modal = future
        await self.screen.app.push_screen(dialog, answered)
        try:
            return await future
        finally:
            self.modal = None
            app = self.screen.app
            if app.screen_stack and app.screen is dialog:
                app.pop_screen()
