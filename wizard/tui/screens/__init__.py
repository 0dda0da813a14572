"""The wizard's screens, one per module."""
