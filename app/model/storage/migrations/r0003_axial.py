"""Revision 3: axial coding aids (code pairs dismissed as not similar, positions of codes on the relations diagram).
Frozen: never edit."""

STATEMENTS = (
    """CREATE TABLE dismissed_pair (
        first_id INTEGER NOT NULL, second_id INTEGER NOT NULL,
        PRIMARY KEY (first_id, second_id),
        CONSTRAINT dismissed_pair_order CHECK (first_id < second_id),
        FOREIGN KEY(first_id) REFERENCES code (id) ON DELETE CASCADE,
        FOREIGN KEY(second_id) REFERENCES code (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_dismissed_pair_second_id ON dismissed_pair (second_id)",
    """CREATE TABLE diagram_position (
        code_id INTEGER NOT NULL, x FLOAT NOT NULL, y FLOAT NOT NULL,
        PRIMARY KEY (code_id),
        FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE CASCADE)""",
)
