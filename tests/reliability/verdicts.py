"""What every matrix cell must show, and the one assertion that checks it: the outcome the
person sees (sentence and next action), the M1's memory (unchanged, the intended data, or
a mix the person was told about part by part) and the files (old backups untouched, no
partial files, every new backup complete, verified and a true copy of the M1)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path

from tests.reliability.bench import APPEND_ONLY, TAKEN_NAME
from tests.reliability.cells import Cell
from tests.reliability.faults import STOPPED_BY_SIGNAL, UNPLUGGED
from tests.reliability.interruptions import announced, stop_name
from wizard.device.image import MemoryImage, image_of
from wizard.device.outcomes import ADVICE, Outcome
from wizard.device.settle import STILL_SENDING
from wizard.emulator.state import Memory
from wizard.engine.runner import UNFINISHED_TRANSFER
from wizard.m1.syx_file import read_dump_bytes
from wizard.transport.advice import GENERIC_ADVICE

RESTORES = ("restore", "restore (16 KB MIDI)", "restore (set of files)", "restore (raw device)")
DEVICE_OPS = ("detect", "backup", *RESTORES, "read-back")
ENGINE_OPS = ("backup step", "transfer step", "resumed transfer step")
TRANSFERS = ("transfer step", "resumed transfer step")
TRANSFERS_ABORT = dict.fromkeys(TRANSFERS, "aborted")
TRANSFERS_STOP = dict.fromkeys(TRANSFERS, "stopped")
TRUSTS_ITS_BACKUP = {"resumed transfer step": "ok"}
"""A resumed run whose backup and M1 are as they were saves nothing, so a disk fault
or a Ctrl-C while saving cannot touch it."""

ALL_OK: Mapping[str, str] = {"*": "ok", "checks": "pass"}
SILENCE: Mapping[str, str] = {
    "*": "silent",
    "checks": "cannot-tell",
    "check exclusive_enabled": "fail",
    "check m1_responds": "fail",
    "engine": "aborted",
}
REFUSED_LOAD = {
    **ALL_OK,
    **dict.fromkeys(RESTORES, "load_error"),
    **TRANSFERS_ABORT,
}
NOT_SAVED = {**ALL_OK, "backup": "save_error", **dict.fromkeys(RESTORES, "save_error")}
CTRL_C_SAVING = {**ALL_OK, "backup": "cancelled", **dict.fromkeys(RESTORES, "cancelled")}
READING_CHECKS = (
    "check matches_backup",
    "check matches_file",
    "check memory_initialised",
    "check memory_unprotected",
)

EXPECTED: Mapping[str, Mapping[str, str]] = {
    "none": ALL_OK,
    "dropped bytes in": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "format_error"),
        **TRANSFERS_ABORT,
    },
    "corrupted bytes in": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "readback_mismatch"),
        **TRANSFERS_ABORT,
    },
    "dropped bytes out": {
        "*": "damaged_reply",
        "detect": "ok",
        "checks": "pass",
        **dict.fromkeys(READING_CHECKS, "cannot-tell"),
        "engine": "aborted",
    },
    "corrupted bytes out": {
        "*": "damaged_reply",
        "detect": "ok",
        "read-back": "readback_mismatch",
        "checks": "pass",
        "check matches_backup": "fail",
        "check matches_file": "fail",
        "engine": "aborted",
    },
    "no reply": SILENCE,
    "late reply (in time)": ALL_OK,
    "late reply (too late)": SILENCE,
    "wrong channel": {
        **SILENCE,
        "detect": "ok",
        "read-back": "wrong_channel",
        "check exclusive_enabled": "pass",
    },
    "EXCL off": SILENCE,
    "program protect": {**REFUSED_LOAD, "check memory_unprotected": "fail"},
    "combination protect": {**REFUSED_LOAD, "check memory_unprotected": "fail"},
    "sequence protect": REFUSED_LOAD,
    "sequencer running": SILENCE,
    "wrong mode (GLOBAL)": ALL_OK,
    "wrong mode (SEQ)": ALL_OK,
    "active sensing mid-dump": ALL_OK,
    "mode change before dumps": ALL_OK,
    "stray status replies": ALL_OK,
    "port vanishes (backup)": {
        **ALL_OK,
        "backup": "port_error",
        **dict.fromkeys(RESTORES, "port_error"),
        **dict.fromkeys(READING_CHECKS, "cannot-tell"),
        "engine": "aborted",
    },
    "port vanishes (send)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "port_error"),
        **TRANSFERS_ABORT,
    },
    "port vanishes (wait)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "port_error"),
        **TRANSFERS_ABORT,
    },
    "port vanishes (read-back)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "port_error"),
        "read-back": "port_error",
        **TRANSFERS_ABORT,
    },
    "Ctrl-C (detect)": {"*": "cancelled", "read-back": "ok", "engine": "stopped"},
    "Ctrl-C (backup)": {
        **CTRL_C_SAVING,
        **dict.fromkeys(READING_CHECKS, "cancelled"),
        "engine": "stopped",
    },
    "Ctrl-C (save)": {**CTRL_C_SAVING, "engine": "stopped", **TRUSTS_ITS_BACKUP},
    "Ctrl-C (save manifest)": {**CTRL_C_SAVING, "engine": "stopped", **TRUSTS_ITS_BACKUP},
    "Ctrl-C (send)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "cancelled"),
        **TRANSFERS_STOP,
    },
    "Ctrl-C (wait)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "cancelled"),
        **TRANSFERS_STOP,
    },
    "Ctrl-C (read-back)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "cancelled"),
        "read-back": "cancelled",
        **TRANSFERS_STOP,
    },
    "Ctrl-C (compare)": {
        **ALL_OK,
        **dict.fromkeys(RESTORES, "cancelled"),
        "read-back": "cancelled",
        "check matches_backup": "cancelled",
        "check matches_file": "cancelled",
        **TRANSFERS_STOP,
    },
    "disk full": {**NOT_SAVED, "engine": "aborted", **TRUSTS_ITS_BACKUP},
    "disk full (manifest)": {**NOT_SAVED, "engine": "aborted", **TRUSTS_ITS_BACKUP},
    "read-only backup folder": {**NOT_SAVED, "engine": "aborted", **TRUSTS_ITS_BACKUP},
    "backup file already present": {**ALL_OK, "backup": "save_error"},
    "resume: backup missing": ALL_OK,
    "resume: backup changed": ALL_OK,
    "resume: another M1": {
        **ALL_OK,
        "check matches_backup": "fail",
        "check matches_file": "fail",
    },
    # Detection waits out the rest of the dump (and says so), and every run starts with
    # detection. The bare read-back is the one operation here that does not: in a run it
    # follows that run's own detection and send, so it never meets an earlier run's dump;
    # alone, it hears the dump's rest as stray bytes and its reply too late.
    "rerun while a dump is still sent": {**ALL_OK, "read-back": "silent"},
}
"""The outcome of every cell: fault -> operation (or "*", "checks", "engine") -> label."""
EXPECTED = {
    **EXPECTED,
    # A signal stops a run where Ctrl-C would, with the same outcome and the same words
    # (but for the name of what stopped it).
    **{
        f.name: EXPECTED[f.name.replace(stop_name(f.by_signal), "Ctrl-C")]
        for f in STOPPED_BY_SIGNAL
    },
}


def expected(fault: str, operation: str) -> str:
    """The label a cell must end in."""
    row = EXPECTED[fault]
    if operation in row:
        return row[operation]
    if operation.startswith("check ") and "checks" in row:
        return row["checks"]
    if operation in ENGINE_OPS and "engine" in row:
        return row["engine"]
    return row["*"]


# --- what the person is told ---------------------------------------------------------

SAVE_ACTIONS = (
    "Choose a folder you can write to with enough free space (--backup-dir or -o).",
    "Choose another name with -o, or leave -o out for a time-stamped name.",
)
RESTORE_SAVE_ACTIONS = (
    # restore has no -o; its safety backup's place is named with --backup-dir only
    "Choose a folder you can write to with enough free space (--backup-dir).",
    "Move the old file away first.",
)
SAVE_SENTENCE = re.compile(
    r"Could not save \S+: (No space left on device|Permission denied)\.|"
    rf"\S+/{re.escape(TAKEN_NAME)} already exists and m1-wizard never writes over a file\."
)
RESTORE_SAVE_SENTENCE = re.compile(
    rf"(?:{SAVE_SENTENCE.pattern}) Nothing was sent; the M1 is unchanged\."
)
PORT_SENTENCE = f"The MIDI system reported an error: {UNPLUGGED}."
BACKUP_STOPPED = (
    "before the backup was saved; no file was written. Run the command again when ready."
)
RESEND = "Send the file again to finish, or restore the safety backup {backup}."
AGAIN = "Run the command again when ready."
CHECK_ONLY = "To check it, run `m1-wizard restore --check-only "
ACTION = re.compile(
    r"\b(check|make sure|turn|take|connect|enable|insert|stop|press|run|choose|remove|"
    r"close|plug|send|use|retry|try|look|create|move|report|save|slide)\b",
    re.IGNORECASE,
)


def _cause_texts(label: str) -> tuple[str, str]:
    """The sentence (or its start) and the next action a failure with `label` shows."""
    outcomes = {o.value: o for o in Outcome}
    if label in outcomes:
        advice = ADVICE[outcomes[label]]
        return advice.sentence, advice.next_action
    if label == "port_error":
        return PORT_SENTENCE, GENERIC_ADVICE
    if label == "save_error":
        # The wizard has no options to name a place, so its action names none.
        return "Could not save ", "Choose a folder you can write to with enough free space."
    raise AssertionError(f"no texts known for {label!r}")


def _check_told(cell: Cell, label: str) -> None:
    observed, op = cell.observed, cell.operation.name
    if op.startswith("check "):
        if label == "cancelled":
            assert isinstance(observed.error, KeyboardInterrupt)  # the engine turns it into STOPPED
            return
        assert observed.sentence, "a check must always say what it found"
        if label != "pass":
            assert ACTION.search(observed.next_action), f"no action in {observed.next_action!r}"
        return
    if op in ENGINE_OPS:
        _check_engine_told(cell, label)
        return
    if label == "ok":
        if op == "backup":
            assert "The file was read back and is complete." in observed.shown
        if op in RESTORES:
            assert "Restored and verified:" in observed.shown
        return
    if label == "cancelled":
        _check_cancelled(cell)
        return
    if label == "save_error" and op in RESTORES:
        assert RESTORE_SAVE_SENTENCE.fullmatch(observed.sentence), observed.sentence
        assert observed.next_action in RESTORE_SAVE_ACTIONS, observed.next_action
    elif label == "save_error":
        assert SAVE_SENTENCE.fullmatch(observed.sentence), observed.sentence
        assert observed.next_action in SAVE_ACTIONS
    else:
        sentence, action = _cause_texts(label)
        assert observed.sentence.startswith(sentence), observed.sentence
        assert observed.next_action == action
    restore = observed.restore
    if restore is not None and (restore.acknowledged or restore.in_flight):
        assert f"m1-wizard restore: {restore.describe()}" in observed.shown


def _check_cancelled(cell: Cell) -> None:
    observed, op = cell.observed, cell.operation.name
    if op == "backup":
        assert (observed.sentence, observed.next_action) == (BACKUP_STOPPED, "")
    elif op in RESTORES:
        restore = observed.restore
        assert restore is not None
        assert observed.sentence == restore.describe()
        sent = bool(restore.acknowledged or restore.in_flight)
        (backup,) = observed.saved if sent else (None,)
        if restore.reading_back:
            assert observed.next_action.startswith(CHECK_ONLY), observed.next_action
        else:
            assert observed.next_action == (RESEND.format(backup=backup) if sent else AGAIN)
    else:
        assert isinstance(observed.error, KeyboardInterrupt)


def _check_engine_told(cell: Cell, label: str) -> None:
    observed, op = cell.observed, cell.operation.name
    step = "Save" if op == "backup step" else "Send"
    if label == "ok":
        trusted = op == "resumed transfer step" and cell.fault.resume is None
        assert bool(observed.saved) != trusted, "a backup taken, or trusted, untold"
        if op in TRANSFERS:
            assert "notice: Restored and verified:" in observed.shown
        return
    where = "step 2 of 2" if op == "resumed transfer step" else "step 1 of 1"
    resume = f"Run the procedure again to resume at {where}: {step}."
    assert observed.next_action.endswith(resume), observed.next_action
    restore = observed.restore
    sent = restore is not None and bool(restore.acknowledged or restore.in_flight)
    if label == "stopped":
        if sent:
            assert UNFINISHED_TRANSFER in observed.next_action
            assert "Nothing that cannot be undone was done." not in observed.next_action
        return
    # Aborted: the problem shown is the same the command line shows for this fault.
    cli = expected(cell.fault.name, "backup" if op == "backup step" else "restore")
    sentence, action = _cause_texts(cli)
    assert sentence in observed.sentence, observed.sentence
    assert action in observed.sentence, observed.sentence
    if sent:
        assert restore is not None and restore.describe() in observed.sentence


# --- the M1's memory -----------------------------------------------------------------

PARTS = ("global_data", "combinations", "programs", "sequence")
PART_WORDS = {
    "global_data": "global settings",
    "combinations": "combination",
    "programs": "program",
    "sequence": "sequencer",
}
"""How the person reads each part in what they are told (labels and differences)."""


def _named(text: str | None) -> set[str]:
    return {p for p, word in PART_WORDS.items() if text and word in text}


def _mismatch(text: str) -> str:
    """The read-back differences named in `text` (the engine adds the restore state after)."""
    found = text.partition(ADVICE[Outcome.READBACK_MISMATCH].sentence)[2]
    return found.partition(" The M1 confirmed")[0]


def _check_memory(cell: Cell, label: str) -> None:
    before, after, intended = cell.memory_before, cell.memory_after, cell.bench.intended
    observed = cell.observed
    if not observed.writes:
        assert after == before, "an operation that only reads changed the M1's memory"
        return
    if label == "ok":
        assert all(getattr(after, p) == getattr(intended, p) for p in PARTS)
        return
    changed = {p for p in PARTS if getattr(after, p) != getattr(before, p)}
    restore = observed.restore
    if restore is None or not (restore.acknowledged or restore.in_flight):
        assert not changed, f"{changed} changed but the person was told nothing was sent"
        return
    acknowledged = set().union(*(_named(a) for a in restore.acknowledged))
    in_flight = _named(restore.in_flight)
    differs = _named(_mismatch(observed.sentence))
    for part in changed:
        assert part in acknowledged | in_flight | differs, f"{part} changed untold"
        if getattr(after, part) != getattr(intended, part):
            assert part in in_flight | differs, f"{part} is neither old nor new, untold"
    for part in acknowledged - differs:
        assert getattr(after, part) == getattr(intended, part), f"{part} confirmed but wrong"


# --- files ---------------------------------------------------------------------------


def _image_matches(image: MemoryImage, memory: Memory) -> bool:
    checks = []
    if image.global_data is not None:
        checks.append(image.global_data.raw == memory.global_data)
    if image.combinations is not None:
        checks.append([c.raw for c in image.combinations] == memory.combinations)
    if image.programs is not None:
        checks.append([p.raw for p in image.programs] == memory.programs)
    if image.sequence is not None:
        checks.append(image.sequence.raw == memory.sequence)
    return bool(checks) and all(checks)


def _check_files(cell: Cell, label: str) -> None:
    before, after = cell.files_before, cell.files_after
    for name, data in before.items():
        assert name in after, f"{name} disappeared"
        if Path(name).name in APPEND_ONLY:
            assert after[name].startswith(data), f"{name} was rewritten, not appended to"
        else:
            assert after[name] == data, f"{name} changed"
    root = cell.bench.root
    saved = {str(p.relative_to(root)) for p in cell.observed.saved}
    manifests = {str(Path(s).with_suffix(".json")) for s in saved}
    for name in set(after) - set(before):
        base = Path(name).name
        assert not base.startswith(".") and ".partial" not in base, f"{name} left behind"
        if base in APPEND_ONLY:
            continue
        assert name in saved | manifests, f"{name} appeared but no backup was reported saved"
    for name in saved:
        data = after[name]
        manifest = json.loads(after[str(Path(name).with_suffix(".json"))])
        assert manifest["sha256"] == hashlib.sha256(data).hexdigest()
        dump_file = read_dump_bytes(data, name)
        assert not dump_file.has_errors
        assert _image_matches(image_of(dump_file.dumps), cell.memory_before), (
            f"the backup {name} is not a true copy of the M1's memory"
        )
    if label == "ok" and cell.operation.name in ("backup", "backup step"):
        assert len(saved) == 1


def assert_nothing_lost(cell: Cell) -> None:
    """The three promises for one cell: outcome and words, memory, files."""
    label = expected(cell.fault.name, cell.operation.name)
    observed = cell.observed
    assert observed.label == label, (
        f"{cell.fault} x {cell.operation}: {observed.label} instead of {label}: "
        f"{observed.sentence} {observed.next_action}"
    )
    if label in ("cancelled", "stopped"):
        assert observed.stopped_by == stop_name(cell.fault.by_signal), (
            f"stopped by {cell.fault.by_signal} but told {observed.stopped_by!r}"
        )
    if cell.fault.dump_in_progress and label == "ok":
        assert announced == [STILL_SENDING], "the wait for the dump's end went unannounced"
    _check_told(cell, label)
    _check_memory(cell, label)
    _check_files(cell, label)
