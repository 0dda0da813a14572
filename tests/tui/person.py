"""A person at the wizard, for Pilot tests: waits for the next question the way the eye
does (for the answers to appear) and answers with clicks and typed keys, never by calling
the engine."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList

from wizard.device.exchange import Timeouts
from wizard.emulator import Timing
from wizard.m1.panel_keys import Choice, Press
from wizard.procedure.model import KeysStep, Step
from wizard.tui.app import WizardApp
from wizard.tui.launch import Launch
from wizard.tui.screens.connect import ConnectScreen
from wizard.tui.screens.file_choice import FileScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.overwrite import OverwriteScreen
from wizard.tui.screens.step import StepScreen
from wizard.tui.widgets.action_bar import ActionBar
from wizard.tui.widgets.panel_shortcuts import SHORTCUTS

Handler = Callable[["Person"], Awaitable[None]]
"""What a test does at a question (it answers it)."""

SIZE = (80, 24)
WAIT_LIMIT = 60.0
"""Seconds a test waits for the app before it fails (a hang must not stall the suite)."""

FAST = Timeouts(first_reply=0.2, idle=0.2, after_load=0.2, identity=0.1, scan=0.02)
"""Short waits for the instant emulator: a reply that has not come by then will not."""

TYPED = {s.key: s.name for s in reversed(SHORTCUTS)}
"""The computer key that presses each panel key (the first spelling the legend shows)."""


def fixed_now() -> datetime:
    """A fixed clock for journal stamps and file names."""
    return datetime.fromisoformat("2026-03-14T10:00:00+00:00")


def demo_launch(home: Path, scenario: str, **changes: object) -> Launch:
    """The demo against `scenario` with instant timing and short waits, files under `home`."""
    settings: dict[str, object] = {
        "home": home,
        "unit": "demo-m1",
        "demo": scenario,
        "timing": Timing.instant(),
        "timeouts": FAST,
        "now": fixed_now,
    }
    settings.update(changes)
    return Launch(**settings)  # type: ignore[arg-type]


async def until(pilot: Pilot[int], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds; fail, naming `what`, when it never does."""
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT_LIMIT:.0f} s for {what}")
        await pilot.pause()


def typed(press: Press, choose: int = 0) -> str:
    """The computer key for one press (a choice: option `choose`)."""
    key = press.options[choose] if isinstance(press, Choice) else press
    return TYPED[key]


class Person:
    """Drives the app through Pilot as a person would.

    Args:
        pilot: The app's pilot.
    """

    def __init__(self, pilot: Pilot[int]) -> None:
        self.pilot = pilot
        self.app = pilot.app
        assert isinstance(self.app, WizardApp)
        self._seen = 0

    @property
    def step_screen(self) -> StepScreen:
        """The step screen (the one on top or under a dialog)."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, StepScreen):
                return screen
        raise AssertionError(f"no step screen open; on top: {self.app.screen!r}")

    @property
    def step(self) -> Step:
        """The step under way."""
        step = self.step_screen.questions.step
        assert step is not None
        return step

    async def choose_on_home(self, procedure: str, restart: bool = False) -> None:
        """Highlight a procedure (or the resume entry) on the home screen and start it."""
        await until(self.pilot, lambda: isinstance(self.app.screen, HomeScreen), "home")
        listing = self.app.screen.query_one("#procedure-list", OptionList)
        listing.highlighted = listing.get_option_index(procedure)
        await self.pilot.pause()
        await self.click("#restart" if restart else "#start")

    async def connect_emulator(self) -> str:
        """On the connect screen: connect to the emulated M1, continue; the result text."""
        await until(self.pilot, lambda: isinstance(self.app.screen, ConnectScreen), "connect")
        await self.click("#connect-go")
        screen = self.app.screen
        proceed = screen.query_one("#connect-continue", Button)
        await until(self.pilot, lambda: bool(proceed.display), "the detection result")
        result = str(screen.query_one("#detect-result").render())
        await self.click("#connect-continue")
        return result

    async def click(self, selector: str) -> None:
        """Click a widget of the screen on top."""
        await until(self.pilot, lambda: bool(self.app.screen.query(selector)), selector)
        assert await self.pilot.click(selector), f"{selector} could not be clicked"
        await self.pilot.pause()

    async def next_question(self) -> str:
        """Wait for the next thing to answer: "file", "overwrite", "end", or the name of the
        step kind whose answers appeared ("keys", "confirm", "recover" ...)."""

        def ready() -> bool:
            screen = self.app.screen
            if isinstance(screen, (FileScreen, OverwriteScreen)):
                return True
            step_screen = self.step_screen
            bar = step_screen.query_one(ActionBar)
            return step_screen.ended or (bar.pending and bar.asked > self._seen)

        await until(self.pilot, ready, "the next question")
        screen = self.app.screen
        if isinstance(screen, FileScreen):
            return "file"
        if isinstance(screen, OverwriteScreen):
            return "overwrite"
        if self.step_screen.ended:
            return "end"
        bar = self.step_screen.query_one(ActionBar)
        self._seen = bar.asked
        if bar.has("retry"):
            return "recover"
        return self.step.kind

    async def answer(self, name: str) -> None:
        """Press the answer button called `name` ("yes", "no", "retry", "skip" ...)."""
        await self.click(f"#act-{name}")

    async def paste_path(self, path: str) -> None:
        """In the file dialog: empty the path field and paste `path` into it, as a file
        dragged into a terminal window arrives."""
        field = self.app.screen.query_one("#file-path", Input)
        await self.click("#file-path")
        await self.pilot.press("ctrl+a", "ctrl+k")
        field.post_message(events.Paste(path))
        await until(self.pilot, lambda: field.value == path, "the pasted path")

    async def type_keys(self, presses: Iterable[Press]) -> None:
        """Type a key sequence on the drawn panel (choices: their first option)."""
        for press in presses:
            await self.pilot.press(typed(press))
        await self.pilot.pause()

    async def follow(
        self,
        file: Path | None = None,
        on_recover: Handler | None = None,
        on_question: Handler | None = None,
    ) -> list[str]:
        """Answer everything until the run ends, as someone doing what the screen says:
        the lit keys typed on the panel, yes to every question, `file` pasted into the
        file dialog, the overwrite allowed. A failure goes to `on_recover`, or fails the
        test. `on_question` looks at each question before it is answered.

        Returns:
            The ids of the keys steps, in order.
        """
        keys_steps: list[str] = []
        while (kind := await self.next_question()) != "end":
            if on_question is not None:
                await on_question(self)
            match kind:
                case "keys":
                    step = self.step
                    assert isinstance(step, KeysStep)
                    assert self.lit() == step.keys, "the panel lights the step's keys"
                    keys_steps.append(step.id)
                    await self.type_keys(step.keys)
                    await self.answer("yes")
                case "file":
                    assert file is not None, "a file was asked for"
                    await self.paste_path(str(file))
                    await self.click("#file-send")
                case "overwrite":
                    await self.click("#overwrite-yes")
                case "recover" if on_recover is not None:
                    await on_recover(self)
                case "recover":
                    raise AssertionError(f"step {self.step.id} failed: {self.check_text()}")
                case _:
                    await self.answer("yes")
        return keys_steps

    def lit(self) -> tuple[Press, ...]:
        """The sequence the drawn panel is guiding."""
        return self.step_screen.questions.m1.panel.steps

    def check_text(self) -> str:
        """What the live check's verdict says."""
        return str(self.step_screen.query_one("#check").render())

    def step_text(self) -> str:
        """What the step's text says."""
        return str(self.step_screen.query_one("#step-text").render())
