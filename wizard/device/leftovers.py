"""What a killed run leaves in a backup folder, found and cleared by the next run: hidden
half-written files, and a backup file whose manifest was never linked beside it."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from wizard.device.store import PARTIAL, PENDING, SaveError, left_by_dead_runs, taken


def clear_leftovers(folder: Path) -> tuple[str, ...]:
    """Remove what stopped runs left in `folder` and say what was removed.

    Removed: hidden `.partial` files of runs no longer running (a file half written),
    and a backup `.syx` without its manifest when the stopped run's own note names it and
    its SHA-256 (the run was killed between saving the two, and said it was not saved).
    Nothing else is touched: a .syx without a manifest that no note names is left alone.

    Returns:
        One sentence per file removed.
    """
    said: list[str] = []
    for partial in left_by_dead_runs(folder, PARTIAL):
        with contextlib.suppress(OSError):
            partial.unlink()
            said.append(
                f"Removed {partial}: a file half written by an m1-wizard run that was stopped."
            )
    for note in left_by_dead_runs(folder, PENDING):
        lone = _lone_backup(folder, note)
        if lone is not None:
            with contextlib.suppress(OSError):
                lone.unlink()
                said.append(
                    f"Removed {lone}: a backup left without its manifest by an m1-wizard run "
                    "that was stopped while saving it (that run did not report it saved)."
                )
        with contextlib.suppress(OSError):
            note.unlink()
    return tuple(said)


def _lone_backup(folder: Path, note: Path) -> Path | None:
    """The .syx a dead run's note names, when it is there without its manifest and holds
    exactly the bytes the note's SHA-256 says; otherwise None."""
    try:
        recorded = json.loads(note.read_bytes())
        name, sha256 = recorded["file"], recorded["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(name, str) or not isinstance(sha256, str) or Path(name).name != name:
        return None
    backup = folder / name
    try:
        if taken(backup.with_suffix(".json")) or not backup.is_file():
            return None
        held = hashlib.sha256(backup.read_bytes()).hexdigest()
    except (OSError, SaveError):
        return None
    return backup if held == sha256 else None
