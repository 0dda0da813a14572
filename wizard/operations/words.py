"""Every sentence a backup or restore says at its decisive moments, in one place: what is
about to be overwritten, what makes that safe, when the M1 must stay on and when it may be
switched off. The command line and the wizard show these same words."""

from __future__ import annotations

from pathlib import Path

KEEP_ON_SENDING = "Do not switch the M1 off: data is on its way into its memory."
"""While bytes go into the M1 (and between two parts of one restore)."""
KEEP_ON_READING = "Do not switch the M1 off yet: reading the data back to compare ..."
"""Once every part is in, while it is read back."""
SAFE_TO_SWITCH_OFF = "Safe to switch the M1 off."
"""Only when nothing more goes into the M1 and what went in was read back."""
SAFE_NOW = "Safe to switch the M1 off now."
"""The same, as the wizard's banner says it while the screen stays open."""
STOPPED_VERIFIED = (
    "Safe to switch the M1 off now: what was sent went in and was read back identical."
)
"""A run that stopped (or ended) after a send that was verified."""
STOPPED_UNVERIFIED = (
    "Safe to switch the M1 off now, but what was sent was not read back to check it: open "
    "this procedure again to check it."
)
"""A run that stopped after data went in but before the read-back proved it."""
MORE_TO_SEND = (
    "This part is in the M1 and verified, but more goes into it in a later step: keep it "
    "switched on."
)
"""A verified part of a procedure that sends more in a later step."""

CANCELLED_BACKUP = "nothing was saved, and the M1 is unchanged."
"""A backup the person cancelled (after "Cancelled: ")."""
CANCELLED_BEFORE_SENDING = (
    "the backup before sending was stopped; nothing was saved or sent, and the M1 is unchanged."
)
CANCELLED_READ_BACK_SENT = (
    "the read-back was stopped. The M1 holds the new data: it was read back identical as it "
    "went in."
)
CANCELLED_READ_BACK = "the read-back was stopped; reading changes nothing in the M1."

OFFER_BACKUP = (
    "No verified backup of this M1 was taken in this run, so nothing may overwrite its "
    "memory yet. Take a backup of everything in it now?"
)
REFUSED_REASON = (
    "Refused: nothing may overwrite the M1's memory without a verified backup taken from "
    "it in this run, or your confirmation that its memory is wiped (nothing in it to keep)."
)
REFUSED_FIX = (
    "Take a backup first (the Backup procedure), or, if the memory was wiped, let the wizard "
    "read it and confirm that nothing in it is worth keeping (a step of the battery "
    "replacement does this); then retry."
)
OVERWRITE_KEEP_ON = "Once sending starts, keep the M1 switched on until the screen says it is safe."
DECLINED_REASON = "You chose not to overwrite the M1's memory, so nothing was sent."
DECLINED_FIX = "Retry when ready, or skip this step."
DECLINED_FIX_HERE = (
    "Press Retry to choose the sounds again when ready, or Skip this step to go on without sending."
)
NOTHING_SENT = "Nothing was sent; the M1 is unchanged."
NO_BACKUP_CHOSEN = "No safety backup (--no-backup): the M1's current memory will be lost."
INITIALISED_CONFIRMED = "You confirmed that the M1's memory is wiped: nothing in it to keep."


def found(channel: int) -> str:
    """The M1 answered on `channel`."""
    return f"Found the M1 on channel {channel}."


def readdressed(channels: tuple[int, ...], channel: int) -> str:
    """The file's messages go to another channel than the one they name."""
    names = ", ".join(str(c) for c in channels)
    return (
        f"The file was addressed to channel {names}; every message is re-addressed to "
        f"channel {channel}."
    )


Parts = tuple[tuple[str, str], ...]
"""What a restore sends: each dump in words with the name of the file it came from."""


def _with_files(parts: Parts) -> str:
    """The parts of a set, each with its file: "100 programs (...) from ORIGPROG.SYX; ..."."""
    return "; ".join(f"{what} from {name}" for what, name in parts)


def _one_file(parts: Parts) -> bool:
    return len({name for _, name in parts}) == 1


def holds(parts: Parts) -> str:
    """What the file, or each file of a set, holds."""
    if _one_file(parts):
        return f"{parts[0][1]} holds " + "; ".join(what for what, _ in parts) + "."
    return f"These files hold: {_with_files(parts)}."


def overwrites(what: str) -> str:
    """The overwrite question's first line."""
    return f"This overwrites in the M1's memory: {what}."


BACKUP_HOLDS = {
    "all": "everything in the M1's memory",
    "programs": "the M1's programs",
    "combinations": "the M1's combinations",
    "global": "the M1's global settings and drum kits",
    "sequence": "the M1's songs (sequencer memory)",
}
"""What a backup holds, by the part of memory it was taken of, in the person's words."""


def safe_because_backup(path: Path, what: str) -> str:
    """What makes an overwrite safe: a backup of this run, saved and read back (the file's
    checksum stays in the journal: on screen it would mean nothing to a musician)."""
    holds = BACKUP_HOLDS.get(what, "the M1's memory")
    return f"A backup of {holds} was saved and read back in this run: {path}"


def backup_saved(path: Path) -> str:
    """A backup the person asked for is saved and read back."""
    return f"Backup saved and read back complete: {path}"


def backup_where(path: Path) -> str:
    """Where a backup of this run is: its full path, then its folder."""
    return f"Backup file: {path}\nIn the folder: {path.parent}"


DEMO_FILES_TEMPORARY = (
    "Demo: this backup is of the emulated M1, not of a real one; it stays in the demo's "
    "folder until the demo is started afresh (m1-wizard --demo --fresh)."
)
COPY_PATH = "Copy the backup's path"
PATH_COPIED = "The backup's path is on the clipboard."


def backup_in_short(path: Path) -> str:
    """A backup of this run, named in one line where the screen needs its room."""
    return f"Backup saved: {path.name} (p copies its full path)"


def safety_backup_saved(path: Path) -> str:
    """The backup taken before an overwrite is saved and read back."""
    return f"Safety backup saved and verified: {path}"


def restored(parts: Parts) -> str:
    """Every part went in, was read back and is identical."""
    if _one_file(parts):
        return "Restored and verified: " + "; ".join(what for what, _ in parts) + "."
    return f"Restored and verified: {_with_files(parts)}."


def overwrite_what(overwrites: str, parts: Parts) -> str:
    """What an overwrite replaces and with what, e.g. "every program, with 100 programs
    from ORIGPROG.SYX"; without the procedure's words, what the files hold."""
    if _one_file(parts):
        sent = "; ".join(what for what, _ in parts) + f" from {parts[0][1]}"
    else:
        sent = _with_files(parts)
    return f"{overwrites}, with {sent}" if overwrites else sent


FACTORY_RESTORED = "factory sounds restored"


def restore_logged(factory: str, backup_day: str, parts: Parts) -> str:
    """What the maintenance log says a verified restore was: Korg's factory sounds only
    when they were recognised, a backup of this unit as such, anything else as what it
    held."""
    if factory:
        return f"{FACTORY_RESTORED} ({factory})"
    if backup_day:
        return f"backup of {backup_day} restored"
    return "restored " + "; ".join(what for what, _ in parts)


TAKE_NEW_BACKUP = "Take a new backup (the Backup procedure), then retry."
OFFER_NEW_BACKUP = (
    "Take a new backup of everything the M1 holds now, before anything is sent? The earlier "
    "backup stays where it is."
)


def file_gone(path: Path) -> str:
    """A file the journal names (a backup, a file sent) was deleted or moved."""
    return f"The file {path} is no longer there."


def file_unreadable(path: Path, why: str) -> str:
    """A file the journal names cannot be read."""
    return f"The file {path} cannot be read ({why})."


def file_changed(path: Path) -> str:
    """A file the journal names is not the file that was saved or sent."""
    return (
        f"The file {path} has changed since it was saved or sent (it no longer matches the "
        "checksum the journal recorded)."
    )


CANNOT_PROTECT = (
    "It is the backup taken earlier in this run, so that backup cannot protect the M1's memory now."
)
NOT_SENT_BACK = "So it is not sent back: it may not hold what was saved."


def m1_not_as_backed_up(path: Path, found: str) -> str:
    """The M1 connected now does not hold what the run's backup holds."""
    return (
        f"The M1 connected now does not hold what the backup {path} holds ({found}): it may "
        "be another M1, or its memory changed since (a battery change wipes it). That backup "
        "does not protect what is in it now."
    )


def no_longer_initialised(first_program: str) -> str:
    """An earlier "nothing to keep" no longer matches the M1's memory."""
    return (
        "Earlier in this run you confirmed that the M1's memory was wiped, but its programs "
        f'are no longer all one sound (program 00 is "{first_program}"), so that answer no '
        "longer covers it."
    )
