"""Small host apps that show one widget each and record the messages it posts."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from wizard.device.progress import Progress
from wizard.m1.panel_keys import Press
from wizard.tui.widgets.front_panel import FrontPanel
from wizard.tui.widgets.lcd import Lcd, LcdMode
from wizard.tui.widgets.transfer_view import TransferView

SIZE = (80, 24)


def drawn(widget: Widget) -> list[str]:
    """The text a widget draws inside its frame and padding, one string per line."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def text_of(widget: Static) -> str:
    """The plain text a Static shows."""
    visual = widget.visual
    assert isinstance(visual, Content)
    return visual.plain


class FixedClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class PanelHost(App[None]):
    """The front panel, recording what it posts."""

    def __init__(self, steps: Iterable[Press] = ()) -> None:
        super().__init__()
        self.steps = tuple(steps)
        self.pressed: list[FrontPanel.KeyPressed] = []
        self.done: list[FrontPanel.SequenceDone] = []

    def compose(self) -> ComposeResult:
        yield FrontPanel(self.steps)

    @property
    def panel(self) -> FrontPanel:
        return self.query_one(FrontPanel)

    def on_front_panel_key_pressed(self, message: FrontPanel.KeyPressed) -> None:
        self.pressed.append(message)

    def on_front_panel_sequence_done(self, message: FrontPanel.SequenceDone) -> None:
        self.done.append(message)


class GuideHost(App[None]):
    """What a step screen shows for a key step: the expected display over the panel."""

    def __init__(self, steps: Iterable[Press], display: Iterable[str], theme: str) -> None:
        super().__init__()
        self.steps = tuple(steps)
        self.display_lines = tuple(display)
        self.theme = theme

    def compose(self) -> ComposeResult:
        yield Lcd(self.display_lines, LcdMode.EXPECTED)
        yield FrontPanel(self.steps)


class TransferHost(App[None]):
    """The transfer view with a clock the test controls, recording cancel requests."""

    def __init__(self, clock: Callable[[], float], first: Progress | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.first = first
        self.cancels: list[TransferView.CancelRequested] = []

    def compose(self) -> ComposeResult:
        yield TransferView(clock=self.clock)

    def on_mount(self) -> None:
        if self.first is not None:
            self.view.update_progress(self.first)

    @property
    def view(self) -> TransferView:
        return self.query_one(TransferView)

    def on_transfer_view_cancel_requested(self, message: TransferView.CancelRequested) -> None:
        self.cancels.append(message)


class WidgetHost(App[None]):
    """Any one widget on its own."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.shown = widget

    def compose(self) -> ComposeResult:
        yield self.shown
