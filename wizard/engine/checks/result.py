"""What a live check finds: pass, fail or cannot-tell, with a plain reason and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wizard.device.outcomes import ADVICE, TEST_INTERFACE, DeviceError, Outcome
from wizard.errors import WizardError


class Verdict(StrEnum):
    """The verdict of a check."""

    PASS = "pass"
    FAIL = "fail"
    CANNOT_TELL = "cannot-tell"


@dataclass(frozen=True)
class CheckResult:
    """One check's verdict.

    Attributes:
        check: The check's name (or the step kind, for a backup or transfer that failed).
        status: Pass, fail or cannot-tell.
        reason: One plain sentence (or two) saying what was found.
        fix: What the person should do about it; empty on a plain pass.
        question: A yes/no question the engine asks after a pass, for what MIDI cannot
            tell (e.g. the sequencer protect); "no" turns the pass into a fail with
            `if_not` as the fix.
        if_not: The fix when the answer to `question` is no.
        answered_by: Display text that answers `question` yes when the person was just
            seen to have it on the M1's display (then it is not asked).
        answered_means: What that display text says, in words, e.g. "the sequencer
            protect is off too".
    """

    check: str
    status: Verdict
    reason: str
    fix: str = ""
    question: str = ""
    if_not: str = ""
    answered_by: str = ""
    answered_means: str = ""

    @property
    def passed(self) -> bool:
        """True for PASS."""
        return self.status is Verdict.PASS

    def text(self) -> str:
        """Reason and fix as one paragraph."""
        return f"{self.reason} {self.fix}".strip()


def passed(
    check: str,
    reason: str,
    *,
    question: str = "",
    if_not: str = "",
    answered_by: str = "",
    answered_means: str = "",
) -> CheckResult:
    """A PASS result."""
    return CheckResult(
        check, Verdict.PASS, reason, "", question, if_not, answered_by, answered_means
    )


def failed(check: str, reason: str, fix: str) -> CheckResult:
    """A FAIL result."""
    return CheckResult(check, Verdict.FAIL, reason, fix)


def cannot_tell(check: str, reason: str, fix: str) -> CheckResult:
    """A CANNOT_TELL result."""
    return CheckResult(check, Verdict.CANNOT_TELL, reason, fix)


NO_CONNECTION = (
    "No MIDI connection is open, so the M1 could not be asked.",
    "Connect a MIDI interface both ways and run the procedure with its port (or skip "
    "this check and look on the M1's display instead).",
)


GARBLED_REASON = (
    "Something answered, but every reply arrived too damaged to read, so this cannot be told."
)
GARBLED_FIX = (
    f"The MIDI interface or a cable is losing bytes: {TEST_INTERFACE}, or try another "
    "interface; then retry."
)


def from_error(check: str, error: WizardError) -> CheckResult:
    """The result for a talk with the M1 that ended in an error.

    Damage on the line can never prove anything either way, so it is CANNOT_TELL with the
    interface advice; so is every other error a check did not expect. A check that has
    its own reading of silence handles DeviceError SILENT before calling this.
    """
    if isinstance(error, DeviceError) and error.outcome is Outcome.DAMAGED_REPLY:
        advice = ADVICE[Outcome.DAMAGED_REPLY]
        return cannot_tell(
            check,
            f"{error.message} A damaged reply proves nothing either way.",
            advice.next_action,
        )
    return cannot_tell(check, error.message, error.next_action)
