"""Sound bank files where people save downloads, each described by what it holds: the
file chooser's search, run in a thread worker (it reads files), bounded in what it looks at."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import FileFormatError
from wizard.m1.dump_set import gather
from wizard.m1.dumps import AllDataDump, AllProgramsDump
from wizard.m1.factory_set import PART_NAMES, recognise
from wizard.m1.parts import Part, parts_of
from wizard.m1.report import listed
from wizard.m1.sources import read_sources
from wizard.m1.syx_file import FileUnreadableError

SUFFIXES = frozenset({".syx", ".mid", ".midi", ".zip", ".txt", ".hex"})
"""Name endings worth reading (letter case ignored); the content still decides."""
LOOKED_AT = 300
"""Entries looked at in one folder, so a huge home folder cannot stall the search."""
PER_FOLDER = 8
"""Candidates kept per folder, newest first."""
INSIDE_FOLDER = 40
"""Entries of a subfolder looked at to decide whether it holds dumps."""
ORDER = (Part.PROGRAMS, Part.COMBINATIONS, Part.GLOBAL, Part.SEQUENCE)
"""The order parts are named in, as in the factory recognition."""


@dataclass(frozen=True)
class Candidate:
    """A file or folder that holds M1 dumps.

    Attributes:
        path: The file, zip or folder.
        where: The place it was found, e.g. "In Downloads".
        holds: What it holds, in words.
    """

    path: Path
    where: str
    holds: str

    @property
    def label(self) -> str:
        """How it is listed: place, name, then what it holds on a line of its own."""
        name = self.path.name + ("/" if self.path.is_dir() else "")
        return f"{self.where}: {name}\n  {self.holds}"


def places(home: Path, here: Path) -> list[tuple[Path, str]]:
    """Where downloads are saved: Downloads, Desktop, the home folder, this folder (each
    once, in that order)."""
    named = [
        (home / "Downloads", "In Downloads"),
        (home / "Desktop", "On the Desktop"),
        (home, "In your home folder"),
        (here, "In this folder"),
    ]
    seen: set[Path] = set()
    found: list[tuple[Path, str]] = []
    for folder, where in named:
        key = folder.resolve()
        if key not in seen and folder.is_dir():
            seen.add(key)
            found.append((folder, where))
    return found


def _worth_reading(entry: os.DirEntry[str]) -> bool:
    return Path(entry.name).suffix.lower() in SUFFIXES


def _holds_dumps(folder: Path) -> bool:
    """A subfolder with a dump-like file among its first entries."""
    try:
        with os.scandir(folder) as entries:
            for n, entry in enumerate(entries):
                if n >= INSIDE_FOLDER:
                    break
                if entry.is_file() and _worth_reading(entry):
                    return True
    except OSError:
        return False
    return False


def _newest(folder: Path) -> list[Path]:
    """Files and subfolders worth reading in `folder`, newest first (hidden ones left out)."""
    found: list[tuple[float, Path]] = []
    try:
        with os.scandir(folder) as entries:
            for n, entry in enumerate(entries):
                if n >= LOOKED_AT:
                    break
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                if (entry.is_file() and _worth_reading(entry)) or (
                    entry.is_dir() and _holds_dumps(path)
                ):
                    found.append((entry.stat().st_mtime, path))
    except OSError:
        return []
    found.sort(key=lambda item: item[0], reverse=True)
    return [path for _, path in found]


def describe(path: Path) -> str | None:
    """What `path` holds, e.g. 'Korg's M1 factory sounds: programs and global settings;
    first program "Universe"', or None when it holds no M1 bank dump."""
    try:
        dump_set = gather(read_sources([path]).files)
    except (FileFormatError, FileUnreadableError, OSError):
        return None
    dumps = dump_set.dumps
    if not dumps:
        return None
    recognised = recognise(dumps, several=dump_set.several)
    if recognised is not None:
        what = recognised.summary()
    else:
        parts = {p for d in dumps for p in parts_of(d)}
        names = [PART_NAMES[p] for p in ORDER if p in parts]
        what = "M1 sounds and settings: " + listed(names)
    first = next((d for d in dumps if isinstance(d, (AllProgramsDump, AllDataDump))), None)
    if first is not None and first.programs:
        what += f'; first program "{first.programs[0].name.strip()}"'
    count = len({m.source for m in dump_set.members})
    if count > 1:
        what += f" ({count} files, sent as one set)"
    return what


def find_candidates(
    look_in: Sequence[tuple[Path, str]], skip: Sequence[Path] = ()
) -> list[Candidate]:
    """Every file and folder in `look_in` that holds M1 dumps, newest first.

    Args:
        look_in: (folder, how it is named) pairs, e.g. from `places`.
        skip: Paths already offered elsewhere.
    """
    # The places themselves are not offered as folders (Downloads inside the home folder).
    seen = {p.resolve() for p in skip} | {folder.resolve() for folder, _ in look_in}
    found: list[tuple[float, Candidate]] = []
    for folder, where in look_in:
        kept = 0
        for path in _newest(folder):
            if kept >= PER_FOLDER:
                break
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            holds = describe(path)
            if holds is None:
                continue
            kept += 1
            found.append((path.stat().st_mtime, Candidate(path, where, holds)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [candidate for _, candidate in found]
