"""Codings: codes applied to spans of a document's text, one at a time or many at once."""
