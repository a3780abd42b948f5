"""Developer tools run from the source tree; not part of the installed package."""
