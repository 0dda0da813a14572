"""Shared test helpers: the real M1 captures in ../shared/fixtures/m1/, skipped when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "m1"


def shared_capture(name: str) -> bytes:
    """The bytes of a real capture, or skip the test saying why."""
    path = SHARED_FIXTURES / name
    if not path.is_file():
        pytest.skip(f"real M1 capture {name} not found in {SHARED_FIXTURES} (kept outside the repo)")
    return path.read_bytes()


@pytest.fixture
def capture() -> type[object]:
    """Gives tests `capture("ORIGPROG.SYX")` -> bytes."""
    return shared_capture  # type: ignore[return-value]
