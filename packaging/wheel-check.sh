#!/usr/bin/env bash
# Build the wheel, install it (not editable) into a fresh venv in a temporary folder and use it as a user would:
# the command line on real transcripts, then the desktop offscreen on the demo study (importing a transcript and
# writing the Word report through its dialogs).
set -euo pipefail
PYTHON=${PYTHON:-python3}
source_tree=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d -t axial-wheel-XXXXXX)
trap 'rm -rf "$work"' EXIT

"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$source_tree"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/axial-*.whl

cd "$work"  # away from the source tree: only the installed package can be imported
export QT_QPA_PLATFORM=offscreen XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
bin="$work/venv/bin"
set -x
"$bin/axial" --version
"$bin/axial" new study.axial
"$bin/axial" import study.axial "$source_tree/tests/data/fixtures/qualcoder_greek_smartquotes.docx" \
    "$source_tree/tests/data/fixtures/webvttpy_teams_voice.vtt"
"$bin/axial" documents study.axial
"$bin/axial" cfir study.axial
"$bin/axial" export study.axial --docx report.docx
"$bin/axial" history study.axial
"$bin/axial" undo study.axial  # the import: the history is kept in the file
"$bin/axial" documents study.axial
test -s report.docx
"$bin/python" -c "import app, app.resources; assert 'site-packages' in app.resources.resource().as_posix(), app.__file__"
"$bin/axial-desktop" --version
"$bin/axial-desktop" --smoke --import "$source_tree/tests/data/fixtures/hitsave_keitai_panel.srt" --word desktop.docx
test -s desktop.docx
