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


class NameTaken(SaveError):
    """Something already has the name (or took it while the file was being written)."""


CHOOSE_DEFAULT = "-o or --backup-dir"
"""The options that name another place, as `m1-wizard backup` has them; callers with other
options (restore has only --backup-dir, the wizard none) pass their own, or ""."""


def _with_options(sentence: str, choose: str) -> str:
    """`sentence` ending in "with OPTIONS." when the command has options for it."""
    return f"{sentence} with {choose}." if choose else f"{sentence}."


PARTIAL = ".partial"
"""Ends the hidden name a file is written under before it gets its own name."""
PENDING = ".pending"
"""Ends the hidden note that a backup's file is being saved (its manifest, not yet linked)."""
TEMPORARY_NAME_BYTES = 120
"""Room kept for the file name inside the temporary name: the longest names (255 bytes on
most file systems) still leave space for the dot, process id and `.partial`."""


def timestamped_name(stem: str, what: str, suffix: str, now: datetime) -> str:
    """A default file name such as `m1-backup-20261121-0015-all.syx`."""
    return f"{stem}-{now:%Y%m%d-%H%M%S}-{what}{suffix}"


def taken(path: Path, choose: str = CHOOSE_DEFAULT) -> bool:
    """True when something is at `path`; `choose` names the options for another place.

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
            _with_options("Choose a shorter name, or another folder,", choose),
        ) from error
    return True


def _temporary_name(name: str, ending: str = PARTIAL) -> str:
    """A hidden name for the file being written, short enough for any file system."""
    while len(os.fsencode(name)) > TEMPORARY_NAME_BYTES:
        name = name[:-1]
    return f".{name}.{os.getpid()}{ending}"


def write_pending(path: Path, data: bytes) -> Path:
    """Write `data` under a hidden `.pending` name beside `path`, as a note that `path` is
    about to be saved; the caller removes it. A note whose process is gone tells the next
    run what a killed run left half done (see `left_by_dead_runs`).

    Raises:
        OSError: The note cannot be written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    note = folder / _temporary_name(path.name, PENDING)
    note.write_bytes(data)
    return note


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive, not ours to judge
    return True


def left_by_dead_runs(folder: Path, ending: str) -> list[Path]:
    """Hidden temporary files (`ending` is PARTIAL or PENDING) in `folder` whose process is
    no longer running: left by a run that was killed while saving."""
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            name = entry.name
            if not (name.startswith(".") and name.endswith(ending)):
                continue
            pid = name[: -len(ending)].rpartition(".")[2]
            if pid.isdigit() and not _alive(int(pid)):
                found.append(entry)
    return sorted(found)


def free_path(folder: Path, name: str, choose: str = CHOOSE_DEFAULT) -> Path:
    """`folder/name`, or with -2, -3 ... before the suffix when that name is taken.

    Another run may take the name before this one saves; `save_new` refuses then
    (NameTaken) and the caller asks again.
    """
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while taken(candidate, choose) or taken(candidate.with_suffix(".json"), choose):
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


def save_new(path: Path, data: bytes, choose: str = CHOOSE_DEFAULT) -> None:
    """Write `data` to `path` atomically, refusing to replace an existing file.

    The bytes go to a hidden temporary file in the same folder, are flushed to disk, and
    are then linked to `path` in one step that fails if `path` exists. A crash or Ctrl-C
    leaves either no file or the complete one; the temporary file is removed.

    Args:
        path: The file to create.
        data: Its bytes.
        choose: The options that name another place, for the error's next action.

    Raises:
        NameTaken: The file exists, or appeared while it was being written.
        SaveError: The folder is missing or read-only, or the disk is full.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if taken(path, choose):
        raise NameTaken(
            f"{path} already exists and m1-wizard never writes over a file.",
            "Choose another name with -o, or move the old file away first."
            if "-o" in choose
            else "Move the old file away first.",
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
        raise NameTaken(
            f"{path} appeared while saving and m1-wizard never writes over a file.",
            "Choose another name with -o." if "-o" in choose else "Run the command again.",
        ) from None
    except OSError as error:
        # The backup command's own wording, kept since its first release.
        where = {CHOOSE_DEFAULT: " (--backup-dir or -o)", "": ""}.get(choose, f" ({choose})")
        raise SaveError(
            f"Could not save {path}: {error.strerror or error}.",
            f"Choose a folder you can write to with enough free space{where}.",
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
