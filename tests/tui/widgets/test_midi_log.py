"""The MIDI traffic view: lines, notes, the log path, and lines from another thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Label, RichLog

from tests.tui.widgets.hosts import SIZE, WidgetHost, text_of
from wizard.tui.widgets.midi_log import NO_FILE, Direction, MidiLog, note_line, traffic_line

MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")  # m1-sysex.md: mode request, channel 1


def test_a_short_message_is_shown_in_full() -> None:
    line = traffic_line(Direction.OUT, MODE_REQUEST, 1.5)
    assert line.plain == "    1.500 OUT      6 F0 42 30 19 12 F7"


def test_a_long_message_is_abbreviated_like_the_log_file() -> None:
    data = bytes([0xF0, 0x42, 0x30, 0x19, 0x4C]) + bytes(range(100)) + bytes([0xF7])
    plain = traffic_line(Direction.IN, data, 2.0).plain
    assert plain.startswith("    2.000 IN     106 F0 42 30 19 4C 00 01 02")
    assert "... 61 62 63 F7 (86 bytes not shown) sha256=" in plain


def test_a_note_reads_like_the_files_comment_lines() -> None:
    assert note_line("IN nothing within 2 s", 3.25).plain == "    3.250 # IN nothing within 2 s"


async def test_lines_are_added_in_order() -> None:
    log = MidiLog()
    async with WidgetHost(log).run_test(size=SIZE) as pilot:
        log.add(Direction.OUT, MODE_REQUEST, 0.0)
        log.add("in", bytes.fromhex("F0 42 30 19 42 00 F7"), 0.12)
        log.note("input cleared", 0.2)
        await pilot.pause()
        assert log.line_count == 3
        shown = [strip.text.rstrip() for strip in log.query_one(RichLog).lines]
        assert shown == [
            "    0.000 OUT      6 F0 42 30 19 12 F7",
            "    0.120 IN       7 F0 42 30 19 42 00 F7",
            "    0.200 # input cleared",
        ]


async def test_lines_can_come_from_a_worker_thread() -> None:
    log = MidiLog()
    async with WidgetHost(log).run_test(size=SIZE) as pilot:

        def send_fifty() -> None:
            for n in range(50):
                log.add(Direction.IN, MODE_REQUEST, n / 10)

        worker = threading.Thread(target=send_fifty)
        worker.start()
        worker.join()
        for _ in range(100):  # bounded: a lost line fails the test instead of hanging it
            if log.line_count == 50:
                break
            await pilot.pause()
        times = [float(strip.text[:9]) for strip in log.query_one(RichLog).lines]
        assert times == [n / 10 for n in range(50)]


async def test_the_log_file_is_named_for_bug_reports(tmp_path: Path) -> None:
    log = MidiLog()
    async with WidgetHost(log).run_test(size=SIZE) as pilot:
        path_label = log.query_one("#log-path", Label)
        assert text_of(path_label) == NO_FILE
        log.set_log_path(tmp_path / "midi.log")
        await pilot.pause()
        assert text_of(path_label) == (
            f"Full log (attach it to a bug report): {tmp_path / 'midi.log'}"
        )


def test_a_direction_other_than_in_or_out_is_refused() -> None:
    with pytest.raises(ValueError):
        MidiLog().add("sideways", MODE_REQUEST, 0.0)
