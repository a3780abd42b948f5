"""De-identifying a project: a pseudonym table (original -> pseudonym), the candidates it finds in every document
(listed names, their variants and misspellings, and optional patterns), applied through the position map, and a
de-identified copy that keeps no original anywhere (the originals go only to a key file the user chooses)."""
