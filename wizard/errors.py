"""The project's error hierarchy: every error a person can see says what to do next."""

from __future__ import annotations


class WizardError(Exception):
    """Base of every error m1-wizard raises on purpose.

    Args:
        message: One plain sentence saying what went wrong.
        next_action: One plain sentence saying what the person should do now.
    """

    def __init__(self, message: str, next_action: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.next_action = next_action

    def __str__(self) -> str:
        if self.next_action:
            return f"{self.message} {self.next_action}"
        return self.message


class ProtocolError(WizardError):
    """Something about M1 system-exclusive data is wrong."""


class BuildError(ProtocolError):
    """We were asked to build a message that cannot exist (a bug on our side or bad input)."""


class ParseError(ProtocolError):
    """Bytes from a file or from the synth are not a valid M1 message.

    Args:
        message: What is wrong with the bytes.
        next_action: What to do about it.
        offset: Byte offset of the problem inside the message, when known.
    """

    def __init__(self, message: str, next_action: str = "", offset: int | None = None) -> None:
        super().__init__(message, next_action)
        self.offset = offset


class FileFormatError(ProtocolError):
    """A whole file cannot be read as M1 data (empty, too large, not sysex at all)."""


class TransportError(WizardError):
    """Talking to a MIDI port failed."""


class ProcedureError(WizardError):
    """A procedure file is wrong; carries the place in the file.

    Args:
        message: What is wrong.
        path: The file.
        line: 1-based line, or 0 when unknown.
        column: 1-based column, or 0 when unknown.
        next_action: What to do about it (often a "did you mean" hint).
    """

    def __init__(
        self, message: str, path: str = "", line: int = 0, column: int = 0, next_action: str = ""
    ) -> None:
        super().__init__(message, next_action)
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}: " if self.path else ""
        hint = f" {self.next_action}" if self.next_action else ""
        return f"{where}{self.message}{hint}"
