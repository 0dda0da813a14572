"""Typed M1 system-exclusive messages that build to bytes and parse back (m1-sysex.md §1-§2).

Every class is a frozen dataclass with `to_bytes()`; `parse()` (in `wizard.m1.parse`) turns
one complete F0...F7 message into the matching class and raises only `ParseError`. The
classes live in `message_base` (header, identity), `control` (short messages) and `dumps`
(sound data); this module gathers them under one name.
"""

from wizard.m1.control import (
    ModeChange,
    ModeData,
    OpaqueKorgMessage,
    ParameterChange,
    Request,
    Status,
    WriteRequest,
)
from wizard.m1.dumps import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    ProgramDump,
    SequenceDump,
)
from wizard.m1.message_base import (
    BANKED_REQUESTS,
    CARD_STATUS_BITS,
    KORG_HEADER_LENGTH,
    REPLY_TO_REQUEST,
    REQUEST_FUNCTIONS,
    IdentityReply,
    IdentityRequest,
    KorgMessage,
    Message,
    allocation_byte,
    check_channel,
    data_byte,
    korg_header,
)

__all__ = [
    "BANKED_REQUESTS",
    "CARD_STATUS_BITS",
    "KORG_HEADER_LENGTH",
    "REPLY_TO_REQUEST",
    "REQUEST_FUNCTIONS",
    "AllCombinationsDump",
    "AllDataDump",
    "AllProgramsDump",
    "CombinationDump",
    "GlobalDump",
    "IdentityReply",
    "IdentityRequest",
    "KorgMessage",
    "Message",
    "ModeChange",
    "ModeData",
    "OpaqueKorgMessage",
    "ParameterChange",
    "ProgramDump",
    "Request",
    "SequenceDump",
    "Status",
    "WriteRequest",
    "allocation_byte",
    "check_channel",
    "data_byte",
    "korg_header",
]
