#!/usr/bin/env bash
# Use the built bundle (dist/axial) and .deb as a user would, offscreen and in a throwaway folder: the command line on
# real transcripts with Word and Excel exports, then the desktop on the demo study (importing a transcript and writing
# the Word report through its dialogs) and on that project; time the desktop's start and report the sizes.
set -euo pipefail
source_tree=$(cd "$(dirname "$0")/.." && pwd)
bundle="$source_tree/dist/axial"
work=$(mktemp -d -t axial-dist-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
export QT_QPA_PLATFORM=offscreen XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
fixtures="$source_tree/tests/data/fixtures"

set -x
"$bundle/axial" --version
"$bundle/axial" new study.axial
"$bundle/axial" import study.axial "$fixtures/qualcoder_greek_smartquotes.docx" "$fixtures/webvttpy_teams_voice.vtt" \
    "$fixtures/pdpilot_P1_maxqda.pdf"
"$bundle/axial" documents study.axial
"$bundle/axial" cfir study.axial >/dev/null
"$bundle/axial" export study.axial --docx report.docx --xlsx report.xlsx
test -s report.docx && test -s report.xlsx
"$bundle/axial-desktop" --version
"$bundle/axial-desktop" --smoke --import "$fixtures/hitsave_wintermoor_group.md" --word desktop-report.docx
test -s desktop-report.docx
"$bundle/axial-desktop" --smoke study.axial

# The .deb: its metadata, and its copy of the bundle runs.
deb=$(ls "$source_tree"/dist/axial_*.deb)
dpkg-deb --field "$deb" Package Version Architecture
dpkg-deb --contents "$deb" >contents.txt
grep -q ' ./usr/share/mime/packages/org.axial.Axial.xml$' contents.txt
grep -q ' ./usr/share/applications/org.axial.Axial.desktop$' contents.txt
grep -q ' ./usr/bin/axial-desktop -> /opt/axial/axial-desktop$' contents.txt
dpkg-deb -x "$deb" unpacked
unpacked/opt/axial/axial --version
unpacked/opt/axial/axial-desktop --smoke study.axial
set +x

# Start to a shown, painted window with a transcript open (as the bundle itself times it from the process's creation),
# then the whole run with closing it: the first run after a build (files possibly still in the page cache) and three more.
echo "--- desktop start (usable window; whole run: wall s, CPU user+sys s, peak memory KB)"
for run in first 2 3 4; do
    /usr/bin/time -f "$run, whole run: %e s wall, %U+%S s CPU, %M KB" "$bundle/axial-desktop" --smoke study.axial >out.txt 2>time.txt
    sed -n "s/^Usable window /$run, usable window: /p" out.txt
    grep -v propagateSizeHints time.txt
done
echo "--- sizes"
du -sh "$bundle" | sed 's|\t.*| bundle folder (dist/axial)|'
du -h "$deb" | sed "s|\t.*| $(basename "$deb")|"
