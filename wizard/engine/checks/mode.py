"""Live checks read from MODE DATA (12 -> 42, m1-sysex.md §2.4): `allocation_is`,
`card_present` and `card_writable`.

MODE DATA byte 2 is the memory allocation (NOTE 3-2); byte 3 is the program-card status
`00ll 00kk` (NOTE 4): ll = 0 no usable card (kk: 0 none, 1 foreign ROM card, 2 unformatted
RAM card), 1 ROM card, 2 RAM card with write protect off, 3 RAM card with it on.
"""

from __future__ import annotations

from collections.abc import Mapping

from wizard.device.outcomes import ALLOCATION_50_KEYS, ALLOCATION_100_KEYS
from wizard.engine.checks.asking import failure, mode_data, unsolicited_count
from wizard.engine.checks.result import CheckResult, cannot_tell, failed, passed
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.m1 import ModeData
from wizard.m1.constants import Allocation
from wizard.procedure.model import ParamValue

SILENT_REASON = "The M1 did not answer the MODE REQUEST, so this cannot be told."
SILENT_FIX = (
    "Make sure the M1 answers over MIDI (the m1_responds check), then retry; or look at "
    "the M1's display instead and skip this check."
)
CARD_STATUS_BITS = 0x33  # §2.4 NOTE 4: only bits 00ll 00kk are defined
NO_CARD_FIX = "Insert the card into the PROGRAM card slot (the top slot), label up, then retry."
PROTECT_SWITCH_FIX = (
    'Take the card out, slide its write-protect switch to "OFF", put it back, then retry.'
)


def _ask(name: str, session: Session) -> ModeData | CheckResult:
    before = unsolicited_count(session)
    try:
        return mode_data(session)
    except WizardError as error:
        return failure(name, session, error, before, (SILENT_REASON, SILENT_FIX))


def allocation_is(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when MODE DATA reports the allocation `params["allocation"]` ("100/100" or
    "50/50")."""
    name = "allocation_is"
    wanted_text = str(params.get("allocation", "100/100"))
    wanted = next((a for a in Allocation if a.short == wanted_text), None)
    if wanted is None:
        return cannot_tell(
            name,
            f"The procedure asks for a memory allocation of {wanted_text!r}, which the M1 "
            "does not have.",
            "Report this procedure file: the allocation must be 100/100 or 50/50.",
        )
    data = _ask(name, session)
    if isinstance(data, CheckResult):
        return data
    found = data.allocation_value
    if found is None:
        return cannot_tell(
            name,
            f"The M1 reported an allocation byte of {data.allocation:#04x}, which no "
            "document explains.",
            "Look at GLOBAL page 6 on the M1's display to see the allocation.",
        )
    if found is wanted:
        return passed(name, f"The memory allocation is {found.short} ({found.label}).")
    keys = ALLOCATION_100_KEYS if wanted is Allocation.P100_C100 else ALLOCATION_50_KEYS
    return failed(
        name,
        f"The memory allocation is {found.short}, but {wanted.short} is needed.",
        f"Back up the M1 first, then set the allocation on the M1 ({keys}) and retry; "
        "changing it can erase sequencer songs and programs 50-99.",
    )


def _card_bits(data: ModeData) -> tuple[int, int] | None:
    if data.card & ~CARD_STATUS_BITS:
        return None
    return (data.card >> 4) & 3, data.card & 3


def card_present(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when a card (of any kind) is in the program-card slot."""
    name = "card_present"
    data = _ask(name, session)
    if isinstance(data, CheckResult):
        return data
    bits = _card_bits(data)
    if bits is None:
        return cannot_tell(
            name,
            f"The M1 reported a card state of {data.card:#04x}, which no document explains.",
            "Look at the M1's display after pressing CARD to see whether it finds the card.",
        )
    if bits == (0, 0):
        return failed(name, "No card is in the program-card slot.", NO_CARD_FIX)
    return passed(name, f"The slot holds {data.card_label}.")


def card_writable(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS for a RAM card whose write-protect switch is off."""
    name = "card_writable"
    data = _ask(name, session)
    if isinstance(data, CheckResult):
        return data
    bits = _card_bits(data)
    if bits is None:
        return cannot_tell(
            name,
            f"The M1 reported a card state of {data.card:#04x}, which no document explains.",
            "Look at the card's write-protect switch: it must be OFF.",
        )
    kind, form = bits
    if kind == 2:
        return passed(name, f"The slot holds {data.card_label}: it can be written.")
    if kind == 3:
        return failed(name, "The RAM card's write-protect switch is ON.", PROTECT_SWITCH_FIX)
    if kind == 1:
        return failed(
            name,
            "The card in the slot is a ROM card, which cannot be written.",
            "Insert an MCR-03 RAM card instead, then retry.",
        )
    if form == 2:
        return cannot_tell(
            name,
            "The RAM card is not formatted for the M1, and the M1 reports the "
            "write-protect switch only for formatted cards.",
            'Check that the card\'s write-protect switch is "OFF" before formatting it.',
        )
    if form == 1:
        return failed(
            name,
            "The card in the slot is a ROM card the M1 cannot use.",
            "Insert an MCR-03 RAM card instead, then retry.",
        )
    return failed(name, "No card is in the program-card slot.", NO_CARD_FIX)
