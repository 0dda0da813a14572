"""Access to the real M1 captures in ../shared/fixtures/m1/, skipping when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "m1"


def shared_capture(name: str) -> bytes:
    """The bytes of a real capture, or skip the calling test saying why."""
    path = SHARED_FIXTURES / name
    if not path.is_file():
        pytest.skip(f"real M1 capture {name} is not in {SHARED_FIXTURES} (kept out of the repo)")
    return path.read_bytes()
