"""Problems found in M1 data and plain-words descriptions of what a message holds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from wizard.m1.messages import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    Message,
    ProgramDump,
    SequenceDump,
)


class Severity(StrEnum):
    """How bad a problem is.

    ERROR: the data is unusable or unsafe to send. WARNING: harmless, worth knowing.
    """

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, said in plain words.

    Attributes:
        severity: ERROR or WARNING.
        message: One sentence saying what is wrong.
        next_action: One sentence saying what to do about it.
        offset: Byte position in the file (in the decoded bytes for hex text), if any.
        message_index: 0-based index of the message concerned, if any.
    """

    severity: Severity
    message: str
    next_action: str = ""
    offset: int | None = None
    message_index: int | None = None

    @property
    def is_error(self) -> bool:
        """True for ERROR."""
        return self.severity is Severity.ERROR


def error(
    message: str, next_action: str, offset: int | None = None, index: int | None = None
) -> Problem:
    """An ERROR problem."""
    return Problem(Severity.ERROR, message, next_action, offset, index)


def warning(
    message: str, next_action: str, offset: int | None = None, index: int | None = None
) -> Problem:
    """A WARNING problem."""
    return Problem(Severity.WARNING, message, next_action, offset, index)


@dataclass(frozen=True)
class Contents:
    """The names and sizes a message holds, for reports.

    Attributes:
        programs: Program names in memory order (one for a single program dump).
        combinations: Combination names in memory order.
        songs: Song names 0-9 of the sequencer data.
        events: Sequencer events, or None without sequencer data.
        has_global: True when global data (with the drum kits) is included.
    """

    programs: tuple[str, ...] = ()
    combinations: tuple[str, ...] = ()
    songs: tuple[str, ...] = ()
    events: int | None = None
    has_global: bool = False


def contents_of(message: Message | None) -> Contents:
    """What `message` holds; empty for messages without sound data.

    Args:
        message: A parsed message, or None for one that did not parse.
    """
    match message:
        case AllProgramsDump():
            return Contents(programs=tuple(p.name for p in message.programs))
        case AllCombinationsDump():
            return Contents(combinations=tuple(c.name for c in message.combinations))
        case ProgramDump():
            return Contents(programs=(message.program.name,))
        case CombinationDump():
            return Contents(combinations=(message.combination.name,))
        case GlobalDump():
            return Contents(has_global=True)
        case SequenceDump():
            seq = message.sequence
            return Contents(songs=seq.song_names, events=seq.events)
        case AllDataDump():
            return Contents(
                programs=tuple(p.name for p in message.programs),
                combinations=tuple(c.name for c in message.combinations),
                songs=message.sequence.song_names,
                events=message.sequence.events,
                has_global=True,
            )
        case _:
            return Contents()


def _bank_phrase(names: tuple[str, ...], singular: str, plural: str) -> str:
    if len(names) == 1:
        return f'{singular} "{names[0]}"'
    return f"{len(names)} {plural} ({names[0]} ... {names[-1]})"


def listed(words: Sequence[str]) -> str:
    """Words listed as a person lists them: "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_contents(contents: Contents) -> str:
    """The contents in a few words, e.g. "100 programs (Universe ... Surprise!!)".

    Returns an empty string for a message without sound data.
    """
    parts = []
    if contents.has_global:
        parts.append("global settings with drum kits")
    if contents.combinations:
        parts.append(_bank_phrase(contents.combinations, "combination", "combinations"))
    if contents.programs:
        parts.append(_bank_phrase(contents.programs, "program", "programs"))
    if contents.events is not None:
        parts.append(f"songs ({contents.events} sequencer events)")
    return ", ".join(parts)


def summarize(messages: Iterable[Message]) -> str:
    """The sound data of several messages in one line, in file order.

    Args:
        messages: Parsed messages; those without sound data are left out.

    Returns:
        E.g. "100 programs (Universe ... Surprise!!), global settings with drum kits", or
        "no M1 sound data" when nothing holds any.
    """
    parts = [describe_contents(contents_of(m)) for m in messages]
    text = ", ".join(p for p in parts if p)
    return text or "no M1 sound data"
