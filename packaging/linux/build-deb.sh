#!/usr/bin/env bash
# Package the one-folder bundle in dist/axial as a .deb with Debian's tools: the bundle in /opt/axial, the commands
# `axial` and `axial-desktop` in /usr/bin, a menu entry, an icon and the .axial file type. Run from the source tree
# after PyInstaller (`make dist` does both). The system libraries it needs are found by dpkg-shlibdeps.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=dist/axial
version=$("$bundle/axial" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
stage=build/deb/axial
rm -rf build/deb
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/mime/packages" "$stage/usr/share/icons/hicolor/scalable/apps" \
    "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/doc/axial"
cp -a "$bundle" "$stage/opt/axial"
ln -s /opt/axial/axial "$stage/usr/bin/axial"
ln -s /opt/axial/axial-desktop "$stage/usr/bin/axial-desktop"
install -m644 packaging/linux/org.axial.Axial.desktop "$stage/usr/share/applications/"
install -m644 packaging/linux/org.axial.Axial.xml "$stage/usr/share/mime/packages/"
install -m644 LICENSE "$stage/usr/share/doc/axial/copyright"
install -m644 resources/icons/axial.svg "$stage/usr/share/icons/hicolor/scalable/apps/org.axial.Axial.svg"
install -m644 resources/icons/axial.png "$stage/usr/share/icons/hicolor/256x256/apps/org.axial.Axial.png"

# The libraries the bundle takes from the system (PyInstaller leaves out libc, OpenGL and the like), as packages.
mkdir -p build/deb/shlibs/debian
printf 'Source: axial\n\nPackage: axial\nArchitecture: any\n' >build/deb/shlibs/debian/control
mapfile -t objects < <(find "$stage/opt/axial" -type f \( -name '*.so*' -o -name axial -o -name axial-desktop \))
depends=$(cd build/deb/shlibs && dpkg-shlibdeps -O --ignore-missing-info -l"$OLDPWD/$stage/opt/axial/_internal" \
    "${objects[@]/#/$OLDPWD/}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')

cat >"$stage/DEBIAN/control" <<CONTROL
Package: axial
Version: $version
Architecture: $arch
Maintainer: Axial developers <axial@invalid>
Section: science
Priority: optional
Installed-Size: $(du -sk "$stage" | cut -f1)
Depends: $depends
Homepage: https://github.com/axial-qda/axial
Description: offline qualitative coding for implementation research
 Code interview transcripts, build code trees, map codes to CFIR and write
 Word reports, without a network connection. Includes the desktop app
 (axial-desktop) and the command line (axial).
CONTROL
# The menu and file-type caches are refreshed by the triggers of desktop-file-utils and shared-mime-info.
fakeroot dpkg-deb --build --root-owner-group -Zxz -z6 "$stage" "dist/axial_${version}_${arch}.deb"
