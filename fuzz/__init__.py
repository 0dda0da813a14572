"""Coverage-guided fuzz targets (atheris) for the file reader, the message parser and the
procedure loader; run them with `uv run --with atheris python -m fuzz.run`."""
