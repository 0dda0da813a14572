"""The computer-keyboard shortcuts of the drawn M1 front panel, and how they are shown.

The map is built to be guessed from the panel itself:

- number keys 0-9 and cursor keys A-H are typed as themselves (either case, so Caps Lock
  does no harm);
- PAGE + and - are typed as + and - (= also works, it is + without Shift);
- UP and DOWN are the arrow keys, REC is r, START/STOP is the space bar;
- the top row of the panel, COMBI ... CARD, is F1-F8 from left to right. Letters would
  clash with the cursor keys (C, G) or change meaning with Caps Lock, so the mode keys have
  none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from wizard.m1.panel_keys import CURSOR_KEYS, NUMBER_KEYS, Key

TOP_ROW = (
    Key.COMBI,
    Key.EDIT_COMBI,
    Key.PROG,
    Key.EDIT_PROG,
    Key.SEQ,
    Key.GLOBAL,
    Key.INT,
    Key.CARD,
)
"""The panel's first row, left to right; F1 is the first."""


@dataclass(frozen=True)
class Shortcut:
    """One computer key that presses one panel key.

    Attributes:
        name: The key as Textual names it ("f6", "plus", "a").
        shown: How a person would write it ("F6", "+", "a").
        key: The panel key it presses.
    """

    name: str
    shown: str
    key: Key


def _shortcuts() -> tuple[Shortcut, ...]:
    found: list[Shortcut] = []
    for index, key in enumerate(TOP_ROW, start=1):
        found.append(Shortcut(f"f{index}", f"F{index}", key))
    found.extend(Shortcut(key.value, key.value, key) for key in NUMBER_KEYS)
    for key in CURSOR_KEYS:
        letter = key.value.lower()
        found.append(Shortcut(letter, letter, key))
        # Caps Lock turns the letter into the upper-case key name (or shift+letter).
        found.append(Shortcut(key.value, letter, key))
        found.append(Shortcut(f"shift+{letter}", letter, key))
    found += [
        Shortcut("plus", "+", Key.PAGE_NEXT),
        Shortcut("equals_sign", "+", Key.PAGE_NEXT),
        Shortcut("minus", "-", Key.PAGE_PREVIOUS),
        Shortcut("up", "↑", Key.UP),
        Shortcut("down", "↓", Key.DOWN),
        Shortcut("r", "r", Key.REC),
        Shortcut("space", "space", Key.START_STOP),
    ]
    return tuple(found)


SHORTCUTS = _shortcuts()

BY_NAME: Mapping[str, Key] = MappingProxyType({s.name: s.key for s in SHORTCUTS})
"""Panel key by Textual key name."""

LEGEND = "type F1-F8 (top row) · 0-9 · a-h · - + · ↑ ↓ · r REC · space START/STOP"
"""One line naming every shortcut, short enough for an 80-column border."""


def key_for(name: str) -> Key | None:
    """The panel key a computer key presses, None for keys the panel does not use.

    Args:
        name: The key as Textual names it in a `Key` event ("f6", "plus", "G").
    """
    return BY_NAME.get(name)


def shortcut_text(key: Key) -> str:
    """How to type `key` on a computer keyboard, e.g. "F6" or "+" (first spelling only)."""
    return next(s.shown for s in SHORTCUTS if s.key is key)


def tooltip_for(key: Key) -> str:
    """The tooltip of a drawn key: its name and how to press it without the mouse."""
    return f"{key.value} — click, or type {shortcut_text(key)}"
