"""The terminal interface of m1-wizard (Textual): the only layer that imports textual."""
