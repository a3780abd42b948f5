"""The main window and what composes it: the workspace, menu flows, status bar, crash reports."""
