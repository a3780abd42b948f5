"""Searching every document of the project for what a query says."""
