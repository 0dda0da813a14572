"""Backups: ask the M1 for its memory, check every byte count, save atomically with a
manifest, and read the saved file back to prove it is whole."""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wizard.device.detect import Detection
from wizard.device.exchange import Exchange
from wizard.device.image import part_request
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.progress import Phase, Progress, ProgressReport, ignore_progress
from wizard.device.store import SaveError, free_path, save_new, taken, timestamped_name
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
READS_PER_DUMP = 2
"""How often each dump is requested for a backup; the copies must match (see take_backup)."""

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
        label = reply.name.replace("_", " ").lower()
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
        "format": "m1-wizard backup manifest 1",
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
) -> SavedBackup:
    """Save a backup as binary .syx plus a .json manifest, then prove the file is whole.

    Args:
        backup: The dumps.
        output: The file to create; by default a time-stamped name in `folder`.
        folder: Where a default name goes.
        now: The time for the name and the manifest.

    Raises:
        SaveError: The file exists, cannot be written, or does not read back identical.
    """
    now = now or datetime.now(UTC).astimezone()
    path = output or free_path(folder, timestamped_name("m1-backup", backup.what, ".syx", now))
    data = backup.data
    sha256 = hashlib.sha256(data).hexdigest()
    manifest_path = path.with_suffix(".json")
    if manifest_path == path:
        raise SaveError(
            f"{path} cannot hold a backup: the manifest saved beside it takes that name.",
            "Choose a name ending in .syx with -o.",
        )
    if taken(path):
        save_new(path, data)  # raises the plain "already exists" error
    if taken(manifest_path):
        raise SaveError(
            f"{manifest_path} already exists and m1-wizard never writes over a file.",
            "Choose another name with -o.",
        )
    save_new(path, data)
    try:
        verify_saved(path, data)
        manifest = manifest_of(backup, path, sha256, now)
        save_new(manifest_path, (json.dumps(manifest, indent=2) + "\n").encode())
    except BaseException:
        # A backup is the .syx with its manifest, read back: anything less (a bad read-back,
        # no room for the manifest, Ctrl-C) is taken away again, so the person's "not
        # saved" is true and no file without a manifest is left to be mistaken for one.
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return SavedBackup(backup, path, manifest_path, sha256)


def verify_saved(path: Path, data: bytes) -> None:
    """Read a saved backup back and check it holds exactly `data`, every dump valid.

    Raises:
        SaveError: The file differs or does not read as complete M1 data.
    """
    stored = path.read_bytes()
    dump_file = read_dump_bytes(stored, str(path))
    if stored != data or dump_file.has_errors:
        raise SaveError(
            f"The backup saved as {path} did not read back identical.",
            "The disk may be failing or full: save the backup somewhere else (-o).",
        )
