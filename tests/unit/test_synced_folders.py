"""Projects on network shares or in cloud-synced folders are recognised; local ones are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.model.storage.synced_folders import SyncedPlace, synced_place, warning

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
server:/export/team /mnt/team nfs4 rw,vers=4.2 0 0
//nas/research /mnt/research\\040data cifs rw 0 0
me@host:/home/me /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /mnt/team/local-disk ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/team/study/Study.axial", SyncedPlace("network", "nfs4")),
        ("/mnt/research data/Study.axial", SyncedPlace("network", "cifs")),
        ("/home/me/remote/Study.axial", SyncedPlace("network", "fuse.sshfs")),
        ("/home/me/OneDrive/Studies/Study.axial", SyncedPlace("cloud", "OneDrive")),
        ("/home/me/OneDrive - Contoso/Study.axial", SyncedPlace("cloud", "OneDrive")),
        ("/home/me/Dropbox (Team)/Study.axial", SyncedPlace("cloud", "Dropbox")),
        ("/Users/me/Library/Mobile Documents/com~apple~CloudDocs/Study.axial", SyncedPlace("cloud", "iCloud Drive")),
        (
            "/Users/me/Library/CloudStorage/GoogleDrive-me@example.org/My Drive/S.axial",
            SyncedPlace("cloud", "Google Drive"),
        ),
        ("/home/me/Google Drive/Study.axial", SyncedPlace("cloud", "Google Drive")),
    ],
)
def test_unsafe_places_are_recognised(path: str, expected: SyncedPlace) -> None:
    assert synced_place(Path(path), MOUNTS) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/home/me/Documents/Study.axial",
        "/tmp/Study.axial",
        "/mnt/team/local-disk/Study.axial",  # a local disk mounted inside the share is local
        "/mnt/teamwork/Study.axial",  # a sibling whose name merely starts like the share's
        "/home/me/Documents/Dropped boxes/Study.axial",
    ],
)
def test_local_places_are_not(path: str) -> None:
    assert synced_place(Path(path), MOUNTS) is None


def test_the_warning_says_where_and_what_to_do() -> None:
    text = warning(Path("/home/me/Dropbox/Study.axial"), SyncedPlace("cloud", "Dropbox"))
    assert "“Study.axial” is in a folder synced by Dropbox" in text
    assert "Save a Copy As" in text
    assert "on a network share (nfs4)" in warning(Path("/mnt/x/S.axial"), SyncedPlace("network", "nfs4"))


def test_the_command_line_warns_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "Dropbox" / "Study.axial"
    path.parent.mkdir()
    assert main(["new", str(path), "--framework", "none"]) == 0
    captured = capsys.readouterr()
    assert "axial: warning: “Study.axial” is in a folder synced by Dropbox" in captured.err
    assert "Created" in captured.out

    assert main(["new", str(tmp_path / "Local.axial"), "--framework", "none"]) == 0
    assert "warning" not in capsys.readouterr().err
