"""The engine's `Operator` under the TUI: the engine runs in a thread worker and each of its
questions becomes a call on the step screen, made on the UI thread through
`App.call_from_thread`; the screen answers when the person has clicked or typed.

Quitting settles the question under way with `QUIT`, which turns into `OperatorQuit` here,
so the engine journals where it stopped. Cancel and quit during a transfer are honoured at
the next progress report, but never while data is on its way into the M1.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any, Protocol, TypeVar

from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.progress import Phase, Progress
from wizard.engine.checks.result import CheckResult
from wizard.engine.operator import Navigation, OperatorQuit, Recovery, StepPosition, Validator
from wizard.operations.driver import Overwrite
from wizard.procedure.model import KeysStep, Step, TransferStep
from wizard.tui.widgets.action_bar import Quit

T = TypeVar("T")

PROGRESS_INTERVAL = 0.05
"""Seconds between two progress reports passed to the screen (at most 20 a second)."""

CANCEL_SAFE_PHASES = frozenset({Phase.DETECT, Phase.BACKUP, Phase.READ_BACK, Phase.COMPARE})
"""Phases a transfer may stop in: nothing is on its way into the M1, and nothing half
written stays on disk (a backup is saved only once it is whole)."""

SENDING_STEP_SAFE_PHASES = frozenset({Phase.DETECT, Phase.BACKUP})
"""In a step that sends a file, only the backup before it may stop: once the bank has gone
in, its read-back is what proves it arrived, and a run stopped before that is journalled as
an unfinished transfer that has to be sent again."""


class StepView(Protocol):
    """What the operator needs from the step screen; every method runs on the UI thread."""

    async def show_step(self, step: Step, position: StepPosition) -> None:
        """Show a new step."""
        ...

    async def ask_keys(self, step: KeysStep) -> bool | Quit:
        """Guide a key sequence; True when done."""
        ...

    @property
    def keys_shown(self) -> bool:
        """The last keys step ended with its display seen to show what it wants."""
        ...

    async def ask_confirm(self, question: str, expect: str) -> bool | Quit:
        """A yes/no question."""
        ...

    async def ask_text(self, prompt: str, validate: Validator) -> str | Quit:
        """A typed answer that `validate` accepts."""
        ...

    async def ask_acknowledge(self, warning: str, button: str) -> bool | Quit:
        """A warning or an instruction to accept."""
        ...

    async def ask_overwrite(self, facts: Overwrite) -> bool | Quit:
        """Permission to overwrite the M1's memory."""
        ...

    async def ask_recovery(self, result: CheckResult, can_skip: bool) -> Recovery | Quit:
        """Retry, skip or abort after a failure."""
        ...

    async def ask_file(self, prompt: str) -> tuple[Path, ...] | Quit | None:
        """A file to send."""
        ...

    def show_progress(self, progress: Progress) -> None:
        """Show how far a transfer is."""
        ...

    def show_notice(self, text: str) -> None:
        """Show a state message."""
        ...


class TuiOperator:
    """Answers the engine's questions through the step screen.

    Args:
        call: Runs a function (or coroutine function) on the UI thread and returns its
            result: the app's `call_from_thread`.
        view: The step screen.
        clock: Monotonic seconds, for spacing progress reports.
    """

    def __init__(
        self,
        call: Callable[..., Any],
        view: StepView,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._call_ui = call
        self._view = view
        self._clock = clock
        self._quitting = threading.Event()
        self._cancelling = threading.Event()
        self._last_report = -1.0
        self._last_kind: tuple[Phase, str, bool] | None = None
        self._sending_step = False

    def request_quit(self) -> None:
        """Stop at the next chance (from any thread); the journal keeps the place."""
        self._quitting.set()

    def request_cancel(self) -> None:
        """Stop the transfer under way at its next safe point (from any thread)."""
        self._cancelling.set()

    @property
    def quitting(self) -> bool:
        """True once a quit was asked for."""
        return self._quitting.is_set()

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        """Run a screen method on the UI thread and return its answer.

        Raises:
            OperatorQuit: The person quit, or the app is closing.
        """
        if self._quitting.is_set():
            raise OperatorQuit()
        try:
            answer = self._call_ui(method, *args)
        except (RuntimeError, CancelledError):
            # The app stopped while the question was open: the same as quitting.
            raise OperatorQuit() from None
        if isinstance(answer, Quit):
            raise OperatorQuit()
        return answer

    def begin_step(self, step: Step, position: StepPosition) -> Navigation:
        """Show the step; going back is not offered here (the engine would only allow it
        before an irreversible step, and the step list shows where the person is)."""
        self._cancelling.clear()
        self._sending_step = isinstance(step, TransferStep)
        self._call(self._view.show_step, step, position)
        return Navigation.PROCEED

    def keys(self, step: KeysStep) -> bool:
        """The drawn panel guides the sequence (and, in the demo, presses the keys)."""
        answer: bool = self._call(self._view.ask_keys, step)
        return answer

    def display_shown(self, step: KeysStep) -> bool:
        """Seen in the demo, or "the display shows this" said by the person."""
        return self._view.keys_shown

    def confirm(self, question: str, expect: str) -> bool:
        """Yes or no."""
        answer: bool = self._call(self._view.ask_confirm, question, expect)
        return answer

    def ask(self, prompt: str, validate: Validator) -> str:
        """A typed answer."""
        answer: str = self._call(self._view.ask_text, prompt, validate)
        return answer

    def acknowledge(self, warning: str, button: str) -> bool:
        """A warning or instruction, accepted with `button`."""
        answer: bool = self._call(self._view.ask_acknowledge, warning, button)
        return answer

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        """Permission to overwrite, asked in a screen of its own."""
        answer: bool = self._call(self._view.ask_overwrite, facts)
        return answer

    def recover(self, result: CheckResult, can_skip: bool) -> Recovery:
        """What went wrong and what to do, with retry, skip (when allowed) and abort."""
        answer: Recovery = self._call(self._view.ask_recovery, result, can_skip)
        return answer

    def choose_file(self, prompt: str) -> tuple[Path, ...] | None:
        """The files to send as one set (one zip, one folder or several files)."""
        answer: tuple[Path, ...] | None = self._call(self._view.ask_file, prompt)
        return answer

    def progress(self, progress: Progress) -> None:
        """Pass the report on (at most every `PROGRESS_INTERVAL`, phase changes always).

        Raises:
            OperatorQuit: The person quit, in a phase where stopping is safe.
            DeviceError: CANCELLED: the person cancelled, in such a phase.
        """
        self._show(progress)
        if self.stoppable(progress):
            if self._quitting.is_set():
                raise OperatorQuit()
            if self._cancelling.is_set():
                self._cancelling.clear()
                raise DeviceError(Outcome.CANCELLED)

    def stoppable(self, progress: Progress) -> bool:
        """True when the transfer may stop at `progress` (see `CANCEL_SAFE_PHASES` and
        `SENDING_STEP_SAFE_PHASES`)."""
        safe = SENDING_STEP_SAFE_PHASES if self._sending_step else CANCEL_SAFE_PHASES
        return progress.phase in safe and not progress.in_flight

    def _show(self, progress: Progress) -> None:
        kind = (progress.phase, progress.label, progress.in_flight)
        now = self._clock()
        finished = progress.total > 0 and progress.done >= progress.total
        if kind == self._last_kind and not finished and now - self._last_report < PROGRESS_INTERVAL:
            return
        self._last_kind, self._last_report = kind, now
        # Shown after a quit too: the banner must keep saying whether switching off is safe.
        with contextlib.suppress(RuntimeError, CancelledError):
            self._call_ui(self._view.show_progress, progress)

    def notice(self, text: str) -> None:
        """Show a state message; after a quit they still go to the screen while it is
        open, since they say what state the M1 was left in."""
        try:
            self._call_ui(self._view.show_notice, text)
        except (RuntimeError, CancelledError):
            return
