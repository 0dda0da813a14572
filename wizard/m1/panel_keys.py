"""The M1's front-panel keys and a parser for key sequences written the way the owner's guide
writes them ("GLOBAL, 5, +, UP, D, UP"); pure, no I/O."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from wizard.errors import ParseError


class Key(StrEnum):
    """One key of the M1's front panel; the value is the key's canonical spelling."""

    COMBI = "COMBI"
    EDIT_COMBI = "EDIT COMBI"
    PROG = "PROG"
    EDIT_PROG = "EDIT PROG"
    SEQ = "SEQ"
    GLOBAL = "GLOBAL"
    INT = "INT"
    CARD = "CARD"
    DIGIT_0 = "0"
    DIGIT_1 = "1"
    DIGIT_2 = "2"
    DIGIT_3 = "3"
    DIGIT_4 = "4"
    DIGIT_5 = "5"
    DIGIT_6 = "6"
    DIGIT_7 = "7"
    DIGIT_8 = "8"
    DIGIT_9 = "9"
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    PAGE_NEXT = "+"
    PAGE_PREVIOUS = "-"
    UP = "UP"
    DOWN = "DOWN"
    REC = "REC"
    START_STOP = "START/STOP"

    @property
    def digit(self) -> int | None:
        """The number of a number key, None for every other key."""
        return int(self.value) if self.value.isdigit() else None


MODE_KEYS = frozenset({Key.COMBI, Key.EDIT_COMBI, Key.PROG, Key.EDIT_PROG, Key.SEQ, Key.GLOBAL})
BANK_KEYS = frozenset({Key.INT, Key.CARD})
NUMBER_KEYS = tuple(Key(str(n)) for n in range(10))
CURSOR_KEYS = (Key.A, Key.B, Key.C, Key.D, Key.E, Key.F, Key.G, Key.H)
"""The eight keys under the display, left to right."""
PAGE_KEYS = frozenset({Key.PAGE_NEXT, Key.PAGE_PREVIOUS})
VALUE_KEYS = frozenset({Key.UP, Key.DOWN})
SEQUENCER_KEYS = frozenset({Key.REC, Key.START_STOP})

_SPELLINGS = tuple(k.value for k in Key)
_LIST_OF_KEYS = ", ".join(_SPELLINGS)


@dataclass(frozen=True)
class Choice:
    """A place in a sequence where the person picks one of several keys ("UP/DOWN").

    Attributes:
        options: The keys to choose from, in the order written.
    """

    options: tuple[Key, ...]

    def __str__(self) -> str:
        return "/".join(k.value for k in self.options)


Press = Key | Choice
"""One item of a key sequence: a key to press, or a choice between keys."""


def normalize(text: str) -> str:
    """A key name as written, in canonical spelling: upper case, single spaces, no spaces
    around "/" ("start / stop" -> "START/STOP", " edit  prog" -> "EDIT PROG")."""
    spaced = " ".join(text.split()).upper()
    return re.sub(r"\s*/\s*", "/", spaced)


def _unknown(written: str, offset: int | None) -> ParseError:
    close = difflib.get_close_matches(normalize(written), _SPELLINGS, n=1, cutoff=0.6)
    hint = f"Did you mean '{close[0]}'?" if close else f"The M1's keys are: {_LIST_OF_KEYS}."
    return ParseError(f"'{written}' is not a key on the M1's front panel.", hint, offset)


def parse_key(text: str, offset: int | None = None) -> Key:
    """One key from its written name, in any case and spacing ("start/stop", "Up").

    Args:
        text: The key's name.
        offset: Where the name starts in a longer text, carried into the error.

    Raises:
        ParseError: The name is no M1 key (the hint names the closest real key), or it
            is a choice such as "UP/DOWN".
    """
    canonical = normalize(text)
    if canonical in _SPELLINGS:
        return Key(canonical)
    parts = canonical.split("/")
    if len(parts) > 1 and all(p in _SPELLINGS for p in parts):
        raise ParseError(
            f"'{text.strip()}' is a choice between keys, not one key.",
            f"Press one of them: {' or '.join(parts)}.",
            offset,
        )
    raise _unknown(text.strip(), offset)


def _parse_token(token: str, offset: int) -> tuple[Press, ...]:
    """The steps one comma-separated token stands for."""
    canonical = normalize(token)
    if canonical in _SPELLINGS:
        return (Key(canonical),)
    if canonical.isdigit():
        # The guide writes two number-key presses as one number: "PROG, 00".
        return tuple(Key(d) for d in canonical)
    if "/" in canonical:
        parts = canonical.split("/")
        if all(p in _SPELLINGS for p in parts):
            options = tuple(Key(p) for p in parts)
            if len(set(options)) != len(options):
                raise ParseError(
                    f"'{token}' lists the same key twice.",
                    "Write each alternative once, e.g. 'UP/DOWN'.",
                    offset,
                )
            return (Choice(options),)
        # A misspelt START/STOP reads better as one word than as a broken choice.
        if difflib.get_close_matches(canonical, _SPELLINGS, n=1, cutoff=0.8):
            raise _unknown(token, offset)
        position = offset
        for written in token.split("/"):
            if normalize(written) not in _SPELLINGS:
                lead = len(written) - len(written.lstrip())
                raise _unknown(written.strip(), position + lead)
            position += len(written) + 1
    raise _unknown(token, offset)


def _blank_remarks(text: str) -> str:
    """`text` with remarks in parentheses and a closing full stop blanked out.

    Blanking (instead of deleting) keeps every character where it was, so error offsets
    point into the text as written.
    """
    chars = list(text)
    depth = 0
    opened = -1
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                opened = i
            depth += 1
        if depth:
            if char == ")":
                depth -= 1
            chars[i] = " "
        elif char == ")":
            raise ParseError(
                "The key sequence has a ')' without an opening '('.", "Remove the ')'.", i
            )
    if depth:
        raise ParseError(
            "The key sequence has a '(' without a closing ')'.",
            "Close the remark with ')' or remove it.",
            opened,
        )
    stripped = "".join(chars).rstrip()
    if stripped.endswith("."):
        chars[len(stripped) - 1] = " "
    return "".join(chars)


def parse_sequence(text: str) -> tuple[Press, ...]:
    """Keys written as in the owner's guide, in order.

    Keys are separated by commas; case and spacing do not matter; a number of several
    digits stands for one press per digit ("00" is 0, 0); "UP/DOWN" becomes a `Choice`;
    remarks in parentheses ("UP (for "All")") and a closing full stop are ignored.

    Args:
        text: For example "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP".

    Raises:
        ParseError: A key is unknown (the hint names the closest real key), a comma
            has nothing before it, a parenthesis is unbalanced, or there are no keys.
            `offset` is where the problem starts in `text`.
    """
    cleaned = _blank_remarks(text)
    if not cleaned.strip():
        raise ParseError(
            "The key sequence is empty.",
            "Write the keys separated by commas, e.g. 'GLOBAL, 5, D, UP'.",
            0,
        )
    steps: list[Press] = []
    start = 0
    for token in cleaned.split(","):
        stripped = token.strip()
        offset = start + (token.find(stripped) if stripped else 0)
        if not stripped:
            raise ParseError(
                "The key sequence has an empty place between two commas.",
                "Remove the extra comma.",
                offset,
            )
        steps.extend(_parse_token(stripped, offset))
        start += len(token) + 1
    return tuple(steps)


def format_sequence(steps: tuple[Press, ...] | list[Press]) -> str:
    """Steps written back the guide's way, one press per item ("PROG, 0, 0")."""
    return ", ".join(str(s) for s in steps)
