"""The step list: markers, the current step, and clicks that change nothing."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.tui.widgets.hosts import SIZE, WidgetHost, text_of
from wizard.tui.widgets.step_list import StepList, StepMark

TITLES = ("Back up the M1", "Replace the battery", "Enable MIDI", "Send the factory sounds")


def rows(steps: StepList) -> list[str]:
    return [text_of(row) for row in steps.query(".step").results(Static)]


async def test_markers_for_done_current_and_next() -> None:
    steps = StepList(TITLES, current=2)
    async with WidgetHost(steps).run_test(size=SIZE):
        assert rows(steps) == [
            "✓ Back up the M1",
            "✓ Replace the battery",
            "▶ Enable MIDI",
            "· Send the factory sounds",
        ]
        assert steps.border_title == "Steps · 3 of 4"
        classes = [row.classes & {"-done", "-current", "-next"} for row in steps.query(".step")]
        assert classes == [{"-done"}, {"-done"}, {"-current"}, {"-next"}]


async def test_set_current_moves_the_markers_and_past_the_end_all_are_done() -> None:
    steps = StepList(TITLES)
    async with WidgetHost(steps).run_test(size=SIZE) as pilot:
        assert steps.marks() == (StepMark.CURRENT, StepMark.NEXT, StepMark.NEXT, StepMark.NEXT)
        steps.set_current(len(TITLES))
        await pilot.pause()
        assert steps.marks() == (StepMark.DONE,) * 4
        assert steps.border_title == "Steps · all 4 done"


async def test_clicking_a_done_step_changes_nothing() -> None:
    steps = StepList(TITLES, current=3)
    async with WidgetHost(steps).run_test(size=SIZE) as pilot:
        first = steps.query(".step").first(Static)
        await pilot.click(first)
        await pilot.pause()
        assert steps.current == 3
        assert rows(steps)[0] == "✓ Back up the M1"


async def test_the_current_step_is_scrolled_into_view() -> None:
    titles = [f"Step number {n}" for n in range(60)]
    steps = StepList(titles)
    async with WidgetHost(steps).run_test(size=SIZE) as pilot:
        steps.set_current(50)
        await pilot.pause()
        current = list(steps.query(".step").results(Static))[50]
        assert steps.region.contains_region(current.region)


async def test_set_steps_replaces_the_list() -> None:
    steps = StepList(TITLES, current=1)
    async with WidgetHost(steps).run_test(size=SIZE):
        await steps.set_steps(["Only step"])
        assert rows(steps) == ["▶ Only step"]


def test_an_index_outside_the_list_is_refused() -> None:
    with pytest.raises(IndexError):
        StepList(TITLES, current=5)
    with pytest.raises(IndexError):
        StepList(TITLES).set_current(-1)
