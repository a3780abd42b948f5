"""Memos on the project, a document, a code or a case."""
