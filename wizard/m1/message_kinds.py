"""The names of M1 message kinds, as reports, JSON output and backup manifests write them."""

from __future__ import annotations

from enum import StrEnum

from wizard.m1.constants import Function


class MessageKind(StrEnum):
    """What a message is, by name.

    The values are written into `m1-wizard inspect --json` and into backup manifests, so
    they never change; a StrEnum compares equal to its value and serialises as it.
    """

    OTHER = "other"
    IDENTITY_REQUEST = "identity_request"
    IDENTITY_REPLY = "identity_reply"
    REQUEST = "request"
    STATUS = "status"
    MODE_DATA = "mode_data"
    MODE_CHANGE = "mode_change"
    WRITE_REQUEST = "write_request"
    PARAMETER_CHANGE = "parameter_change"
    PROGRAM = "program"
    COMBINATION = "combination"
    ALL_PROGRAMS = "all_programs"
    ALL_COMBINATIONS = "all_combinations"
    GLOBAL = "global"
    SEQUENCE = "sequence"
    ALL_DATA = "all_data"

    @property
    def words(self) -> str:
        """The kind in plain words ("all data", "identity reply")."""
        return self.value.replace("_", " ")


# Kinds whose messages carry sounds, songs or global settings: what a restore sends.
DUMP_KINDS = frozenset(
    {
        MessageKind.ALL_DATA,
        MessageKind.ALL_PROGRAMS,
        MessageKind.ALL_COMBINATIONS,
        MessageKind.GLOBAL,
        MessageKind.SEQUENCE,
        MessageKind.PROGRAM,
        MessageKind.COMBINATION,
    }
)

# The kind a message's function code alone tells (`wizard.m1.parse.peek`); every other
# function, requests and status replies included, peeks as OTHER.
KIND_BY_FUNCTION: dict[Function, MessageKind] = {
    Function.ALL_DATA_DUMP: MessageKind.ALL_DATA,
    Function.ALL_PROGRAMS_DUMP: MessageKind.ALL_PROGRAMS,
    Function.ALL_COMBINATIONS_DUMP: MessageKind.ALL_COMBINATIONS,
    Function.GLOBAL_DUMP: MessageKind.GLOBAL,
    Function.SEQUENCE_DUMP: MessageKind.SEQUENCE,
    Function.PROGRAM_DUMP: MessageKind.PROGRAM,
    Function.COMBINATION_DUMP: MessageKind.COMBINATION,
    Function.MODE_DATA: MessageKind.MODE_DATA,
}
