"""Decoding text files whose encoding nobody wrote down."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .base import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return the text (byte-order mark dropped) and the encoding it was read in; refuse binary data."""
    if not data.strip():
        raise ReadError(name, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding + " (with BOM)"
            except UnicodeDecodeError:
                raise ReadError(name, f"the file says it is {encoding} but is not valid {encoding}") from None
    if b"\x00" in data:
        raise ReadError(name, "the file contains binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(name, "the file contains binary data or an unknown encoding, not text")
    return str(best), best.encoding
