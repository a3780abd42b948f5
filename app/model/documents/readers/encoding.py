"""Decoding text files whose encoding nobody wrote down."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from app.model.documents.readers.base import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_WINDOWS_FIRST = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258")
_MARGIN = 0.07


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
    matches = list(from_bytes(data))
    if not matches:
        raise ReadError(name, "the file contains binary data or an unknown encoding, not text")
    # Short texts read almost equally well in several code pages; legacy transcripts come from Windows, so its
    # code pages win over look-alikes (cp1257 for cp1252, mac_cyrillic for cp1251) that read nearly as cleanly.
    clean_enough = [m for m in matches if m.chaos <= matches[0].chaos + _MARGIN]
    chosen = next(
        (m for preferred in _WINDOWS_FIRST for m in clean_enough if m.encoding == preferred),
        matches[0],
    )
    return str(chosen), chosen.encoding
