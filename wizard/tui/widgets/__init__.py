"""Reusable widgets of the wizard's screens, one per module, each imported from its own
module so that a screen loads only the widgets it shows (the home screen needs only the
title bar): the title bar, the action bar, the M1 view with its display (`lcd`) and drawn
front panel, the transfer view, the MIDI log, the step list and a check's verdict."""
