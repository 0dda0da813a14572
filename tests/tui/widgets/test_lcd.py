"""The 2 x 40 display: padding, cutting, plain text, expected and live captions."""

from __future__ import annotations

from tests.tui.widgets.hosts import SIZE, WidgetHost, drawn
from wizard.tui.widgets.lcd import LCD_COLUMNS, Lcd, LcdMode, lcd_text


def test_short_lines_are_padded_to_40() -> None:
    first, second = lcd_text(["Init Program", "00"])
    assert first == "Init Program" + " " * 28
    assert second == "00" + " " * 38


def test_long_lines_are_cut_at_40_and_extra_lines_dropped() -> None:
    first, second = lcd_text(["0123456789" * 5, "x" * 41, "third line"])
    assert first == "0123456789" * 4
    assert second == "x" * 40


def test_missing_lines_are_blank() -> None:
    assert lcd_text([]) == (" " * 40, " " * 40)
    assert lcd_text(["only one"])[1] == " " * 40


def test_control_characters_become_spaces_in_place() -> None:
    first, _ = lcd_text(["A\tB\x07C"])
    assert first.startswith("A B C ")
    assert len(first) == LCD_COLUMNS


async def test_the_widget_draws_exactly_40_columns_by_2_lines() -> None:
    lcd = Lcd(["Global  MIDI  [Filter]", "y" * 50], LcdMode.LIVE)
    async with WidgetHost(lcd).run_test(size=SIZE):
        assert lcd.content_region.width == LCD_COLUMNS
        assert lcd.content_region.height == 2
        # Brackets in the M1's text are text, not markup.
        assert drawn(lcd) == ["Global  MIDI  [Filter]".ljust(40), "y" * 40]


async def test_show_replaces_the_lines_and_can_switch_mode() -> None:
    lcd = Lcd(["Init Program"])
    async with WidgetHost(lcd).run_test(size=SIZE) as pilot:
        assert lcd.border_title == "The M1's display should read:"
        assert lcd.has_class("-expected")
        lcd.show(["Battery Low (Internal)"], LcdMode.LIVE)
        await pilot.pause()
        assert lcd.border_title == "The (emulated) M1 shows now:"
        assert not lcd.has_class("-expected")
        assert drawn(lcd) == ["Battery Low (Internal)".ljust(40), " " * 40]
