"""The file dialog's words follow what is chosen: one file, or a set (several files, a zip,
a folder), so a set is never called "this file"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from tests.tui.person import SIZE, Person, demo_launch
from wizard.tui.app import WizardApp
from wizard.tui.screens.file_choice import FileScreen


async def test_the_send_button_says_file_or_files(tmp_path: Path) -> None:
    one = tmp_path / "ORIGPROG.SYX"
    two = tmp_path / "ORIGGLOB.SYX"
    for path in (one, two):
        path.write_bytes(b"")
    (tmp_path / "M1.zip").write_bytes(b"")
    app = WizardApp(demo_launch(tmp_path / "home", "factory"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await app.push_screen(FileScreen("Choose the sound bank to send", []))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(".dialog").border_title == "Choose the sounds to send"
        send = screen.query_one("#file-send", Button)
        assert str(send.label) == "Send"
        shown: list[str] = []
        for typed in (str(one), f"'{one}' '{two}'", str(tmp_path), str(tmp_path / "M1.zip")):
            await person.paste_path(typed)
            await pilot.pause()
            shown.append(str(send.label))
    assert shown == [
        "Send this file",
        "Send these files",
        "Send this folder's files",
        "Send this zip's files",
    ]


async def test_at_80_by_24_the_dialog_says_where_it_looked_and_nothing_is_cut(
    tmp_path: Path,
) -> None:
    from textual.widgets import Label, Static

    from tests.tui.person import until
    from wizard.tui.screens.file_choice import PATH_LABEL, Suggestion

    empty = tmp_path / "Downloads"
    empty.mkdir()
    offered = [Suggestion(tmp_path / "bank.syx", "Demo factory sounds")]
    app = WizardApp(demo_launch(tmp_path / "home", "factory"))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(
            FileScreen(
                "What you choose replaces in the M1 every program",
                offered,
                [(empty, "In Downloads")],
            )
        )
        searching = app.screen.query_one("#file-search", Static)
        assert str(searching.render()) in (
            "Looking in Downloads …",
            "No other sound bank files were found in Downloads.",
        )
        await until(pilot, lambda: "found" in str(searching.render()), "the search")
        assert str(searching.render()) == "No other sound bank files were found in Downloads."
        label = app.screen.query_one(".field-label", Label)
        # The whole sentence is on screen, not cut at the dialog's edge.
        assert label.region.width >= len(PATH_LABEL)
        assert str(label.render()) == PATH_LABEL
        prompt = app.screen.query_one(".dialog-text", Static)
        assert str(prompt.render()) == "What you choose replaces in the M1 every program."
