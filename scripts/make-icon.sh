#!/usr/bin/env bash
# Regenerates assets/icon.png (512x512 app icon): a dark red rounded square
# with a thin gold inner rim and the character 密 in white Noto Sans CJK SC Bold.
# Needs ImageMagick 6 (`convert`) and fonts-noto-cjk. The PNG is committed, so
# this only has to be run when the design changes.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-assets/icon.png}
font=Noto-Sans-CJK-SC-Bold
if ! convert -list font 2>/dev/null | grep "Font: $font\$" >/dev/null; then
	echo "make-icon: font $font not found (apt-get install fonts-noto-cjk)" >&2
	exit 1
fi

mkdir -p "$(dirname "$out")"
convert -size 512x512 xc:none \
	-fill '#9e1b1b' -draw 'roundrectangle 16,16 495,495 96,96' \
	-fill none -stroke '#e8c170' -strokewidth 10 -draw 'roundrectangle 44,44 467,467 72,72' \
	-stroke none -fill white -font "$font" -pointsize 330 -gravity center \
	-annotate +0+6 '密' \
	-strip PNG32:"$out"
echo "make-icon: wrote $out"
