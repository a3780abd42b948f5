"""The one place where Axial's code-point positions meet Qt's UTF-16 positions.

Characters outside the Basic Multilingual Plane (most emoji, some CJK) are one code point but two UTF-16 units.
A `PositionMap` converts between the two for one text; for text without such characters (accented letters are
in the plane) both are the same and no conversion is done.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class PositionMap:
    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters, and their UTF-16 indices; found by the regex engine, not a
        # Python loop over every character.
        self._astral_cp = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral_cp)]
        self.length = len(text)

    def to_utf16(self, cp: int) -> int:
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_code_point(self, u16: int) -> int:
        """A UTF-16 position to a code point; a position inside a surrogate pair counts as before the character."""
        if not self._astral_cp:
            return u16
        whole_pairs_before = bisect_right(self._astral_u16, u16 - 2)
        if whole_pairs_before < len(self._astral_u16) and self._astral_u16[whole_pairs_before] == u16 - 1:
            return self._astral_cp[whole_pairs_before]
        return u16 - whole_pairs_before

    @property
    def utf16_length(self) -> int:
        return self.length + len(self._astral_cp)
