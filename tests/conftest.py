"""Shared fixtures: a private JACK server with the dummy driver for tests over real MIDI ports.

Tests that use `jack_server` are marked `jack`. Without `jackd` they skip and say why;
CI installs jackd2, so there they run. The server gets a unique name through
JACK_DEFAULT_SERVER, so it never meets another JACK server on the same machine.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

JACK_BACKEND = "mido.backends.rtmidi/UNIX_JACK"
READY_SECONDS = 15.0
STOP_SECONDS = 10.0


def _log_tail(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-15:])


def _wait_until_ready(server: subprocess.Popen[bytes], env: dict[str, str]) -> bool:
    """True once a client can connect; False if jackd died or the deadline passed."""
    jack_wait = shutil.which("jack_wait")
    if jack_wait is not None:
        # jack_wait blocks until the server answers, bounded by its own time-out.
        probe = subprocess.run(
            [jack_wait, "--wait", "--timeout", str(int(READY_SECONDS))],
            env=env,
            capture_output=True,
            check=False,
        )
        return probe.returncode == 0 and server.poll() is None
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if _client_connects(env):
            return True
        try:
            server.wait(timeout=0.1)  # bounded retry that ends at once if jackd exits
        except subprocess.TimeoutExpired:
            continue
        return False
    return False


def _client_connects(env: dict[str, str]) -> bool:
    import rtmidi

    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        probe = rtmidi.MidiOut(rtmidi.API_UNIX_JACK, "m1-wizard-probe")
    except rtmidi.SystemError:
        return False
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    probe.delete()
    return True


SERVER_NAMES = tuple(f"m1-wizard-test-{n}" for n in range(4))
"""The names the test server takes. JACK keeps a registry entry per server name in shared
memory, and a server that dies without cleaning up leaves its entry behind; only a new
server of the same name reuses it. With fresh names every session the registry fills up
(eight entries) and then no JACK server starts at all on the machine, so the tests take
one of a few fixed names, claimed with a lock while in use."""


def _claims() -> Iterator[tuple[str, IO[bytes] | None]]:
    """Free names from SERVER_NAMES, each with the open lock file that claims it (closing
    the file frees the name), then a unique name without a claim."""
    for name in SERVER_NAMES:
        claim = open(Path(tempfile.gettempdir()) / f"{name}.lock", "wb")  # noqa: SIM115
        try:
            fcntl.flock(claim.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            claim.close()
            continue
        yield name, claim
    yield f"m1-wizard-test-{os.getpid()}-{uuid.uuid4().hex[:8]}", None


@pytest.fixture(scope="session")
def jack_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running JACK server (dummy driver); MIDO_BACKEND selects it for us and children.

    Yields:
        The server's name.
    """
    jackd = shutil.which("jackd")
    if jackd is None:
        pytest.skip("jackd is not installed (install jackd2); the JACK MIDI tests need it")
    for name, claim in _claims():
        env = {"JACK_DEFAULT_SERVER": name, "JACK_NO_START_SERVER": "1"}
        log = tmp_path_factory.mktemp("jack") / "jackd.log"
        with log.open("wb") as sink:
            server = subprocess.Popen(
                [jackd, "--no-realtime", "-d", "dummy", "-r", "48000", "-p", "1024"],
                env={**os.environ, **env},
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        if _wait_until_ready(server, {**os.environ, **env}):
            break
        # A server of that name left running by a killed session: try the next name.
        server.kill()
        server.wait()
        if claim is not None:
            claim.close()
        if "already active" not in _log_tail(log):
            pytest.fail(f"jackd did not start within {READY_SECONDS} s:\n{_log_tail(log)}")
    try:
        settings = {**env, "MIDO_BACKEND": JACK_BACKEND}
        saved = {key: os.environ.get(key) for key in settings}
        os.environ.update(settings)
        try:
            yield name
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if claim is not None:
            claim.close()


@pytest.fixture(autouse=True)
def _private_data_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test keeps its units' journals, backups and logs in a folder of its own, never
    in the person's data folder (commands record into the unit's folder by default)."""
    monkeypatch.setenv("M1_WIZARD_HOME", str(tmp_path_factory.mktemp("m1-wizard-home")))
    # Port lock files too (children started by a test share the test's folder).
    monkeypatch.setenv("M1_WIZARD_RUNTIME_DIR", str(tmp_path_factory.mktemp("m1-wizard-run")))
