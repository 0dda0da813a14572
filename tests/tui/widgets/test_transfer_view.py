"""The transfer view in a host app: figures, banners, the clock and Cancel."""

from __future__ import annotations

from textual.widgets import Button, Label, ProgressBar, Static

from tests.tui.widgets.hosts import SIZE, FixedClock, TransferHost, text_of
from wizard.device.progress import Phase, Progress
from wizard.tui.widgets.transfer_text import Banner

HALFWAY = Progress(Phase.SEND, 6250, 15625, 2.0, "100 programs", in_flight=True)
SENT = Progress(Phase.SEND, 15625, 15625, 5.0, "100 programs", in_flight=False)
DONE = Progress(Phase.DONE, 15625, 15625, 5.0)


def label(app: TransferHost, name: str) -> str:
    return text_of(app.query_one(f"#{name}", Label))


async def test_figures_come_from_the_progress() -> None:
    app = TransferHost(FixedClock(), HALFWAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert label(app, "phase") == "Sending: 100 programs"
        assert label(app, "stats") == "6,250 of 15,625 bytes · 3,125 bytes/s · about 3 s left"
        bar = app.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (15625, 6250)
        assert app.view.region.right <= SIZE[0]


async def test_time_left_follows_the_clock_between_reports() -> None:
    clock = FixedClock()
    app = TransferHost(clock, HALFWAY)
    async with app.run_test(size=SIZE):
        clock.now += 2.0
        app.view.refresh_time_left()
        assert label(app, "stats").endswith("about 1 s left")


async def test_the_banner_switches_from_keep_on_to_safe_once_done() -> None:
    app = TransferHost(FixedClock(), HALFWAY)
    async with app.run_test(size=SIZE) as pilot:
        banner = app.query_one("#banner", Static)
        before = app.view.banner
        assert before is Banner.KEEP_ON
        assert text_of(banner) == Banner.KEEP_ON.value
        assert banner.has_class("-keep-on")
        assert banner.display
        app.view.update_progress(SENT)
        await pilot.pause()
        reading = app.view.banner
        assert reading is Banner.READING
        assert banner.has_class("-keep-on")
        app.view.update_progress(DONE)
        await pilot.pause()
        after = app.view.banner
        assert after is Banner.SAFE
        assert text_of(banner) == Banner.SAFE.value
        assert banner.has_class("-safe")
        assert not banner.has_class("-keep-on")


async def test_no_banner_during_a_backup() -> None:
    app = TransferHost(FixedClock(), Progress(Phase.BACKUP, 100, 16350, 0.1, "100 programs"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = app.query_one("#banner", Static)
        assert app.view.banner is Banner.NONE
        assert not banner.display


async def test_cancel_asks_once_and_can_be_allowed_again() -> None:
    app = TransferHost(FixedClock(), HALFWAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#cancel")
        await pilot.pause()
        button = app.query_one("#cancel", Button)
        assert len(app.cancels) == 1
        assert app.cancels[0].control is app.view
        assert button.disabled
        assert str(button.label) == "Cancelling…"
        await pilot.click("#cancel")
        await pilot.pause()
        assert len(app.cancels) == 1
        app.view.allow_cancel()
        await pilot.pause()
        await pilot.click("#cancel")
        await pilot.pause()
        assert len(app.cancels) == 2


async def test_cancel_is_off_once_done() -> None:
    app = TransferHost(FixedClock(), HALFWAY)
    async with app.run_test(size=SIZE) as pilot:
        app.view.update_progress(DONE)
        await pilot.pause()
        assert app.query_one("#cancel", Button).disabled
        assert label(app, "phase") == "Done"
