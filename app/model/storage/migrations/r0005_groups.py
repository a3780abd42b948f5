"""Revision 5: sets of documents or codes (REFI-QDA Sets), kept when projects are exchanged. Frozen: never edit."""

STATEMENTS = (
    """CREATE TABLE "group" (
        id INTEGER NOT NULL, guid VARCHAR(36) NOT NULL, name VARCHAR NOT NULL, description TEXT NOT NULL,
        kind VARCHAR NOT NULL,
        PRIMARY KEY (id), UNIQUE (guid),
        CONSTRAINT group_kind CHECK (kind IN ('documents', 'codes')))""",
    """CREATE TABLE group_member (
        id INTEGER NOT NULL, group_id INTEGER NOT NULL, document_id INTEGER, code_id INTEGER,
        PRIMARY KEY (id),
        CONSTRAINT group_member_one CHECK ((document_id IS NULL) + (code_id IS NULL) = 1),
        FOREIGN KEY(group_id) REFERENCES "group" (id) ON DELETE CASCADE,
        FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE,
        FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_group_member_group ON group_member (group_id)",
    "CREATE INDEX ix_group_member_document_id ON group_member (document_id)",
    "CREATE INDEX ix_group_member_code_id ON group_member (code_id)",
)
