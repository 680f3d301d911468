#!/usr/bin/env bash
# Cross-compiles dist/taizhang.exe for 64-bit Windows with mingw-w64 and the
# fyne tool (`fyne package -os windows --release`): a GUI-subsystem exe
# (-H=windowsgui) with the icon, manifest and version resource from
# FyneApp.toml embedded, and the fyneDo migration build tag applied.
#
# `fyne package` writes fyne.syso, fyne_metadata_init.go and the exe into the
# source directory and bumps Build in FyneApp.toml, so it runs on a copy of
# the sources in a temporary directory; the work tree is left untouched.
#
# Environment: FYNE (path of the fyne tool, default .bin/fyne, installed at
# FYNE_VERSION when missing), WINDOWS_CC (default x86_64-w64-mingw32-gcc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

fyne_version=${FYNE_VERSION:-v1.7.4}
fyne=${FYNE:-$root/.bin/fyne}
cc=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}
out=dist/taizhang.exe

fail() {
	echo "windows: FAIL: $*" >&2
	exit 1
}

command -v "$cc" >/dev/null 2>&1 || fail "$cc not found (run: make deps)"
[ -f FyneApp.toml ] || fail "FyneApp.toml is missing"

# The fyne tool, pinned; `fyne version` prints e.g. "fyne cli version: v1.7.4".
have=$("$fyne" version 2>/dev/null | head -n 1 || true)
if [ "$have" != "fyne cli version: $fyne_version" ]; then
	echo "windows: installing fyne.io/tools/cmd/fyne@$fyne_version into $(dirname "$fyne")"
	GOBIN=$(dirname "$fyne") go install "fyne.io/tools/cmd/fyne@$fyne_version"
fi
echo "windows: using $("$fyne" version 2>/dev/null | head -n 1)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Copy the sources (tracked files plus new, not ignored ones) into $work/src.
src=$work/src
mkdir -p "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -C "$src" -xf -
else
	tar --exclude=./.git --exclude=./dist --exclude=./.bin --exclude=./taizhang -cf - . | tar -C "$src" -xf -
fi

echo "windows: fyne package -os windows --release (CC=$cc)"
start=$SECONDS
(
	cd "$src"
	CGO_ENABLED=1 CC="$cc" GOOS=windows GOARCH=amd64 \
		"$fyne" package -os windows --release
)
echo "windows: packaged in $((SECONDS - start))s"

# The exe is named after FyneApp.toml's Name (保密台账.exe); take whatever .exe
# appeared in the top directory of the copy.
shopt -s nullglob
exes=("$src"/*.exe)
[ ${#exes[@]} -eq 1 ] || fail "expected one .exe from fyne package, found ${#exes[@]}: ${exes[*]}"
mkdir -p dist
mv -f "${exes[0]}" "$out"

# Check: a PE32+ GUI executable that carries the version resource (`file`,
# `strings`), then scripts/pecheck.go for the icon and manifest.
info=$(file "$out")
echo "windows: $info"
case $info in
*"PE32+ executable (GUI) x86-64"*) ;;
*) fail "$out is not a PE32+ x86-64 GUI executable" ;;
esac
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
# (into a file first: `strings | grep -q` would die of SIGPIPE under pipefail)
strings -el "$out" >"$work/strings"
grep -x -A1 ProductVersion "$work/strings" >"$work/pv" || fail "no ProductVersion in the version resource of $out"
grep -q "^$version" "$work/pv" || fail "ProductVersion of $out is not $version.*: $(tail -n 1 "$work/pv")"
echo "windows: version resource: ProductVersion $(tail -n 1 "$work/pv")"
# Resource directory: icon, manifest, ProductName/ProductVersion, GUI subsystem.
name=$(sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
go run scripts/pecheck.go "$out" "$name" "$version" || fail "$out lacks resources (see above)"
echo "windows: ok: $out ($(stat -c %s "$out") bytes)"
