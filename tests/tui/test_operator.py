"""The TUI operator on its own: answers come back from the screen, walking away is a quit,
and cancel or quit during a transfer are honoured only where nothing is on its way into
the M1; progress reports are thinned out but never lose a phase change or the end."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.progress import Phase, Progress
from wizard.engine.checks.result import CheckResult, Verdict
from wizard.engine.operator import OperatorQuit, Recovery, StepPosition, Validator
from wizard.operations.driver import Overwrite
from wizard.procedure.model import KeysStep, Step, TransferSource, TransferStep
from wizard.tui.operator import TuiOperator
from wizard.tui.widgets.action_bar import QUIT, Quit


class Screen:
    """Answers every question with `answer` and keeps what it was shown."""

    def __init__(self, answer: object = True) -> None:
        self.answer = answer
        self.progress: list[Progress] = []
        self.notices: list[str] = []
        self.keys_shown = False

    async def show_step(self, step: Step, position: StepPosition) -> None:
        return None

    async def ask_keys(self, step: KeysStep) -> Any:
        return self.answer

    async def ask_confirm(self, question: str, expect: str) -> Any:
        return self.answer

    async def ask_text(self, prompt: str, validate: Validator) -> Any:
        return self.answer

    async def ask_acknowledge(self, warning: str, button: str) -> Any:
        return self.answer

    async def ask_overwrite(self, facts: Overwrite) -> Any:
        return self.answer

    async def ask_recovery(self, result: CheckResult, can_skip: bool) -> Any:
        return self.answer

    async def ask_file(self, prompt: str) -> Any:
        return self.answer

    def show_progress(self, progress: Progress) -> None:
        self.progress.append(progress)

    def show_notice(self, text: str) -> None:
        self.notices.append(text)


def on_the_ui(method: Callable[..., Any], *args: Any) -> Any:
    """What `call_from_thread` does, without an app: run it, awaiting a coroutine."""
    result = method(*args)
    return asyncio.run(result) if inspect.iscoroutine(result) else result


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def operator_for(screen: Screen, clock: Clock | None = None) -> TuiOperator:
    return TuiOperator(on_the_ui, screen, clock or Clock())


def sending(done: int) -> Progress:
    return Progress(Phase.SEND, done, 1000, 1.0, "100 programs", in_flight=True)


def test_answers_come_back_from_the_screen() -> None:
    problem = CheckResult("m1_responds", Verdict.FAIL, "Nothing answered.")
    assert operator_for(Screen(Recovery.SKIP)).recover(problem, True) is Recovery.SKIP
    chosen = (Path("bank.syx"), Path("GLOB.SYX"))
    assert operator_for(Screen(chosen)).choose_file("?") == chosen
    assert operator_for(Screen("123456")).ask("Serial", lambda _: None) == "123456"


def test_a_question_walked_away_from_is_a_quit() -> None:
    with pytest.raises(OperatorQuit):
        operator_for(Screen(QUIT)).confirm("Is it on?", "")
    assert isinstance(QUIT, Quit)


def test_an_app_that_stopped_is_a_quit() -> None:
    def closed(method: Callable[..., Any], *args: Any) -> Any:
        raise RuntimeError("App is not running")

    operator = TuiOperator(closed, Screen(), Clock())
    with pytest.raises(OperatorQuit):
        operator.acknowledge("Unplug it.", "Done")
    operator.notice("Stopped.")  # a notice to a closed app is dropped, not raised


def test_cancel_stops_a_backup_at_the_next_report() -> None:
    operator = operator_for(Screen())
    operator.request_cancel()
    with pytest.raises(DeviceError) as raised:
        operator.progress(Progress(Phase.BACKUP, 512, 0, 0.2, "all data dump"))
    assert raised.value.outcome is Outcome.CANCELLED
    assert raised.value.message == "Stopped before the end."
    operator.progress(Progress(Phase.BACKUP, 1024, 0, 0.4, "all data dump"))  # once only


def test_cancel_and_quit_wait_while_data_goes_into_the_m1() -> None:
    screen = Screen()
    operator = operator_for(screen)
    operator.request_cancel()
    operator.request_quit()
    operator.progress(sending(500))  # in flight: neither is honoured
    between = Progress(Phase.SEND, 1000, 2000, 1.0, "100 programs", in_flight=False)
    operator.progress(between)  # between two dumps of one restore: still not
    with pytest.raises(OperatorQuit):
        operator.progress(Progress(Phase.READ_BACK, 10, 0, 0.1, "programs"))
    with pytest.raises(OperatorQuit):
        operator.begin_step(
            KeysStep(id="k", keys=(), source=""), StepPosition(1, 1, "p/k", "p", False)
        )


def test_progress_is_thinned_but_keeps_phase_changes_and_the_end() -> None:
    clock = Clock()
    screen = Screen()
    operator = operator_for(screen, clock)
    for done in range(0, 1001, 100):
        operator.progress(sending(done))
    clock.now = 1.0
    operator.progress(Progress(Phase.WAIT, 1000, 1000, 1.0, "100 programs"))
    assert [p.done for p in screen.progress] == [0, 1000, 1000]
    assert [p.phase for p in screen.progress] == [Phase.SEND, Phase.SEND, Phase.WAIT]


def test_a_sent_bank_is_read_back_before_a_quit_is_honoured() -> None:
    screen = Screen()
    operator = operator_for(screen)
    send = TransferStep(
        id="send-bank", source=TransferSource.CHOOSE_FILE, overwrites="every program"
    )
    operator.begin_step(send, StepPosition(7, 9, "p/send-bank", "p", can_go_back=False))
    operator.request_quit()
    operator.progress(sending(1000))
    operator.progress(Progress(Phase.READ_BACK, 10, 0, 0.1, "programs"))
    assert [p.phase for p in screen.progress] == [Phase.SEND, Phase.READ_BACK]
    # The backup a transfer step may take first can still stop.
    with pytest.raises(OperatorQuit):
        operator.progress(Progress(Phase.BACKUP, 10, 0, 0.1, "all data dump"))
