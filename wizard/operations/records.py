"""What a backup or a restore leaves behind, as the journal tells it: the verified backup and
the file sent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BackupRecord:
    """A backup saved and read back during a procedure.

    Attributes:
        path: The .syx file.
        sha256: Hex SHA-256 of its bytes.
        what: The part of memory it holds ("all", "programs", ...).
        run: The run that took it.
        at: When, ISO 8601.
    """

    path: Path
    sha256: str
    what: str
    run: str
    at: str


@dataclass(frozen=True)
class SentRecord:
    """A file sent to the M1 and verified by reading back.

    Attributes:
        path: The file.
        sha256: Hex SHA-256 of the file.
        description: What it held, in words.
    """

    path: Path
    sha256: str
    description: str
