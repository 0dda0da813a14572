"""The words of the transfer view: phase, bytes, rate, time left and the power banner; pure."""

from __future__ import annotations

from enum import Enum

from wizard.device.progress import Phase, Progress
from wizard.operations import words

SENDING_PHASES = frozenset({Phase.SEND, Phase.WAIT})


class Banner(Enum):
    """What the view says about the M1's power switch."""

    NONE = ""
    KEEP_ON = f"⚠  {words.KEEP_ON_SENDING}"
    READING = f"⚠  {words.KEEP_ON_READING}"
    MORE_TO_SEND = f"⚠  {words.MORE_TO_SEND}"
    SAFE = f"✓  {words.SAFE_NOW}"


def banner_for(progress: Progress, was_in_flight: bool, more_follows: bool = False) -> Banner:
    """The power banner for `progress`.

    KEEP_ON while data is in flight, and also in the short gap between two dumps of one
    restore (the M1 has taken one and the next is about to go): a "safe" flashing up
    between them would invite the person to switch off half-way. READING once everything
    went in and is being read back: nothing is proven yet. SAFE only when the job is done
    (read back identical) and nothing more goes into the M1 in this procedure; with more
    to come, MORE_TO_SEND. NONE before anything was sent (a backup writes nothing into
    the M1, but switching off would still spoil it).

    Args:
        progress: The latest snapshot.
        was_in_flight: Whether any earlier snapshot of this transfer was in flight.
        more_follows: Whether a later step of the procedure sends more into the M1.
    """
    sending = progress.phase in SENDING_PHASES and progress.done < progress.total
    if progress.in_flight or sending:
        return Banner.KEEP_ON
    if progress.phase is Phase.DONE and was_in_flight:
        return Banner.MORE_TO_SEND if more_follows else Banner.SAFE
    if was_in_flight:
        return Banner.READING
    return Banner.NONE


def phase_text(progress: Progress) -> str:
    """What is happening, e.g. "Sending: 100 programs" or "Done"."""
    value = progress.phase.value
    name = value[:1].upper() + value[1:]  # str.capitalize would write "the m1"
    return f"{name}: {progress.label}" if progress.label else name


def bytes_text(progress: Progress) -> str:
    """Bytes moved, e.g. "8,192 of 16,350 bytes", or "8,192 bytes so far" without a total."""
    if progress.total > 0:
        return f"{progress.done:,} of {progress.total:,} bytes"
    return f"{progress.done:,} bytes so far"


def rate_text(progress: Progress) -> str:
    """Speed, e.g. "3,125 bytes/s"; empty before anything moved."""
    return f"{progress.rate:,.0f} bytes/s" if progress.rate > 0 else ""


def eta_text(seconds: float | None) -> str:
    """Time left in words: "about 12 s left", "about 2 min 5 s left", "almost done".

    Args:
        seconds: Time left, None when it cannot be told (the text is then empty).
    """
    if seconds is None:
        return ""
    whole = round(seconds)
    if whole <= 0:
        return "almost done"
    minutes, rest = divmod(whole, 60)
    if minutes == 0:
        return f"about {rest} s left"
    return f"about {minutes} min {rest} s left" if rest else f"about {minutes} min left"


def stats_text(progress: Progress, since: float = 0.0) -> str:
    """Bytes, rate and time left on one line, joined by " · ".

    Args:
        progress: The latest snapshot.
        since: Seconds since that snapshot arrived; the time left counts down by it, so
            it keeps moving while the M1 takes a dump in silence.
    """
    eta = progress.eta
    left = "" if eta is None or progress.phase is Phase.DONE else eta_text(eta - since)
    parts = (bytes_text(progress), rate_text(progress), left)
    return " · ".join(part for part in parts if part)
