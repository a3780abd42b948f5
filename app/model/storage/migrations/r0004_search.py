"""Revision 4: the full-text search index (SQLite FTS5) over every paragraph of every document.

The index keeps no copy of the text: it reads paragraphs through the `search_source` view, keyed by document and
paragraph ordinal (stable, unlike SQLite's rowids, which VACUUM may renumber). Frozen: never edit.
"""

import sqlite3

STATEMENTS = (
    """CREATE VIEW search_source AS
        SELECT p.document_id * 2097152 + p.ordinal AS key, p.document_id AS document_id,
               substr(d.text, p.start + 1, p."end" - p.start) AS body
        FROM paragraph p JOIN document d ON d.id = p.document_id""",
    """CREATE VIRTUAL TABLE search_index USING fts5(
        body, content='search_source', content_rowid='key', tokenize='unicode61 remove_diacritics 2')""",
    # Every distinct word in the index, for finding near spellings (a view onto the index; it stores nothing).
    "CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab(search_index, 'row')",
)


def seed(conn: sqlite3.Connection) -> None:
    """Index the documents already in the file."""
    conn.execute("INSERT INTO search_index(search_index) VALUES('rebuild')")
