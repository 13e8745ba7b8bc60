#!/usr/bin/env bash
# Makes the two short 微党课 demo videos the seed ships (local-cloud/src/seed/videos/): a few seconds of
# title slides each, H.264 at a low bitrate (well under 300 KB), plus a cover (the first frame) per video.
# Run once and commit the output; the seed and CI only read the files.
# Needs Debian's ffmpeg and a CJK font: apt-get install -y ffmpeg fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=local-cloud/src/seed/videos
FONT=${FONT:-$(fc-match -f '%{file}' 'Noto Sans CJK SC:style=Bold')}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

# make <name> <slide seconds> <title> <slide 2> <slide 3> ...
make() {
  local name=$1 each=$2 title=$3
  shift 3
  local slides=("$title" "$@") filters="" i=0
  for text in "${slides[@]}"; do
    printf '%s' "$text" > "$TMP/$name-$i.txt"
    local from=$((i * each)) to=$(((i + 1) * each))
    local size=40
    [ "$i" -eq 0 ] && size=52
    filters+="drawtext=fontfile='$FONT':textfile='$TMP/$name-$i.txt':fontcolor=0xF8F2E6:fontsize=$size:line_spacing=18:x=(w-text_w)/2:y=(h-text_h)/2:enable='between(t,$from,$to)',"
    i=$((i + 1))
  done
  local total=$((i * each))
  filters+="drawtext=fontfile='$FONT':text='支部通 · 微党课':fontcolor=0xD6AC5C:fontsize=22:x=28:y=h-48,"
  filters+="drawbox=x=0:y=0:w=iw:h=10:color=0xD6AC5C@1:t=fill"
  ffmpeg -y -loglevel error -f lavfi -i "color=c=0xA6141C:s=640x360:r=12:d=$total" -vf "$filters" \
    -c:v libx264 -profile:v baseline -pix_fmt yuv420p -b:v 90k -maxrate 120k -bufsize 240k -movflags +faststart \
    "$OUT/$name.mp4"
  ffmpeg -y -loglevel error -ss 0.5 -i "$OUT/$name.mp4" -frames:v 1 -vf scale=690:388 "$OUT/$name-cover.png"
}

make lesson-1 4 '一起读懂
入党誓词' '入党誓词共八十字' '坚持党的纲领
执行党的决议' '严守党的纪律
保守党的秘密' '对党忠诚  积极工作
永不叛党'
make lesson-2 4 '红船精神
微党课' '1921 年  嘉兴南湖' '开天辟地  敢为人先' '坚定理想  百折不挠' '立党为公  忠诚为民'
ls -l "$OUT"
