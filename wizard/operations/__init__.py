"""Backup and restore, written once for every front end: the order of their steps, the
safety rule that guards every overwrite of the M1's memory, the words the person sees at
each moment, and the record each run leaves in the unit's folder."""
