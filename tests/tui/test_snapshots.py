"""Screenshots of the wizard's screens at 80 x 24, compared with reviewed SVGs: home (dark
and light), connect, a keys step, a transfer half-way (frozen clock, fixed progress), a
failed check with its fix, and the error dialog.

Files live under a fixed folder (paths show on some screens) and the clocks are fixed.
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` only after looking at
the report: a change of Textual or of the snapshot plugin moves pixels too.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.device.progress import Phase, Progress
from wizard.engine.operator import StepPosition
from wizard.engine.plan import plan_steps
from wizard.procedure.model import Step
from wizard.tui.app import WizardApp
from wizard.tui.launch import Launch
from wizard.tui.screens.error import ErrorScreen
from wizard.tui.screens.step import RunSetup, StepScreen

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]

SNAPSHOT_HOME = Path("/tmp/m1-wizard-snapshots")
"""A fixed folder, so that paths shown on screen are the same on every run."""


class FrozenClock:
    """A monotonic clock that never moves."""

    def __call__(self) -> float:
        return 1000.0


@pytest.fixture
def home() -> Path:
    """The fixed data folder, emptied."""
    shutil.rmtree(SNAPSHOT_HOME, ignore_errors=True)
    SNAPSHOT_HOME.mkdir(parents=True)
    return SNAPSHOT_HOME


def demo(home: Path, scenario: str, **changes: object) -> WizardApp:
    return WizardApp(demo_launch(home, scenario, monotonic=FrozenClock(), **changes))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_home(snap_compare: SnapCompare, home: Path, theme: str) -> None:
    app = demo(home, "battery-dead")

    async def themed(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=themed)


def test_connect_with_the_m1_found(snap_compare: SnapCompare, home: Path) -> None:
    async def connected(pilot: Pilot[Any]) -> None:
        person = Person(pilot)
        await person.choose_on_home("backup")
        await person.click("#connect-go")
        proceed = pilot.app.screen.query_one("#connect-continue", Button)
        await until(pilot, lambda: bool(proceed.display), "the detection result")

    assert snap_compare(demo(home, "factory"), terminal_size=SIZE, run_before=connected)


def test_keys_step_with_three_keys_pressed(snap_compare: SnapCompare, home: Path) -> None:
    app = demo(home, "battery-dead", procedure="enable-midi", connect_at_start=True)

    async def three_keys(pilot: Pilot[Any]) -> None:
        person = Person(pilot)
        await person.next_question()
        await person.answer("yes")
        assert await person.next_question() == "keys"
        await person.type_keys(person.lit()[:3])

    assert snap_compare(app, terminal_size=SIZE, run_before=three_keys)


class ParkedStepScreen(StepScreen):
    """The step screen without its engine, so a test can put it in a given state."""

    def _run(self) -> None:  # type: ignore[override]
        return None


async def park_at(
    app: WizardApp, procedure_id: str, step_id: str
) -> tuple[ParkedStepScreen, Step, StepPosition]:
    """Push a parked step screen of `procedure_id` showing the step `step_id`."""
    procedures = app.procedures.procedures
    procedure = procedures[procedure_id]
    setup = RunSetup(procedure, procedures, app.launch, app.unit, app.rig, None, app.feed)
    screen = ParkedStepScreen(setup)
    await app.push_screen(screen)
    plan = plan_steps(procedure, procedures)
    index = next(i for i, p in enumerate(plan) if p.step.id == step_id)
    position = StepPosition(index + 1, len(plan), plan[index].path, procedure.id, False)
    await screen.questions.show_step(plan[index].step, position)
    return screen, plan[index].step, position


def test_transfer_half_way(snap_compare: SnapCompare, home: Path) -> None:
    app = demo(home, "factory", connect_at_start=True)
    halfway = Progress(
        Phase.SEND,
        18_432,
        37_709,
        5.9,
        "global settings with drum kits, 100 combinations, 100 programs",
        in_flight=True,
    )

    async def sending(pilot: Pilot[Any]) -> None:
        wizard = pilot.app
        assert isinstance(wizard, WizardApp)
        screen, _, _ = await park_at(wizard, "factory-restore", "send-bank")
        screen.questions.show_progress(halfway)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=sending)


def test_failed_check_with_its_fix_lit(snap_compare: SnapCompare, home: Path) -> None:
    app = demo(home, "battery-dead", procedure="factory-restore", connect_at_start=True)

    async def refused(pilot: Pilot[Any]) -> None:
        person = Person(pilot)
        while (kind := await person.next_question()) != "recover":
            assert kind == "instruction"
            await person.answer("yes")

    assert snap_compare(app, terminal_size=SIZE, run_before=refused)


def test_error_dialog(snap_compare: SnapCompare, home: Path) -> None:
    blocked = home / "blocked"
    blocked.write_text("a file where the data folder should be\n")
    app = WizardApp(Launch(home=blocked, procedure="sticky-keys", monotonic=FrozenClock()))

    async def failed(pilot: Pilot[Any]) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, ErrorScreen), "the error")

    assert snap_compare(app, terminal_size=SIZE, run_before=failed)
