"""Aligning a text with its corrected version, as edits for the position map.

Word by word first (each word, run of white space or mark becomes one character, so diff-match-patch compares
tokens), then character by character inside each changed stretch, so a coding edge inside an edited word lands
on the right letter. diff-match-patch keeps its time bounded (`TIMEOUT_S`): past it, a stretch is reported as one
coarser edit, never a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diff_match_patch import diff_match_patch

from app.model.revisions.position_map import TextEdit

TIMEOUT_S = 2.0
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_EQUAL, _DELETE, _INSERT = 0, -1, 1
# Token codes skip the surrogate block, which is not a character of its own.
_SURROGATES = range(0xD800, 0xE000)


def align(old: str, new: str) -> list[TextEdit]:
    """Edits turning `old` into `new`, as small as the two alignments find them."""
    if old == new:
        return []
    differ = diff_match_patch()
    differ.Diff_Timeout = TIMEOUT_S
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    codes: dict[str, str] = {}
    coded_old, coded_new = _encode(old_tokens, codes), _encode(new_tokens, codes)
    edits: list[TextEdit] = []
    position, old_index, new_index = 0, 0, 0
    removed, added = "", ""
    for op, coded in [*differ.diff_main(coded_old, coded_new, False), (_EQUAL, "")]:
        count = len(coded)
        if op == _DELETE:
            removed += "".join(old_tokens[old_index : old_index + count])
            old_index += count
        elif op == _INSERT:
            added += "".join(new_tokens[new_index : new_index + count])
            new_index += count
        else:
            if removed or added:
                edits += _characters(differ, position, removed, added)
                position += len(removed)
                removed, added = "", ""
            equal = "".join(old_tokens[old_index : old_index + count])
            position += len(equal)
            old_index += count
            new_index += count
    return edits


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
    """The edits inside one changed stretch (starting at `start` in the old text), letter by letter."""
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
