"""Live checks that the M1 can be reached: `m1_responds` and `exclusive_enabled`
(identity request, then MODE REQUEST on every channel; m1-sysex.md §1.2, §2.4, §5.1).

What the protocol can tell apart: an answer on some channel (the channel is read from
it), another instrument answering, a damaged answer, and silence. Silence cannot be split
further: a missing cable, a dead MIDI OUT, EXCL = DIS and a playing sequencer (which
makes the M1 ignore all SysEx, §5.6 rule 3) all look the same, so the fix names them all.
"""

from __future__ import annotations

from collections.abc import Mapping

from wizard.device.detect import detect
from wizard.device.outcomes import ENABLE_MIDI_KEYS, EXCL_ON, DeviceError, Outcome
from wizard.engine.checks.asking import NoConnection, exchange_of, is_silence, unreadable_since
from wizard.engine.checks.result import (
    GARBLED_FIX,
    GARBLED_REASON,
    CheckResult,
    cannot_tell,
    failed,
    from_error,
    passed,
)
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.procedure.model import ParamValue

CABLES = (
    "the interface's MIDI OUT goes to the M1's MIDI IN and the M1's MIDI OUT back to the "
    "interface's MIDI IN"
)
SILENCE_FIX = (
    f"Check that {CABLES}, {EXCL_ON}, that its sequencer is stopped (a playing M1 ignores "
    "the computer), and that no other program holds the MIDI ports; then retry."
)
EXCL_FIX = (
    f'Switch "Excl" on: on the M1 press {ENABLE_MIDI_KEYS} (the display then shows '
    '"Excl:ENA"). If it already does, stop the M1\'s sequencer if it is playing and check '
    f"that {CABLES}; then retry."
)
SILENCE_REASON = (
    "Nothing answered: neither the identity request nor a MODE REQUEST on any of the 16 channels."
)


def m1_responds(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when an M1 answers (its channel is then known); FAIL on silence, another
    instrument or a channel mix-up; CANNOT_TELL when only damaged replies came back."""
    name = "m1_responds"
    try:
        exchange = exchange_of(session)
    except NoConnection as error:
        return cannot_tell(name, error.message, error.next_action)
    before = len(exchange.unsolicited)
    try:
        detection = detect(exchange)
    except DeviceError as error:
        if error.outcome is Outcome.SILENT:
            if unreadable_since(before, exchange):
                return cannot_tell(name, GARBLED_REASON, GARBLED_FIX)
            return failed(name, SILENCE_REASON, SILENCE_FIX)
        if error.outcome in (Outcome.NOT_AN_M1, Outcome.WRONG_CHANNEL):
            return failed(name, error.message, error.next_action)
        return from_error(name, error)
    except WizardError as error:
        return from_error(name, error)
    session.detection = detection
    channel = detection.channel
    if detection.mode_data is None:
        return failed(
            name,
            f"The identity reply names global channel {channel}, but a MODE REQUEST on "
            "that channel was not answered.",
            "Another instrument may share this MIDI interface: connect only the M1, check "
            "its global channel (GLOBAL, 5), then retry.",
        )
    if detection.identity is None:
        return passed(
            name,
            f"The M1 answers on global channel {channel} (it answered a MODE REQUEST but "
            "not the identity request, as some older units may).",
        )
    return passed(name, f"The M1 answers on global channel {channel}.")


def exclusive_enabled(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when the M1 answers any system-exclusive request (so EXCL = ENA); FAIL on
    silence; CANNOT_TELL when only damaged replies or another instrument answered."""
    name = "exclusive_enabled"
    try:
        exchange = exchange_of(session)
    except NoConnection as error:
        return cannot_tell(name, error.message, error.next_action)
    before = len(exchange.unsolicited)
    try:
        session.detection = detect(exchange)
    except WizardError as error:
        if is_silence(error):
            if unreadable_since(before, exchange):
                return cannot_tell(name, GARBLED_REASON, GARBLED_FIX)
            return failed(
                name,
                'The M1 did not answer any request from the computer: its "Excl" switch, '
                "which lets sound data in and out over MIDI, is probably off (DIS).",
                EXCL_FIX,
            )
        if isinstance(error, DeviceError) and error.outcome is Outcome.NOT_AN_M1:
            return cannot_tell(
                name,
                f'{error.message} So whether the M1\'s "Excl" switch is on cannot be told.',
                error.next_action,
            )
        return from_error(name, error)
    return passed(
        name,
        'The M1 answers requests from the computer, so its "Excl" switch is on: sound data '
        "can go in and out over MIDI.",
    )
