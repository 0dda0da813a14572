"""The maintenance log: entries for completed procedures and backups, due dates, reading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wizard.operations.maintenance import (
    MaintenanceEntry,
    backup_entry,
    completion_entries,
    read_log,
    record,
    years_later,
)


def test_battery_replacement_is_due_again_in_about_five_years() -> None:
    (entry,) = completion_entries(["battery-replacement", "allocation-100"], date(2026, 3, 4))
    assert entry.next_due == date(2031, 3, 4)
    assert entry.line() == (
        "2026-03-04  internal battery replaced; next check due about 2031-03-04 "
        "(about five years later)"
    )


def test_ram_card_battery_is_due_again_in_about_a_year() -> None:
    (entry,) = completion_entries(["ram-card-battery"], date(2026, 3, 4))
    assert (entry.what, entry.next_due) == ("RAM card battery replaced", date(2027, 3, 4))


def test_a_procedure_included_twice_is_logged_once() -> None:
    entries = completion_entries(
        ["used-m1-checklist", "battery-replacement", "battery-replacement"], date(2026, 3, 4)
    )
    assert [e.what for e in entries] == ["internal battery replaced"]


def test_a_factory_restore_run_adds_no_line_of_its_own() -> None:
    # The restore itself is logged as what it was (factory sounds only when recognised).
    assert completion_entries(["factory-restore"], date(2026, 3, 4)) == []


def test_a_leap_day_falls_back_to_the_28th() -> None:
    assert years_later(date(2028, 2, 29), 5) == date(2033, 2, 28)


def test_entries_round_trip_and_damaged_lines_are_skipped(tmp_path: Path) -> None:
    log = tmp_path / "maintenance.jsonl"
    first = completion_entries(["battery-replacement"], date(2026, 1, 2))[0]
    second = backup_entry(Path("/backups/m1.syx"), "backup", date(2026, 1, 3))
    record(log, first)
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"date": "not a date", "what": "x"}\n{"what": "no date"}\n{"date"')
    record(log, second)
    assert read_log(log) == [first, second]
    assert second.line() == "2026-01-03  verified backup saved: /backups/m1.syx"


def test_a_missing_log_is_empty(tmp_path: Path) -> None:
    assert read_log(tmp_path / "maintenance.jsonl") == []


def test_entry_without_due_words_still_reads() -> None:
    entry = MaintenanceEntry(date(2026, 1, 1), "checked", next_due=date(2027, 1, 1))
    assert entry.line() == "2026-01-01  checked; next check due about 2027-01-01"
