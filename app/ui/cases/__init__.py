"""The desktop's cases: the classification sheet, its attributes, and which speaker is which case."""
