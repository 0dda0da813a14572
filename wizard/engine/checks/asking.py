"""What the live checks ask the M1: the connection, its detection, fresh MODE DATA, and a
message answered by a status reply (m1-sysex.md §2.2, §2.4, §5.4)."""

from __future__ import annotations

from wizard.device.detect import Detection, detect
from wizard.device.exchange import Exchange
from wizard.device.outcomes import DeviceError, Outcome
from wizard.engine.checks.result import (
    GARBLED_FIX,
    GARBLED_REASON,
    NO_CONNECTION,
    CheckResult,
    cannot_tell,
    from_error,
)
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.m1 import Function, KorgMessage, Message, ModeData, Request, Status


class NoConnection(WizardError):
    """The run has no MIDI connection, so nothing can be asked."""

    def __init__(self) -> None:
        super().__init__(*NO_CONNECTION)


def exchange_of(session: Session) -> Exchange:
    """The session's connection.

    Raises:
        NoConnection: The run has none.
    """
    if session.exchange is None:
        raise NoConnection()
    return session.exchange


def detected(session: Session) -> Detection:
    """The M1's detection, asking it once per run; the exchange is set to its channel.

    Raises:
        NoConnection: The run has no MIDI.
        DeviceError: Silence, another instrument, damage.
    """
    exchange = exchange_of(session)
    if session.detection is None:
        session.detection = detect(exchange)
    exchange.channel = session.detection.channel
    return session.detection


def mode_data(session: Session) -> ModeData:
    """A fresh MODE DATA (12 -> 42, §2.4) from the detected M1.

    Raises:
        NoConnection: The run has no MIDI.
        DeviceError: Silence (the M1 stopped answering), damage.
    """
    cached = session.detection is not None
    detected(session)
    try:
        return _ask_mode(exchange_of(session))
    except DeviceError as error:
        if not (cached and error.outcome is Outcome.SILENT):
            raise
    # The channel may have been changed on the panel since the M1 was found: find it again.
    session.detection = None
    detected(session)
    return _ask_mode(exchange_of(session))


def _ask_mode(exchange: Exchange) -> ModeData:
    exchange.transport.clear_input()
    exchange.transport.send(Request(exchange.channel, Function.MODE_REQUEST).to_bytes())

    def answers(message: Message) -> bool:
        return isinstance(message, ModeData) and message.channel == exchange.channel

    reply = exchange.await_reply(
        answers, exchange.timeouts.first_reply, expected=Function.MODE_DATA
    )
    assert isinstance(reply, ModeData)
    return reply


WRITE_REPLIES = frozenset(
    {
        Function.WRITE_COMPLETED,
        Function.WRITE_ERROR,
        Function.LOAD_ERROR,
        Function.FORMAT_ERROR,
    }
)
"""What may answer 11 / 1A: 21 or 22, and 24 / 26 from an M1 that takes it otherwise."""


def status_of(exchange: Exchange, message: KorgMessage) -> Function:
    """Send `message` and return the status the M1 answers with (21, 22, 24 or 26).

    Raises:
        DeviceError: Silence or damage.
    """
    exchange.transport.clear_input()
    exchange.transport.send(message.to_bytes())

    def answers(reply: Message) -> bool:
        return (
            isinstance(reply, Status)
            and reply.channel == exchange.channel
            and reply.status in WRITE_REPLIES
        )

    reply = exchange.await_reply(answers, exchange.timeouts.first_reply)
    assert isinstance(reply, Status)
    return reply.status


def is_silence(error: WizardError) -> bool:
    """True for a DeviceError that means nothing answered."""
    return isinstance(error, DeviceError) and error.outcome is Outcome.SILENT


def unreadable_since(before: int, exchange: Exchange) -> bool:
    """True when messages that answered nothing arrived since `exchange.unsolicited` held
    `before` of them: a "silence" with traffic is damage, not silence."""
    return len(exchange.unsolicited) > before


def failure(
    name: str, session: Session, error: WizardError, before: int, silent: tuple[str, str]
) -> CheckResult:
    """The CANNOT_TELL result for a talk that went wrong.

    Args:
        name: The check.
        session: The run (its exchange's unsolicited messages tell damage from silence).
        error: What went wrong.
        before: How many unsolicited messages there were when the check began.
        silent: Reason and fix for true silence.
    """
    if is_silence(error):
        if session.exchange is not None and unreadable_since(before, session.exchange):
            return cannot_tell(name, GARBLED_REASON, GARBLED_FIX)
        return cannot_tell(name, *silent)
    return from_error(name, error)


def unsolicited_count(session: Session) -> int:
    """How many unsolicited messages the session's exchange has seen (0 without one)."""
    return 0 if session.exchange is None else len(session.exchange.unsolicited)
