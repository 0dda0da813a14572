"""The per-unit maintenance log: what was done to the instrument and when the next check is
due (internal battery about every five years, RAM-card battery about every year, per the
owner's guide), kept as append-only JSON lines beside the journal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wizard.operations.append_only import append_line, read_lines


@dataclass(frozen=True)
class Routine:
    """What completing a procedure means for the maintenance log.

    Attributes:
        what: The work done, in words.
        years: Years until the next check, or 0 when none is due.
        due_words: The interval in words, e.g. "about five years".
    """

    what: str
    years: int = 0
    due_words: str = ""


ROUTINES: dict[str, Routine] = {
    # The CR2032 backup cell of an M1 lasts roughly five years in service.
    "battery-replacement": Routine("internal battery replaced", 5, "about five years"),
    # Owner's guide: the MCR-03's CR2016 "preserves its data for about one year".
    "ram-card-battery": Routine("RAM card battery replaced", 1, "about one year"),
}
"""Procedures whose completion goes into the log, by procedure id."""


def years_later(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29 February without a match)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class MaintenanceEntry:
    """One line of the maintenance log.

    Attributes:
        day: When the work was done.
        what: The work, e.g. "internal battery replaced".
        procedure: The procedure that did it, empty when none.
        next_due: When the next check is due, None when none is.
        due_words: The interval in words, e.g. "about five years".
        file: A file the work produced (a backup), empty when none.
    """

    day: date
    what: str
    procedure: str = ""
    next_due: date | None = None
    due_words: str = ""
    file: str = ""

    def line(self) -> str:
        """The entry as one line for a person, e.g.
        "2026-11-21  internal battery replaced; next check due about 2031-11-21 (about
        five years later)"."""
        text = f"{self.day.isoformat()}  {self.what}"
        if self.file:
            text += f": {self.file}"
        if self.next_due is not None:
            text += f"; next check due about {self.next_due.isoformat()}"
            if self.due_words:
                text += f" ({self.due_words} later)"
        return text

    def to_json(self) -> str:
        """The entry as one JSON line."""
        data: dict[str, str] = {"date": self.day.isoformat(), "what": self.what}
        optional = {
            "procedure": self.procedure,
            "next_due": self.next_due.isoformat() if self.next_due else "",
            "due_words": self.due_words,
            "file": self.file,
        }
        data.update({k: v for k, v in optional.items() if v})
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> MaintenanceEntry | None:
        """The entry a line holds, or None when the line is damaged."""
        try:
            data = json.loads(line)
            due = data.get("next_due")
            return cls(
                date.fromisoformat(data["date"]),
                str(data["what"]),
                str(data.get("procedure", "")),
                date.fromisoformat(due) if due else None,
                str(data.get("due_words", "")),
                str(data.get("file", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def completion_entries(procedures: Iterable[str], day: date) -> list[MaintenanceEntry]:
    """Log entries for a run that completed `procedures` (the top one and its includes)."""
    entries = []
    for procedure in dict.fromkeys(procedures):
        routine = ROUTINES.get(procedure)
        if routine is None:
            continue
        due = years_later(day, routine.years) if routine.years else None
        entries.append(MaintenanceEntry(day, routine.what, procedure, due, routine.due_words))
    return entries


def backup_entry(path: Path, procedure: str, day: date) -> MaintenanceEntry:
    """The log entry for a verified backup."""
    return MaintenanceEntry(day, "verified backup saved", procedure, file=str(path))


def record(log: Path, entry: MaintenanceEntry) -> None:
    """Append `entry` to the log at `log`.

    Raises:
        WizardError: The log cannot be written.
    """
    append_line(log, entry.to_json())


def read_log(log: Path) -> list[MaintenanceEntry]:
    """Every readable entry of the log at `log`, oldest first (damaged lines are skipped).

    Raises:
        WizardError: The log exists but cannot be read.
    """
    entries = (MaintenanceEntry.from_json(line) for _, line in read_lines(log))
    return [e for e in entries if e is not None]
