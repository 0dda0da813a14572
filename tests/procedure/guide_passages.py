"""The owner's guide's key sequences, found in its text with where each one stands (section,
part, step, lead-in), and the `guide:` references procedures use to name them.

A key sequence in the guide follows a colon ("Set MIDI to "Enable": GLOBAL, 5, +, UP, D,
UP, F, UP, H, UP."), a step number ("4. REC, START/STOP (begin at measure M002).") or a
sentence-opening "Press" ("Press SEQ."), and runs to the end of its sentence; remarks in
parentheses belong to it. A candidate only counts when every comma-separated part of it is
a key (or a choice of keys), so prose after a colon ("Alert: sending a sysex ...") and
lists that are not keys ("01-(no title), 02-Synth1") fall away.

A reference is written `Section[, part][, step N][: lead-in]`; each piece is matched,
ignoring case, as part of the passage's own: the section heading, the lower-case part
heading ("to record a new sequence"), the step number, and the words before the colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import ParseError
from wizard.m1 import panel_keys

GUIDE_PATH = Path(__file__).resolve().parents[3] / "shared" / "reference" / "m1-owner-guide.txt"
"""`../shared/reference/m1-owner-guide.txt`, seen from the repository root."""

SEPARATOR = re.compile(r"^\s*\.{10,}\s*$")
BULLET = "\uf0b7"  # the guide's list bullet, a character from a symbol font
STEP = re.compile(r"(?<!\S)(\d{1,2})\. ")
COLON = re.compile(r": ")
PRESS = re.compile(r"(?<!\S)Press ")
SENTENCE_END = re.compile(r"[.?!](?=\s)")
PART_END = re.compile(r":|\.\.\.")
STEP_WORD = re.compile(r"step (\d{1,2})", re.IGNORECASE)
BARE_STEP_NUMBER = re.compile(r"\s*\d{1,2}\.\s*")


@dataclass(frozen=True)
class Passage:
    """One key sequence of the guide and where it stands.

    Attributes:
        section: The heading of the guide's section ("M1 Battery Replacement / ...").
        part: The lower-case heading inside the section ("to play a sequence"), or "".
        step: The number of the numbered step it belongs to, or None.
        lead: The words before its colon ("Set MIDI to "Enable""), "Press" for a
            sentence opening with "Press", "" after a bare step number.
        text: The sequence as written, remarks and closing full stop included.
        keys: The sequence parsed by `panel_keys.parse_sequence`.
    """

    section: str
    part: str
    step: int | None
    lead: str
    text: str
    keys: tuple[panel_keys.Press, ...]

    def __str__(self) -> str:
        where = [self.section]
        if self.part:
            where.append(self.part)
        if self.step is not None:
            where.append(f"step {self.step}")
        place = ", ".join(where)
        return f"{place}: {self.lead} -> {self.text}" if self.lead else f"{place} -> {self.text}"


@dataclass(frozen=True)
class Reference:
    """A `guide:` value taken apart."""

    section: str
    parts: tuple[str, ...]
    step: int | None
    lead: str

    def fits(self, passage: Passage) -> bool:
        """True when every piece of the reference is found in the passage's own."""
        if not _contains(passage.section, self.section):
            return False
        if any(not _contains(passage.part, part) for part in self.parts):
            return False
        if self.step is not None and passage.step != self.step:
            return False
        return _contains(passage.lead, self.lead)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _contains(whole: str, piece: str) -> bool:
    return _folded(piece) in _folded(whole)


def parse_reference(text: str) -> Reference:
    """A `guide:` value as its pieces: `Section[, part][, step N][: lead-in]`."""
    head, _, lead = text.partition(": ")
    section, *rest = (piece.strip() for piece in head.split(", "))
    parts: list[str] = []
    step: int | None = None
    for piece in rest:
        numbered = STEP_WORD.fullmatch(piece)
        if numbered:
            step = int(numbered.group(1))
        else:
            parts.append(piece)
    return Reference(section, tuple(parts), step, lead.strip())


def resolve(text: str, passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """The passages a `guide:` value fits (exactly one when it names a passage well)."""
    reference = parse_reference(text)
    return tuple(p for p in passages if reference.fits(p))


@dataclass(frozen=True)
class _Section:
    heading: str
    body: str
    parts: tuple[tuple[int, str], ...]
    """(offset in `body`, part heading), in order."""


def _is_part_heading(line: str, previous: str) -> bool:
    """A lower-case line after a finished sentence, ending its first clause with ":" or
    "..." ("to play a sequence:", "on your m1...")."""
    return (
        line[:1].islower()
        and previous.rstrip()[-1:] in (".", "?", "!")
        and PART_END.search(line) is not None
    )


def _sections(text: str) -> list[_Section]:
    """The guide cut at its dotted separator lines, each piece's lines joined into one
    line of single spaces (the guide wraps sentences across lines), links left out."""
    chunks: list[list[str]] = [[]]
    for raw in text.splitlines():
        if SEPARATOR.match(raw):
            chunks.append([])
        elif raw.strip() and not raw.strip().startswith("http"):
            chunks[-1].append(" ".join(raw.split()))
    sections = []
    for lines in chunks:
        if not lines:
            continue
        heading, *rest = lines
        body = ""
        parts: list[tuple[int, str]] = []
        previous = heading
        for line in rest:
            offset = len(body) + (1 if body else 0)
            if _is_part_heading(line, previous):
                found = PART_END.search(line)
                assert found is not None
                parts.append((offset, line[: found.start()].strip()))
            body = f"{body} {line}" if body else line
            previous = line
        sections.append(_Section(heading, body, tuple(parts)))
    return sections


def _sentence(body: str, start: int) -> str:
    """The text from `start` to the end of its sentence: a full stop at the outer level
    followed by a space, a ")" or the end; a ")" closing a remark opened before `start`;
    or a remark of its own that ends with a full stop ("UP/DOWN (+12 = +1 octave.)")."""
    depth = 0
    for index in range(start, len(body)):
        char = body[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return body[start:index]
            depth -= 1
            if depth == 0 and body[index - 1] == ".":
                return body[start : index + 1]
        elif char in ".?!" and depth == 0:
            following = body[index + 1 : index + 2]
            if following in ("", " ", ")"):
                return body[start : index + 1]
    return body[start:]


def _without_remarks(text: str) -> str:
    """`text` with balanced parentheses removed and anything before an unclosed "(" too."""
    while True:
        shorter = re.sub(r"\([^()]*\)", "", text)
        if shorter == text:
            break
        text = shorter
    return text.rsplit("(", 1)[-1]


def _lead(body: str, colon: int, floor: int) -> str:
    """The words before the colon at `colon`, back to the last sentence end, bullet or
    `floor` (the end of whatever was found before)."""
    start = floor
    for found in SENTENCE_END.finditer(body, floor, colon):
        start = max(start, found.end())
    start = max(start, body.rfind(BULLET, floor, colon) + 1)
    words = " ".join(_without_remarks(body[start:colon]).split())
    return words.removeprefix("or ").strip()


def _keys_of(sequence: str) -> tuple[panel_keys.Press, ...] | None:
    """The keys of a candidate, None when it is not a key sequence."""
    # "to install the ram card battery: 1. Power on ..." would end at a step number.
    if BARE_STEP_NUMBER.fullmatch(_without_remarks(sequence)):
        return None
    try:
        return panel_keys.parse_sequence(sequence)
    except ParseError:
        return None


def _part_at(section: _Section, offset: int) -> str:
    part = ""
    for start, heading in section.parts:
        if start <= offset:
            part = heading
    return part


def _passages_in(section: _Section) -> list[Passage]:
    body = section.body
    anchors: list[tuple[int, str, re.Match[str]]] = []
    anchors += [(m.start(), "step", m) for m in STEP.finditer(body)]
    anchors += [(m.start(), "colon", m) for m in COLON.finditer(body)]
    anchors += [(m.start(), "press", m) for m in PRESS.finditer(body)]
    anchors.sort(key=lambda anchor: anchor[0])
    passages: list[Passage] = []
    step: int | None = None
    part = ""
    floor = 0
    for position, kind, match in anchors:
        here = _part_at(section, position)
        if here != part:
            part, step = here, None
        if kind == "step":
            step = int(match.group(1))
            floor = max(floor, match.end())
        sequence = _sentence(body, match.end())
        keys = _keys_of(sequence)
        if keys is None:
            if kind == "colon":
                floor = max(floor, match.end())
            continue
        lead = {"step": "", "press": "Press"}.get(kind) or _lead(body, position, floor)
        passages.append(Passage(section.heading, part, step, lead, sequence.strip(), keys))
        floor = max(floor, match.end() + len(sequence))
    return passages


def extract_passages(text: str) -> tuple[Passage, ...]:
    """Every key sequence of the owner's guide `text`, in the order it gives them."""
    found: list[Passage] = []
    for section in _sections(text):
        found.extend(_passages_in(section))
    return tuple(found)
