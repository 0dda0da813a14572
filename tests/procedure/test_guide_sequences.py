"""Every key sequence in the shipped procedures is one the owner's guide writes, at the
passage its `guide:` names, and every sequence of the guide is used somewhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.procedure.guide_passages import (
    GUIDE_PATH,
    Passage,
    extract_passages,
    parse_reference,
    resolve,
)
from wizard.m1.panel_keys import Choice, Key, parse_sequence
from wizard.procedure.loader import load_all
from wizard.procedure.model import KeysStep, Procedure

GUIDE_SEQUENCE_COUNT = 36
"""Sequences in the guide: 2 battery, 3 RAM card, 17 internal sequencer (play, erase,
aftertouch, 9 recording steps, the opening "Press SEQ." and 4 reset steps), 2 external
sequencer, 5 used M1, 7 frequently used commands.

Left out on purpose, because prose runs through them so they are no key sequence as
written: MIDI-OX step 4 ("press GLOBAL, 7, UP until ALL DATA is visible in the display,
G", the same keys as the used-M1 dump), the reset's "If >35%Free: REC, play keys until
<35%Free" (described in words by sequencer-memory-reset) and "Click the M1's "UP"
button, then the "DOWN" button" (a confirm step in factory-restore and
used-m1-checklist)."""

PROCEDURES = Path(__file__).resolve().parents[2] / "procedures"
"""The procedures of this checkout (not an installed copy)."""

NOT_USED: dict[str, str] = {}
"""Guide passages (their `str()`) no procedure transcribes, with the reason. Empty: every
sequence of the guide is in some procedure."""


def _guide_text() -> str:
    if not GUIDE_PATH.is_file():
        pytest.skip(f"the owner's guide is not at {GUIDE_PATH} (it is kept out of the repo)")
    return GUIDE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def passages() -> tuple[Passage, ...]:
    return extract_passages(_guide_text())


@pytest.fixture(scope="module")
def procedures() -> tuple[Procedure, ...]:
    loaded = load_all(PROCEDURES)
    assert loaded.ok, "\n".join(str(error) for error in loaded.errors)
    return tuple(loaded.procedures.values())


def keys_steps(procedures: tuple[Procedure, ...]) -> Iterator[tuple[str, KeysStep]]:
    for procedure in procedures:
        for step in procedure.steps:
            if isinstance(step, KeysStep):
                yield procedure.id, step


def problems_of(step: KeysStep, passages: tuple[Passage, ...]) -> list[str]:
    """What is wrong with a keys step measured against the guide; empty when nothing."""
    same = [p for p in passages if p.keys == step.keys]
    if not same:
        return [f"'{step.source}' is not a key sequence of the owner's guide"]
    if not step.guide:
        return []
    named = resolve(step.guide, passages)
    if len(named) != 1:
        found = "; ".join(str(p) for p in named) or "none"
        return [f"guide '{step.guide}' names {len(named)} passages, not 1: {found}"]
    if named[0].keys != step.keys:
        return [f"'{step.source}' differs from the passage it names: {named[0]}"]
    return []


# --- the extractor, on text written here ------------------------------------------------


SMALL_GUIDE = """
Test Section

Alert: this is prose, not keys.

to do a thing:
1. Open it: GLOBAL, 5, +, UP (remark, with a comma.)
2. C, UP/DOWN (select track1).
3. Write it down. Then a list: 01-(no title), 02-Synth1.
Press SEQ. Then carry on.
......................................................................
Other Section
 http://example.invalid/a:b
Transpose: GLOBAL, +, F, UP/DOWN (+12 = +1 octave.)
"""


def test_extractor_finds_colon_step_and_press_sequences_only() -> None:
    found = extract_passages(SMALL_GUIDE)

    assert [p.text for p in found] == [
        "GLOBAL, 5, +, UP (remark, with a comma.)",
        "C, UP/DOWN (select track1).",
        "SEQ.",
        "GLOBAL, +, F, UP/DOWN (+12 = +1 octave.)",
    ]
    first, second, third, fourth = found
    assert (first.section, first.part, first.step, first.lead) == (
        "Test Section",
        "to do a thing",
        1,
        "Open it",
    )
    assert (second.step, second.lead) == (2, "")
    assert second.keys == (Key.C, Choice((Key.UP, Key.DOWN)))
    assert (third.lead, third.step) == ("Press", 3)
    assert (fourth.section, fourth.part, fourth.step, fourth.lead) == (
        "Other Section",
        "",
        None,
        "Transpose",
    )


def test_a_part_heading_does_not_count_its_first_step_number_as_a_key() -> None:
    found = extract_passages("Head\n\nA sentence.\n\nto start:\n\n1. Power on.\n2. PROG, 00.\n")

    assert [(p.part, p.step, p.text) for p in found] == [("to start", 2, "PROG, 00.")]


def test_reference_pieces() -> None:
    reference = parse_reference('Internal Sequencer, to record, step 12: Set "x", then y')

    assert reference.section == "Internal Sequencer"
    assert reference.parts == ("to record",)
    assert reference.step == 12
    assert reference.lead == 'Set "x", then y'


def test_a_changed_key_is_caught(passages: tuple[Passage, ...]) -> None:
    guide = 'M1 Battery Replacement, step 9: Set MIDI to "Enable"'
    right = KeysStep(
        id="x",
        keys=parse_sequence("GLOBAL, 5, +, UP, D, UP, F, UP, H, UP"),
        source="GLOBAL, 5, +, UP, D, UP, F, UP, H, UP",
        guide=guide,
    )
    typo = KeysStep(
        id="x",
        keys=parse_sequence("GLOBAL, 5, +, UP, D, UP, F, UP, H, DOWN"),
        source="GLOBAL, 5, +, UP, D, UP, F, UP, H, DOWN",
        guide=guide,
    )
    other_passage = KeysStep(
        id="x",
        keys=parse_sequence("GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN"),
        source="GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN",
        guide=guide,
    )

    assert problems_of(right, passages) == []
    assert problems_of(typo, passages) == [
        "'GLOBAL, 5, +, UP, D, UP, F, UP, H, DOWN' is not a key sequence of the owner's guide"
    ]
    assert problems_of(other_passage, passages)[0].startswith(
        "'GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN' differs from the passage it names: "
    )


# --- the real guide ---------------------------------------------------------------------


def test_the_guide_yields_its_known_sequences(passages: tuple[Passage, ...]) -> None:
    assert len(passages) == GUIDE_SEQUENCE_COUNT
    by_text = {p.text for p in passages}
    # One of each shape: wrapped over lines, inside a remark, a full stop inside a remark,
    # a step with no colon, a sentence opening with "Press".
    assert "GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN." in by_text
    assert "GLOBAL, 5, +, D, DOWN." in by_text
    assert "GLOBAL, +, F, UP/DOWN (+12 = +1 octave, 00 = default, -12 = -1 octave.)" in by_text
    assert "H, START/STOP (play track1-2)." in by_text
    assert "SEQ." in by_text
    sections = {p.section for p in passages}
    assert not any("MIDI-OX" in s or "Two-Card" in s or "Sticky" in s for s in sections)


def test_every_passage_has_a_reference_that_names_it_alone(
    passages: tuple[Passage, ...],
) -> None:
    for passage in passages:
        pieces = [passage.section]
        if passage.part:
            pieces.append(passage.part)
        if passage.step is not None:
            pieces.append(f"step {passage.step}")
        reference = ", ".join(pieces) + (f": {passage.lead}" if passage.lead else "")
        assert resolve(reference, passages) == (passage,), reference


def test_every_keys_step_is_a_guide_sequence_at_the_passage_it_names(
    passages: tuple[Passage, ...], procedures: tuple[Procedure, ...]
) -> None:
    problems = [
        f"{step.location} {pid}/{step.id}: {problem}"
        for pid, step in keys_steps(procedures)
        for problem in problems_of(step, passages)
    ]
    assert problems == []


def test_every_shipped_keys_step_names_its_passage(procedures: tuple[Procedure, ...]) -> None:
    unnamed = [f"{pid}/{step.id}" for pid, step in keys_steps(procedures) if not step.guide]
    assert unnamed == []


def test_every_guide_sequence_is_used_by_a_procedure(
    passages: tuple[Passage, ...], procedures: tuple[Procedure, ...]
) -> None:
    used = {
        named
        for _, step in keys_steps(procedures)
        if step.guide
        for named in resolve(step.guide, passages)
    }
    unused = {str(p) for p in passages if p not in used}
    assert unused == set(NOT_USED)


def test_the_allow_list_names_real_passages(passages: tuple[Passage, ...]) -> None:
    assert set(NOT_USED) <= {str(p) for p in passages}
