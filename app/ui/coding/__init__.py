"""Coding in the document viewer: the viewer, its highlighting and margin, quick code."""
