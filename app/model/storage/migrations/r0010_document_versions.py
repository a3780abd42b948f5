"""Revision 10: a document's versions. Each revision of its text (a correction, a corrected file re-imported) keeps
the hash of the text it made, when, by whom and why, and the text it replaced (compressed), so a change is auditable
and can be reverted. Frozen: never edit."""

STATEMENTS = (
    """CREATE TABLE document_version (
        id INTEGER NOT NULL, document_id INTEGER NOT NULL, number INTEGER NOT NULL, made_at DATETIME NOT NULL,
        made_by INTEGER, description TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, previous_sha256 VARCHAR(64) NOT NULL,
        previous_text BLOB NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT uq_document_version_number UNIQUE (document_id, number),
        FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE,
        FOREIGN KEY(made_by) REFERENCES coder (id) ON DELETE SET NULL)""",
)
