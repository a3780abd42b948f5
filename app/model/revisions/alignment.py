"""Aligning a text with its corrected version, as edits for the position map.

Line by line first, so a paragraph deleted beside one inserted stays a deletion and an insertion (word by word
alone, their "the", "I" and spaces pair up and a coding of the deleted paragraph would follow onto the inserted
one's words). Then word by word inside each changed stretch of lines (each word, run of white space or mark
becomes one character, so diff-match-patch compares tokens), then character by character inside each changed
stretch of words, so a coding edge inside an edited word lands on the right letter. diff-match-patch keeps its
time bounded (`TIMEOUT_S`): past it, a stretch is reported as one coarser edit, never a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from diff_match_patch import diff_match_patch

from app.model.revisions.position_map import TextEdit

TIMEOUT_S = 2.0
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_EQUAL, _DELETE, _INSERT = 0, -1, 1
# Token codes skip the surrogate block, which is not a character of its own.
_SURROGATES = range(0xD800, 0xE000)

Stretch = Callable[[diff_match_patch, int, str, str], Iterable[TextEdit]]


def align(old: str, new: str) -> list[TextEdit]:
    """Edits turning `old` into `new`, as small as the three alignments find them."""
    if old == new:
        return []
    differ = diff_match_patch()
    differ.Diff_Timeout = TIMEOUT_S
    return list(_by_units(differ, 0, _LINE.findall(old), _LINE.findall(new), _words, key=_line_key))


_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f", '"')
    | dict.fromkeys("\u2013\u2014", "-")
    | {"\u00a0": " "}
)


def _line_key(line: str) -> str:
    """Lines alike but for quotes, dashes and spacing pair up: smart quotes put in throughout a file would
    otherwise leave no line equal, and one long changed stretch aligns loosely."""
    return " ".join(line.translate(_TYPOGRAPHY).split())


def _words(differ: diff_match_patch, start: int, removed: str, added: str) -> Iterator[TextEdit]:
    """The edits inside one changed stretch of lines (starting at `start` in the old text), word by word."""
    if not removed or not added:
        yield TextEdit(start, start + len(removed), added)
        return
    yield from _by_units(differ, start, _TOKEN.findall(removed), _TOKEN.findall(added), _characters)


def _by_units(
    differ: diff_match_patch,
    start: int,
    old_units: list[str],
    new_units: list[str],
    inside: Stretch,
    key: Callable[[str], str] = str,
) -> Iterator[TextEdit]:
    """Units (lines or words) compared as one character each (by `key`); each changed stretch, and each pair of
    units equal by key but not in text, handed to `inside`."""
    codes: dict[str, str] = {}
    coded_old, coded_new = _encode([key(u) for u in old_units], codes), _encode([key(u) for u in new_units], codes)
    position, old_index, new_index = start, 0, 0
    removed, added = "", ""
    for op, coded in [*differ.diff_main(coded_old, coded_new, False), (_EQUAL, "")]:
        count = len(coded)
        if op == _DELETE:
            removed += "".join(old_units[old_index : old_index + count])
            old_index += count
        elif op == _INSERT:
            added += "".join(new_units[new_index : new_index + count])
            new_index += count
        else:
            if removed or added:
                yield from inside(differ, position, removed, added)
                position += len(removed)
                removed, added = "", ""
            for was, now in zip(
                old_units[old_index : old_index + count], new_units[new_index : new_index + count], strict=True
            ):
                if was != now:
                    yield from inside(differ, position, was, now)
                position += len(was)
            old_index += count
            new_index += count


def _encode(tokens: list[str], codes: dict[str, str]) -> str:
    out = []
    for token in tokens:
        code = codes.get(token)
        if code is None:
            number = len(codes) + 1
            code = codes[token] = chr(number + len(_SURROGATES) if number >= _SURROGATES.start else number)
        out.append(code)
    return "".join(out)


def _characters(differ: diff_match_patch, start: int, removed: str, added: str) -> Iterator[TextEdit]:
    """The edits inside one changed stretch of words (starting at `start` in the old text), letter by letter."""
    if not removed or not added:
        yield TextEdit(start, start + len(removed), added)
        return
    position, edit_start, inserted, open_edit = start, start, "", False
    diffs = differ.diff_main(removed, added, False)
    differ.diff_cleanupSemantic(diffs)  # "Interviewer" -> "Dr Smith" is one replacement, not letters in common
    for op, piece in diffs:
        if op == _EQUAL:
            if open_edit:
                yield TextEdit(edit_start, position, inserted)
                open_edit, inserted = False, ""
            position += len(piece)
            continue
        if not open_edit:
            edit_start, open_edit = position, True
        if op == _DELETE:
            position += len(piece)
        else:
            inserted += piece
    if open_edit:
        yield TextEdit(edit_start, position, inserted)
