"""A stand-in for LibreOffice's `soffice`, so conversion of legacy .doc files is tested without LibreOffice."""

from __future__ import annotations

import shlex
import stat
from pathlib import Path


def fake_soffice(folder: Path, docx: Path, *, exit_code: int = 0, hang: bool = False) -> str:
    """An executable taking soffice's arguments: it writes `docx` to --outdir under the input's name, or fails
    with `exit_code` (saying so on stderr), or hangs."""
    script = folder / "soffice"
    if hang:
        body = "exec sleep 60"
    elif exit_code:
        body = f'echo "Error: source file could not be loaded" >&2; exit {exit_code}'
    else:
        body = f'name=$(basename "$last" .doc); cp {shlex.quote(str(docx))} "$out/$name.docx"'
    script.write_text(
        "#!/bin/sh\n"
        'out=""; prev=""; last=""\n'
        'for arg in "$@"; do [ "$prev" = "--outdir" ] && out="$arg"; prev="$arg"; last="$arg"; done\n'
        f"{body}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)
