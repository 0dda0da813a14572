"""A set of M1 dumps gathered from one file or several: each part of memory at most once,
exact repeats merged with a note, conflicts named with the files they come from, and the
fixed order the parts go into the M1 in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from wizard.m1.dumps import AllDataDump
from wizard.m1.message_base import KorgMessage
from wizard.m1.parts import Part, overlaps, parts_of, repeats
from wizard.m1.syx_file import DumpFile

SEND_ORDER = (Part.COMBINATIONS, Part.PROGRAMS, Part.SEQUENCE, Part.GLOBAL)
"""The order the parts of a set go in: those a memory protect can refuse first, the
global block (which no protect flag guards, m1-sysex.md §5.2) last, so a refusal of the
first part leaves the M1 unchanged; an ALL DATA dump holds them all and goes first. A
split ALL DATA goes in the same order (`device.image.split_all_data`)."""


@dataclass(frozen=True)
class Member:
    """One bank dump of a set.

    Attributes:
        source: The file it came from, as the person named it.
        number: Its 1-based position among the file's messages.
        dump: The dump.
    """

    source: str
    number: int
    dump: KorgMessage


@dataclass(frozen=True)
class DumpSet:
    """Every bank dump of the files, checked as one set.

    Attributes:
        files: The files, in the order given.
        members: The dumps to send, exact repeats left out, in `SEND_ORDER`.
        notes: Harmless things the person should know (a repeat merged).
        conflicts: Two different dumps of one part, in words; a set with any is not sent.
    """

    files: tuple[DumpFile, ...]
    members: tuple[Member, ...]
    notes: tuple[str, ...]
    conflicts: tuple[str, ...]

    @property
    def dumps(self) -> tuple[KorgMessage, ...]:
        """The dumps to send, in order."""
        return tuple(m.dump for m in self.members)

    @property
    def several(self) -> bool:
        """True when the set comes from more than one file."""
        return len(self.files) > 1

    def name_of(self, member: Member) -> str:
        """How the person is shown a member: "message 2" in a single file, else the file's
        name (with the message's number when the file holds more than one dump)."""
        if not self.several:
            return f"message {member.number}"
        name = PurePath(member.source).name
        in_file = sum(1 for m in self.members if m.source == member.source)
        return name if in_file == 1 else f"{name} message {member.number}"


def _rank(member: Member) -> int:
    parts = parts_of(member.dump)
    if isinstance(member.dump, AllDataDump):
        return -1
    return min((SEND_ORDER.index(p) for p in parts), default=len(SEND_ORDER))


def gather(files: Sequence[DumpFile]) -> DumpSet:
    """The set the files' bank dumps form (files with errors add nothing: their errors are
    theirs to report)."""
    found = [
        Member(f.path, m.index + 1, m.message)
        for f in files
        for m in f.messages
        if m.is_dump and isinstance(m.message, KorgMessage) and parts_of(m.message)
    ]
    draft = DumpSet(tuple(files), tuple(found), (), ())
    dumps = [m.dump for m in found]
    again = repeats(dumps)
    notes = tuple(
        f"{_capital(draft.name_of(found[later]))} repeats {draft.name_of(found[earlier])} "
        "exactly; it is sent once."
        for earlier, later in again
    )
    dropped = {later for _, later in again}
    kept = [m for i, m in enumerate(found) if i not in dropped]
    named = DumpSet(tuple(files), tuple(kept), (), ())
    conflicts = tuple(
        c.sentence(_capital(named.name_of(kept[c.first])), named.name_of(kept[c.second]))
        for c in overlaps([m.dump for m in kept])
    )
    ordered = tuple(sorted(kept, key=_rank))
    return DumpSet(tuple(files), ordered, notes, conflicts)


def _capital(text: str) -> str:
    """ "message 2" at the start of a sentence; a file's name stays as it is."""
    return "M" + text[1:] if text.startswith("message ") else text
