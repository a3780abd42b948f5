"""Keeping the full-text index (FTS5, revision 4) in step with the documents: written with them, in one transaction.

The index reads text through the `search_source` view (for FTS5's own 'rebuild' and 'integrity-check'), but it is
written here with the paragraphs' text cut in Python from the document's text, read once: the same values the view
gives, in time linear in the text. Deleting a document must first tell the index the exact words it is forgetting
(FTS5's 'delete' command), while the text is still in the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.model.storage.migrations import r0004_search

# A paragraph's key in the index: its document's id and its ordinal, as the view computes it.
KEY_SHIFT = 21
# Below this many paragraphs per document (weighted by length), FTS5's own comparison of index and text is faster.
VIEW_CHECK_PARAGRAPHS = 500
# The tokenizer revision 4 gives the index (the index built aside to check it must cut words the same way).
_TOKENIZER = "unicode61 remove_diacritics 2"
# What revision 4's statements create, in their order.
_OBJECTS = ("search_source", "search_index", "search_vocabulary")


def index_documents(session: Session, document_ids: Sequence[int]) -> None:
    for document_id in document_ids:
        rows = _paragraph_rows(session, document_id)
        if rows:
            session.execute(text("INSERT INTO search_index(rowid, body) VALUES (:key, :body)"), rows)


def unindex_documents(session: Session, document_ids: Sequence[int]) -> None:
    """Call before the documents are deleted: the index needs their text to know which entries to remove."""
    for document_id in document_ids:
        rows = _paragraph_rows(session, document_id)
        if rows:
            session.execute(
                text("INSERT INTO search_index(search_index, rowid, body) VALUES ('delete', :key, :body)"), rows
            )


def _paragraph_rows(session: Session, document_id: int) -> list[dict[str, object]]:
    """Each paragraph's key and text, exactly as `search_source` gives them, cut from the text read once.

    The view cuts each paragraph with `substr` over the whole text, which SQLite reads and walks from its start
    for every paragraph: indexing through it took time growing with the square of the document's length.
    """
    body = session.execute(text("SELECT text FROM document WHERE id = :id"), {"id": document_id}).scalar_one()
    paragraphs = session.execute(
        text('SELECT ordinal, start, "end" FROM paragraph WHERE document_id = :id ORDER BY ordinal'),
        {"id": document_id},
    )
    return [{"key": _key(document_id, ordinal), "body": body[start:end]} for ordinal, start, end in paragraphs]


def _key(document_id: int, ordinal: int) -> int:
    return (document_id << KEY_SHIFT) + ordinal


class _UndecodableError(Exception):
    """A document's stored text is not UTF-8 (another program wrote it): only SQLite can cut it as the view does."""


def _all_paragraphs(conn: sqlite3.Connection) -> Iterator[list[tuple[int, str]]]:
    """Each indexed document's paragraphs as (key, text), as the view gives them, one document at a time."""
    documents = conn.execute("SELECT DISTINCT document_id FROM paragraph ORDER BY document_id").fetchall()
    for (document_id,) in documents:
        (raw,) = conn.execute("SELECT CAST(text AS BLOB) FROM document WHERE id = ?", (document_id,)).fetchone()
        try:
            body = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise _UndecodableError from None
        paragraphs = conn.execute(
            'SELECT ordinal, start, "end" FROM paragraph WHERE document_id = ? ORDER BY ordinal', (document_id,)
        ).fetchall()
        yield [(_key(document_id, ordinal), body[start:end]) for ordinal, start, end in paragraphs]


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Fill the index afresh from every document's paragraphs, within the caller's transaction.

    The same entries as FTS5's 'rebuild' command, which reads the text through the view (see above), in time
    linear in the text.
    """
    conn.execute("INSERT INTO search_index(search_index) VALUES('delete-all')")
    try:
        for rows in _all_paragraphs(conn):
            conn.executemany("INSERT INTO search_index(rowid, body) VALUES (?, ?)", rows)
    except _UndecodableError:
        conn.execute("INSERT INTO search_index(search_index) VALUES('rebuild')")


def ensure_index(conn: sqlite3.Connection) -> bool:
    """Build the index again if the file has lost it (a tool dropped it, say); True when it had to be rebuilt."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    missing = [(name, sql) for name, sql in zip(_OBJECTS, r0004_search.STATEMENTS, strict=True) if name not in present]
    if not missing:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        for _, statement in missing:
            conn.execute(statement)
        if "search_index" in dict(missing):
            rebuild_index(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """Whether the index is sound and holds the words of the text; an empty list means it does.

    FTS5 checks its own structure. Its comparison of the words with the text reads each paragraph through the view
    (see above), minutes for one long transcript: where that is slower, the words are compared with an index of the
    paragraphs built aside. FTS5's check is run as a write: a read-only connection cannot make it.
    """
    conn.execute("SAVEPOINT axial_index_check")
    try:
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 0)")
        if _words_differ(conn):
            return ["the search index is out of step with the documents (its words differ from the text)"]
    except sqlite3.OperationalError as error:
        if "readonly" in str(error):
            return []
        return [f"the search index is out of step with the documents ({error})"]
    except sqlite3.DatabaseError as error:
        return [f"the search index is out of step with the documents ({error})"]
    finally:
        if conn.in_transaction:  # SQLite ends the whole transaction itself after some errors (disk full, I/O)
            conn.execute("ROLLBACK TO axial_index_check")  # the index built aside goes with it
            conn.execute("RELEASE axial_index_check")
    return []


def _words_differ(conn: sqlite3.Connection) -> bool:
    """Every word at every place in the index, compared with the paragraphs' text.

    FTS5 compares through the view, walking a document's whole text for each of its paragraphs; building an index
    aside costs the same per character whatever the paragraphs. The first is faster while documents hold fewer than
    about `VIEW_CHECK_PARAGRAPHS` paragraphs on average (weighted by length), as interviews do.
    """
    (walked, length) = conn.execute(
        "SELECT coalesce(sum(paragraphs * length), 0), coalesce(sum(length), 0) FROM "
        "(SELECT count(*) AS paragraphs, d.length AS length FROM paragraph p JOIN document d ON d.id = p.document_id "
        "GROUP BY p.document_id)"
    ).fetchone()
    if walked <= VIEW_CHECK_PARAGRAPHS * length:
        return _fts5_finds_a_difference(conn)
    conn.execute(f"CREATE VIRTUAL TABLE temp.axial_expected USING fts5(body, tokenize='{_TOKENIZER}')")
    try:
        for rows in _all_paragraphs(conn):
            conn.executemany("INSERT INTO temp.axial_expected(rowid, body) VALUES (?, ?)", rows)
    except _UndecodableError:  # only SQLite can cut such text as the view does: let FTS5 compare (slowly)
        return _fts5_finds_a_difference(conn)
    conn.execute("CREATE VIRTUAL TABLE temp.axial_expected_words USING fts5vocab(temp, axial_expected, instance)")
    conn.execute("CREATE VIRTUAL TABLE temp.axial_index_words USING fts5vocab(main, search_index, instance)")
    columns = "term, doc, col, offset"
    (differing,) = conn.execute(
        f"SELECT count(*) FROM (SELECT {columns} FROM temp.axial_index_words "
        f"EXCEPT SELECT {columns} FROM temp.axial_expected_words)"
    ).fetchone()
    (missing,) = conn.execute(
        f"SELECT count(*) FROM (SELECT {columns} FROM temp.axial_expected_words "
        f"EXCEPT SELECT {columns} FROM temp.axial_index_words)"
    ).fetchone()
    return bool(differing or missing)


def _fts5_finds_a_difference(conn: sqlite3.Connection) -> bool:
    """FTS5's comparison of the index with the text read through the view (its structure was checked already)."""
    try:
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 1)")
    except sqlite3.OperationalError:
        raise  # locked, read-only, out of memory: not an answer about the words
    except sqlite3.DatabaseError:
        return True
    return False
