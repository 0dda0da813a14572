"""Screenshots of the widgets at 80 x 24 in both themes, compared with reviewed SVGs.

Update with `pytest tests/tui/widgets/test_snapshots.py --snapshot-update` only after
looking at the report: a change of Textual or of the snapshot plugin moves pixels too.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tui.widgets.hosts import FixedClock, GuideHost, TransferHost
from wizard.device.progress import Phase, Progress
from wizard.m1.panel_keys import parse_sequence

SnapCompare = Callable[..., bool]

MIDI_ENABLE = parse_sequence("GLOBAL, 5, +, UP, D, UP, F, UP, H, UP")
# GLOBAL page 5's filter page once all four filters are enabled, worded as the emulator
# words it; written out here so the snapshot does not move with the emulator.
MIDI_FILTER_PAGE = ("Global 5  MIDI Filter", "Prog:ENA  Aftch:ENA  Ctrl:ENA  Excl:ENA")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_panel_with_the_next_key_lit_under_the_expected_display(
    snap_compare: SnapCompare, theme: str
) -> None:
    app = GuideHost(MIDI_ENABLE, MIDI_FILTER_PAGE, theme)
    assert snap_compare(app, press=["f6", "5", "e"], terminal_size=(80, 24))


def test_transfer_view_mid_transfer(snap_compare: SnapCompare) -> None:
    # 8,176 of 16,350 bytes after 2.62 s: the program dump half sent at wire speed.
    halfway = Progress(Phase.SEND, 8176, 16350, 2.62, "100 programs", in_flight=True)
    app = TransferHost(FixedClock(), halfway)
    assert snap_compare(app, terminal_size=(80, 24))
