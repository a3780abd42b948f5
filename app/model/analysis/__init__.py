"""Analysis: code frequencies, co-occurrence and code-by-attribute matrices."""
