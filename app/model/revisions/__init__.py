"""Revising a document's text after coding has started: the one position map every stored position moves
through, aligning a corrected transcript with the text it replaces, and placing codings on the new text."""
