"""The desktop's memo panel."""
