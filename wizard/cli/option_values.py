"""Option values checked when the command line is read: numbers within a named range, and a
MIDI log file that can be written, so a bad value ends as a usage error (exit 2) before
anything is asked of the M1."""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable
from pathlib import Path


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def seconds(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a number of seconds from `low` to `high` (both included).

    Infinity and NaN are refused: they would make a wait last forever or never.
    """

    def parse(text: str) -> float:
        value = _number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text} is out of range: give a number of seconds from {low:g} to {high:g}"
            )
        return value

    return parse


def whole_number(low: int, high: int, unit: str) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (both included)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text} is out of range: give {unit} from {low} to {high}"
            )
        return value

    return parse


def log_file(text: str) -> Path:
    """An argparse type: a MIDI log file that can be appended to.

    Refused: an empty name, a folder, a file in a folder that does not exist, and a place
    this user cannot write to. The log is opened for real when the connection opens;
    this check makes the common mistakes a usage error before any port is opened.
    """
    if not text:
        raise argparse.ArgumentTypeError("the log file needs a name")
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder; name a file inside it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(
            f"the folder {folder} does not exist; create it first or choose another"
        )
    there = path if path.exists() else folder
    if not os.access(there, os.W_OK):
        raise argparse.ArgumentTypeError(f"{there} cannot be written to by you")
    return path


PORT_NAME_CHARACTERS = 48
"""The longest `emulate --name`: ALSA keeps 63 bytes of a port name, and " MIDI OUT" is
added to it; JACK's client names are shorter than its port names."""


def port_name(text: str) -> str:
    """An argparse type: a name for a virtual port pair that every MIDI system can carry.

    Refused: empty, longer than `PORT_NAME_CHARACTERS`, non-ASCII or control characters,
    and ":" (JACK separates a client from its port with it).
    """
    if not text.strip():
        raise argparse.ArgumentTypeError("the port name is empty")
    if len(text) > PORT_NAME_CHARACTERS:
        raise argparse.ArgumentTypeError(
            f"the name is {len(text)} characters long; a MIDI port name can have at most "
            f"{PORT_NAME_CHARACTERS}"
        )
    if not (text.isascii() and text.isprintable()) or ":" in text:
        raise argparse.ArgumentTypeError(
            f"{text!r} has characters a MIDI port name cannot hold; use letters, digits, "
            "spaces, '-' and '_'"
        )
    return text
