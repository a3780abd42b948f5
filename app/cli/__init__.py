"""The `axial` command line, over the same domain the desktop uses."""
