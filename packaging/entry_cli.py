"""The `axial` command's entry point in a frozen bundle."""

import sys

from app.cli.main import main

sys.exit(main())
