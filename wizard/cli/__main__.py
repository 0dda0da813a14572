"""`python -m wizard.cli`: the same as the `m1-wizard` console script."""

import sys

from wizard.cli import main

sys.exit(main())
