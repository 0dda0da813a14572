"""The transfer view's words: bytes, rate, time left and the power banner."""

from __future__ import annotations

import pytest

from wizard.device.progress import Phase, Progress
from wizard.tui.widgets.transfer_text import (
    Banner,
    banner_for,
    bytes_text,
    eta_text,
    phase_text,
    rate_text,
    stats_text,
)

# 6,250 of 15,625 bytes after 2 s: 3,125 bytes/s (MIDI's wire speed), 9,375 bytes = 3 s left.
HALFWAY = Progress(Phase.SEND, 6250, 15625, 2.0, "100 programs", in_flight=True)


def test_bytes_rate_and_time_left_on_one_line() -> None:
    assert stats_text(HALFWAY) == "6,250 of 15,625 bytes · 3,125 bytes/s · about 3 s left"


def test_time_left_counts_down_between_reports() -> None:
    assert stats_text(HALFWAY, since=1.0).endswith("about 2 s left")
    assert stats_text(HALFWAY, since=5.0).endswith("almost done")


def test_an_unknown_total_shows_the_bytes_so_far_and_no_time_left() -> None:
    reading = Progress(Phase.READ_BACK, 4096, 0, 1.0, "programs")
    assert stats_text(reading) == "4,096 bytes so far · 4,096 bytes/s"


def test_nothing_moved_yet_shows_only_the_bytes() -> None:
    starting = Progress(Phase.SEND, 0, 16350, 0.0, "100 programs", in_flight=True)
    assert rate_text(starting) == ""
    assert stats_text(starting) == "0 of 16,350 bytes"


def test_done_has_no_time_left() -> None:
    done = Progress(Phase.DONE, 15625, 15625, 5.0)
    assert stats_text(done) == "15,625 of 15,625 bytes · 3,125 bytes/s"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, ""),
        (0.4, "almost done"),
        (-3.0, "almost done"),
        (12.4, "about 12 s left"),
        (60.0, "about 1 min left"),
        (125.0, "about 2 min 5 s left"),
    ],
)
def test_time_left_in_words(seconds: float | None, text: str) -> None:
    assert eta_text(seconds) == text


def test_phase_with_and_without_a_label() -> None:
    assert phase_text(HALFWAY) == "Sending: 100 programs"
    assert phase_text(Progress(Phase.WAIT, 1, 2, 1.0)) == "Waiting for the M1"


def test_bytes_text_groups_thousands() -> None:
    assert bytes_text(Progress(Phase.BACKUP, 1234567, 2345678, 1.0)) == (
        "1,234,567 of 2,345,678 bytes"
    )


def test_banner_while_in_flight_and_between_dumps_says_keep_it_on() -> None:
    assert banner_for(HALFWAY, was_in_flight=False) is Banner.KEEP_ON
    between = Progress(Phase.SEND, 991, 17341, 0.4, "global data", in_flight=False)
    assert banner_for(between, was_in_flight=True) is Banner.KEEP_ON


def test_banner_after_sending_keeps_it_on_until_read_back_then_says_safe() -> None:
    sent = Progress(Phase.SEND, 17341, 17341, 6.0, "100 programs", in_flight=False)
    assert banner_for(sent, was_in_flight=True) is Banner.READING
    reading = Progress(Phase.READ_BACK, 100, 0, 0.1, "programs")
    assert banner_for(reading, was_in_flight=True) is Banner.READING
    assert banner_for(Progress(Phase.DONE, 1, 1, 1.0), was_in_flight=True) is Banner.SAFE
    assert banner_for(Progress(Phase.DONE, 1, 1, 1.0), was_in_flight=False) is Banner.NONE


def test_a_backup_shows_no_banner_until_done() -> None:
    backup = Progress(Phase.BACKUP, 8000, 16350, 2.5, "100 programs")
    assert banner_for(backup, was_in_flight=False) is Banner.NONE


def test_banner_texts() -> None:
    assert (
        Banner.KEEP_ON.value == "⚠  Do not switch the M1 off: data is on its way into its memory."
    )
    assert Banner.SAFE.value == "✓  Safe to switch the M1 off now."
