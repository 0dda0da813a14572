"""Reading what a person names: files, folders and zip archives (named, or found in a
folder), each file judged by its content, never by its name or the letter case of its
extension."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import FileFormatError
from wizard.m1.syx_file import (
    DumpFile,
    FileUnreadableError,
    passed_over_because,
    read_dump_file,
)

MAX_FOLDER_FILES = 1000
"""Files looked at in one folder (and its subfolders) before the rest is left out."""


@dataclass(frozen=True)
class Sources:
    """Everything read from the paths a person named.

    Attributes:
        files: Every file that holds at least one message, in the order found; each file
            of a zip archive is one of them, its path "ARCHIVE:MEMBER".
        passed_over: (name, why) of files in folders and archives that hold no MIDI
            system-exclusive data at all (a folder of downloads holds other things too),
            and of archives in folders that could not be opened.
    """

    files: tuple[DumpFile, ...]
    passed_over: tuple[tuple[str, str], ...] = ()


def _in_folder(folder: Path) -> list[Path]:
    found = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return found[:MAX_FOLDER_FILES]


def read_sources(paths: Sequence[Path]) -> Sources:
    """Read every named file, and every file inside every named folder.

    A file named on its own is always read (its problems are its own to report); a file
    found in a folder is kept only when it holds some message. A zip archive, named or
    found in a folder, gives the files inside it that hold some message (it is decided
    by `read_dump_bytes`, by content); archives inside archives are not opened.

    Raises:
        FileUnreadableError: A named path is missing or cannot be read, or a named folder
            holds no file with any message.
        FileFormatError: A named file is over the size limit.
    """
    files: list[DumpFile] = []
    passed: list[tuple[str, str]] = []
    for path in paths:
        if not path.is_dir():
            _take(read_dump_file(path), files, passed, named=True)
            continue
        inside = _in_folder(path)
        before = len(files)
        for inner in inside:
            try:
                found = read_dump_file(inner)
            except FileFormatError as error:
                passed.append((str(inner), error.message))
                continue
            _take(found, files, passed, named=False)
        if len(files) == before:
            raise FileUnreadableError(
                f"{path} holds no file with MIDI system-exclusive data "
                f"({len(inside)} file{'' if len(inside) == 1 else 's'} looked at"
                + "".join(f"; {Path(name).name} {why}" for name, why in passed[-3:])
                + ").",
                "Give the downloaded .syx or .mid file, or the folder it was unpacked into.",
            )
    return Sources(tuple(files), tuple(passed))


def _take(
    found: DumpFile, files: list[DumpFile], passed: list[tuple[str, str]], named: bool
) -> None:
    """Keep what `found` holds: an archive's members (its refusal, when it is refused or
    holds nothing, is reported as the file's own when the person named it), a file with
    messages, or, for a file found in a folder, a line saying why it was passed over."""
    passed.extend(found.passed_over)
    if found.members:
        files.extend(found.members)
    elif found.messages or named:
        files.append(found)
    else:
        passed.append((found.path, passed_over_because(found)))


def typed_paths(text: str) -> tuple[Path, ...]:
    """The paths in what a person typed or pasted: one path (spaces and all, as pasted
    without quotes), or several separated by spaces, each quoted as a terminal quotes a
    dragged-in file; "~" is the home folder. Empty text gives no path."""
    whole = text.strip().strip("'\"").strip()
    if not whole:
        return ()
    one = Path(whole).expanduser()
    if one.exists():
        return (one,)
    try:
        words = shlex.split(text)
    except ValueError:  # an unbalanced quote: take the text as one path
        return (one,)
    return tuple(Path(w).expanduser() for w in words if w.strip()) or (one,)
