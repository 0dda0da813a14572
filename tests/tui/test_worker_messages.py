"""What the screens do with their thread workers' typed messages: the connect screen's port
scan and connect (found, failed), and the step screen's engine breaking off with an error
(a run that returns is what every flow test ends with)."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.widgets import Button, OptionList

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.device.detect import Detection, detect
from wizard.device.exchange import Exchange
from wizard.errors import TransportError
from wizard.tui.app import WizardApp
from wizard.tui.launch import Launch
from wizard.tui.screens.connect import ConnectScreen
from wizard.tui.screens.error import REPORT_ADVICE, ErrorScreen
from wizard.tui.screens.step.text import CRASHED

NO_SYSTEM = TransportError(
    "No MIDI system was found.", "Install the MIDI drivers, then press Re-scan."
)


def fake_listing(*names: str) -> SimpleNamespace:
    """What `list_ports` gives: the same names for input and output, on ALSA."""
    return SimpleNamespace(inputs=names, outputs=names, system=SimpleNamespace(label="ALSA"))


async def test_the_scan_lists_the_interfaces_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "wizard.transport.rtmidi_ports.list_ports", lambda: fake_listing("UM-ONE", "MIDISPORT")
    )
    app = WizardApp(Launch(home=tmp_path / "home"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ConnectScreen), "the connect screen")
        note = app.screen.query_one("#scan-note")
        await until(pilot, lambda: "found" in str(note.render()), "the scan's result")
        assert str(note.render()) == "2 MIDI interfaces found (ALSA)."
        listing = app.screen.query_one("#port-list", OptionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(2)]
        assert labels == ["UM-ONE", "MIDISPORT"]
        assert listing.display


async def test_a_scan_that_fails_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_system() -> SimpleNamespace:
        raise NO_SYSTEM

    monkeypatch.setattr("wizard.transport.rtmidi_ports.list_ports", no_system)
    app = WizardApp(Launch(home=tmp_path / "home"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ConnectScreen), "the connect screen")
        note = app.screen.query_one("#scan-note")
        await until(pilot, lambda: "Looking" not in str(note.render()), "the scan's result")
        assert str(note.render()) == (
            "No MIDI system was found. Install the MIDI drivers, then press Re-scan."
        )


async def test_a_connect_that_breaks_off_shows_the_error_and_offers_to_try_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(exchange: object) -> None:
        raise RuntimeError("the cable caught fire")

    monkeypatch.setattr("wizard.tui.screens.connect.detect", broken)
    app = WizardApp(demo_launch(tmp_path / "home", "factory"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("backup")
        await person.click("#connect-go")
        go = app.screen.query_one("#connect-go", Button)
        await until(pilot, lambda: str(go.label) == "Try again", "the connect's result")
        assert not go.disabled
        assert not app.screen.query_one("#connect-continue", Button).display
        assert str(app.screen.query_one("#detect-result").render()) == (
            "✗ m1-wizard ran into a problem it did not expect (RuntimeError: the cable "
            f"caught fire).\nWhat to do: {REPORT_ADVICE}"
        )


async def test_an_engine_that_raises_ends_the_run_under_the_error_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise NO_SYSTEM

    monkeypatch.setattr("wizard.tui.screens.step.screen.run_engine", broken)
    app = WizardApp(Launch(home=tmp_path / "home", procedure="sticky-keys"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await until(pilot, lambda: isinstance(app.screen, ErrorScreen), "the error dialog")
        assert str(app.screen.query_one(".dialog-text").render()) == (
            "No MIDI system was found.\n\nWhat to do: Install the MIDI drivers, then press Re-scan."
        )
        step_screen = person.step_screen
        assert step_screen.ended and step_screen.outcome is None
        assert person.step_text() == f"No MIDI system was found.\n\n{CRASHED}"


async def test_a_wait_while_connecting_is_shown_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waiting = "The M1 is still sending the last dump; waiting for it to finish ..."
    released = threading.Event()

    def detect_after_a_wait(exchange: Exchange) -> Detection:
        assert exchange.notice is not None, "the wizard gave the connection no way to speak"
        exchange.notice(waiting)
        assert released.wait(10), "the test never let the detection go on"
        return detect(exchange)

    monkeypatch.setattr("wizard.tui.screens.connect.detect", detect_after_a_wait)
    app = WizardApp(Launch(home=tmp_path / "home", demo="factory"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ConnectScreen), "the connect screen")
        result = app.screen.query_one("#detect-result")
        app.screen.query_one("#connect-go", Button).press()
        await until(pilot, lambda: str(result.render()) == waiting, "the wait in words")
        released.set()
        await until(pilot, lambda: str(result.render()) != waiting, "the M1 found")
