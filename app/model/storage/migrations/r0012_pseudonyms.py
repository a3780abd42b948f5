"""Revision 12: the project's pseudonym table for de-identification: each original (a name, a site, a programme)
and the pseudonym that replaces it. It never leaves the working project: a de-identified copy drops it, and the
originals go only to a key file the user chooses. Frozen once released."""

STATEMENTS = (
    """CREATE TABLE pseudonym (
        id INTEGER NOT NULL, guid VARCHAR(36) NOT NULL, original TEXT NOT NULL, pseudonym TEXT NOT NULL,
        kind VARCHAR NOT NULL, created_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (guid),
        CONSTRAINT uq_pseudonym_original UNIQUE (original))""",
)
