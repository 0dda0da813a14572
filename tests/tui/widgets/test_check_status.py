"""A check's verdict: heading, reason, fix and colour class per state."""

from __future__ import annotations

from tests.tui.widgets.hosts import SIZE, WidgetHost, text_of
from wizard.tui.widgets.check_status import CheckState, CheckStatus

REASON = "The M1 did not answer the mode request."
FIX = "Connect the M1's MIDI OUT to the interface's MIDI IN and try again."


async def test_each_state_has_its_words_and_colour_class() -> None:
    status = CheckStatus()
    async with WidgetHost(status).run_test(size=SIZE) as pilot:
        assert text_of(status) == "… Checking"
        assert status.has_class("-running")
        status.show(CheckState.FAIL, REASON, FIX)
        await pilot.pause()
        assert text_of(status) == f"✗ Failed: {REASON}\nWhat to do: {FIX}"
        assert status.has_class("-fail")
        assert not status.has_class("-running")
        status.show(CheckState.PASS, "The M1 answered.")
        await pilot.pause()
        assert text_of(status) == "✓ Passed: The M1 answered."
        assert status.classes & {"-pass", "-fail", "-cannot-tell", "-running"} == {"-pass"}
        status.show(CheckState.CANNOT_TELL, "A reply came back damaged.", "Try another cable.")
        await pilot.pause()
        assert text_of(status).startswith("? Cannot tell: A reply came back damaged.")
        assert status.state is CheckState.CANNOT_TELL


async def test_text_with_brackets_is_shown_as_written() -> None:
    status = CheckStatus(CheckState.FAIL, "The display read [Filter].", "Press [G].")
    async with WidgetHost(status).run_test(size=SIZE):
        assert text_of(status) == "✗ Failed: The display read [Filter].\nWhat to do: Press [G]."


def test_verdicts_convert_from_the_engines_spellings() -> None:
    assert [CheckState(v) for v in ("pass", "fail", "cannot-tell")] == [
        CheckState.PASS,
        CheckState.FAIL,
        CheckState.CANNOT_TELL,
    ]
