"""Layout at the small sizes: the drawn panel only where keys are pressed, nothing cut at
80 x 24 (the transfer label, the home screen's needs and risks), and the highlighted home
entry kept in view after the terminal shrinks to 60 x 20."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import OptionList

from tests.tui.person import SIZE, Person, demo_launch, until
from tests.tui.test_snapshots import park_at
from wizard.device.progress import Phase, Progress
from wizard.tui.app import WizardApp
from wizard.tui.screens.home import HomeScreen
from wizard.tui.widgets.front_panel import FrontPanel


def shown_text(app: WizardApp) -> str:
    """The characters on the terminal, line by line (what a person can read)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def text_in(app: WizardApp, area: Region) -> str:
    """What the terminal shows inside `area`, its lines joined with single spaces."""
    lines = shown_text(app).splitlines()[area.y : area.bottom]
    return " ".join(" ".join(line[area.x : area.right] for line in lines).split())


async def test_the_panel_shows_only_at_steps_that_press_keys(tmp_path: Path) -> None:
    launch = demo_launch(tmp_path, "used", procedure="used-m1-checklist", connect_at_start=True)
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        seen: dict[str, bool] = {}
        while "set-filters" not in seen:
            kind = await person.next_question()
            panel = person.step_screen.query_one(FrontPanel)
            seen[person.step.id] = bool(panel.display)
            if kind == "keys":
                await person.type_keys(person.lit())
            await person.answer("yes")
        # ("Filters shown", the yes/no question after it, is now settled by the display.)
        assert seen["set-filters"], "the keys step shows the panel"
        assert not seen["overview"], "a step that presses no keys hides it"


async def test_the_transfer_label_is_not_cut_at_80_by_24(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path, "factory", connect_at_start=True))
    async with app.run_test(size=SIZE) as pilot:
        screen, _, _ = await park_at(app, "factory-restore", "send-bank")
        what = "global settings with drum kits, 100 combinations, 100 programs"
        screen.questions.show_progress(Progress(Phase.SEND, 18_432, 37_709, 5.9, what, True))
        await pilot.pause()
        shown = text_in(app, screen.query_one("#transfer-figures").region)
        assert "Sending: global settings with drum kits, 100 combinations, 100 programs" in shown
        assert "18,432 of 37,709 bytes · 3,124 bytes/s · about 6 s left" in shown


async def test_every_procedure_s_needs_and_risks_fit_at_80_by_24(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path, "battery-dead"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        listing = app.screen.query_one("#procedure-list", OptionList)
        pane = app.screen.query_one("#procedure-details", VerticalScroll)
        cut = []
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            if option.id is None:
                continue
            listing.highlighted = index
            await pilot.pause()
            if pane.max_scroll_y > 0:
                cut.append(option.id)
        assert cut == []
        listing.highlighted = listing.get_option_index("battery-replacement")
        await pilot.pause()
        shown = text_in(app, pane.content_region)
        assert "You need: a CR2032 lithium coin cell, a Phillips screwdriver" in shown
        assert "The joystick can bend or break if the M1 rests on it." in shown


async def test_the_highlighted_entry_stays_in_view_at_60_by_20(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path, "factory"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        listing = app.screen.query_one("#procedure-list", OptionList)
        assert listing.highlighted == listing.get_option_index("backup")
        assert "Back up the M1 to the computer" in text_in(app, listing.content_region)
