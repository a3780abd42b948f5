"""Documents: reading transcripts in every format, importing them, their speakers and their text's units."""
