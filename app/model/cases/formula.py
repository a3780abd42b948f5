"""Formulas of computed attributes (`Post - Pre`, `Change >= 5`): a small grammar read by hand, never `eval`.

    expression := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := sum (("=" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | atom
    atom       := number | "text" | yes | no | name | [name] | "(" expression ")"

A name is the longest attribute name that starts at that place and ends at a word boundary, so names with spaces
(`Fidelity 12m - Fidelity 0m`) need no quotes; a name holding an operator or a keyword can be written `[Post-test]`.
A missing value makes the result missing (never 0), and so does dividing by zero; `and` / `or` follow three-valued
logic (`no and missing` is no, `yes or missing` is yes).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from app.model.core.dto import AttributeType
from app.model.core.errors import ValidationError

Value = float | bool | str | date | None
MAX_LENGTH = 2000
MAX_DEPTH = 60
# Each operator nests the tree one deeper, and evaluating it recurses: this keeps far below Python's limit.
MAX_TOKENS = 400

_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_WORD = re.compile(r"\w+")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "(", ")")
_KEYWORDS = ("and", "or", "not", "yes", "no")
_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
_SHOWN = {
    AttributeType.NUMBER: "a number",
    AttributeType.BOOLEAN: "yes/no",
    AttributeType.TEXT: "text",
    AttributeType.DATE: "a date",
}


@dataclass(frozen=True)
class Literal:
    value: float | bool | str


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


Node = Literal | Name | Unary | Binary


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "text", "name", "op" (operators and keywords)
    text: str
    value: float | str = 0.0
    start: int = 0  # where it is written in the formula, half-open
    end: int = 0


def parse(formula: str, names: Collection[str]) -> Node:
    """The formula's tree; `ValidationError` says what is wrong (an unknown name, a stray symbol, too deep)."""
    if len(formula) > MAX_LENGTH:
        raise ValidationError(f"A formula may be at most {MAX_LENGTH} characters long.")
    tokens = _tokens(formula, names)
    if not tokens:
        raise ValidationError("The formula is empty.")
    if len(tokens) > MAX_TOKENS:
        raise ValidationError(f"A formula may hold at most {MAX_TOKENS} names, numbers and signs.")
    return _Parser(tokens).whole()


def names_in(node: Node) -> set[str]:
    """The attribute names a formula reads."""
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Unary):
        return names_in(node.operand)
    if isinstance(node, Binary):
        return names_in(node.left) | names_in(node.right)
    return set()


def renamed(formula: str, names: Collection[str], old: str, new: str) -> str:
    """The formula with the attribute `old` written as `new` (everything else as it was typed), in brackets when
    the plain name would read as something else; `ValidationError` when neither way reads back the same."""
    tokens = _tokens(formula, names)
    after = [new if name == old else name for name in names]
    wanted = [_read(t, old, new) for t in tokens]
    for written in (new, f"[{new}]"):
        text = formula
        for token in reversed(tokens):
            if token.kind == "name" and token.value == old:
                text = text[: token.start] + written + text[token.end :]
        try:
            read = [_read(t, new, new) for t in _tokens(text, after)]
        except ValidationError:
            continue
        if read == wanted:
            return text
    raise ValidationError(f"{new!r} cannot be written in the formula {formula!r}: choose another name.")


def _read(token: _Token, old: str, new: str) -> tuple[str, str | float]:
    """What a token means, with the name `old` taken as `new`, wherever and however it is written."""
    if token.kind == "name":
        return "name", new if token.value == old else token.value
    return token.kind, token.value if token.kind != "op" else token.text


def _tokens(formula: str, names: Collection[str]) -> list[_Token]:
    by_length = sorted(names, key=len, reverse=True)
    folded = {name.casefold(): name for name in names}
    tokens: list[_Token] = []
    at = 0
    while at < len(formula):
        char = formula[at]
        if char.isspace():
            at += 1
            continue
        name = _name_at(formula, at, by_length)
        if name is not None:
            tokens.append(_Token("name", name, name, at, at + len(name)))
            at += len(name)
            continue
        number = _NUMBER.match(formula, at)
        if number:
            tokens.append(_Token("number", number[0], float(number[0]), at, number.end()))
            at = number.end()
            continue
        if char in "\"'[":
            close = {'"': '"', "'": "'", "[": "]"}[char]
            end = formula.find(close, at + 1)
            if end < 0:
                raise ValidationError(f"The formula opens {char} at character {at + 1} but never closes it.")
            inner = formula[at + 1 : end]
            if char == "[":
                known = folded.get(" ".join(inner.split()).casefold())
                if known is None:
                    raise ValidationError(_unknown(inner, names))
                tokens.append(_Token("name", inner, known, at, end + 1))
            else:
                tokens.append(_Token("text", inner, inner, at, end + 1))
            at = end + 1
            continue
        operator = next((op for op in _OPERATORS if formula.startswith(op, at)), None)
        if operator is not None:
            tokens.append(_Token("op", operator, 0.0, at, at + len(operator)))
            at += len(operator)
            continue
        word = _WORD.match(formula, at)
        if word is None:
            raise ValidationError(f"The formula cannot use {char!r} (character {at + 1}).")
        if word[0].casefold() not in _KEYWORDS:
            raise ValidationError(_unknown(word[0], names))
        tokens.append(_Token("op", word[0].casefold(), 0.0, at, word.end()))
        at = word.end()
    return tokens


def _name_at(formula: str, at: int, by_length: list[str]) -> str | None:
    """The longest known name written here (ignoring case), ending where a word ends."""
    for name in by_length:
        end = at + len(name)
        if not name or formula[at:end].casefold() != name.casefold() or _NUMBER.fullmatch(name):
            continue  # (a name that is a number never hides the number)
        if not (_is_word(name[-1]) and end < len(formula) and _is_word(formula[end])):
            return name
    return None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _unknown(word: str, names: Collection[str]) -> str:
    known = ", ".join(sorted(names)) or "none yet"
    return f"The formula names {word!r}, which is not an attribute (attributes: {known})."


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def whole(self) -> Node:
        node = self.either()
        if self.at < len(self.tokens):
            raise ValidationError(f"The formula has {self.tokens[self.at].text!r} where it should end.")
        return node

    def peek(self) -> str | None:
        token = self.tokens[self.at] if self.at < len(self.tokens) else None
        return token.text if token is not None and token.kind == "op" else None

    def take(self, *ops: str) -> str | None:
        op = self.peek()
        if op in ops:
            self.at += 1
            return op
        return None

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ValidationError(f"The formula is nested more than {MAX_DEPTH} deep.")

    def either(self) -> Node:
        node = self.both()
        while self.take("or"):
            node = Binary("or", node, self.both())
        return node

    def both(self) -> Node:
        node = self.negation()
        while self.take("and"):
            node = Binary("and", node, self.negation())
        return node

    def negation(self) -> Node:
        if self.take("not"):
            self.deeper()
            node = Unary("not", self.negation())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum()
        op = self.take(*_COMPARISONS)
        if op is not None:
            node = Binary(op, node, self.sum())
            if self.peek() in _COMPARISONS:
                raise ValidationError("Comparisons cannot be chained: join them with and.")
        return node

    def sum(self) -> Node:
        node = self.product()
        while (op := self.take("+", "-")) is not None:
            node = Binary(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while (op := self.take("*", "/")) is not None:
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        op = self.take("-", "+")
        if op is not None:
            self.deeper()
            node = Unary(op, self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        if self.at >= len(self.tokens):
            raise ValidationError("The formula ends too soon.")
        token = self.tokens[self.at]
        self.at += 1
        if token.kind == "number":
            return Literal(float(token.value))
        if token.kind == "text":
            return Literal(str(token.value))
        if token.kind == "name":
            return Name(str(token.value))
        if token.text in ("yes", "no"):
            return Literal(token.text == "yes")
        if token.text == "(":
            self.deeper()
            node = self.either()
            if not self.take(")"):
                raise ValidationError("The formula opens a bracket it never closes.")
            self.depth -= 1
            return node
        raise ValidationError(f"The formula has {token.text!r} where a value should be.")


# --- types -----------------------------------------------------------------------------------------------------


def result_type(node: Node, types: Mapping[str, AttributeType]) -> AttributeType:
    """What the formula gives (a number, yes/no, text or a date), or `ValidationError` for a mix that makes no
    sense (`Role + 1`). Choices count as text."""
    if isinstance(node, Literal):
        if isinstance(node.value, bool):
            return AttributeType.BOOLEAN
        return AttributeType.NUMBER if isinstance(node.value, float) else AttributeType.TEXT
    if isinstance(node, Name):
        kind = types[node.name]
        return AttributeType.TEXT if kind is AttributeType.CHOICE else kind
    if isinstance(node, Unary):
        wanted = AttributeType.BOOLEAN if node.op == "not" else AttributeType.NUMBER
        _need(node.op, result_type(node.operand, types), wanted)
        return wanted
    left, right = result_type(node.left, types), result_type(node.right, types)
    if node.op in ("and", "or"):
        _need(node.op, left, AttributeType.BOOLEAN)
        _need(node.op, right, AttributeType.BOOLEAN)
        return AttributeType.BOOLEAN
    if node.op in ("=", "!="):
        if left is not right:
            raise ValidationError(f"{node.op} compares {_SHOWN[left]} with {_SHOWN[right]}.")
        return AttributeType.BOOLEAN
    if node.op == "-" and left is right is AttributeType.DATE:
        return AttributeType.NUMBER  # days between two dates
    if node.op in _COMPARISONS:
        if left is not right or left not in (AttributeType.NUMBER, AttributeType.DATE):
            raise ValidationError(f"{node.op} needs two numbers or two dates, not {_SHOWN[left]} and {_SHOWN[right]}.")
        return AttributeType.BOOLEAN
    _need(node.op, left, AttributeType.NUMBER)
    _need(node.op, right, AttributeType.NUMBER)
    return AttributeType.NUMBER


def _need(op: str, found: AttributeType, wanted: AttributeType) -> None:
    if found is not wanted:
        raise ValidationError(f"{op} needs {_SHOWN[wanted]}, not {_SHOWN[found]}.")


# --- values ----------------------------------------------------------------------------------------------------


def evaluate(node: Node, values: Mapping[str, Value]) -> Value:
    """The formula's value for one case, given its values by attribute name (missing ones None or absent).
    Assumes the formula passed `result_type`."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Name):
        return values.get(node.name)
    if isinstance(node, Unary):
        operand = evaluate(node.operand, values)
        if operand is None:
            return None
        if node.op == "not":
            return not operand
        return -_number(operand) if node.op == "-" else _number(operand)
    left = evaluate(node.left, values)
    if node.op in ("and", "or"):
        decisive = node.op == "or"  # the value that settles it whatever the other side is
        if left is decisive:
            return decisive
        right = evaluate(node.right, values)
        if right is decisive:
            return decisive
        return None if left is None or right is None else not decisive
    right = evaluate(node.right, values)
    if left is None or right is None:
        return None
    if node.op in _COMPARISONS:
        return _compare(node.op, left, right)
    if isinstance(left, date) and isinstance(right, date):
        return float((left - right).days)
    a, b = _number(left), _number(right)
    if node.op == "/" and b == 0:
        return None
    result = {"+": a + b, "-": a - b, "*": a * b}[node.op] if node.op != "/" else a / b
    return result if math.isfinite(result) else None


def _number(value: Value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{value!r} is not a number.")
    return float(value)


def _compare(op: str, left: Value, right: Value) -> bool:
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    if isinstance(left, date) and isinstance(right, date):
        a, b = float(left.toordinal()), float(right.toordinal())
    else:
        a, b = _number(left), _number(right)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
