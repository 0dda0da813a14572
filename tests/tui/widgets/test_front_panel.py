"""The drawn front panel in a host app: lighting, clicking, typing, hints and messages."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.widgets.hosts import SIZE, PanelHost, text_of
from wizard.m1.panel_keys import Key, parse_sequence
from wizard.tui.widgets.front_panel import DONE_HINT, IDLE_HINT, FrontPanel, cap_selector
from wizard.tui.widgets.panel_key import LATER, NEXT, PanelKey
from wizard.tui.widgets.sequence_guide import PressOutcome

MIDI_ENABLE = "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP"
TYPED = ("f6", "5", "plus", "up", "d", "up", "f", "up", "h", "up")


def lit(app: PanelHost) -> set[Key]:
    return {cap.key for cap in app.query(PanelKey) if cap.has_class(NEXT)}


def hint(app: PanelHost) -> Static:
    return app.query_one("#hint", Static)


async def test_the_first_key_of_the_sequence_is_lit() -> None:
    app = PanelHost(parse_sequence(MIDI_ENABLE))
    async with app.run_test(size=SIZE):
        assert lit(app) == {Key.GLOBAL}
        assert text_of(hint(app)) == "Next: GLOBAL (type F6)."
        assert text_of(app.query_one("#sequence", Static)).startswith("Key 1 of 10:  GLOBAL , 5")


async def test_keys_needed_later_are_marked_and_others_are_not() -> None:
    app = PanelHost(parse_sequence(MIDI_ENABLE))
    async with app.run_test(size=SIZE):
        later = {cap.key for cap in app.query(PanelKey) if cap.has_class(LATER)}
        assert later == {Key.DIGIT_5, Key.PAGE_NEXT, Key.UP, Key.D, Key.F, Key.H}


async def test_every_key_of_the_m1_is_drawn_once_and_fits_80_columns() -> None:
    app = PanelHost()
    async with app.run_test(size=SIZE):
        caps = list(app.query(PanelKey))
        assert sorted(cap.key.value for cap in caps) == sorted(k.value for k in Key)
        panel = app.panel
        assert panel.region.right <= SIZE[0]
        assert all(panel.region.contains_region(cap.region) for cap in caps)


async def test_a_wrong_click_keeps_the_position_and_says_what_comes_next() -> None:
    app = PanelHost(parse_sequence(MIDI_ENABLE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(cap_selector(Key.EDIT_PROG))
        await pilot.pause()
        assert app.panel.position == 0
        assert lit(app) == {Key.GLOBAL}
        assert text_of(hint(app)) == "That was EDIT PROG. The next key is GLOBAL (type F6)."
        assert hint(app).has_class("-wrong")
        assert [(m.key, m.outcome) for m in app.pressed] == [(Key.EDIT_PROG, PressOutcome.WRONG)]
        await pilot.click(cap_selector(Key.GLOBAL))
        await pilot.pause()
        assert not hint(app).has_class("-wrong")
        assert text_of(hint(app)) == "Next: 5 (type 5)."


async def test_clicking_the_right_keys_reaches_the_end() -> None:
    steps = parse_sequence(MIDI_ENABLE)
    app = PanelHost(steps)
    async with app.run_test(size=SIZE) as pilot:
        for step in steps:
            assert isinstance(step, Key)
            assert lit(app) == {step}
            await pilot.click(cap_selector(step))
            await pilot.pause()
        assert app.panel.position == len(steps)
        assert app.panel.sequence_done
        assert len(app.done) == 1
        assert lit(app) == set()
        assert text_of(hint(app)) == DONE_HINT
        line = text_of(app.query_one("#sequence", Static))
        assert line == "All 10 keys done: ✓GLOBAL, ✓5, ✓+, ✓UP, ✓D, ✓UP, ✓F, ✓UP, ✓H, ✓UP"
        assert [m.outcome for m in app.pressed][-1] is PressOutcome.FINISHED


async def test_typing_the_shortcuts_reaches_the_end() -> None:
    steps = parse_sequence(MIDI_ENABLE)
    app = PanelHost(steps)
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused is app.panel
        await pilot.press(*TYPED)
        await pilot.pause()
        assert [m.key for m in app.pressed] == list(steps)
        assert app.panel.sequence_done
        assert len(app.done) == 1


async def test_every_click_posts_the_key_clicked() -> None:
    app = PanelHost()
    async with app.run_test(size=SIZE) as pilot:
        for key in Key:
            await pilot.click(cap_selector(key))
        await pilot.pause()
        assert [m.key for m in app.pressed] == list(Key)
        assert {m.outcome for m in app.pressed} == {PressOutcome.FREE}
        assert all(m.control is app.panel for m in app.pressed)
        assert text_of(hint(app)) == IDLE_HINT


async def test_a_choice_lights_both_keys_and_either_one_advances() -> None:
    app = PanelHost(parse_sequence("SEQ, B, UP/DOWN, START/STOP"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "b")
        await pilot.pause()
        assert lit(app) == {Key.UP, Key.DOWN}
        assert text_of(hint(app)) == "Next: UP or DOWN, whichever you need (type ↑ or ↓)."
        await pilot.press("down", "down", "up")
        await pilot.pause()
        assert app.panel.position == 3
        assert lit(app) == {Key.START_STOP}
        assert not hint(app).has_class("-wrong")
        outcomes = [m.outcome for m in app.pressed[2:]]
        assert outcomes == [PressOutcome.ADVANCED, PressOutcome.REPEATED, PressOutcome.REPEATED]
        await pilot.press("space")
        await pilot.pause()
        assert app.panel.sequence_done


async def test_advance_follows_a_real_m1_without_posting_a_press() -> None:
    app = PanelHost(parse_sequence("GLOBAL, 5"))
    async with app.run_test(size=SIZE) as pilot:
        assert app.panel.advance()
        assert not app.panel.advance(Key.DIGIT_6)
        await pilot.pause()
        assert text_of(hint(app)) == "That was 6. The next key is 5 (type 5)."
        assert app.panel.advance(Key.DIGIT_5)
        await pilot.pause()
        assert app.pressed == []
        assert len(app.done) == 1


async def test_a_new_sequence_starts_again_from_its_first_key() -> None:
    app = PanelHost(parse_sequence("GLOBAL, 5"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "5")
        await pilot.pause()
        assert app.panel.sequence_done
        app.panel.show_sequence(parse_sequence("PROG, 0, 0"))
        await pilot.pause()
        assert not app.panel.sequence_done
        assert lit(app) == {Key.PROG}
        assert text_of(app.query_one("#sequence", Static)) == "Key 1 of 3:  PROG , 0, 0"


async def test_done_presses_are_ticked_in_the_sequence_line() -> None:
    app = PanelHost(parse_sequence(MIDI_ENABLE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "5")
        await pilot.pause()
        line = text_of(app.query_one("#sequence", Static))
        assert line == "Key 3 of 10: ✓GLOBAL, ✓5,  + , UP, D, UP, F, UP, H, UP"


def test_a_panel_built_without_an_app_keeps_its_sequence() -> None:
    panel = FrontPanel(parse_sequence("GLOBAL, 5"))
    assert panel.expected == {Key.GLOBAL}
    assert panel.steps == (Key.GLOBAL, Key.DIGIT_5)
