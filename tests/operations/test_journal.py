"""The journal: append-only JSON lines, a cut-off last line tolerated, replay of a run."""

from __future__ import annotations

import json
from pathlib import Path

from wizard.engine.replay import latest_unit_backup, replay_run
from wizard.operations.journal import Entry, Event, Journal

AT = "2026-11-21T10:00:00+01:00"


def entry(event: Event, path: str = "", run: str = "r1", **details: str | bool) -> Entry:
    """An entry of procedure "p"."""
    return Entry(event, "p", run, AT, path, **details)  # type: ignore[arg-type]


def test_each_entry_is_one_json_line_without_empty_fields(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.jsonl")
    journal.append(entry(Event.STARTED))
    journal.append(entry(Event.STEP_DONE, "p/serial", name="serial", value="013537"))
    lines = (tmp_path / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"event": "started", "procedure": "p", "run": "r1", "at": AT},
        {
            "event": "step_done",
            "procedure": "p",
            "run": "r1",
            "at": AT,
            "path": "p/serial",
            "name": "serial",
            "value": "013537",
        },
    ]
    assert journal.read().entries[1].value == "013537"


def test_appending_never_rewrites_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.append(entry(Event.STARTED))
    before = path.read_bytes()
    journal.append(entry(Event.STEP_DONE, "p/a"))
    journal.append(entry(Event.COMPLETED))
    after = path.read_bytes()
    assert after.startswith(before)
    assert after.count(b"\n") == 3


def test_a_cut_off_last_line_is_skipped_and_the_next_entry_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.append(entry(Event.STARTED))
    journal.append(entry(Event.STEP_DONE, "p/a"))
    whole = path.read_bytes()
    cut = whole[: len(whole) - 20]  # a power cut in the middle of the second line
    path.write_bytes(cut)
    contents = journal.read()
    assert [e.event for e in contents.entries] == [Event.STARTED]
    assert contents.damaged_lines == (2,)
    journal.append(entry(Event.STEP_DONE, "p/a"))
    assert path.read_bytes().startswith(cut + b"\n")
    again = journal.read()
    assert [e.event for e in again.entries] == [Event.STARTED, Event.STEP_DONE]
    assert again.damaged_lines == (2,)


def test_lines_of_other_shapes_are_damaged_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    good = entry(Event.STARTED).to_json()
    path.write_text(
        "\n".join(
            [
                good,
                "[1, 2]",
                '{"event": "exploded", "procedure": "p", "run": "r", "at": "x"}',
                '{"event": "started", "procedure": 5, "run": "r", "at": "x"}',
                '{"event": "started"}',
                good.replace('"started"', '"started", "from_the_future": 1'),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    contents = Journal(path).read()
    assert len(contents.entries) == 2
    assert contents.damaged_lines == (2, 3, 4, 5)


def test_a_missing_journal_reads_as_empty(tmp_path: Path) -> None:
    contents = Journal(tmp_path / "none.jsonl").read()
    assert (contents.entries, contents.damaged_lines) == ((), ())


def test_replay_follows_the_last_run_only() -> None:
    entries = [
        entry(Event.STARTED, run="old"),
        entry(Event.STEP_DONE, "p/a", run="old"),
        entry(Event.COMPLETED, run="old"),
        entry(Event.STARTED, run="new"),
        entry(Event.STEP_DONE, "p/a", run="new", name="serial", value="123456"),
        entry(Event.STEP_SKIPPED, "p/b", run="new", reason="no MIDI"),
        entry(Event.BACKUP_SAVED, "p/c", run="new", file="/b.syx", sha256="ab", verified=True),
        entry(Event.TRANSFER_STARTED, "p/d", run="new", file="/f.syx", sha256="cd"),
        entry(Event.STOPPED, "p/d", run="new"),
    ]
    replay = replay_run(entries, "p")
    assert replay is not None
    assert replay.run == "new"
    assert replay.done == ("p/a", "p/b")
    assert dict(replay.answers) == {"serial": "123456"}
    assert replay.backup is not None and replay.backup.path == Path("/b.syx")
    assert replay.transfer_unfinished
    assert not replay.completed
    assert replay.stopped_at == "p/d"
    assert replay_run(entries, "other") is None


def test_going_back_undoes_the_steps_after_it() -> None:
    entries = [
        entry(Event.STARTED),
        entry(Event.STEP_DONE, "p/a"),
        entry(Event.STEP_DONE, "p/b"),
        entry(Event.STEP_DONE, "p/c"),
        entry(Event.WENT_BACK, "p/b"),
    ]
    replay = replay_run(entries, "p")
    assert replay is not None and replay.done == ("p/a",)


def test_a_finished_transfer_is_the_file_sent_and_only_verified_backups_count() -> None:
    entries = [
        entry(Event.STARTED),
        entry(Event.BACKUP_SAVED, "p/a", file="/unverified.syx", sha256="00"),
        entry(Event.TRANSFER_STARTED, "p/t", file="/f.syx", sha256="cd"),
        entry(Event.TRANSFER_DONE, "p/t", file="/f.syx", sha256="cd", what="x", verified=True),
        entry(Event.IRREVERSIBLE_PASSED, "p/t"),
        entry(Event.INITIALISED_CONFIRMED, "p/i"),
    ]
    replay = replay_run(entries, "p")
    assert replay is not None
    assert replay.backup is None
    assert not replay.transfer_unfinished
    assert replay.sent is not None and replay.sent.path == Path("/f.syx")
    assert replay.irreversible == ("p/t",)
    assert replay.initialised_confirmed
    assert latest_unit_backup(entries) is None


def test_the_unit_backup_is_the_newest_of_any_procedure() -> None:
    entries = [
        Entry(Event.BACKUP_SAVED, "a", "r1", AT, file="/1.syx", sha256="1", verified=True),
        Entry(Event.BACKUP_SAVED, "b", "r2", AT, file="/2.syx", sha256="2", verified=True),
    ]
    found = latest_unit_backup(entries)
    assert found is not None and (found.path, found.run) == (Path("/2.syx"), "r2")
