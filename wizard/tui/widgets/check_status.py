"""A live check's result on the step screen: running, passed, failed or cannot tell, with
the reason and the fix, in the colour of the verdict."""

from __future__ import annotations

from enum import Enum

from textual.content import Content
from textual.widgets import Static


class CheckState(Enum):
    """A check's state; the values of the three verdicts are the engine's spellings, so a
    result's status converts with `CheckState(status.value)`."""

    RUNNING = "running"
    PASS = "pass"
    FAIL = "fail"
    CANNOT_TELL = "cannot-tell"
    CANCELLED = "cancelled"
    NOT_NOW = "not-now"
    ANSWERED_NO = "answered-no"  # the person's answer, not a fault: advice follows


HEADINGS = {
    CheckState.RUNNING: "… Checking",
    CheckState.PASS: "✓ Passed",
    CheckState.FAIL: "✗ Failed",
    CheckState.CANNOT_TELL: "? Cannot tell",
    CheckState.CANCELLED: "■ Cancelled",
    CheckState.NOT_NOW: "■ Not now",
    CheckState.ANSWERED_NO: "You answered no",
}
"""Words (and a sign, for people who cannot tell the colours apart) per state."""


def status_content(state: CheckState, reason: str = "", fix: str = "") -> Content:
    """The heading with the reason after it, and the fix on a line of its own.

    Args:
        state: The check's state.
        reason: What was found (or, while running, what is being asked).
        fix: What to do; shown for any state that has one.
    """
    first = Content.styled(HEADINGS[state], "bold")
    if reason:
        first += Content(f": {reason}")
    if not fix:
        return first
    return first + Content("\n") + Content.styled("What to do: ", "bold") + Content(fix)


class CheckStatus(Static):
    """One check's verdict, coloured: green pass, red fail, amber cannot tell, plain while
    running. Text from the M1 or a procedure is shown as it is, never read as markup.

    Args:
        state: The state to start in.
        reason: What was found.
        fix: What to do about it.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    CheckStatus {
        height: auto;
        width: 1fr;
        padding: 0 1;
        border-left: thick $primary;
        background: $primary-muted;
    }
    CheckStatus.-pass {
        border-left: thick $success;
        background: $success-muted;
    }
    CheckStatus.-fail {
        border-left: thick $error;
        background: $error-muted;
    }
    CheckStatus.-cannot-tell, CheckStatus.-answered-no {
        border-left: thick $warning;
        background: $warning-muted;
    }
    """

    def __init__(
        self,
        state: CheckState = CheckState.RUNNING,
        reason: str = "",
        fix: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._state = state
        self.show(state, reason, fix)

    @property
    def state(self) -> CheckState:
        """The state on show."""
        return self._state

    def show(self, state: CheckState, reason: str = "", fix: str = "") -> None:
        """Show a new state with its reason and fix."""
        self._state = state
        for kind in CheckState:
            self.set_class(kind is state, f"-{kind.value}")
        self.update(status_content(state, reason, fix))
