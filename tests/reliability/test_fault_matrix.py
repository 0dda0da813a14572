"""The fault matrix: every fault the emulator, the transport and the disk can inject, crossed
with every operation that talks to the M1. Each cell asserts what the person is told, what
the M1's memory holds and what is on disk (`verdicts.assert_nothing_lost`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.reliability.cells import OPERATIONS, Operation, run_cell
from tests.reliability.faults import FAULTS, Fault
from tests.reliability.verdicts import EXPECTED, assert_nothing_lost

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the disk faults read /proc/self/fd"
)


def test_every_fault_has_a_row_of_expectations() -> None:
    assert set(EXPECTED) == {f.name for f in FAULTS}


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_nothing_is_lost(
    fault: Fault, operation: Operation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_nothing_lost(run_cell(fault, operation, tmp_path, monkeypatch))
