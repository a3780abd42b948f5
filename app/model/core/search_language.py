"""The search language: words, "phrases", prefix*, AND / OR / NOT and parentheses, read into a small tree.

The full-text index turns the tree into its own query (see `storage.sqlite_search`); the search turns it into the
patterns that find each hit's exact place in the text. Adjacent terms are joined by AND.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.model.core.errors import ValidationError

_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Term:
    """A word or a phrase (its words in order); `prefix` lets the last word continue (supervis* finds supervision)."""

    words: tuple[str, ...]
    prefix: bool = False
    joined: bool = False  # the words may also be written together or hyphenated ("case load", "case-load", "caseload")


@dataclass(frozen=True)
class Both:
    left: Node
    right: Node


@dataclass(frozen=True)
class Either:
    left: Node
    right: Node


@dataclass(frozen=True)
class Without:
    """`left NOT right`: paragraphs matching left that do not match right."""

    left: Node
    right: Node


Node = Term | Both | Either | Without


def fold(word: str) -> str:
    """A word as the index keeps it: lower case, accents removed (as FTS5's unicode61 tokenizer does)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse(query: str) -> Node:
    tokens = _TOKEN.findall(query)
    if not tokens:
        raise ValidationError("Type a word or a phrase to search for.")
    parser = _Parser(tokens)
    node = parser.either()
    if parser.position < len(tokens):
        raise ValidationError(f"Unexpected {tokens[parser.position]!r} in the search.")
    return node


def terms(node: Node, *, positive: bool = True) -> list[Term]:
    """The terms whose occurrences are hits: every term not under NOT's right-hand side."""
    if isinstance(node, Term):
        return [node] if positive else []
    if isinstance(node, Without):
        return terms(node.left, positive=positive)
    return terms(node.left, positive=positive) + terms(node.right, positive=positive)


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def either(self) -> Node:
        node = self.both()
        while self.peek() == "OR":
            self.take()
            node = Either(node, self.both())
        return node

    def both(self) -> Node:
        node = self.atom()
        while (token := self.peek()) is not None and token not in (")", "OR"):
            if token == "NOT":
                self.take()
                node = Without(node, self.atom())
                continue
            if token == "AND":
                self.take()
                if self.peek() == "NOT":  # "a AND NOT b" reads as "a NOT b"
                    continue
            node = Both(node, self.atom())
        return node

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise ValidationError("The search ends where a word was expected.")
        if token == "(":
            self.take()
            node = self.either()
            if self.peek() != ")":
                raise ValidationError("A bracket in the search is not closed.")
            self.take()
            return node
        if token in _OPERATORS or token == ")":
            raise ValidationError(f"{token!r} needs a word before and after it.")
        self.take()
        prefix = token.endswith("*") and not token.startswith('"')
        words = tuple(fold(w) for w in _WORD.findall(token.strip('"').rstrip("*")))
        if not words:
            raise ValidationError(f"{token!r} has no word to search for.")
        return Term(words, prefix)
