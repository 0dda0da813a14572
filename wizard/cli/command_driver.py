"""The operations' Driver for the `backup` and `restore` commands."""

from __future__ import annotations

import sys

from wizard.cli.connection import ProgressLine
from wizard.device.progress import Progress
from wizard.device.restore import RestoreRefused
from wizard.operations import words
from wizard.operations.driver import Overwrite
from wizard.operations.records import BackupRecord


class CommandDriver:
    """The operations' Driver on a terminal: progress on one line, notices as lines, the
    overwrite question typed (or answered by --yes); the safety backup always allowed."""

    def __init__(self, yes: bool) -> None:
        self.yes = yes
        self.progress_line = ProgressLine()
        self.kept: BackupRecord | None = None

    def progress(self, progress: Progress) -> None:
        self.progress_line(progress)

    def notice(self, text: str) -> None:
        self.progress_line.finish()
        print(text)

    def allow_backup(self, question: str) -> bool:
        return True  # the command always backs up first, unless --no-backup says not to

    def backup_kept(self, record: BackupRecord) -> None:
        self.kept = record

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        self.progress_line.finish()
        print(words.overwrites(facts.what))
        if self.yes:
            return True
        if not sys.stdin.isatty():
            raise RestoreRefused(
                "Nothing was sent: the overwrite needs a confirmation and there is no "
                "terminal to ask on.",
                "Run again with --yes to confirm on the command line.",
            )
        return input("Type yes to send it now: ").strip().lower() == "yes"
