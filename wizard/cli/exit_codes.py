"""Exit codes of `m1-wizard`, as `--help` and the README document them."""

OK = 0
FAILED = 1  # the M1 refused, verification failed, or the file has errors
USAGE = 2
NO_DEVICE = 3  # nothing answered, or a timeout
