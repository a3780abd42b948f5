"""The `axial` command's entry point in a frozen bundle."""

import sys

from app.cli import main

sys.exit(main())
