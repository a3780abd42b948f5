"""Revision 9: the framework matrix's cells. A researcher's summary per unit and construct, and each rater's own
rating kept beside the team's (the `rating` table stays the team's agreed rating, one per cell, which the matrix,
the exports and the distinguishing aid read). Frozen: never edit."""

STATEMENTS = (
    """CREATE TABLE rating_summary (
        unit_id INTEGER NOT NULL, node_id INTEGER NOT NULL, summary TEXT NOT NULL, written_by INTEGER,
        written_at DATETIME NOT NULL,
        PRIMARY KEY (unit_id, node_id),
        FOREIGN KEY(unit_id) REFERENCES rating_unit (id) ON DELETE CASCADE,
        FOREIGN KEY(node_id) REFERENCES framework_node (id) ON DELETE CASCADE,
        FOREIGN KEY(written_by) REFERENCES coder (id) ON DELETE SET NULL)""",
    "CREATE INDEX ix_rating_summary_node_id ON rating_summary (node_id)",
    """CREATE TABLE rater_rating (
        unit_id INTEGER NOT NULL, node_id INTEGER NOT NULL, coder_id INTEGER NOT NULL, value VARCHAR NOT NULL,
        rationale TEXT NOT NULL, rated_at DATETIME NOT NULL,
        PRIMARY KEY (unit_id, node_id, coder_id),
        CONSTRAINT rater_rating_value CHECK (value IN ('+2', '+1', '0', '-1', '-2', 'X', 'missing', 'na')),
        FOREIGN KEY(unit_id) REFERENCES rating_unit (id) ON DELETE CASCADE,
        FOREIGN KEY(node_id) REFERENCES framework_node (id) ON DELETE CASCADE,
        FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_rater_rating_node_id ON rater_rating (node_id)",
)
