"""The step's title stays in view: above a keys step whose panel does not fit the screen,
after the person scrolled the step's text, and after the terminal is resized (in the step
list too, where it is marked ▶)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.containers import VerticalScroll

from tests.tui.person import SIZE, demo_launch, until
from tests.tui.test_layout import shown_text
from tests.tui.test_snapshots import park_at
from wizard.procedure.model import KeysStep
from wizard.tui.app import WizardApp
from wizard.tui.widgets.action_bar import ActionBar

SIZES = ((60, 20), (120, 40), (80, 24))


def title_shown(app: WizardApp, title: str) -> bool:
    """`title` is on the terminal (at 60 columns it may wrap onto two lines)."""
    return title in " ".join(shown_text(app).split())


async def test_a_keys_step_keeps_its_title_in_view_through_resizes(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path, "battery-dead", connect_at_start=True))
    async with app.run_test(size=SIZE) as pilot:
        screen, step, position = await park_at(app, "battery-replacement", "enable-midi")
        assert isinstance(step, KeysStep)
        asked = asyncio.ensure_future(screen.questions.ask_keys(step))
        bar = screen.query_one(ActionBar)
        await until(pilot, lambda: bar.pending, "the keys step's answers")
        await pilot.pause()
        title = f"Step {position.number} of {position.total} · 9. Let the M1 receive sound banks"
        seen = [("80x24", title_shown(app, title))]
        # The person scrolls down to the panel's last line, as one does at 24 lines.
        screen.query_one("#step-main", VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            shown = title_shown(app, title) and title_shown(app, "▶ 9. Let the M1 receive")
            seen.append((f"{size[0]}x{size[1]}", shown))
        screen.questions.walk_away()
        await asyncio.wait_for(asked, 5)
        assert seen == [
            ("80x24", True),
            ("60x20", True),
            ("120x40", True),
            ("80x24", True),
        ], shown_text(app)
