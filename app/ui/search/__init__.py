"""The desktop's search panel and its results."""
