"""The front-panel key vocabulary and the guide-style key sequence parser."""

from __future__ import annotations

import pytest

from wizard.errors import ParseError
from wizard.m1.panel_keys import (
    CURSOR_KEYS,
    MODE_KEYS,
    Choice,
    Key,
    format_sequence,
    normalize,
    parse_key,
    parse_sequence,
)

# Every key sequence of the owner's guide, as printed there (remarks and full stops kept).
GUIDE_SEQUENCES = [
    "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP.",
    "GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN.",
    "GLOBAL, 8, DOWN, G, G.",
    "GLOBAL, 9, +, DOWN, G, G.",
    "GLOBAL, 9, DOWN, G, G.",
    "SEQ, B, UP/DOWN (select song0-9 to play), START/STOP.",
    "SEQ, 3, +, UP/DOWN (select song0-9 to erase), G, G.",
    "GLOBAL, 5, +, D, DOWN.",
    "SEQ, 0, B, UP/DOWN (select song0-9 to record).",
    "C, UP/DOWN (select track1 to record).",
    "F, UP/DOWN (select internal program00-99 to record on track1).",
    "REC, START/STOP (begin at measure M002).",
    "H, START/STOP (play track1).",
    "GLOBAL, 6, +, +, +, UP, G.",
    "GLOBAL, 6, +, +, +, DOWN, G.",
    "GLOBAL, 5, D, UP",
    "SEQ, C, UP/DOWN (select track/channel1-8).",
    "PROG, 00.",
    'GLOBAL, 7, UP, UP, UP, UP (for "All"), G.',
    "GLOBAL, 7, UP/DOWN (select file type), G.",
    "GLOBAL, 5, D, UP/DOWN (select).",
    "SEQ, 4, +, +, UP/DOWN (select track), G, G.",
    "GLOBAL, +, F, UP/DOWN (+12 = +1 octave, 00 = default, -12 = -1 octave.)",
]

UP_DOWN = Choice((Key.UP, Key.DOWN))


@pytest.mark.parametrize("sequence", GUIDE_SEQUENCES)
def test_every_guide_sequence_parses(sequence: str) -> None:
    steps = parse_sequence(sequence)
    assert steps
    assert all(isinstance(s, Key | Choice) for s in steps)


def test_midi_enable_sequence_reads_as_its_ten_keys() -> None:
    assert parse_sequence("GLOBAL, 5, +, UP, D, UP, F, UP, H, UP.") == (
        Key.GLOBAL,
        Key.DIGIT_5,
        Key.PAGE_NEXT,
        Key.UP,
        Key.D,
        Key.UP,
        Key.F,
        Key.UP,
        Key.H,
        Key.UP,
    )


def test_two_digits_are_two_presses() -> None:
    assert parse_sequence("PROG, 00") == (Key.PROG, Key.DIGIT_0, Key.DIGIT_0)
    assert parse_sequence("PROG, 47") == (Key.PROG, Key.DIGIT_4, Key.DIGIT_7)


def test_up_down_is_a_choice_and_remarks_are_ignored() -> None:
    steps = parse_sequence("SEQ, B, UP/DOWN (select song0-9 to play), START/STOP.")
    assert steps == (Key.SEQ, Key.B, UP_DOWN, Key.START_STOP)
    assert str(steps[2]) == "UP/DOWN"


def test_remark_with_commas_inside_is_ignored() -> None:
    steps = parse_sequence("GLOBAL, +, F, UP/DOWN (+12 = +1 octave, 00 = default, -12 = -1.)")
    assert steps == (Key.GLOBAL, Key.PAGE_NEXT, Key.F, UP_DOWN)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("start/stop", Key.START_STOP),
        ("Start / Stop", Key.START_STOP),
        ("Up", Key.UP),
        ("down", Key.DOWN),
        ("edit  prog", Key.EDIT_PROG),
        (" Edit Combi ", Key.EDIT_COMBI),
        ("global", Key.GLOBAL),
        ("+", Key.PAGE_NEXT),
        ("-", Key.PAGE_PREVIOUS),
        ("h", Key.H),
    ],
)
def test_keys_are_read_in_any_case_and_spacing(written: str, key: Key) -> None:
    assert parse_key(written) is key


def test_normalize_gives_the_canonical_spelling() -> None:
    assert normalize("  start  /  stop ") == "START/STOP"
    assert normalize("edit\tcombi") == "EDIT COMBI"


def test_format_writes_a_sequence_back() -> None:
    steps = parse_sequence("global, 7, up/down, g")
    assert format_sequence(steps) == "GLOBAL, 7, UP/DOWN, G"


def test_key_groups() -> None:
    assert [k.value for k in CURSOR_KEYS] == list("ABCDEFGH")
    assert {k.value for k in MODE_KEYS} == {
        "COMBI",
        "EDIT COMBI",
        "PROG",
        "EDIT PROG",
        "SEQ",
        "GLOBAL",
    }
    assert Key.DIGIT_7.digit == 7
    assert Key.G.digit is None


def test_misspelt_key_suggests_the_closest() -> None:
    with pytest.raises(ParseError) as caught:
        parse_sequence("GLOBL, 5, D, UP")
    assert caught.value.message == "'GLOBL' is not a key on the M1's front panel."
    assert caught.value.next_action == "Did you mean 'GLOBAL'?"
    assert caught.value.offset == 0


def test_error_offset_points_at_the_bad_key() -> None:
    with pytest.raises(ParseError) as caught:
        parse_sequence("GLOBAL, 5, +, UPP")
    assert str(caught.value) == "'UPP' is not a key on the M1's front panel. Did you mean 'UP'?"
    assert caught.value.offset == 14


def test_misspelt_alternative_of_a_choice_is_named() -> None:
    with pytest.raises(ParseError) as caught:
        parse_sequence("SEQ, B, UP/dwn")
    assert str(caught.value) == "'dwn' is not a key on the M1's front panel. Did you mean 'DOWN'?"
    assert caught.value.offset == 11


def test_misspelt_start_stop_is_named_whole() -> None:
    with pytest.raises(ParseError) as caught:
        parse_sequence("REC, STRAT/STOP")
    assert caught.value.message == "'STRAT/STOP' is not a key on the M1's front panel."
    assert caught.value.next_action == "Did you mean 'START/STOP'?"


def test_key_with_nothing_close_lists_the_keys() -> None:
    with pytest.raises(ParseError) as caught:
        parse_key("Volume")
    assert caught.value.message == "'Volume' is not a key on the M1's front panel."
    assert caught.value.next_action == (
        "The M1's keys are: COMBI, EDIT COMBI, PROG, EDIT PROG, SEQ, GLOBAL, INT, CARD, "
        "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, A, B, C, D, E, F, G, H, +, -, UP, DOWN, REC, "
        "START/STOP."
    )


def test_a_choice_is_not_one_key() -> None:
    with pytest.raises(ParseError) as caught:
        parse_key("UP/DOWN")
    assert str(caught.value) == (
        "'UP/DOWN' is a choice between keys, not one key. Press one of them: UP or DOWN."
    )


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        (
            "",
            "The key sequence is empty. "
            "Write the keys separated by commas, e.g. 'GLOBAL, 5, D, UP'.",
            0,
        ),
        (
            "(nothing to press)",
            "The key sequence is empty. "
            "Write the keys separated by commas, e.g. 'GLOBAL, 5, D, UP'.",
            0,
        ),
        (
            "GLOBAL, , 5",
            "The key sequence has an empty place between two commas. Remove the extra comma.",
            7,
        ),
        (
            "GLOBAL, 7 (for All, G",
            "The key sequence has a '(' without a closing ')'. "
            "Close the remark with ')' or remove it.",
            10,
        ),
        (
            "GLOBAL, 7), G",
            "The key sequence has a ')' without an opening '('. Remove the ')'.",
            9,
        ),
        (
            "SEQ, B, UP/UP",
            "'UP/UP' lists the same key twice. Write each alternative once, e.g. 'UP/DOWN'.",
            8,
        ),
    ],
)
def test_malformed_sequences(text: str, message: str, offset: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_sequence(text)
    assert str(caught.value) == message
    assert caught.value.offset == offset
