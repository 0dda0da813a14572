"""The whole battery replacement in the demo, from the home screen to the verified factory
restore, on the emulated M1 that has just lost its memory: the person presses the
enable-MIDI, protect and allocation keys on the drawn panel, chooses a factory-like file
the test builds, and allows the overwrite. Under the running transfer only the transfer
speaks (the verdict of the step before leaves once sending starts), and afterwards the
demo's home line follows the M1 as it now is, in this run and the next."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.engine.helpers import factory_file
from tests.tui.person import SIZE, Person, demo_launch, until
from tests.tui.test_demo_home_line import BACK, LOST, home_line
from tests.tui.test_layout import shown_text
from wizard.device.progress import Progress
from wizard.emulator import build_state
from wizard.engine.endings import RunStatus
from wizard.operations.maintenance import read_log
from wizard.tui.app import WizardApp
from wizard.tui.screens.home import HomeScreen
from wizard.tui.widgets.front_panel import FrontPanel
from wizard.tui.widgets.transfer_view import TransferView

FACTORY = build_state("factory").memory


async def test_battery_replacement_ends_with_the_factory_sounds_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    under: list[str] = []
    update = TransferView.update_progress

    def watched(view: TransferView, progress: Progress) -> None:
        update(view, progress)
        notes = view.screen.query_one("#notes", Static)
        under.append(str(notes.render()) if notes.display else "")

    monkeypatch.setattr(TransferView, "update_progress", watched)
    bank = factory_file(tmp_path, "factory-like.syx")
    launch = demo_launch(tmp_path / "home", "battery-dead")
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        assert home_line(app) == (LOST, "battery-replacement")
        person = Person(pilot)
        await person.choose_on_home("battery-replacement")
        # A wiped M1 ignores SysEx until MIDI is enabled: the connect screen says so.
        assert "Nothing answered." in await person.connect_emulator()
        seen_at_protects: list[str] = []
        told: list[str] = []

        async def look(person: Person) -> None:
            # The check before it passed; its verdict under the panel pushed this keys
            # step's own first line off a 24-line screen. It passes as a notification.
            if person.step.id == "protects-off":
                seen_at_protects.append(" ".join(shown_text(app).split()))
                notes = person.step_screen.query_one("#notes")
                assert not notes.display or "Excl" not in str(notes.render())
                told.extend(n.message for n in app._notifications)

        keys_steps = await person.follow(bank, on_question=look)
        assert any(m.startswith("The M1 answers requests from the computer") for m in told)
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
        assert keys_steps == ["enable-midi", "protects-off", "set-allocation", "first-sound"]
        assert "✓ Completed: Replace the memory battery" in person.step_text()
        # Every line the run added to the log is listed, the restore's too, in order.
        ended = person.step_text()
        log_lines = ended[ended.index("Added to this M1's maintenance log:") :]
        assert log_lines.index("restored ") < log_lines.index("internal battery replaced")
        # No keys are asked for any more: the drawn panel is gone, the display stays.
        assert not person.step_screen.query_one(FrontPanel).display
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:
            memory = emulator.state.memory
            assert memory.programs == FACTORY.programs
            assert memory.combinations == FACTORY.combinations
            assert memory.global_data == FACTORY.global_data
            assert emulator.display[0].startswith("Program 00")
        await person.answer("home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        assert home_line(app) == (BACK, "backup")
    again = WizardApp(launch)
    async with again.run_test(size=SIZE):
        assert home_line(again) == (BACK, "backup")
    assert "The M1 also starts with its memory locked." in seen_at_protects[0]
    assert under, "the transfer showed progress"
    # Before, the memory check's "✓ 100 of the 100 programs ..." stayed there.
    assert not any("✓" in text for text in under), under[:1]
    restored, entry = read_log(app.unit.maintenance)
    # The demo bank is the emulator's own set, not Korg's: logged as what it held.
    assert restored.what.startswith("restored ")
    assert entry.what == "internal battery replaced"
