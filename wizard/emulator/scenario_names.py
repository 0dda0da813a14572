"""The names of the emulator's ready-made states, apart from the code that builds them, so
that a command line can offer them as choices without building anything."""

FACTORY = "factory"
"""A freshly restored unit: factory-like sounds."""
BATTERY_DEAD = "battery-dead"
"""A unit whose memory was just lost to a dead battery."""
USED = "used"
"""A stranger's used M1 with its own sounds and songs."""
SCENARIOS = (FACTORY, BATTERY_DEAD, USED)
"""Every scenario, in the order the command line lists them (the first is the default)."""
