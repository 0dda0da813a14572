"""Tests of the TUI widgets, each in a small host app."""
