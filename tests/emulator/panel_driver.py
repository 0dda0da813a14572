"""Drives an EmulatedPanel with key sequences written as in the owner's guide."""

from __future__ import annotations

from wizard.emulator.actions import PanelAction
from wizard.emulator.panel import EmulatedPanel
from wizard.m1.constants import SEQUENCE_FIXED_SIZE
from wizard.m1.panel_keys import Choice, parse_sequence

OFFSET_TABLE = 1160  # m1-sysex.md §3.6
OFFSET_ENTRIES = 181


def drive(panel: EmulatedPanel, sequence: str, *picks: tuple[str, int]) -> list[PanelAction]:
    """Press the keys of `sequence`; each choice ("UP/DOWN") takes the next pick.

    Args:
        panel: The panel to drive.
        sequence: Keys as the guide writes them.
        picks: For each choice in order, the key the person picks and how often they
            press it (the guide's "UP/DOWN (select song)" means "press until it shows").
    """
    remaining = list(picks)
    actions: list[PanelAction] = []
    for step in parse_sequence(sequence):
        if isinstance(step, Choice):
            key, times = remaining.pop(0)
            assert key in {k.value for k in step.options}, f"{key} is not one of {step}"
            for _ in range(times):
                actions += panel.press(key)
        else:
            actions += panel.press(step.value)
    assert not remaining, f"picks left over: {remaining}"
    return actions


def offsets(block: bytes) -> list[int]:
    """The 181 event offsets of a sequencer block, read as §3.6 describes them."""
    return [
        int.from_bytes(block[OFFSET_TABLE + 2 * i : OFFSET_TABLE + 2 * i + 2], "little")
        for i in range(OFFSET_ENTRIES)
    ]


def region_events(block: bytes, region: int) -> int:
    """Events in region `region` (song x 8 + track - 1 for tracks)."""
    table = offsets(block)
    return (table[region + 1] - table[region]) // 4


def assert_coherent(block: bytes) -> None:
    """The offset table starts at 0, never falls, and ends at 4N (§3.6)."""
    table = offsets(block)
    events = (len(block) - SEQUENCE_FIXED_SIZE) // 4
    assert table[0] == 0
    assert table == sorted(table)
    assert table[-1] == 4 * events
