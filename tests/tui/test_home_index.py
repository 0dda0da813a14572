"""The home screen built from the shipped procedures' index shows exactly what it shows when
the procedures are read in full; a folder whose index no longer matches its files, or that
has none, is read in full (with its errors shown); the resume entry reads only the procedure
to resume and those it includes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.padding import Padding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tests.tui.person import SIZE, demo_launch, until
from wizard.operations.journal import Entry, Event, Journal
from wizard.procedure.loader import load_all, shipped_folder
from wizard.procedure.summary import INDEX_NAME
from wizard.tui.app import WizardApp
from wizard.tui.catalog import resumable
from wizard.tui.screens.error import ErrorScreen
from wizard.tui.screens.home import RESUME_ID, HomeScreen

AT = "2026-11-21T10:00:00+01:00"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped procedures without their index."""
    copy = tmp_path / "procedures"
    shutil.copytree(shipped_folder(), copy)
    (copy / INDEX_NAME).unlink()
    return copy


def prompt(option: Option) -> str:
    """An entry's text (a procedure's title is padded as a block)."""
    shown = option.prompt
    return str(shown.renderable if isinstance(shown, Padding) else shown)


async def home_screen_text(app: WizardApp) -> tuple[list[str], dict[str, str]]:
    """Every entry of the list as shown, and the details shown for each one."""
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await pilot.pause()
        listing = app.screen.query_one("#procedure-list", OptionList)
        shown = [prompt(listing.get_option_at_index(i)) for i in range(listing.option_count)]
        details: dict[str, str] = {}
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            if option.id is None:
                continue
            listing.highlighted = index
            await pilot.pause()
            details[option.id] = str(app.screen.query_one("#details-text", Static).render())
    return shown, details


async def test_the_index_shows_what_the_procedures_read_in_full_show(
    tmp_path: Path, folder: Path
) -> None:
    indexed = WizardApp(demo_launch(tmp_path / "a", "used"))
    in_full = WizardApp(demo_launch(tmp_path / "b", "used", folder=folder))
    from_index = await home_screen_text(indexed)
    assert not indexed.library.read_in_full
    assert from_index == await home_screen_text(in_full)
    assert in_full.library.read_in_full
    assert "talks to the M1 over MIDI" in from_index[1]["backup"]
    assert "talks to the M1 over MIDI" not in from_index[1]["sticky-keys"]


async def test_a_folder_whose_index_no_longer_matches_is_read_in_full(tmp_path: Path) -> None:
    folder = tmp_path / "procedures"
    shutil.copytree(shipped_folder(), folder)
    path = folder / "sticky-keys.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Sticky keys", "title: Stuck keys"),
        encoding="utf-8",
    )
    app = WizardApp(demo_launch(tmp_path / "home", "used", folder=folder))
    shown, _ = await home_screen_text(app)
    assert app.library.read_in_full
    assert "Stuck keys" in shown
    assert "Sticky keys" not in shown


async def test_broken_files_show_their_first_error(tmp_path: Path, folder: Path) -> None:
    (folder / "broken.yaml").write_text("schema: 1\nid: broken\n", encoding="utf-8")
    expected = load_all(folder).errors[0]
    app = WizardApp(demo_launch(tmp_path / "home", "used", folder=folder))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ErrorScreen), "the error dialog")
        text = str(app.screen.query_one(".dialog-text", Static).render())
        assert text == f"{expected.message}\n\nWhat to do: {expected.next_action}"
        await pilot.click("#error-ok")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        listing = app.screen.query_one("#procedure-list", OptionList)
        assert listing.get_option("sticky-keys").id == "sticky-keys"


async def test_the_resume_entry_reads_only_the_procedure_it_resumes(tmp_path: Path) -> None:
    launch = demo_launch(tmp_path / "home", "used")
    app = WizardApp(launch)
    app.unit.journal.parent.mkdir(parents=True)
    journal = Journal(app.unit.journal)
    first = "used-m1-checklist/overview"
    journal.append(Entry(Event.STARTED, "used-m1-checklist", "r1", AT))
    journal.append(Entry(Event.STEP_DONE, "used-m1-checklist", "r1", AT, first))
    journal.append(Entry(Event.STOPPED, "used-m1-checklist", "r1", AT, reason="q"))
    expected = resumable(app.unit, load_all(shipped_folder()).procedures)
    assert expected is not None and expected.number == 2
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await pilot.pause()
        listing = app.screen.query_one("#procedure-list", OptionList)
        assert listing.highlighted == listing.get_option_index(RESUME_ID)
        assert prompt(listing.get_option(RESUME_ID)) == "↻ " + expected.line()
        assert not app.library.read_in_full
