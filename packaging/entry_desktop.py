"""The desktop's entry point in a frozen bundle (PyInstaller freezes a script, not a console-script entry)."""

import sys

from app.__main__ import main

sys.exit(main())
