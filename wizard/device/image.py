"""The M1's memory as a set of parts (global, combinations, programs, sequence), built from
dumps, split into dumps, and compared record by record (m1-sysex.md §3.6)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from wizard.m1 import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    Bank,
    Function,
    GlobalDump,
    KorgMessage,
    Request,
    SequenceDump,
)
from wizard.m1.constants import Allocation
from wizard.m1.parts import Part
from wizard.m1.records import Combination, GlobalData, Program, SequenceData

# The bulk request that reads each part back, and the dump it answers with (§2.2).
PART_REQUESTS: dict[str, tuple[Function, Function]] = {
    Part.GLOBAL: (Function.GLOBAL_REQUEST, Function.GLOBAL_DUMP),
    Part.COMBINATIONS: (Function.ALL_COMBINATIONS_REQUEST, Function.ALL_COMBINATIONS_DUMP),
    Part.PROGRAMS: (Function.ALL_PROGRAMS_REQUEST, Function.ALL_PROGRAMS_DUMP),
    Part.SEQUENCE: (Function.SEQUENCE_REQUEST, Function.SEQUENCE_DUMP),
}


def part_request(part: str, channel: int) -> tuple[Request, Function]:
    """The request for one part of internal memory and the function of its reply."""
    request, reply = PART_REQUESTS[part]
    return Request(channel, request, Bank.INTERNAL), reply


@dataclass(frozen=True)
class MemoryImage:
    """Whatever parts of internal memory a set of dumps holds; None for a missing part."""

    allocation: Allocation | None = None
    global_data: GlobalData | None = None
    combinations: tuple[Combination, ...] | None = None
    programs: tuple[Program, ...] | None = None
    sequence: SequenceData | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts present, in ALL DATA order."""
        present = {
            Part.GLOBAL: self.global_data,
            Part.COMBINATIONS: self.combinations,
            Part.PROGRAMS: self.programs,
            Part.SEQUENCE: self.sequence,
        }
        return tuple(p for p in Part.ALL if present[p] is not None)

    def only(self, parts: Collection[str]) -> MemoryImage:
        """This image without the parts not named in `parts`."""
        return replace(
            self,
            global_data=self.global_data if Part.GLOBAL in parts else None,
            combinations=self.combinations if Part.COMBINATIONS in parts else None,
            programs=self.programs if Part.PROGRAMS in parts else None,
            sequence=self.sequence if Part.SEQUENCE in parts else None,
        )


def image_of(dumps: list[KorgMessage] | tuple[KorgMessage, ...]) -> MemoryImage:
    """Merge bank dumps into one image; later dumps replace earlier parts."""
    image = MemoryImage()
    for dump in dumps:
        if isinstance(dump, AllDataDump):
            image = replace(
                image,
                allocation=dump.allocation,
                global_data=dump.global_data,
                combinations=dump.combinations,
                programs=dump.programs,
                sequence=dump.sequence,
            )
        elif isinstance(dump, GlobalDump):
            image = replace(image, global_data=dump.data)
        elif isinstance(dump, AllCombinationsDump):
            image = replace(image, allocation=dump.allocation, combinations=dump.combinations)
        elif isinstance(dump, AllProgramsDump):
            image = replace(image, allocation=dump.allocation, programs=dump.programs)
        elif isinstance(dump, SequenceDump):
            image = replace(image, allocation=dump.allocation, sequence=dump.sequence)
    return image


def split_all_data(dump: AllDataDump) -> list[KorgMessage]:
    """The same data as four smaller loads: combinations, programs, sequence, global.

    For MIDI systems that cannot carry one 50 KB message; the M1 accepts each part in any
    mode (§2.5), so the result in memory is the same. The parts a memory protect can
    refuse go first and the global block (which no protect flag guards, §5.2 [I]) last,
    so a refusal of the first part leaves the M1 unchanged.
    """
    return [
        AllCombinationsDump(dump.channel, dump.combinations, dump.bank, dump.allocation),
        AllProgramsDump(dump.channel, dump.programs, dump.bank, dump.allocation),
        SequenceDump(dump.channel, dump.sequence, dump.bank, dump.allocation),
        GlobalDump(dump.channel, dump.global_data, dump.bank),
    ]


def differences(sent: MemoryImage, read: MemoryImage) -> list[str]:
    """Every part of `sent` that `read` does not hold identically, in plain words.

    Programs and combinations are named one by one (up to five, then a count).
    """
    found: list[str] = []
    if sent.global_data is not None and sent.global_data != read.global_data:
        found.append("the global settings and drum kits differ")
    found += _records("program", sent.programs, read.programs)
    found += _records("combination", sent.combinations, read.combinations)
    if sent.sequence is not None and sent.sequence != read.sequence:
        if read.sequence is not None and read.sequence.events != sent.sequence.events:
            found.append(
                f"the sequencer holds {read.sequence.events} events instead of "
                f"{sent.sequence.events}"
            )
        else:
            found.append("the sequencer data differ")
    return found


def _records(
    what: str,
    sent: Sequence[Program | Combination] | None,
    read: Sequence[Program | Combination] | None,
) -> list[str]:
    if sent is None:
        return []
    if read is None or len(read) != len(sent):
        return [f"the {what}s did not come back complete"]
    wrong = [n for n, (a, b) in enumerate(zip(sent, read, strict=True)) if a.raw != b.raw]
    if not wrong:
        return []
    named = ", ".join(f"{n:02d} {sent[n].name!r}" for n in wrong[:5])
    more = f" and {len(wrong) - 5} more" if len(wrong) > 5 else ""
    return [f"{len(wrong)} {what}(s) differ: {named}{more}"]
