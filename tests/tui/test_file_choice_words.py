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
