"""The demo's file chooser finds a zip as downloaded (upper-case names, in ~/Downloads),
says what it holds before it is chosen, and the restore of the whole set is verified."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.emulator import build_state
from wizard.emulator.dumps import bank_dump
from wizard.engine.endings import RunStatus
from wizard.m1 import Bank, Function
from wizard.tui.app import WizardApp
from wizard.tui.screens.file_choice import FileScreen

FACTORY = build_state("factory").memory


def factory_zip(folder: Path) -> Path:
    """Programs, combinations and global as three files in a zip, named as in the wild."""
    parts = {
        "M1 FACTORY/ORIGPROG.SYX": Function.ALL_PROGRAMS_DUMP,
        "M1 FACTORY/ORIGCOMB.SYX": Function.ALL_COMBINATIONS_DUMP,
        "M1 FACTORY/ORIGGLOB.SYX": Function.GLOBAL_DUMP,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, function in parts.items():
            archive.writestr(name, bank_dump(FACTORY, function, Bank.INTERNAL, 1).to_bytes())
    folder.mkdir(parents=True)
    path = folder / "M1_FACTORY.ZIP"
    path.write_bytes(buffer.getvalue())
    older = folder / "OLD.SYX"
    older.write_bytes(bank_dump(FACTORY, Function.GLOBAL_DUMP, Bank.INTERNAL, 1).to_bytes())
    os.utime(older, (1_000_000, 1_000_000))  # older than the zip: listed after it
    return path


async def test_downloaded_zip_is_offered_described_and_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "person"
    archive = factory_zip(home / "Downloads")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    monkeypatch.chdir(tmp_path)
    launch = demo_launch(
        tmp_path / "wizard", "factory", procedure="factory-restore", connect_at_start=True
    )
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.next_question()
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:  # programs the restore has to put back
            memory = emulator.state.memory
            memory.programs[0], memory.programs[1] = memory.programs[1], memory.programs[0]
            assert memory.programs != FACTORY.programs
        await person.answer("yes")
        while (kind := await person.next_question()) != "file":
            assert kind != "recover", person.check_text()
            if kind == "keys":
                await person.type_keys(person.lit())
            await person.answer("yes")
        screen = app.screen
        assert isinstance(screen, FileScreen)
        listed = screen.query_one("#file-list")

        def labels() -> list[str]:
            return [str(o.prompt) for o in listed.options]  # type: ignore[attr-defined]

        await until(pilot, lambda: any("M1_FACTORY.ZIP" in t for t in labels()), "the zip")
        found = [t for t in labels() if "In Downloads" in t]
        assert found == [
            "In Downloads: M1_FACTORY.ZIP\n  M1 sounds and settings: programs, combinations "
            'and global settings; first program "Grand Hall" (3 files, sent as one set)',
            "In Downloads: OLD.SYX\n  M1 sounds and settings: global settings",
        ]
        listed.highlighted = labels().index(found[0])  # type: ignore[attr-defined]
        listed.focus()
        await pilot.press("enter")
        await person.follow()
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:
            assert emulator.state.memory.programs == FACTORY.programs
            assert emulator.state.memory.combinations == FACTORY.combinations
    assert archive.is_file()
