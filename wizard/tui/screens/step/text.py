"""The words of the step screen: the step's heading, its text, the question, the warning,
the end of a run, and the key sequence a fix names (so the panel can light it)."""

from __future__ import annotations

import re

from textual.content import Content

from wizard.device.outcomes import (
    ALLOCATION_50_KEYS,
    ALLOCATION_100_KEYS,
    ENABLE_MIDI_KEYS,
    PROTECT_OFF_KEYS,
)
from wizard.engine.endings import RunOutcome, RunStatus
from wizard.engine.operator import StepPosition
from wizard.engine.runner import title_of
from wizard.errors import ParseError
from wizard.m1.panel_keys import Press, parse_sequence
from wizard.operations.maintenance import MaintenanceEntry
from wizard.procedure.model import Step

FIX_SEQUENCES = (ENABLE_MIDI_KEYS, PROTECT_OFF_KEYS, ALLOCATION_100_KEYS, ALLOCATION_50_KEYS)
"""Key sequences the engine's advice names, which the drawn panel can light."""


def squeezed(text: str) -> str:
    """Text from YAML folded onto one paragraph (runs of white space become one space)."""
    return " ".join(text.split())


def heading(step: Step, position: StepPosition) -> Content:
    """The step's heading in bold, e.g. "Step 9 of 30 · Title"."""
    return Content.styled(f"Step {position.number} of {position.total} · {title_of(step)}", "bold")


def paragraph(*parts: Content | str) -> Content:
    """Parts joined with blank lines, empty ones left out."""
    kept = [Content(p) if isinstance(p, str) else p for p in parts if p]
    return Content("\n\n").join(kept)


def question_text(question: str, expect: str) -> Content:
    """A yes/no question, with what the person should see."""
    text = Content.styled(squeezed(question), "bold")
    if expect:
        text += (
            Content("\n")
            + Content.styled("You should see: ", "$text-muted")
            + Content(squeezed(expect))
        )
    return text


_PRESS = re.compile(
    r"\bpress (.+?)"
    r"(?=\s*(?:[:;?]|\.(?:\s|$)|$| to | until | again| instead| once| slowly| as ))",
    re.IGNORECASE,
)
"""The word "press" and what follows it, up to the end of the clause."""
_JOINS = re.compile(r",? (?:and )?then ")


def keys_named(text: str) -> tuple[Press, ...]:
    """The keys some words tell the person to press, for the panel to light: one of the
    engine's known sequences, else the first "press A, B, then C" whose every word is a key;
    empty when there is none. Only lit as a guide, never pressed."""
    for sequence in FIX_SEQUENCES:
        if sequence in text:
            return parse_sequence(sequence)
    for found in _PRESS.finditer(text):
        written = _JOINS.sub(", ", found.group(1)).replace(" or ", "/").strip(" ,")
        try:
            return parse_sequence(written)
        except ParseError:
            continue
    return ()


def _maintenance(entries: tuple[MaintenanceEntry, ...]) -> str:
    if not entries:
        return ""
    return "Added to this M1's maintenance log:\n" + "\n".join(f" • {e.line()}" for e in entries)


def outcome_text(outcome: RunOutcome, title: str) -> Content:
    """The end of a run in words: what was done, the M1's state, how to go on."""
    if outcome.status is RunStatus.COMPLETED:
        return paragraph(
            Content.styled(f"✓ Completed: {title}.", "bold $text-success"),
            _maintenance(outcome.maintenance),
        )
    word = "Stopped" if outcome.status is RunStatus.STOPPED else "Aborted"
    return paragraph(Content.styled(f"{word}.", "bold $text-warning"), squeezed(outcome.state))


CRASHED = (
    "The run stopped because of the problem shown. Everything done so far is in this M1's "
    "journal: open the procedure again to resume where it stopped."
)
