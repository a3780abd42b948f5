"""Compacting a closed copy of a project: rows deleted from it leave no trace in freed pages (SQLite keeps the
bytes of a deleted row in the file until the page is reused), so a copy made without them is one to hand out."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def compact(path: Path) -> None:
    """Rewrite the file whole, without a write-ahead log beside it (a copy is one standalone file)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
