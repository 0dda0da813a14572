"""Backups: ask the M1 for its memory, check every byte count, save atomically with a
manifest, and read the saved file back to prove it is whole."""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from wizard.device.detect import Detection
from wizard.device.exchange import Exchange
from wizard.device.image import part_request
from wizard.device.leftovers import clear_leftovers
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.progress import Phase, Progress, ProgressReport, ignore_progress
from wizard.device.store import (
    CHOOSE_DEFAULT,
    NameTaken,
    SaveError,
    free_path,
    save_new,
    taken,
    timestamped_name,
    write_pending,
)
from wizard.m1 import Bank, Function, KorgMessage, Request
from wizard.m1.constants import Allocation
from wizard.m1.framing import describe_function
from wizard.m1.parts import Part
from wizard.m1.report import contents_of, describe_contents
from wizard.m1.sizes import expected_length
from wizard.m1.syx_file import read_dump_bytes

WHATS = ("all", "programs", "combinations", "global", "sequence")
MAX_ALL_DATA = expected_length(Function.ALL_DATA_DUMP, Allocation.P100_C100, 4400)
"""The largest ALL DATA dump (§3.4): 53 361 bytes."""
NAME_TRIES = 100
"""Default names tried when other runs keep taking them (one run a second would need 100
runs in one second to exhaust them)."""
MANIFEST_FORMAT = "m1-wizard backup manifest 1"
"""The `format` field of every manifest saved beside a backup."""
READS_PER_DUMP = 2
"""How often each dump is requested for a backup; the copies must match (see take_backup)."""

BACKUP_LABELS = {
    Function.ALL_DATA_DUMP: "everything in the M1's memory",
    Function.ALL_PROGRAMS_DUMP: "the programs",
    Function.ALL_COMBINATIONS_DUMP: "the combinations",
    Function.GLOBAL_DUMP: "the global settings and drum kits",
    Function.SEQUENCE_DUMP: "the songs (sequencer memory)",
}
"""What a backup is receiving, in the words the progress line shows."""

_PART_OF_WHAT = {
    "programs": Part.PROGRAMS,
    "combinations": Part.COMBINATIONS,
    "global": Part.GLOBAL,
    "sequence": Part.SEQUENCE,
}


@dataclass(frozen=True)
class Backup:
    """Dumps taken from the M1, checked, not yet saved."""

    what: str
    dumps: tuple[KorgMessage, ...]
    detection: Detection | None

    @property
    def data(self) -> bytes:
        """The dumps as one .syx file's bytes."""
        return b"".join(d.to_bytes() for d in self.dumps)


@dataclass(frozen=True)
class SavedBackup:
    """A backup on disk, read back and found identical."""

    backup: Backup
    path: Path
    manifest: Path
    sha256: str
    cleared: tuple[str, ...] = ()
    """Sentences about files a killed run had left in the folder and that were removed."""


def _requests(what: str, channel: int, max_size: int | None) -> list[tuple[Request, Function]]:
    if what == "all":
        if max_size is not None and max_size < MAX_ALL_DATA:
            return [part_request(p, channel) for p in Part.ALL]
        everything = Request(channel, Function.ALL_DATA_REQUEST, Bank.INTERNAL)
        return [(everything, Function.ALL_DATA_DUMP)]
    return [part_request(_PART_OF_WHAT[what], channel)]


def _expected(reply: Function, detection: Detection) -> int:
    allocation = detection.allocation or Allocation.P100_C100
    if reply in (Function.SEQUENCE_DUMP, Function.ALL_DATA_DUMP):
        return 0  # depends on the event count, known only when the dump starts
    return expected_length(reply, allocation)


def take_backup(
    exchange: Exchange,
    detection: Detection,
    what: str = "all",
    report: ProgressReport = ignore_progress,
    clock: Callable[[], float] = time.monotonic,
    *,
    copies: int = READS_PER_DUMP,
) -> Backup:
    """Request `what` from the M1 and return the checked dumps.

    Each dump is parsed, so its length is exactly what its header promises and its
    channel is the M1's; anything else raises. M1 dumps carry no checksum (§3.4), so a
    byte changed on the way in keeps the length right and would pass every other check:
    each dump is therefore requested `copies` times and the copies must be identical.

    Raises:
        DeviceError: Silence, refusal (24), damage (including copies that differ),
            another channel.
    """
    dumps = []
    for request, reply in _requests(what, exchange.channel, exchange.transport.max_message_size):
        total = _expected(reply, detection)
        label = BACKUP_LABELS[reply]
        first: KorgMessage | None = None
        for copy in range(max(copies, 1)):
            start = clock()
            shown = label if copy == 0 else f"{label}, read again to compare"

            def moved(
                count: int, total: int = total, start: float = start, shown: str = shown
            ) -> None:
                report(Progress(Phase.BACKUP, count, total, clock() - start, shown))

            dump = exchange.request(request, reply, on_bytes=moved)
            if first is None:
                first = dump
            elif dump.to_bytes() != first.to_bytes():
                raise DeviceError(
                    Outcome.DAMAGED_REPLY,
                    f"The M1 sent the {describe_function(reply)} twice and the two copies "
                    "differ, so at least one of them was changed on the way.",
                )
        assert first is not None
        dumps.append(first)
    return Backup(what, tuple(dumps), detection)


def manifest_of(backup: Backup, path: Path, sha256: str, now: datetime) -> dict[str, object]:
    """The manifest saved beside a backup: what, sizes, checksums, names, channel, date."""
    messages = []
    for dump in backup.dumps:
        data = dump.to_bytes()
        contents = contents_of(dump)
        messages.append(
            {
                "kind": dump.kind,
                "function": f"{int(dump.function):02X}",
                "length": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "contents": describe_contents(contents),
                "programs": list(contents.programs),
                "combinations": list(contents.combinations),
                "songs": list(contents.songs),
            }
        )
    detection = backup.detection
    allocations = {
        a.short for d in backup.dumps if (a := getattr(d, "allocation", None)) is not None
    }
    if detection is not None and detection.allocation is not None:
        allocations = {detection.allocation.short}
    return {
        "format": MANIFEST_FORMAT,
        "file": path.name,
        "what": backup.what,
        "size": len(backup.data),
        "sha256": sha256,
        "created": now.isoformat(timespec="seconds"),
        "channel": backup.dumps[0].channel if backup.dumps else None,
        "allocation": ", ".join(sorted(allocations)) or None,
        "version_bytes": detection.version_bytes if detection else None,
        "found_by": detection.found_by if detection else "panel dump",
        "messages": messages,
    }


def save_backup(
    backup: Backup,
    output: Path | None = None,
    folder: Path = Path("."),
    now: datetime | None = None,
    choose: str = CHOOSE_DEFAULT,
) -> SavedBackup:
    """Save a backup as binary .syx plus a .json manifest, then prove the file is whole.

    Files a killed run left in the folder are cleared first (see `clear_leftovers`). A
    default name taken by another run in the same second moves on to the next free one.

    Args:
        backup: The dumps.
        output: The file to create; by default a time-stamped name in `folder`.
        folder: Where a default name goes.
        now: The time for the name and the manifest.
        choose: The options that name another place, for the errors' next actions.

    Raises:
        SaveError: The file exists, cannot be written, or does not read back identical.
    """
    now = now or datetime.now(UTC).astimezone()
    if output is not None:
        cleared = clear_leftovers(output.parent if str(output.parent) else Path("."))
        return replace(_save_at(backup, output, now, choose), cleared=cleared)
    cleared = clear_leftovers(folder)
    name = timestamped_name("m1-backup", backup.what, ".syx", now)
    for _ in range(NAME_TRIES - 1):
        try:
            saved = _save_at(backup, free_path(folder, name, choose), now, choose)
        except NameTaken:
            continue  # another run took this name a moment ago: the next free one
        return replace(saved, cleared=cleared)
    return replace(_save_at(backup, free_path(folder, name, choose), now, choose), cleared=cleared)


def _save_at(backup: Backup, path: Path, now: datetime, choose: str) -> SavedBackup:
    data = backup.data
    sha256 = hashlib.sha256(data).hexdigest()
    manifest_path = path.with_suffix(".json")
    if manifest_path == path:
        raise SaveError(
            f"{path} cannot hold a backup: the manifest saved beside it takes that name.",
            "Choose a name ending in .syx with -o.",
        )
    if taken(path, choose):
        save_new(path, data, choose)  # raises the plain "already exists" error
    if taken(manifest_path, choose):
        raise NameTaken(
            f"{manifest_path} already exists and m1-wizard never writes over a file.",
            "Choose another name with -o." if "-o" in choose else "Move the old file away first.",
        )
    manifest = (json.dumps(manifest_of(backup, path, sha256, now), indent=2) + "\n").encode()
    # The manifest waits under a hidden name while the .syx is linked: if the process is
    # killed between the two, the next run finds the note and takes the lone .syx away.
    try:
        note = write_pending(manifest_path, manifest)
    except OSError as error:
        raise SaveError(
            f"Could not save {path}: {error.strerror or error}.",
            f"Choose a folder you can write to with enough free space ({choose}).",
        ) from error
    try:
        save_new(path, data, choose)
        try:
            verify_saved(path, data, choose)
            save_new(manifest_path, manifest, choose)
        except BaseException:
            # A backup is the .syx with its manifest, read back: anything less (a bad
            # read-back, no room for the manifest, Ctrl-C) is taken away again, so the
            # person's "not saved" is true and no file without a manifest is left.
            with contextlib.suppress(OSError):
                path.unlink()
            raise
    finally:
        with contextlib.suppress(OSError):
            note.unlink()
    return SavedBackup(backup, path, manifest_path, sha256)


def verify_saved(path: Path, data: bytes, choose: str = CHOOSE_DEFAULT) -> None:
    """Read a saved backup back and check it holds exactly `data`, every dump valid.

    Raises:
        SaveError: The file differs or does not read as complete M1 data.
    """
    stored = path.read_bytes()
    dump_file = read_dump_bytes(stored, str(path))
    if stored != data or dump_file.has_errors:
        raise SaveError(
            f"The backup saved as {path} did not read back identical.",
            "The disk may be failing or full: save the backup somewhere else"
            + (f" ({choose})." if choose else "."),
        )
