"""The computer-keyboard map of the drawn front panel."""

from __future__ import annotations

from wizard.m1.panel_keys import CURSOR_KEYS, Key
from wizard.tui.widgets.panel_shortcuts import (
    LEGEND,
    SHORTCUTS,
    TOP_ROW,
    key_for,
    shortcut_text,
    tooltip_for,
)

BORDER_ROOM = 80 - 6  # corners, and the border line either side of the legend


def test_every_panel_key_can_be_typed() -> None:
    assert {s.key for s in SHORTCUTS} == set(Key)


def test_no_computer_key_presses_two_panel_keys() -> None:
    names = [s.name for s in SHORTCUTS]
    assert len(names) == len(set(names))


def test_the_top_row_is_f1_to_f8_left_to_right() -> None:
    assert [key_for(f"f{n}") for n in range(1, 9)] == list(TOP_ROW)
    assert TOP_ROW[0] is Key.COMBI
    assert TOP_ROW[-1] is Key.CARD


def test_cursor_keys_survive_caps_lock() -> None:
    for key in CURSOR_KEYS:
        letter = key.value.lower()
        assert key_for(letter) is key
        assert key_for(letter.upper()) is key
        assert key_for(f"shift+{letter}") is key


def test_the_named_keys() -> None:
    assert key_for("plus") is Key.PAGE_NEXT
    assert key_for("equals_sign") is Key.PAGE_NEXT
    assert key_for("minus") is Key.PAGE_PREVIOUS
    assert key_for("up") is Key.UP
    assert key_for("down") is Key.DOWN
    assert key_for("r") is Key.REC
    assert key_for("space") is Key.START_STOP
    assert key_for("7") is Key.DIGIT_7
    assert key_for("x") is None


def test_tooltips_say_how_to_type_the_key() -> None:
    assert shortcut_text(Key.GLOBAL) == "F6"
    assert tooltip_for(Key.GLOBAL) == "GLOBAL — click, or type F6"
    assert tooltip_for(Key.START_STOP) == "START/STOP — click, or type space"


def test_the_legend_fits_the_border_of_an_80_column_panel() -> None:
    assert len(LEGEND) <= BORDER_ROOM
