"""One key of the drawn M1 front panel: a one-line cap that can be lit, marked and clicked."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Static

from wizard.m1.panel_keys import Key
from wizard.tui.widgets.panel_shortcuts import tooltip_for

CAP_LABELS = {Key.UP: "▲ UP", Key.DOWN: "▼ DOWN"}
"""Caps printed differently from the key's name (the M1 prints triangles on them)."""

NEXT = "-next"
LATER = "-later"


class PanelKey(Static):
    """A key cap; lit (`-next`) when it is the key to press now, underlined (`-later`)
    when the sequence needs it further on.

    Args:
        key: The M1 key this cap stands for.
    """

    DEFAULT_CSS = """
    PanelKey {
        width: auto;
        height: 1;
        padding: 0 1;
        margin-right: 1;
        background: $panel;
        color: $foreground;
    }
    PanelKey:hover {
        background: $primary-muted;
    }
    PanelKey.-later {
        text-style: underline;
    }
    PanelKey.-next {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    PanelKey.-next:hover {
        background: $accent-lighten-1;
    }
    """

    class Clicked(Message):
        """The cap was clicked (the panel turns this into `FrontPanel.KeyPressed`)."""

        def __init__(self, key: Key) -> None:
            super().__init__()
            self.key = key

    def __init__(self, key: Key) -> None:
        super().__init__(CAP_LABELS.get(key, key.value), markup=False, id=cap_id(key))
        self.key = key
        self.tooltip = tooltip_for(key)

    def on_click(self, event: events.Click) -> None:
        """Report the click to the panel."""
        event.stop()
        self.post_message(self.Clicked(self.key))

    def light(self, *, next_key: bool, later: bool) -> None:
        """Show the cap as the key to press now, one needed later, or neither."""
        self.set_class(next_key, NEXT)
        self.set_class(later and not next_key, LATER)


def cap_id(key: Key) -> str:
    """The widget id of a key's cap, e.g. "key-GLOBAL", "key-EDIT_PROG", "key-PAGE_NEXT"."""
    return f"key-{key.name}"
