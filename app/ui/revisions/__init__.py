"""Revising a coded document's text from the desktop: correcting a passage, renaming a speaker label, replacing
the document with a corrected file and reviewing the codings that could not be placed automatically."""
