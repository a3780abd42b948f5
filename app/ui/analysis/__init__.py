"""The desktop's analysis views: matrices as heat maps and the excerpts behind a cell."""
