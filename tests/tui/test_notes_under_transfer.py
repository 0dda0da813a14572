"""Under a running transfer only the transfer speaks: the verdict of the step before (kept on
show at the next step so the person sees why it passed) goes away once sending starts,
instead of sitting under the progress box as if it were news about the transfer."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.engine.helpers import factory_file
from tests.tui.person import SIZE, Person, demo_launch
from wizard.device.progress import Progress
from wizard.tui.app import WizardApp
from wizard.tui.widgets.transfer_view import TransferView


async def test_the_last_steps_verdict_leaves_when_the_transfer_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = factory_file(tmp_path, "factory-like.syx")
    under: list[str] = []
    update = TransferView.update_progress

    def watched(view: TransferView, progress: Progress) -> None:
        update(view, progress)
        notes = view.screen.query_one("#notes", Static)
        under.append(str(notes.render()) if notes.display else "")

    monkeypatch.setattr(TransferView, "update_progress", watched)
    app = WizardApp(demo_launch(tmp_path / "home", "battery-dead"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("battery-replacement")
        await person.connect_emulator()
        await person.follow(bank)
    assert under, "the transfer showed progress"
    # Before the fix the memory check's "✓ 100 of the 100 programs ..." stayed there.
    assert not any("✓" in text for text in under), under[:1]
