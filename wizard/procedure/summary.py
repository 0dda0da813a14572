"""What the home screen shows of each procedure, read from the shipped folder's index file
(`index.json`, written by `wizard.procedure.index`) without YAML or the procedure loader.

The index records the length and checksum of every procedure file it was made from; when
the files in the folder are not exactly those, it is not used and the procedures are loaded
in full instead, so an index that no longer matches its files can make start-up slower but
never wrong.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wizard.procedure.groups import Group

INDEX_NAME = "index.json"
INDEX_FORMAT = 1
"""The index's `format:`; another value means the index is not read (and is rebuilt)."""


@dataclass(frozen=True, kw_only=True)
class ProcedureSummary:
    """One procedure as the home screen lists it.

    Attributes:
        id: The procedure's id.
        title: Its title.
        summary: What it is for.
        group: Where the home screen lists it.
        duration: How long it takes, in words.
        needs: Tools and parts.
        risk: What can go wrong.
        midi: True when a step of it (or of a procedure it includes) talks to the M1 over
            MIDI.
        file: The name of its file in the procedures folder.
        includes: Ids of the procedures it includes, in order.
    """

    id: str
    title: str
    summary: str
    group: Group
    duration: str
    needs: tuple[str, ...] = ()
    risk: tuple[str, ...] = ()
    midi: bool = False
    file: str = ""
    includes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The summary as the index file holds it."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "group": self.group.value,
            "duration": self.duration,
            "needs": list(self.needs),
            "risk": list(self.risk),
            "midi": self.midi,
            "file": self.file,
            "includes": list(self.includes),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProcedureSummary:
        """The summary an index entry describes.

        Raises:
            KeyError, TypeError, ValueError: The entry is not one `to_json` wrote.
        """
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            summary=str(data["summary"]),
            group=Group(data["group"]),
            duration=str(data["duration"]),
            needs=tuple(str(n) for n in data["needs"]),
            risk=tuple(str(r) for r in data["risk"]),
            midi=bool(data["midi"]),
            file=str(data["file"]),
            includes=tuple(str(i) for i in data["includes"]),
        )


def shipped_folder() -> Path:
    """The folder of procedures shipped with m1-wizard.

    An installed wheel carries it as `wizard/procedures`; a source checkout has it at
    the top of the repository, next to `wizard/`.
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "procedures"
    return inside if inside.is_dir() else package.parent / "procedures"


def file_digest(path: Path) -> str:
    """The length and CRC-32 of a procedure file's text, line endings made Unix ones (so a
    checkout that turns them into CR LF keeps its index).

    A check that the file is the one the index was made from, not a defence against
    someone forging one: zlib is at hand already, where a cryptographic hash would load
    OpenSSL at every start.
    """
    text = path.read_bytes().replace(b"\r\n", b"\n")
    return f"{len(text)}:{zlib.crc32(text):08x}"


def folder_digests(folder: Path) -> dict[str, str]:
    """Every procedure file in `folder` by name, in name order, with its digest."""
    return {p.name: file_digest(p) for p in sorted(folder.glob("*.yaml"))}


def read_index(folder: Path) -> Mapping[str, ProcedureSummary] | None:
    """The summaries in `folder`'s index, by id in file order; None when the folder has no
    index, or one that is unreadable or does not match the procedure files exactly."""
    try:
        data = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
        if data["format"] != INDEX_FORMAT or data["files"] != folder_digests(folder):
            return None
        summaries = [ProcedureSummary.from_json(entry) for entry in data["procedures"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return MappingProxyType({s.id: s for s in summaries})
