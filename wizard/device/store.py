"""Saving files so that nothing is ever lost: written whole or not at all, never over an
existing file, with time-stamped default names."""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from wizard.errors import WizardError


class SaveError(WizardError):
    """A file could not be saved; nothing was written at its place."""


TEMPORARY_NAME_BYTES = 120
"""Room kept for the file name inside the temporary name: the longest names (255 bytes on
most file systems) still leave space for the dot, process id and `.partial`."""


def timestamped_name(stem: str, what: str, suffix: str, now: datetime) -> str:
    """A default file name such as `m1-backup-20261121-0015-all.syx`."""
    return f"{stem}-{now:%Y%m%d-%H%M%S}-{what}{suffix}"


def taken(path: Path) -> bool:
    """True when something is at `path`.

    Raises:
        SaveError: The name cannot exist at all (too long, for instance); `Path.exists`
            would raise a bare OSError for it.
    """
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise SaveError(
            f"Could not save {path}: {error.strerror or error}.",
            "Choose a shorter name, or another folder, with -o or --backup-dir.",
        ) from error
    return True


def _temporary_name(name: str) -> str:
    """A hidden name for the file being written, short enough for any file system."""
    while len(os.fsencode(name)) > TEMPORARY_NAME_BYTES:
        name = name[:-1]
    return f".{name}.{os.getpid()}.partial"


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or with -2, -3 ... before the suffix when that name is taken."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while taken(candidate) or taken(candidate.with_suffix(".json")):
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def _fsync_folder(folder: Path) -> None:
    # Makes the new directory entry survive a power cut; not possible on every OS.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def save_new(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, refusing to replace an existing file.

    The bytes go to a hidden temporary file in the same folder, are flushed to disk, and
    are then linked to `path` in one step that fails if `path` exists. A crash or Ctrl-C
    leaves either no file or the complete one; the temporary file is removed.

    Raises:
        SaveError: The file exists, the folder is missing or read-only, or the disk is full.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if taken(path):
        raise SaveError(
            f"{path} already exists and m1-wizard never writes over a file.",
            "Choose another name with -o, or move the old file away first.",
        )
    temporary = folder / _temporary_name(path.name)
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _link_without_replacing(temporary, path)
        _fsync_folder(folder)
    except FileExistsError:
        raise SaveError(
            f"{path} appeared while saving and m1-wizard never writes over a file.",
            "Choose another name with -o.",
        ) from None
    except OSError as error:
        raise SaveError(
            f"Could not save {path}: {error.strerror or error}.",
            "Choose a folder you can write to with enough free space (--backup-dir or -o).",
        ) from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _link_without_replacing(source: Path, target: Path) -> None:
    """Give `source` the name `target`; FileExistsError if `target` exists."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links (FAT on some memory sticks): claim the name
        # exclusively first, then move the finished file onto our own empty claim.
        claim = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.close(claim)
        os.replace(source, target)
