"""Revision 6: the operation log (every user action with the rows it changed, for undo, redo and audit) and
version numbers on codes and codings (so an edit replayed over a changed row is refused). Frozen: never edit.

`operation_change` keeps each changed row before and after, as a JSON object of column name to SQL literal
(SQLite's `quote()`, exact for text, blobs and reals), in the order the changes were made.
"""

STATEMENTS = (
    """CREATE TABLE operation (
        id INTEGER NOT NULL, guid VARCHAR(36) NOT NULL, name VARCHAR NOT NULL, label VARCHAR NOT NULL,
        params TEXT NOT NULL, coder VARCHAR NOT NULL, at DATETIME NOT NULL, state VARCHAR NOT NULL,
        touched TEXT NOT NULL, kept BOOLEAN NOT NULL,
        PRIMARY KEY (id), UNIQUE (guid),
        CONSTRAINT operation_state CHECK (state IN ('done', 'undone', 'discarded')))""",
    "CREATE INDEX ix_operation_state ON operation (state)",
    """CREATE TABLE operation_change (
        id INTEGER NOT NULL, operation_id INTEGER NOT NULL, tbl VARCHAR NOT NULL, before TEXT, after TEXT,
        PRIMARY KEY (id),
        FOREIGN KEY(operation_id) REFERENCES operation (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_operation_change_operation_id ON operation_change (operation_id)",
    """CREATE TABLE operation_step (
        id INTEGER NOT NULL, operation_id INTEGER NOT NULL, kind VARCHAR NOT NULL, coder VARCHAR NOT NULL,
        at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT operation_step_kind CHECK (kind IN ('do', 'undo', 'redo')),
        FOREIGN KEY(operation_id) REFERENCES operation (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_operation_step_operation_id ON operation_step (operation_id)",
    # Which operation the journal's triggers (made after every upgrade, see journal_triggers) record rows for.
    "CREATE TABLE journal_state (id INTEGER NOT NULL, operation_id INTEGER, PRIMARY KEY (id), CHECK (id = 1))",
    "INSERT INTO journal_state (id, operation_id) VALUES (1, NULL)",
    "ALTER TABLE code ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE coding ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
)
