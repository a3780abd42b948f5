"""Revision 2: the analysis layer (relations, frameworks, mappings, ratings, audit trail). Frozen: never edit."""

import sqlite3

STATEMENTS = (
    """CREATE TABLE relation_type (
        id INTEGER NOT NULL, name VARCHAR NOT NULL, directed BOOLEAN NOT NULL, builtin BOOLEAN NOT NULL,
        description TEXT NOT NULL, position INTEGER NOT NULL,
        PRIMARY KEY (id), UNIQUE (name))""",
    """CREATE TABLE relation (
        id INTEGER NOT NULL, guid VARCHAR(36) NOT NULL, source_id INTEGER NOT NULL, target_id INTEGER NOT NULL,
        type_id INTEGER NOT NULL, memo TEXT NOT NULL, created_by INTEGER, created_at DATETIME NOT NULL,
        PRIMARY KEY (id), UNIQUE (guid),
        FOREIGN KEY(source_id) REFERENCES code (id) ON DELETE CASCADE,
        FOREIGN KEY(target_id) REFERENCES code (id) ON DELETE CASCADE,
        FOREIGN KEY(type_id) REFERENCES relation_type (id) ON DELETE RESTRICT,
        FOREIGN KEY(created_by) REFERENCES coder (id) ON DELETE SET NULL)""",
    "CREATE INDEX ix_relation_source_id ON relation (source_id)",
    "CREATE INDEX ix_relation_target_id ON relation (target_id)",
    """CREATE TABLE framework (
        id INTEGER NOT NULL, "key" VARCHAR NOT NULL, name VARCHAR NOT NULL, citation TEXT NOT NULL,
        PRIMARY KEY (id), UNIQUE ("key"))""",
    """CREATE TABLE framework_node (
        id INTEGER NOT NULL, framework_id INTEGER NOT NULL, parent_id INTEGER, position INTEGER NOT NULL,
        level VARCHAR NOT NULL, official_id VARCHAR, name VARCHAR NOT NULL, study_name VARCHAR,
        gist TEXT NOT NULL, definition TEXT NOT NULL, added_by_project BOOLEAN NOT NULL,
        hidden BOOLEAN NOT NULL, reverse_rated BOOLEAN NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT framework_node_level CHECK (level IN ('domain', 'construct', 'subconstruct')),
        FOREIGN KEY(framework_id) REFERENCES framework (id) ON DELETE CASCADE,
        FOREIGN KEY(parent_id) REFERENCES framework_node (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_framework_node_tree ON framework_node (framework_id, parent_id, position)",
    """CREATE TABLE code_mapping (
        code_id INTEGER NOT NULL, node_id INTEGER NOT NULL, created_at DATETIME NOT NULL,
        PRIMARY KEY (code_id, node_id),
        FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE CASCADE,
        FOREIGN KEY(node_id) REFERENCES framework_node (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_code_mapping_node_id ON code_mapping (node_id)",
    """CREATE TABLE rating_unit (
        id INTEGER NOT NULL, label VARCHAR NOT NULL, case_id INTEGER, attribute_id INTEGER,
        attribute_value VARCHAR, position INTEGER NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT rating_unit_kind CHECK (
            (case_id IS NOT NULL AND attribute_id IS NULL AND attribute_value IS NULL)
            OR (case_id IS NULL AND attribute_id IS NOT NULL AND attribute_value IS NOT NULL)),
        UNIQUE (label),
        FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE,
        FOREIGN KEY(attribute_id) REFERENCES attribute (id) ON DELETE CASCADE)""",
    """CREATE TABLE rating (
        unit_id INTEGER NOT NULL, node_id INTEGER NOT NULL, value VARCHAR NOT NULL, rationale TEXT NOT NULL,
        flag VARCHAR NOT NULL, rated_by INTEGER, rated_at DATETIME NOT NULL,
        PRIMARY KEY (unit_id, node_id),
        CONSTRAINT rating_value CHECK (value IN ('+2', '+1', '0', '-1', '-2', 'X', 'missing', 'na')),
        FOREIGN KEY(unit_id) REFERENCES rating_unit (id) ON DELETE CASCADE,
        FOREIGN KEY(node_id) REFERENCES framework_node (id) ON DELETE CASCADE,
        FOREIGN KEY(rated_by) REFERENCES coder (id) ON DELETE SET NULL)""",
    "CREATE INDEX ix_rating_node_id ON rating (node_id)",
    """CREATE TABLE rating_evidence (
        unit_id INTEGER NOT NULL, node_id INTEGER NOT NULL, coding_id INTEGER NOT NULL,
        PRIMARY KEY (unit_id, node_id, coding_id),
        FOREIGN KEY(unit_id, node_id) REFERENCES rating (unit_id, node_id) ON DELETE CASCADE,
        FOREIGN KEY(coding_id) REFERENCES coding (id) ON DELETE CASCADE)""",
    "CREATE INDEX ix_rating_evidence_coding_id ON rating_evidence (coding_id)",
    """CREATE TABLE audit (
        id INTEGER NOT NULL, at DATETIME NOT NULL, coder VARCHAR NOT NULL, action VARCHAR NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (id))""",
    "CREATE INDEX ix_audit_at ON audit (at)",
    """ALTER TABLE project ADD COLUMN default_framework_id INTEGER
        REFERENCES framework (id) ON DELETE SET NULL""",
)

# Grounded theory's paradigm model (Strauss & Corbin), each relative to a central phenomenon, then general links.
DEFAULT_RELATION_TYPES = (
    ("causal condition", True, "What leads to the phenomenon."),
    ("context", True, "The particular conditions in which the phenomenon occurs."),
    ("intervening condition", True, "Broader conditions that ease or constrain the strategies."),
    ("action/strategy", True, "What people do in response to the phenomenon."),
    ("consequence", True, "What follows from the actions and strategies."),
    ("is part of", True, ""),
    ("is cause of", True, ""),
    ("contradicts", False, ""),
    ("is associated with", False, ""),
)


def seed(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT INTO relation_type (name, directed, builtin, description, position) VALUES (?, ?, 1, ?, ?)",
        [(name, directed, text, i) for i, (name, directed, text) in enumerate(DEFAULT_RELATION_TYPES)],
    )
