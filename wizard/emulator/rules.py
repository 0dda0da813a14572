"""The emulated M1's answer to one incoming message: the rules of m1-sysex.md §5.6, with
the request table of §2.2 and the mode table of §2.5."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.emulator.behaviour import Behaviour
from wizard.emulator.dumps import (
    BANK_DUMPS,
    EDIT_DUMPS,
    bank_dump,
    edit_dump,
    mode_data,
    readable_memory,
)
from wizard.emulator.incoming_data import (
    StatusReply,
    load_bank,
    load_edit_buffer,
    parse_korg,
    write,
)
from wizard.emulator.selection import (
    COMBINATION_MODES,
    PROGRAM_MODES,
    enter_mode,
    select_combination,
    select_program,
)
from wizard.emulator.state import M1State
from wizard.m1.constants import (
    ALL_CALL_DEVICE,
    FORMAT_BASE,
    GENERAL_INFORMATION,
    IDENTITY_REQUEST,
    KORG_ID,
    M1_MODEL_ID,
    SYSEX_END,
    SYSEX_START,
    UNIVERSAL_NON_REALTIME,
    Function,
    Mode,
)
from wizard.m1.messages import (
    REQUEST_FUNCTIONS,
    IdentityReply,
    KorgMessage,
    ModeChange,
    Request,
    Status,
)
from wizard.m1.parse import IDENTITY_REQUEST_LENGTH, peek

FIRST_REALTIME = 0xF8  # MIDI realtime bytes F8-FF may sit inside any message (§5.4)
PROGRAM_CHANGE = 0xC0
WRITE_FUNCTIONS = frozenset({Function.PROGRAM_WRITE, Function.COMBINATION_WRITE})
NAME_REQUESTS = frozenset({Function.DRUM_SOUND_NAMES_REQUEST, Function.MULTISOUND_NAMES_REQUEST})


@dataclass(frozen=True)
class Outgoing:
    """One complete message the M1 sends in answer, before faults and timing."""

    data: bytes
    after_bulk_load: bool = False


def strip_realtime(data: bytes) -> bytes:
    """`data` without realtime bytes, which the M1 takes apart from the message (§5.4)."""
    return bytes(b for b in data if b < FIRST_REALTIME)


def respond(state: M1State, behaviour: Behaviour, data: bytes) -> list[Outgoing]:
    """Act on one message from the host and return what the M1 sends back.

    Args:
        state: The M1; loads, writes, mode and program changes modify it.
        behaviour: Choices for what the documentation leaves open.
        data: One complete message as it arrived (after input faults).

    Returns:
        The answers in the order they go out; empty when the M1 stays silent.
    """
    data = strip_realtime(data)
    if len(data) == 2 and data[0] & 0xF0 == PROGRAM_CHANGE:
        return _program_change(state, behaviour, data)
    if len(data) < 2 or data[0] != SYSEX_START:
        return []
    if state.sequencer_running:  # rule 3: no SysEx while the sequencer plays or records
        return []
    if data[1] == UNIVERSAL_NON_REALTIME:
        return _identity(state, behaviour, data)
    if not _addressed(data, state.global_channel) or not state.excl_enabled:
        return []  # rules 1 and 2: another channel or EXCL = DIS means silence
    outcome = _korg(state, behaviour, data)
    if isinstance(outcome, StatusReply):
        status = Status(state.global_channel, outcome.status).to_bytes()
        return [Outgoing(status, outcome.after_bulk_load)]
    if outcome is None:
        return []
    return [Outgoing(outcome.to_bytes())]


def _addressed(data: bytes, channel: int) -> bool:
    return (
        len(data) >= 6
        and data[1] == KORG_ID
        and data[2] == FORMAT_BASE + channel - 1
        and data[3] == M1_MODEL_ID
        and data[-1] == SYSEX_END
    )


def _identity(state: M1State, behaviour: Behaviour, data: bytes) -> list[Outgoing]:
    """Rule 1's second half: `F0 7E (g|7F) 06 01 F7`; EXCL = DIS silences it by default."""
    channel = state.global_channel
    if (
        len(data) != IDENTITY_REQUEST_LENGTH
        or data[3] != GENERAL_INFORMATION
        or data[4] != IDENTITY_REQUEST
        or data[5] != SYSEX_END
    ):
        return []
    if data[2] not in (channel - 1, ALL_CALL_DEVICE):
        return []
    if not state.excl_enabled and not behaviour.identity_when_excl_disabled:
        return []
    version = bytes((behaviour.rom_number, 0, behaviour.soft_version, 0))
    return [Outgoing(IdentityReply(channel, version=version).to_bytes())]


def _korg(state: M1State, behaviour: Behaviour, data: bytes) -> StatusReply | KorgMessage | None:
    header = peek(data)
    function = header.function
    if function is None:
        return None  # an unknown function code is ignored [I]
    if function in REQUEST_FUNCTIONS:
        return _request(state, data)
    if function in EDIT_DUMPS:
        return load_edit_buffer(state, behaviour, data)
    if function in BANK_DUMPS:
        return load_bank(state, behaviour, data, header)
    if function in WRITE_FUNCTIONS:
        return write(state, behaviour, data)
    if function is Function.MODE_CHANGE:
        return _mode_change(state, behaviour, data)
    # 41 PARAMETER CHANGE: page/position numbering is unknown (§9 item 3), so it is
    # ignored; everything else is a message only the M1 transmits.
    return None


def _request(state: M1State, data: bytes) -> StatusReply | KorgMessage:
    """Rule 4 and rule 7's first half: answer with the dump, MODE DATA, or 24."""
    channel = state.global_channel
    message = parse_korg(data)
    if not isinstance(message, Request):
        return StatusReply(Function.FORMAT_ERROR)
    function = message.request
    if function is Function.MODE_REQUEST:
        return mode_data(state, channel)
    if function is Function.PROGRAM_REQUEST:
        if state.mode not in PROGRAM_MODES:
            return StatusReply(Function.LOAD_ERROR)
        return edit_dump(state, Function.PROGRAM_DUMP, channel)
    if function is Function.COMBINATION_REQUEST:
        if state.mode not in COMBINATION_MODES:
            return StatusReply(Function.LOAD_ERROR)
        return edit_dump(state, Function.COMBINATION_DUMP, channel)
    if function in NAME_REQUESTS or message.bank is None:
        # PCM-card name dumps have no known format (§9 item 12): the emulated M1
        # answers as if no PCM card could be read.
        return StatusReply(Function.LOAD_ERROR)
    memory = readable_memory(state, message.bank)
    if memory is None:
        return StatusReply(Function.LOAD_ERROR)
    return bank_dump(memory, message.reply_function, message.bank, channel)


def _mode_change(state: M1State, behaviour: Behaviour, data: bytes) -> StatusReply | None:
    """Rule 7's second half: 4E switches among the remote modes and is never answered.

    NOTE 2 reads "b = 0: change the mode, 1: don't change", so b = 1 leaves the mode alone.
    """
    message = parse_korg(data)
    if not isinstance(message, ModeChange):
        return StatusReply(Function.FORMAT_ERROR)
    try:
        mode = Mode(message.mode)
    except ValueError:
        return None
    if mode in behaviour.remote_modes and message.flag == 0:
        enter_mode(state, mode)
    return None


def _program_change(state: M1State, behaviour: Behaviour, data: bytes) -> list[Outgoing]:
    """Rule 8: a Program Change on the global channel selects a program or combination.

    With the switch on and EXCL ENA the M1 confirms with 23, or 24 when the number does
    not exist or the mode has nothing to select.
    """
    if data[0] & 0x0F != state.global_channel - 1 or not state.program_change_enabled:
        return []
    number = data[1]
    if state.mode in PROGRAM_MODES:
        selected = select_program(state, number)
    elif state.mode in COMBINATION_MODES:
        selected = select_combination(state, number)
    else:
        selected = False
    if not (behaviour.program_change_reply and state.excl_enabled):
        return []
    status = Function.LOAD_COMPLETED if selected else Function.LOAD_ERROR
    return [Outgoing(Status(state.global_channel, status).to_bytes())]
