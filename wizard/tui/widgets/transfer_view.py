"""The transfer view: phase, progress bar, bytes/rate/time left, the power banner, Cancel."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, ProgressBar, Static

from wizard.device.progress import Phase, Progress
from wizard.tui.widgets.transfer_text import Banner, banner_for, phase_text, stats_text

TICK_SECONDS = 1.0
"""How often the time left is counted down between two progress reports."""

BANNER_CLASSES = {
    Banner.NONE: "",
    Banner.KEEP_ON: "-keep-on",
    Banner.READING: "-keep-on",
    Banner.MORE_TO_SEND: "-keep-on",
    Banner.SAFE: "-safe",
}


class TransferView(Widget):
    """Shows one backup or restore as it runs.

    `update_progress` must run on the UI thread (from a worker, go through
    `app.call_from_thread`). The bar's own time estimate is off: it reads the wall clock,
    which would make every screenshot different; the view writes the time left itself,
    from `Progress.eta` counted down with `clock`.

    Args:
        clock: Monotonic seconds; tests pass a fixed one.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    TransferView {
        height: auto;
        padding: 0 1;
    }
    TransferView > #transfer-top {
        height: auto;
    }
    TransferView #transfer-figures {
        height: auto;
        width: 1fr;
    }
    TransferView #phase {
        width: 1fr;
        text-style: bold;
    }
    TransferView #stats {
        width: 1fr;
    }
    TransferView #bar Bar {
        width: 1fr;
    }
    TransferView #bar {
        width: 1fr;
    }
    TransferView #cancel {
        margin-left: 2;
    }
    TransferView > #banner {
        display: none;
        width: 1fr;
        height: auto;
        margin-top: 1;
        padding: 1 2;
        text-align: center;
        text-style: bold;
    }
    TransferView > #banner.-keep-on {
        display: block;
        background: $warning;
        color: $text;
    }
    TransferView > #banner.-safe {
        display: block;
        background: $success-muted;
        color: $text;
    }
    """

    class CancelRequested(Message):
        """The person pressed Cancel."""

        def __init__(self, view: TransferView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> TransferView:
            """The view that sent the message."""
            return self.view

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self._progress: Progress | None = None
        self._received_at = 0.0
        self._was_in_flight = False
        self.more_follows = False
        """Whether a later step of the procedure sends more into the M1 (no "safe" then)."""

    def compose(self) -> ComposeResult:
        """Figures beside the Cancel button, the banner under them."""
        with Horizontal(id="transfer-top"):
            with Vertical(id="transfer-figures"):
                yield Label("Getting ready…", id="phase", markup=False)
                yield ProgressBar(total=None, show_eta=False, id="bar")
                yield Label("", id="stats", markup=False)
            yield Button("Cancel", id="cancel")
        yield Static("", id="banner", markup=False)

    def on_mount(self) -> None:
        """Count the time left down between reports."""
        self.set_interval(TICK_SECONDS, self.refresh_time_left)

    @property
    def progress(self) -> Progress | None:
        """The latest progress shown, None before the first."""
        return self._progress

    @property
    def banner(self) -> Banner:
        """The power banner on show."""
        if self._progress is None:
            return Banner.NONE
        return banner_for(self._progress, self._was_in_flight, self.more_follows)

    @property
    def sent(self) -> bool:
        """True once data of this transfer went into the M1."""
        return self._was_in_flight

    def update_progress(self, progress: Progress) -> None:
        """Show a new snapshot (UI thread only)."""
        banner = banner_for(progress, self._was_in_flight, self.more_follows)
        self._was_in_flight = self._was_in_flight or progress.in_flight
        self._progress = progress
        self._received_at = self._clock()
        self.query_one("#phase", Label).update(phase_text(progress))
        bar = self.query_one("#bar", ProgressBar)
        bar.update(total=progress.total or None, progress=progress.done)
        self.refresh_time_left()
        shown = self.query_one("#banner", Static)
        shown.update(banner.value)
        for css_class in set(BANNER_CLASSES.values()) - {""}:
            shown.set_class(BANNER_CLASSES[banner] == css_class, css_class)
        if progress.phase is Phase.DONE:
            self.allow_cancel(False)

    def allow_cancel(self, allowed: bool = True) -> None:
        """Enable Cancel again (after a refused cancel) or disable it (when done)."""
        button = self.query_one("#cancel", Button)
        button.disabled = not allowed
        button.label = "Cancel"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Cancel: ask once; the button waits until the app answers with `allow_cancel`."""
        if event.button.id != "cancel":
            return
        event.stop()
        event.button.disabled = True
        event.button.label = "Cancelling…"
        self.post_message(self.CancelRequested(self))

    def refresh_time_left(self) -> None:
        """Count the time left down by the clock since the last report (a timer calls it)."""
        if self._progress is None:
            return
        since = self._clock() - self._received_at
        self.query_one("#stats", Label).update(stats_text(self._progress, since))
