"""The one place where Axial's code-point positions meet Qt's UTF-16 positions.

Characters outside the Basic Multilingual Plane (most emoji, some CJK) are one code point but two UTF-16 units.
A `PositionMap` converts between the two for one text; for text without such characters both are the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class PositionMap:
    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters, and their UTF-16 indices.
        self._astral_cp = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral_cp)]
        self.length = len(text)

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_left(self._astral_cp, cp)

    def to_code_point(self, u16: int) -> int:
        """A UTF-16 position to a code point; a position inside a surrogate pair counts as before the character."""
        whole_pairs_before = bisect_right(self._astral_u16, u16 - 2)
        if whole_pairs_before < len(self._astral_u16) and self._astral_u16[whole_pairs_before] == u16 - 1:
            return self._astral_cp[whole_pairs_before]
        return u16 - whole_pairs_before

    @property
    def utf16_length(self) -> int:
        return self.length + len(self._astral_cp)
