"""Export the README's screenshots from the wizard itself (SVG, 100 x 32).

Run from the repository's top folder with `uv run python docs/screenshots/export_screenshots.py`
(about a minute: the transfer is shot at real MIDI speed, half-way through the send).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.tui.person import Person, demo_launch  # noqa: E402
from wizard.device.progress import Phase  # noqa: E402
from wizard.emulator import Timing  # noqa: E402
from wizard.tui.app import WizardApp  # noqa: E402
from wizard.tui.screens.file_choice import FileScreen  # noqa: E402
from wizard.tui.screens.overwrite import OverwriteScreen  # noqa: E402

SIZE = (100, 32)
OUT = Path(__file__).resolve().parent


async def home_and_step(folder: Path) -> None:
    app = WizardApp(demo_launch(folder / "a", "battery-dead"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await pilot.pause()
        app.save_screenshot("home.svg", str(OUT))
        await person.choose_on_home("battery-replacement")
        await person.connect_emulator()
        while await person.next_question():
            if person.step.id == "enable-midi":
                await person.type_keys(person.lit()[:4])
                app.save_screenshot("step.svg", str(OUT))
                return
            await person.answer("yes")


async def transfer(folder: Path) -> None:
    launch = demo_launch(
        folder / "b",
        "factory",
        procedure="factory-restore",
        connect_at_start=True,
        timing=Timing.real(),
        timeouts=None,
    )
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        while True:
            kind = await person.next_question()
            if kind == "file":
                assert isinstance(app.screen, FileScreen)
                await person.click("#file-send")
                break
            await person.answer("yes")
        assert isinstance(app.screen, OverwriteScreen)
        await person.click("#overwrite-yes")
        view = person.step_screen.questions.transfer
        while True:
            progress = view.progress
            half_sent = progress is not None and progress.phase is Phase.SEND
            if half_sent and progress is not None and progress.done * 2 >= progress.total:
                break
            await pilot.pause(0.1)
        app.save_screenshot("transfer.svg", str(OUT))
        await app.action_quit()


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        await home_and_step(Path(folder))
        await transfer(Path(folder))


if __name__ == "__main__":
    asyncio.run(main())
