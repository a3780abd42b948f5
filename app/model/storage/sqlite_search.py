"""The full-text index in SQLite: FTS5 (schema revision 4), asked in its own query language.

Every term goes to FTS5 quoted, so nothing a user types can break its syntax; a term's near spellings are OR-ed in
beside it. A paragraph's key in the index packs its document's id and ordinal (see `search_index.KEY_SHIFT`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.model.core.search_language import Both, Either, Node, Term
from app.model.storage.search_index import KEY_SHIFT, index_documents, unindex_documents

_MATCHING = text("SELECT rowid >> :shift, rowid & :mask FROM search_index WHERE search_index MATCH :q")
_VOCABULARY = text("SELECT term FROM search_vocabulary")


class Fts5Index:
    """`FullTextIndex` over FTS5."""

    def index(self, session: Session, document_ids: Sequence[int]) -> None:
        index_documents(session, document_ids)

    def unindex(self, session: Session, document_ids: Sequence[int]) -> None:
        unindex_documents(session, document_ids)

    def matching(
        self, session: Session, query: Node, variants: Mapping[Term, Sequence[Term]]
    ) -> Sequence[tuple[int, int]]:
        found = {"shift": KEY_SHIFT, "mask": (1 << KEY_SHIFT) - 1, "q": to_fts(query, variants)}
        return session.execute(_MATCHING, found).all()

    def vocabulary(self, session: Session) -> list[str]:
        return list(session.execute(_VOCABULARY).scalars())


def to_fts(node: Node, variants: Mapping[Term, Sequence[Term]]) -> str:
    """The FTS5 MATCH expression for a query tree, each term standing for itself or any of its variants."""
    if isinstance(node, Term):
        return "(" + " OR ".join(_fts_term(t) for t in [node, *variants.get(node, [])]) + ")"
    if isinstance(node, Both):
        return f"({to_fts(node.left, variants)} AND {to_fts(node.right, variants)})"
    if isinstance(node, Either):
        return f"({to_fts(node.left, variants)} OR {to_fts(node.right, variants)})"
    return f"({to_fts(node.left, variants)} NOT {to_fts(node.right, variants)})"


def _fts_term(term: Term) -> str:
    return '"' + " ".join(term.words).replace('"', '""') + '"' + (" *" if term.prefix else "")
