"""The soak's second clients and its hang bound: replies reach every client of a shared M1,
a second m1-wizard run on the same ports is refused with the lock's sentence, another
program's traffic really reaches the M1, and a cycle past its bound is counted and woken."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.soak_clients import SecondKind, alongside, deadline
from tests.device.helpers import ready_state
from tests.reliability.shared_m1 import SharedM1
from wizard.emulator import M1Emulator, Timing
from wizard.errors import TransportError
from wizard.m1 import IdentityRequest
from wizard.transport.port_lock import RUNTIME_VARIABLE

IDENTITY_REPLY_START = bytes.fromhex("F0 7E 00 06 02 42 19 00")


def shared_m1() -> SharedM1:
    return SharedM1(M1Emulator(ready_state("factory"), timing=Timing.instant()))


def test_every_client_hears_the_reply_one_of_them_asked_for() -> None:
    shared = shared_m1()
    asking, listening = shared.client(), shared.client()
    asking.send(IdentityRequest().to_bytes())
    heard = [asking.receive(1.0), listening.receive(1.0)]
    assert [reply[:8] if reply else None for reply in heard] == [IDENTITY_REPLY_START] * 2


def test_a_client_that_left_hears_nothing_more() -> None:
    shared = shared_m1()
    asking, gone = shared.client(), shared.client()
    gone.close()
    asking.send(IdentityRequest().to_bytes())
    assert asking.receive(1.0) is not None
    with pytest.raises(TransportError):
        gone.receive(0.0)


def test_a_second_run_on_the_same_ports_is_refused_with_the_locks_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RUNTIME_VARIABLE, str(tmp_path))
    shared = shared_m1()
    first = shared.client()
    with alongside(SecondKind.LOCKED_OUT, shared, first.ports, bound=10.0) as second:
        pass
    assert second.refusal == (
        f"Another m1-wizard run (process {os.getpid()}) is using the MIDI input port "
        '"M1 emulator (in-process)"; two runs at once would mix up their messages.'
    )
    assert (second.problems, second.hung) == ([], False)


def test_another_programs_requests_reach_the_m1_and_its_replies_reach_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RUNTIME_VARIABLE, str(tmp_path))
    shared = shared_m1()
    first = shared.client()
    with alongside(SecondKind.OTHER_PROGRAM, shared, first.ports, bound=10.0) as second:
        heard = first.receive(5.0)  # the first run asked nothing: this is the other's reply
    assert heard is not None and heard[:8] == IDENTITY_REPLY_START
    assert second.rounds >= 1 and not second.hung


def test_a_cycle_past_its_bound_counts_as_a_hang_and_is_woken() -> None:
    link = shared_m1().client()
    stuck: list[str] = []
    with (
        deadline(0.05, link.close, lambda: stuck.append("gave up")) as limit,
        pytest.raises(TransportError),
    ):
        link.receive(60.0)  # nothing was asked: only the deadline ends this wait
    assert limit.passed
    assert stuck == []


def test_a_cycle_within_its_bound_is_left_alone() -> None:
    link = shared_m1().client()
    with deadline(60.0, link.close, lambda: None) as limit:
        link.send(IdentityRequest().to_bytes())
        assert link.receive(1.0) is not None
    assert not limit.passed
