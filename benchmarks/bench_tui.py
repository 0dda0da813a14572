"""The wizard's responsiveness: time to the first screen of `m1-wizard --demo` against a bare
Textual app's, and how fast key presses are handled while a sound bank goes into the emulated
M1 at MIDI wire speed.

Run with `uv run python -m benchmarks.bench_tui` (about two minutes; `--first-screen-only`
leaves out the key latency). It reports:

- first screen: `m1-wizard --demo` and `benchmarks/bare_app.py` (a Textual app of a Header,
  one line of text and a Footer) started in turn as processes on a pseudo-terminal
  (80 x 24), each timed from the start of the process until its first screen has written
  the word REPAIR to the terminal (the wizard's first group heading, the bare app's line);
  median, best and worst of several starts of each, and the ratio of the medians
  (demo / bare; target <= 1.25: what the wizard adds to Textual's own start-up); also the
  processor time each used until then (from /proc), whose ratio other programs on the
  machine disturb less;
- key latency: the demo, headless through `App.run_test`, runs "Load the factory sounds"
  against the emulated M1 with real timing; while the 37,709-byte bank is on its way in,
  the MIDI log key (m) is pressed every 0.2 s and the time from posting the key to the
  end of its action is measured; median and 95th percentile (target: median < 50 ms).
  The number of progress redraws per second during the send is reported too.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot

from wizard.device.progress import Phase, Progress
from wizard.emulator import Timing
from wizard.tui.app import WizardApp
from wizard.tui.launch import Launch
from wizard.tui.screens.file_choice import FileScreen
from wizard.tui.screens.overwrite import OverwriteScreen
from wizard.tui.screens.step import StepScreen
from wizard.tui.widgets.action_bar import ActionBar

FIRST_SCREEN_RATIO_TARGET = 1.25
LATENCY_TARGET = 0.050
STARTS = 9
HOME_MARKER = b"REPAIR"
"""Written once the home screen's procedure list is drawn (and the bare app's one line)."""
PRESS_EVERY = 0.2
QUIT_KEY = b"\x11"  # ctrl+q
ROOT = Path(__file__).resolve().parent.parent
DEMO_COMMAND = (str(Path(sys.executable).parent / "m1-wizard"), "--demo")
BARE_COMMAND = (sys.executable, str(Path(__file__).resolve().parent / "bare_app.py"))


def cpu_seconds(pid: int) -> float | None:
    """The processor time (user + system, all threads) process `pid` has used so far, read
    from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_screen_seconds(command: tuple[str, ...]) -> tuple[float, float | None]:
    """Start `command` on an 80 x 24 pseudo-terminal and time it until its first screen
    has written `HOME_MARKER`; then quit it with ctrl+q. Returns the seconds it took and
    the processor seconds it used until then (steadier on a busy machine; None without
    /proc)."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdin=child, stdout=child, stderr=child, env=env, cwd=ROOT
    )
    os.close(child)
    seen = b""
    try:
        while HOME_MARKER not in seen:
            ready, _, _ = select.select([main], [], [], 10.0)
            if not ready:
                raise RuntimeError(f"{command[-1]}: no first screen within 10 s")
            seen += os.read(main, 65536)
        elapsed = time.perf_counter() - start
        used = cpu_seconds(process.pid)
        os.write(main, QUIT_KEY)
        drain_until_exit(main, process)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    return elapsed, used


def drain_until_exit(main: int, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Read what the program still writes until it has exited, as a terminal would: a
    program that finds the pseudo-terminal full blocks in its write and never sees the quit
    key."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError(f"{process.args!r}: still running {timeout:.0f} s after ctrl+q")
        ready, _, _ = select.select([main], [], [], min(left, 0.1))
        if ready:
            try:
                os.read(main, 65536)
            except OSError:  # the program closed its end: it is exiting
                process.wait(timeout=left)


class Timed:
    """Records when the MIDI log key's action ran, and the progress redraws."""

    def __init__(self) -> None:
        self.handled: list[float] = []
        self.redraws: list[float] = []


async def answer_until_sending(pilot: Pilot[Any], screen: StepScreen) -> None:
    """Answer every question as a person would until the bank is being sent."""
    app = pilot.app
    seen = 0
    while True:
        view = screen.questions.transfer
        progress = view.progress
        if view.display and progress is not None and progress.phase is Phase.SEND:
            return
        if isinstance(app.screen, FileScreen):
            await pilot.click("#file-send")
        elif isinstance(app.screen, OverwriteScreen):
            await pilot.click("#overwrite-yes")
        else:
            bar = screen.query_one(ActionBar)
            if bar.pending and bar.asked > seen:
                seen = bar.asked
                await pilot.click("#act-yes")
        await pilot.pause(0.05)


async def key_latencies() -> tuple[list[float], float]:
    """Press m during the send; returns the latencies and the progress redraws per second."""
    timed = Timed()
    with tempfile.TemporaryDirectory() as folder:
        launch = Launch(
            home=Path(folder),
            unit="bench",
            demo="factory",
            procedure="factory-restore",
            connect_at_start=True,
            timing=Timing.real(),
        )
        app = WizardApp(launch)
        async with app.run_test(size=(80, 24)) as pilot:
            while not isinstance(app.screen, StepScreen):
                await pilot.pause(0.05)
            screen = app.screen
            toggle = screen.action_toggle_midi
            show = screen.questions.show_progress

            def toggled() -> None:
                toggle()
                timed.handled.append(time.perf_counter())

            def shown(progress: Progress) -> None:
                show(progress)
                timed.redraws.append(time.perf_counter())

            screen.action_toggle_midi = toggled  # type: ignore[method-assign]
            screen.questions.show_progress = shown  # type: ignore[method-assign]
            await answer_until_sending(pilot, screen)
            latencies: list[float] = []
            began = time.perf_counter()
            while (progress := screen.questions.transfer.progress) is not None and (
                progress.phase is Phase.SEND and progress.done < progress.total
            ):
                before = len(timed.handled)
                posted = time.perf_counter()
                app.post_message(events.Key("m", "m"))
                while len(timed.handled) == before:
                    await asyncio.sleep(0.001)
                latencies.append(timed.handled[-1] - posted)
                await asyncio.sleep(PRESS_EVERY)
            ended = time.perf_counter()
            await app.action_quit()
    during = [t for t in timed.redraws if began <= t <= ended]
    return latencies, len(during) / max(ended - began, 1e-9)


def first_screens() -> float:
    """Time the demo's and the bare app's first screens, print both and their ratio;
    returns the ratio of the medians (demo / bare)."""
    runs: dict[str, list[tuple[float, float | None]]] = {"demo": [], "bare": []}
    # In turn, so that a change in the machine's load falls on both alike.
    for _ in range(STARTS):
        runs["demo"].append(first_screen_seconds(DEMO_COMMAND))
        runs["bare"].append(first_screen_seconds(BARE_COMMAND))
    walls: dict[str, float] = {}
    cpus: dict[str, float] = {}
    for key, name in (("demo", "m1-wizard --demo"), ("bare", "bare Textual app")):
        starts = sorted(wall for wall, _ in runs[key])
        walls[key] = statistics.median(starts)
        used = [cpu for _, cpu in runs[key] if cpu is not None]
        cpu_note = ""
        if used:
            cpus[key] = statistics.median(used)
            cpu_note = f"; processor time median {cpus[key] * 1000:.0f} ms"
        print(
            f"first screen of {name}: median {walls[key] * 1000:.0f} ms "
            f"(best {starts[0] * 1000:.0f}, worst {starts[-1] * 1000:.0f}; {STARTS} starts"
            f"{cpu_note})"
        )
    ratio = walls["demo"] / walls["bare"]
    print(f"first screen, demo / bare: {ratio:.2f} (target <= {FIRST_SCREEN_RATIO_TARGET:.2f})")
    if len(cpus) == 2:
        print(f"processor time to the first screen, demo / bare: {cpus['demo'] / cpus['bare']:.2f}")
    return ratio


def main(argv: list[str] | None = None) -> int:
    """Run both measurements and print them; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_tui")
    parser.add_argument(
        "--first-screen-only", action="store_true", help="skip the key latency (a minute)"
    )
    args = parser.parse_args(argv)
    ratio = first_screens()
    if args.first_screen_only:
        return 1 if ratio > FIRST_SCREEN_RATIO_TARGET else 0
    latencies, redraw_rate = asyncio.run(key_latencies())
    if not latencies:
        print("key latency: the send ended before a key could be pressed")
        return 1
    ordered = sorted(latencies)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"key latency during a wire-speed send: median {median * 1000:.1f} ms, "
        f"95th percentile {p95 * 1000:.1f} ms, worst {ordered[-1] * 1000:.1f} ms "
        f"({len(ordered)} presses; target median < {LATENCY_TARGET * 1000:.0f} ms)"
    )
    print(f"progress redraws during the send: {redraw_rate:.1f} per second")
    missed = ratio > FIRST_SCREEN_RATIO_TARGET or median >= LATENCY_TARGET
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
