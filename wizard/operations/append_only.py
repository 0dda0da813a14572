"""Append-only files of JSON lines (the journal, the maintenance log): each line forced to
disk before the call returns, a half-written last line never glued to the next one, and
reading that skips damaged lines instead of failing."""

from __future__ import annotations

import os
from pathlib import Path

from wizard.errors import WizardError


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as reader:
        reader.seek(-1, os.SEEK_END)
        return reader.read(1) == b"\n"


def append_line(path: Path, line: str) -> None:
    """Add `line` (without its newline) at the end of `path` and fsync it.

    Raises:
        WizardError: The file cannot be written (folder missing, disk full).
    """
    text = line + "\n"
    try:
        with open(path, "ab") as handle:
            if handle.tell() > 0 and not _ends_with_newline(path):
                # The last line was cut short (a power cut): start a fresh line.
                text = "\n" + text
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise WizardError(
            f"Could not write {path}: {error.strerror or error}.",
            "Make room on the disk or choose another folder with --data-dir, then run the "
            "procedure again; it resumes at the step it stopped at.",
        ) from error


def read_lines(path: Path) -> list[tuple[int, str]]:
    """The non-blank lines of `path` with their 1-based numbers; none when it is missing.

    Raises:
        WizardError: The file exists but cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise WizardError(
            f"Could not read {path}: {error.strerror or error}.",
            "Check the file's permissions, or choose another folder with --data-dir.",
        ) from error
    text = raw.decode("utf-8", errors="replace")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
