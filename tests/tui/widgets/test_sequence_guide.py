"""Following a key sequence press by press, without a screen."""

from __future__ import annotations

from wizard.m1.panel_keys import Choice, Key, parse_sequence
from wizard.tui.widgets.sequence_guide import PressOutcome, SequenceGuide, keys_of

MIDI_ENABLE = "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP"


def test_the_first_key_is_expected_first() -> None:
    guide = SequenceGuide(parse_sequence(MIDI_ENABLE))
    assert guide.expected() == {Key.GLOBAL}
    assert guide.position == 0


def test_a_wrong_key_keeps_the_position() -> None:
    guide = SequenceGuide(parse_sequence(MIDI_ENABLE))
    assert guide.press(Key.PROG) is PressOutcome.WRONG
    assert guide.position == 0
    assert guide.expected() == {Key.GLOBAL}


def test_the_right_keys_walk_to_the_end() -> None:
    steps = parse_sequence(MIDI_ENABLE)
    guide = SequenceGuide(steps)
    outcomes = [guide.press(step) for step in steps if isinstance(step, Key)]
    assert outcomes == [PressOutcome.ADVANCED] * 9 + [PressOutcome.FINISHED]
    assert guide.finished
    assert guide.expected() == frozenset()
    assert guide.press(Key.UP) is PressOutcome.FREE


def test_a_choice_accepts_either_option_and_more_presses_of_it() -> None:
    guide = SequenceGuide(parse_sequence("SEQ, B, UP/DOWN, START/STOP"))
    guide.press(Key.SEQ)
    guide.press(Key.B)
    assert guide.expected() == {Key.UP, Key.DOWN}
    assert guide.press(Key.DOWN) is PressOutcome.ADVANCED
    # "UP/DOWN (select song)" means press until it shows: more presses are no mistake.
    assert guide.press(Key.DOWN) is PressOutcome.REPEATED
    assert guide.press(Key.UP) is PressOutcome.REPEATED
    assert guide.press(Key.REC) is PressOutcome.WRONG
    assert guide.press(Key.START_STOP) is PressOutcome.FINISHED


def test_a_repeated_plain_key_is_still_wrong() -> None:
    guide = SequenceGuide(parse_sequence("GLOBAL, 5"))
    guide.press(Key.GLOBAL)
    assert guide.press(Key.GLOBAL) is PressOutcome.WRONG


def test_advance_counts_the_next_press_whatever_it_was() -> None:
    guide = SequenceGuide(parse_sequence("GLOBAL, 5"))
    assert guide.advance() is PressOutcome.ADVANCED
    assert guide.advance() is PressOutcome.FINISHED
    assert guide.advance() is PressOutcome.FREE
    assert guide.position == 2


def test_without_a_sequence_every_press_is_free() -> None:
    guide = SequenceGuide()
    assert guide.press(Key.GLOBAL) is PressOutcome.FREE
    assert not guide.finished
    assert guide.next_step is None


def test_keys_of_a_choice_are_its_options() -> None:
    assert keys_of(Choice((Key.UP, Key.DOWN))) == {Key.UP, Key.DOWN}
    assert keys_of(Key.H) == {Key.H}
