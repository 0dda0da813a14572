"""Guided procedures: the typed model and the loader that turns YAML files into it."""
