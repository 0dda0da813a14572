"""Recognising Korg's factory sound sets inside a dump file by their contents (program and
combination names, m1-sysex.md §6.1), so the person is told what they are about to send."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wizard.m1 import AllCombinationsDump, AllDataDump, AllProgramsDump, KorgMessage


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


def _matches(names: Sequence[str], expected: tuple[tuple[int, str], ...]) -> bool:
    return bool(expected) and all(
        number < len(names) and names[number] == name for number, name in expected
    )


def recognise(dumps: Sequence[KorgMessage]) -> str | None:
    """A sentence naming the factory set the dumps hold, or None for anything else."""
    programs: list[str] = []
    combinations: list[str] = []
    for dump in dumps:
        if isinstance(dump, (AllProgramsDump, AllDataDump)):
            programs = [p.name for p in dump.programs]
        if isinstance(dump, (AllCombinationsDump, AllDataDump)):
            combinations = [c.name for c in dump.combinations]
    for known in KNOWN_SETS:
        has_programs = _matches(programs, known.programs)
        has_combinations = _matches(combinations, known.combinations)
        if not (has_programs or has_combinations):
            continue
        parts = []
        if has_programs:
            parts.append(
                f'programs (00 "{programs[0]}" ... {len(programs) - 1:02d} "{programs[-1]}")'
            )
        if has_combinations:
            parts.append(
                f'combinations (00 "{combinations[0]}" ... '
                f'{len(combinations) - 1:02d} "{combinations[-1]}")'
            )
        return f"This file holds {known.name}: " + " and ".join(parts) + "."
    return None
