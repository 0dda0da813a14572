"""Recognising Korg's factory sound sets inside dumps by their contents (program and
combination names, m1-sysex.md §6.1), whole or in parts, so the person is told in plain
words what they are about to send and what is missing from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wizard.m1 import AllCombinationsDump, AllDataDump, AllProgramsDump, KorgMessage
from wizard.m1.parts import Part, parts_of
from wizard.m1.report import listed


@dataclass(frozen=True)
class KnownSet:
    """A factory set, by the names it has at given numbers.

    Attributes:
        name: The set in words.
        programs: (number, name) pairs a program bank of this set has.
        combinations: (number, name) pairs a combination bank of this set has.
    """

    name: str
    programs: tuple[tuple[int, str], ...]
    combinations: tuple[tuple[int, str], ...]


KNOWN_SETS = (
    # §6.1 check values of the factory ALL DATA and ORIGPROG captures.
    KnownSet(
        "Korg's M1 factory sounds",
        ((0, "Universe"), (1, "Piano 16'"), (99, "Surprise!!")),
        ((0, "FilmScore"), (99, "Please~~~~")),
    ),
    # §6.1 M1EX.mid: the M1EX factory set.
    KnownSet("Korg's M1EX factory sounds", ((0, "One World"), (1, "Piano2 16'")), ()),
)

PART_NAMES = {
    Part.PROGRAMS: "programs",
    Part.COMBINATIONS: "combinations",
    Part.GLOBAL: "global settings",
    Part.SEQUENCE: "songs",
}
"""Each part of memory as a musician names it."""


def _matches(names: Sequence[str], expected: tuple[tuple[int, str], ...]) -> bool:
    return bool(expected) and all(
        number < len(names) and names[number] == name for number, name in expected
    )


@dataclass(frozen=True)
class Recognition:
    """A factory set found in dumps.

    Attributes:
        name: The set, e.g. "Korg's M1 factory sounds".
        banks: The recognised banks with their first and last names, e.g.
            'programs (00 "Universe" ... 99 "Surprise!!")'.
        present: The parts of memory the dumps hold, in musician's words.
        missing: The parts they do not hold.
        several: The dumps come from more than one file.
    """

    name: str
    banks: tuple[str, ...]
    present: tuple[str, ...]
    missing: tuple[str, ...]
    several: bool = False

    def sentence(self) -> str:
        """What the file (or files) hold, e.g. 'This file holds Korg's M1 factory sounds:
        programs (00 "Universe" ... 99 "Surprise!!").'"""
        holds = "These files hold" if self.several else "This file holds"
        return f"{holds} {self.name}: " + " and ".join(self.banks) + "."

    def missing_sentence(self) -> str:
        """What is not there, e.g. "The combinations, global settings and songs are not in
        this file."; empty when everything is."""
        if not self.missing:
            return ""
        where = "these files" if self.several else "this file"
        what = listed(self.missing)
        return f"The {what} are not in {where}."  # every part's name is a plural

    def summary(self) -> str:
        """The set and the parts present, e.g. "Korg's M1 factory sounds: programs and
        global settings"."""
        return f"{self.name}: {listed(self.present)}"


def recognise(dumps: Sequence[KorgMessage], *, several: bool = False) -> Recognition | None:
    """The factory set the dumps hold, or None for anything else.

    Args:
        dumps: The bank dumps of a file or a set of files.
        several: They come from more than one file (for the wording).
    """
    programs: list[str] = []
    combinations: list[str] = []
    parts: set[str] = set()
    for dump in dumps:
        parts.update(parts_of(dump))
        if isinstance(dump, (AllProgramsDump, AllDataDump)):
            programs = [p.name for p in dump.programs]
        if isinstance(dump, (AllCombinationsDump, AllDataDump)):
            combinations = [c.name for c in dump.combinations]
    for known in KNOWN_SETS:
        banks = []
        if _matches(programs, known.programs):
            banks.append(
                f'programs (00 "{programs[0]}" ... {len(programs) - 1:02d} "{programs[-1]}")'
            )
        if _matches(combinations, known.combinations):
            banks.append(
                f'combinations (00 "{combinations[0]}" ... '
                f'{len(combinations) - 1:02d} "{combinations[-1]}")'
            )
        if banks:
            order = (Part.PROGRAMS, Part.COMBINATIONS, Part.GLOBAL, Part.SEQUENCE)
            present = tuple(PART_NAMES[p] for p in order if p in parts)
            missing = tuple(PART_NAMES[p] for p in order if p not in parts)
            return Recognition(known.name, tuple(banks), present, missing, several)
    return None
