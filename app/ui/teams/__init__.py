"""The desktop's team work: merging a coder's copy back, after a preview."""
