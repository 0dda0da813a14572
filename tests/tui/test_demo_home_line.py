"""The demo's home line follows its emulated M1 as it is now: after the battery replacement
brought the sounds back it no longer says that the M1 "has just lost its memory", in the same
run or in the next one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from tests.tui.person import SIZE, demo_launch
from wizard.demo.saved_m1 import save_m1
from wizard.emulator import build_state
from wizard.tui.app import WizardApp

LOST = "This emulated M1 has just lost its memory: start with the battery replacement."
BACK = "This emulated M1 has its sounds back: play it, or try a backup."
EMPTY = (
    "This emulated M1's memory holds only blank sounds: bring the sounds back with the "
    "factory restore."
)


def home_line(app: WizardApp) -> tuple[str, str | None]:
    """The home screen's first line and the id of the highlighted procedure."""
    line = str(app.screen.query_one("#home-hint", Static).render())
    listing = app.screen.query_one("#procedure-list", OptionList)
    assert listing.highlighted is not None
    return line, listing.get_option_at_index(listing.highlighted).id


async def test_a_kept_m1_with_its_sounds_back_is_not_called_wiped(tmp_path: Path) -> None:
    # (The whole battery replacement ending here, in this run and the next, is in
    # test_battery_flow.py.)
    launch = demo_launch(tmp_path / "home", "battery-dead")
    save_m1(build_state("factory"), launch.home)
    app = WizardApp(launch)
    async with app.run_test(size=SIZE):
        assert home_line(app) == (BACK, "backup")


async def test_a_kept_m1_with_a_wiped_memory_is_sent_to_the_factory_restore(
    tmp_path: Path,
) -> None:
    launch = demo_launch(tmp_path / "home", "factory")
    save_m1(build_state("battery-dead"), launch.home)
    app = WizardApp(launch)
    async with app.run_test(size=SIZE):
        assert home_line(app) == (EMPTY, "factory-restore")


async def test_after_a_backup_the_demo_suggests_sending_sounds_in(tmp_path: Path) -> None:
    launch = demo_launch(tmp_path / "home", "factory")
    save_m1(build_state("factory"), launch.home)
    app = WizardApp(launch)
    async with app.run_test(size=SIZE):
        assert home_line(app) == (
            "This emulated M1 holds its factory sounds: try a backup.",
            "backup",
        )
    app.unit.backups.mkdir(parents=True)
    (app.unit.backups / "m1-backup-20261202-110153-all.syx").write_bytes(b"\xf0\xf7")
    again = WizardApp(launch)
    async with again.run_test(size=SIZE):
        assert home_line(again) == (
            "This emulated M1's sounds are in a backup now: try sending sounds in with the "
            "factory restore.",
            "factory-restore",
        )
