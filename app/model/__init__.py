"""Axial's domain: the project file and its services. Never imports Qt."""
