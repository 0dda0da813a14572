"""The groups the home screen lists procedures under, in a module of their own so that the
home screen can name them without importing the procedure model and its step classes."""

from __future__ import annotations

from enum import StrEnum


class Group(StrEnum):
    """Where the home screen lists a procedure."""

    REPAIR = "repair"
    SET_UP = "set-up"
    BACKUP_RESTORE = "backup-restore"
    REFERENCE = "reference"
