"""Commands against `m1-wizard emulate` processes that come and go on one JACK server:
`--port` reaches the M1 it names, and loopback never passes on its own echo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.emulator_process import running_emulator
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
