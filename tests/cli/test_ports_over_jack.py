"""Commands against `m1-wizard emulate` processes that come and go on one JACK server:
`--port` reaches the M1 it names, and loopback never passes on its own echo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.emulator_process import running_emulator
from tests.transport.test_jack_port_choice import peer
from wizard.cli import main

pytestmark = pytest.mark.jack


@pytest.fixture(autouse=True)
def _jack(jack_server: str) -> Iterator[None]:
    yield


def test_port_names_the_m1_that_answers_while_other_emulators_come_and_go(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with running_emulator("--instant") as factory:
        # The used M1 answers on channel 5, the factory one on channel 1: the answer
        # tells which one the request reached.
        with (
            running_emulator("--instant") as passing,
            running_emulator("--instant", "--scenario", "used", "--exclusive", "on") as used,
        ):
            assert passing.stop() == 0  # its ports free numbers ahead of the used M1's
            assert main(["detect", "--port", used.name]) == 0
            assert "Global MIDI channel: 5" in capsys.readouterr().out
        assert main(["detect", "--port", factory.name]) == 0
        assert "Global MIDI channel: 1" in capsys.readouterr().out


def test_loopback_through_a_device_that_echoes_nothing_reports_nothing_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with running_emulator("--instant") as first:
        with running_emulator("--instant") as passing, running_emulator("--instant") as silent:
            assert passing.stop() == 0
            code = main(["loopback", "--port", silent.name, "--size", "64"])
            out = capsys.readouterr().out
        assert first.process.poll() is None
    assert code == 3
    assert "Every byte came back unchanged" not in out
    assert out.splitlines()[1] == (
        "Nothing came back: check that a MIDI cable goes from the interface's MIDI OUT to "
        "its own MIDI IN, and that the ports chosen are that interface's."
    )


def test_a_second_run_on_the_same_m1_is_told_instead_of_mixing_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with running_emulator("--instant") as m1, peer("hold", m1.name, "holding") as other:
        code = main(["detect", "--port", m1.name])
        err = capsys.readouterr().err
        other.kill()  # SIGKILL: its lock goes with it
        assert main(["detect", "--port", m1.name]) == 0
    assert code == 3  # as for every port that cannot be opened
    assert err.startswith(
        f"m1-wizard detect: Another m1-wizard run (process {other.process.pid}) is using the "
        f'MIDI input port "'
    )
    assert err.endswith(
        '"; two runs at once would mix up their messages. Wait for that run to finish (or '
        "end it), then run this command again.\n"
    )
