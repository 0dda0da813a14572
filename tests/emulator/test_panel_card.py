"""The emulated front panel's card pages: load, save and format with the owner's guide's
sequences, the "Are you sure?" step, and every refusal."""

from __future__ import annotations

import pytest

from tests.emulator.panel_driver import drive
from wizard.emulator.panel import EmulatedPanel
from wizard.emulator.state import Card, CardKind, M1State, Memory
from wizard.m1.constants import Allocation
from wizard.m1.records import decode_name, encode_name

LOAD = "GLOBAL, 8, DOWN, G, G."
SAVE = "GLOBAL, 9, DOWN, G, G."
FORMAT = "GLOBAL, 9, +, DOWN, G, G."


def named(name: str, size: int) -> bytes:
    return encode_name(name) + bytes(size - 10)


def memory_named(stem: str, count: int = 100) -> Memory:
    """Memory whose programs, combinations and global data say where they come from."""
    allocation = Allocation.P100_C100 if count == 100 else Allocation.P50_C50
    return Memory(
        allocation=allocation,
        global_data=named(f"{stem} glob", 861),
        programs=[named(f"{stem} P{n:02d}", 143) for n in range(count)],
        combinations=[named(f"{stem} C{n:02d}", 124) for n in range(count)],
        sequence=bytes(1522),
    )


def unprotected(memory: Memory | None = None, card: Card | None = None) -> M1State:
    """An M1 with the three protects off, as the guide leaves it."""
    return M1State(
        protect_program=False,
        protect_combination=False,
        protect_sequence=False,
        memory=memory if memory is not None else Memory(),
        card=card,
    )


def test_load_from_card_asks_then_loads() -> None:
    card = Card(memory=memory_named("Card"))
    state = unprotected(memory=memory_named("Int"), card=card)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 8")
    assert panel.display == ("Global 8  Load from Card".ljust(40), "Type:ALL".ljust(40))
    drive(panel, "DOWN")
    assert panel.display[1] == "Type:PROG/COMBI".ljust(40)
    drive(panel, "G")
    assert panel.display[1] == "Are you sure?".ljust(40)
    assert decode_name(state.memory.programs[0]) == "Int P00"
    drive(panel, "G")
    assert panel.display[1] == "Completed".ljust(40)
    assert [decode_name(p) for p in state.memory.programs] == [f"Card P{n:02d}" for n in range(100)]
    assert decode_name(state.memory.combinations[99]) == "Card C99"
    assert decode_name(state.memory.global_data) == "Card glob"


def test_load_prog_combi_leaves_the_sequencer() -> None:
    card_memory = memory_named("Card", 50)
    card_memory.sequence = bytes(1522 + 8)
    card = Card(formatted=Allocation.P50_C50, memory=card_memory)
    state = unprotected(memory=memory_named("Int", 50), card=card)
    drive(EmulatedPanel(state), "GLOBAL, 8, DOWN, G, G")
    assert len(state.memory.sequence) == 1522
    drive(EmulatedPanel(state), "GLOBAL, 8, G, G")  # ALL
    assert len(state.memory.sequence) == 1530


def test_another_key_cancels_the_question() -> None:
    card = Card(memory=memory_named("Card"))
    state = unprotected(memory=memory_named("Int"), card=card)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 8, DOWN, G, UP, G")
    assert decode_name(state.memory.programs[0]) == "Int P00"
    assert panel.display[1] == "Are you sure?".ljust(40)  # the last G asks again
    drive(panel, "A")
    assert panel.display[1] == "Type:PROG/COMBI".ljust(40)
    assert decode_name(state.memory.programs[0]) == "Int P00"


def test_save_to_card() -> None:
    card = Card(memory=memory_named("Old"))
    state = unprotected(memory=memory_named("Int"), card=card)
    panel = EmulatedPanel(state)
    drive(panel, SAVE)
    assert panel.display == ("Global 9  Save to Card".ljust(40), "Completed".ljust(40))
    assert state.card is card
    assert [decode_name(p) for p in card.memory.programs] == [f"Int P{n:02d}" for n in range(100)]
    assert decode_name(card.memory.global_data) == "Int glob"
    assert card.memory.allocation is Allocation.P100_C100
    # The card's copy is its own: changing internal memory later leaves it alone.
    state.memory.programs[0] = named("Changed", 143)
    assert decode_name(card.memory.programs[0]) == "Int P00"


def test_format_card() -> None:
    card = Card(formatted=None, memory=memory_named("Junk", 50))
    state = unprotected(card=card)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 9, +")
    assert panel.display == (
        "Global 9  Format Card".ljust(40),
        "Type:50PROG/50COMBI/4200SEQ".ljust(40),
    )
    drive(panel, "DOWN")
    assert panel.display[1] == "Type:100PROG/100COMBI".ljust(40)
    drive(panel, "G, G")
    assert panel.display[1] == "Completed".ljust(40)
    assert card.formatted is Allocation.P100_C100
    assert card.memory.allocation is Allocation.P100_C100
    assert len(card.memory.programs) == 100
    assert {decode_name(p) for p in card.memory.programs} == {"Init Prog"}


def test_format_then_save_gives_a_usable_backup_card() -> None:
    card = Card(formatted=None)
    state = unprotected(memory=memory_named("Int"), card=card)
    panel = EmulatedPanel(state)
    drive(panel, FORMAT)
    drive(panel, SAVE)
    assert decode_name(card.memory.programs[42]) == "Int P42"


REFUSALS = [
    # (sequence, card, message)
    (LOAD, None, "No Card"),
    (LOAD, Card(battery_ok=False), "Card Battery Low"),
    (LOAD, Card(formatted=None), "Card Not Formatted"),
    (LOAD, Card(formatted=Allocation.P50_C50), "Card Allocation Differs"),
    (SAVE, None, "No Card"),
    (SAVE, Card(battery_ok=False), "Card Battery Low"),
    (SAVE, Card(kind=CardKind.ROM), "ROM Card"),
    (SAVE, Card(write_protected=True), "Card Protected"),
    (SAVE, Card(formatted=None), "Card Not Formatted"),
    (SAVE, Card(formatted=Allocation.P50_C50), "Card Allocation Differs"),
    (FORMAT, None, "No Card"),
    (FORMAT, Card(battery_ok=False), "Card Battery Low"),
    (FORMAT, Card(kind=CardKind.ROM), "ROM Card"),
    (FORMAT, Card(write_protected=True), "Card Protected"),
]


@pytest.mark.parametrize(("sequence", "card", "message"), REFUSALS)
def test_card_refusals(sequence: str, card: Card | None, message: str) -> None:
    state = unprotected(memory=memory_named("Int"), card=card)
    before_card = None if card is None else (card.formatted, list(card.memory.programs))
    panel = EmulatedPanel(state)
    drive(panel, sequence)
    assert panel.display[1] == message.ljust(40)
    assert decode_name(state.memory.programs[0]) == "Int P00"
    if card is not None:
        assert (card.formatted, list(card.memory.programs)) == before_card


def test_load_refused_while_memory_is_protected() -> None:
    card = Card(memory=memory_named("Card"))
    state = M1State(memory=memory_named("Int"), card=card)  # protects on, as at power-up
    panel = EmulatedPanel(state)
    drive(panel, LOAD)
    assert panel.display[1] == "Memory Protected".ljust(40)
    assert decode_name(state.memory.programs[0]) == "Int P00"


def test_all_needs_a_card_with_a_sequencer_area() -> None:
    card = Card(memory=memory_named("Card"))
    state = unprotected(memory=memory_named("Int"), card=card)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 9, G")
    assert panel.display[1] == "No SEQ Area on Card".ljust(40)


def test_all_refused_when_the_songs_do_not_fit_the_card() -> None:
    internal = memory_named("Int", 50)
    internal.sequence = bytes(1522 + 4 * 4201)
    card = Card(formatted=Allocation.P50_C50, memory=memory_named("Card", 50))
    state = unprotected(memory=internal, card=card)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 9, G")
    assert panel.display[1] == "Card Memory Full".ljust(40)
    drive(panel, "DOWN, G, G")  # PROG/COMBI still fits
    assert panel.display[1] == "Completed".ljust(40)


def test_card_pulled_between_the_two_g_presses() -> None:
    card = Card(memory=memory_named("Card"))
    state = unprotected(memory=memory_named("Int"), card=card)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 8, DOWN, G")
    state.card = None
    drive(panel, "G")
    assert panel.display[1] == "No Card".ljust(40)
    assert decode_name(state.memory.programs[0]) == "Int P00"
