"""The per-unit journal: an append-only file of JSON lines, one per event of a run (started,
step done, backup saved, transfer done, ...), flushed to disk line by line, never
rewritten. Replaying it tells where a run stopped, so the next run resumes there.

A power cut can leave the last line half written; such a line is skipped when reading,
and the next entry starts on a fresh line, so the damage never spreads.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from wizard.operations.append_only import append_line, read_lines


class Event(StrEnum):
    """What a journal line records."""

    STARTED = "started"
    RESUMED = "resumed"
    STEP_DONE = "step_done"
    STEP_SKIPPED = "step_skipped"
    WENT_BACK = "went_back"
    BACKUP_SAVED = "backup_saved"
    TRANSFER_STARTED = "transfer_started"
    TRANSFER_DONE = "transfer_done"
    IRREVERSIBLE_PASSED = "irreversible_passed"
    INITIALISED_CONFIRMED = "initialised_confirmed"
    STOPPED = "stopped"
    ABORTED = "aborted"
    COMPLETED = "completed"


def new_run_id(now: datetime) -> str:
    """A fresh run id: the start time and a random suffix, e.g. "20261121-001502-3fa9c1"."""
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class Entry:
    """One line of the journal.

    Attributes:
        event: What happened.
        procedure: The procedure run (the top one, not an included one).
        run: The run's id; a resumed run keeps it.
        at: When, ISO 8601 with the UTC offset.
        path: The step's path through includes, e.g. "used-m1-checklist/enable-midi/set-filters".
        name: For an input step, the variable it stored.
        value: For an input step, the answer.
        file: For a backup or transfer, the file's path.
        sha256: For a backup or transfer, the file's SHA-256.
        what: What part of memory a backup holds, or what a transfer held.
        verified: True when the file was read back (backup) or the M1 read back (transfer).
        reason: Why a run stopped or a step was skipped.
        more: For a transfer of a set of files, the files after the first, each as
            (path, SHA-256).
    """

    event: Event
    procedure: str
    run: str
    at: str
    path: str = ""
    name: str = ""
    value: str = ""
    file: str = ""
    sha256: str = ""
    what: str = ""
    verified: bool = False
    reason: str = ""
    more: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> str:
        """The entry as one JSON line (without the newline); empty fields are left out."""
        data = {k: v for k, v in asdict(self).items() if v not in ("", False, ())}
        data["event"] = self.event.value
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> Entry | None:
        """The entry a line holds, or None for a damaged line (half written, not ours).

        Keys this version does not know are ignored, so newer journals still read.
        """
        try:
            data = json.loads(line)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        try:
            values["event"] = Event(values["event"])
            values["more"] = tuple((str(p), str(h)) for p, h in values.get("more", ()))
            entry = cls(**values)
        except (KeyError, TypeError, ValueError):
            return None
        texts = (entry.procedure, entry.run, entry.at, entry.path, entry.value, entry.file)
        if not all(isinstance(t, str) for t in texts) or not isinstance(entry.verified, bool):
            return None
        return entry


@dataclass(frozen=True)
class JournalContents:
    """Everything readable in a journal.

    Attributes:
        entries: The readable lines, in file order.
        damaged_lines: 1-based numbers of lines that could not be read.
    """

    entries: tuple[Entry, ...]
    damaged_lines: tuple[int, ...] = ()


class Journal:
    """The journal file of one unit.

    Args:
        path: `units/<unit>/journal.jsonl`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, entry: Entry) -> None:
        """Add one line and force it to disk before returning.

        Raises:
            WizardError: The file cannot be written (folder missing, disk full).
        """
        append_line(self.path, entry.to_json())

    def read(self) -> JournalContents:
        """Every readable entry; damaged lines are counted, never fatal.

        Raises:
            WizardError: The file exists but cannot be read.
        """
        entries: list[Entry] = []
        damaged: list[int] = []
        for number, line in read_lines(self.path):
            entry = Entry.from_json(line)
            if entry is None:
                damaged.append(number)
            else:
                entries.append(entry)
        return JournalContents(tuple(entries), tuple(damaged))


@dataclass
class RunJournal:
    """The journal as one run writes it: every entry stamped with procedure, run and time.

    Attributes:
        journal: The unit's journal.
        procedure: The top procedure's id.
        run: The run's id.
        now: The clock for the time stamps.
    """

    journal: Journal
    procedure: str
    run: str
    now: Callable[[], datetime]

    def write(
        self,
        event: Event,
        path: str = "",
        *,
        name: str = "",
        value: str = "",
        file: str = "",
        sha256: str = "",
        what: str = "",
        verified: bool = False,
        reason: str = "",
        more: tuple[tuple[str, str], ...] = (),
    ) -> Entry:
        """Append one entry (the keyword fields are `Entry`'s) and return it.

        Raises:
            WizardError: The journal cannot be written.
        """
        stamp = self.now().isoformat(timespec="seconds")
        entry = Entry(
            event, self.procedure, self.run, stamp, path, name, value, file, sha256, what,
            verified, reason, more,
        )  # fmt: skip
        self.journal.append(entry)
        return entry
