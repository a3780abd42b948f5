"""Revision 11: coders as identities. Each coder has initials shown beside their codings, and may code blind (the
other coders' codings and counts hidden from them until they choose to compare). Frozen once released."""

STATEMENTS = (
    "ALTER TABLE coder ADD COLUMN initials VARCHAR(4) NOT NULL DEFAULT ''",
    "ALTER TABLE coder ADD COLUMN blind BOOLEAN NOT NULL DEFAULT 0",
)
