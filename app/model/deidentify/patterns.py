"""Identifiers found by their shape rather than a list: emails, URLs, phone numbers, dates, street addresses and
record numbers. Each is (pseudonym, expression); the group `x`, when there, is the part replaced."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Crescent|"
    r"Close|Parkway|Pkwy|Highway|Hwy|Square|Sq)"
)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("[Email]", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[URL]", re.compile(r"(?i)(?<!\w)(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’]")),
    (
        "[Phone]",
        re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?|\d{2,5}[ .-])\d{3,4}[ .-]?\d{3,4}(?![\w])"),
    ),
    (
        "[Date]",
        re.compile(
            rf"(?<!\w)(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|"
            rf"{_MONTH} {_DAY}(?:,? \d{{4}})?|{_DAY} (?:of )?{_MONTH}(?:,? \d{{4}})?|{_MONTH},? \d{{4}})(?![\w/])"
        ),
    ),
    ("[Address]", re.compile(rf"(?<!\w)\d{{1,5}}[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){{1,4}}{_STREET}(?!\w)\.?")),
    (
        "[Record number]",
        re.compile(
            r"(?i)(?<!\w)(?:MRN|record|chart|file|patient|client|case|ID)(?:[ \t]*(?:no\.?|number|#))?[ \t]*[:#]?"
            r"[ \t]*(?P<x>\d[\d-]{3,}\d)(?!\w)|(?<![\w:.,/-])(?P<y>\d{6,})(?![\w:/-])"
        ),
    ),
)
