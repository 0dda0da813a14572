"""Reading what a person names: files and folders (and, in time, archives), each file judged
by its content, never by its name or the letter case of its extension."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import FileFormatError
from wizard.m1.syx_file import DumpFile, FileUnreadableError, read_dump_file

MAX_FOLDER_FILES = 1000
"""Files looked at in one folder (and its subfolders) before the rest is left out."""


@dataclass(frozen=True)
class Sources:
    """Everything read from the paths a person named.

    Attributes:
        files: Every file that holds at least one message, in the order found.
        passed_over: (name, why) of files in folders that hold no MIDI system-exclusive
            data at all (a folder of downloads holds other things too).
    """

    files: tuple[DumpFile, ...]
    passed_over: tuple[tuple[str, str], ...] = ()


def _in_folder(folder: Path) -> list[Path]:
    found = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return found[:MAX_FOLDER_FILES]


def read_sources(paths: Sequence[Path]) -> Sources:
    """Read every named file, and every file inside every named folder.

    A file named on its own is always read (its problems are its own to report); a file
    found in a folder is kept only when it holds some message.

    Raises:
        FileUnreadableError: A named path is missing or cannot be read, or a named folder
            holds no file with any message.
        FileFormatError: A named file is over the size limit.
    """
    files: list[DumpFile] = []
    passed: list[tuple[str, str]] = []
    for path in paths:
        if not path.is_dir():
            files.append(read_dump_file(path))
            continue
        inside = _in_folder(path)
        before = len(files)
        for inner in inside:
            try:
                found = read_dump_file(inner)
            except FileFormatError as error:
                passed.append((str(inner), error.message))
                continue
            if found.messages:
                files.append(found)
            else:
                passed.append((str(inner), "holds no MIDI system-exclusive data"))
        if len(files) == before:
            raise FileUnreadableError(
                f"{path} holds no file with MIDI system-exclusive data "
                f"({len(inside)} file{'' if len(inside) == 1 else 's'} looked at).",
                "Give the downloaded .syx or .mid file, or the folder it was unpacked into.",
            )
    return Sources(tuple(files), tuple(passed))
