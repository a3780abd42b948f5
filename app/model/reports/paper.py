"""The paper sizes Word reports are laid out for; apart from the Word writer so settings can name them without
loading python-docx."""

from __future__ import annotations

from enum import Enum


class Paper(Enum):
    A4 = "a4"
    LETTER = "letter"
