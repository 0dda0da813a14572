"""What the wizard says about the M1's power switch during a restore: keep it on while data
goes in and while it is read back; "safe to switch off" only once the bank was read back
identical and nothing more goes into the M1 in this procedure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.helpers import factory_file
from tests.tui.person import SIZE, Person, demo_launch
from wizard.device.progress import Phase, Progress
from wizard.engine.endings import RunStatus
from wizard.tui.app import WizardApp
from wizard.tui.widgets.transfer_text import Banner
from wizard.tui.widgets.transfer_view import TransferView


async def test_safe_to_switch_off_only_after_the_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = factory_file(tmp_path, "factory-like.syx")
    shown: list[tuple[Phase, Banner, bool]] = []
    update = TransferView.update_progress

    def watched(view: TransferView, progress: Progress) -> None:
        update(view, progress)
        shown.append((progress.phase, view.banner, view.display))

    monkeypatch.setattr(TransferView, "update_progress", watched)
    launch = demo_launch(
        tmp_path / "home", "factory", procedure="factory-restore", connect_at_start=True
    )
    app = WizardApp(launch)
    notes_after_send: list[str] = []
    sent = False
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        while (kind := await person.next_question()) != "end":
            if kind != "overwrite" and person.step.kind != "transfer" and sent:
                notes_after_send.append(str(person.step_screen.query_one("#notes").render()))
            match kind:
                case "file":
                    await person.paste_path(str(bank))
                    await person.click("#file-send")
                case "overwrite":
                    await person.click("#overwrite-yes")
                    sent = True
                case "keys":
                    await person.type_keys(person.lit())
                    await person.answer("yes")
                case _:
                    await person.answer("yes")
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
    read_back = {banner for phase, banner, _ in shown if phase in (Phase.READ_BACK, Phase.COMPARE)}
    assert Banner.SAFE not in {banner for _, banner, _ in shown}
    assert Banner.READING in read_back and Banner.KEEP_ON in {b for _, b, _ in shown}
    assert Banner.READING.value == (
        "⚠  Do not switch the M1 off yet: reading the data back to compare ..."
    )
    notes = notes_after_send[0]
    assert "✓ Safe to switch the M1 off now." in notes


def test_a_verified_part_with_more_to_send_says_keep_it_on() -> None:
    from wizard.tui.widgets.transfer_text import banner_for

    done = Progress(Phase.DONE, 10, 10, 1.0)
    assert banner_for(done, was_in_flight=True, more_follows=True) is Banner.MORE_TO_SEND
    assert banner_for(done, was_in_flight=True, more_follows=False) is Banner.SAFE
    assert Banner.MORE_TO_SEND.value == (
        "⚠  This part is in the M1 and verified, but more goes into it in a later step: keep "
        "it switched on."
    )
