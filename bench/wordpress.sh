#!/usr/bin/env bash
# Moving in from WordPress at scale (see README.md beside this file):
# generates a WordPress export (bench/gen-wxr.py, seeded) and imports it into
# an empty data directory with the release binary, timed and measured with
# /usr/bin/time -v; then imports it again (the second run updates).
#
#   bench/wordpress.sh [POSTS] [COMMENTS]      defaults: 100000 500000
#
# The release binary is target/release/dateline (built here), or DATELINE_BIN.
# The export is kept in bench/out/wxr-POSTS-COMMENTS.xml.
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS=${1:-100000}
COMMENTS=${2:-500000}
OUT=bench/out
mkdir -p "$OUT"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 1; }
if [ -n "${DATELINE_BIN:-}" ]; then
  BIN=$DATELINE_BIN
else
  cargo build --release -q -p dateline
  BIN=${CARGO_TARGET_DIR:-target}/release/dateline
fi
XML=$OUT/wxr-$POSTS-$COMMENTS.xml
if [ ! -f "$XML" ]; then
  echo "generating $XML ..."
  python3 bench/gen-wxr.py "$XML.tmp" "$POSTS" "$COMMENTS" && mv "$XML.tmp" "$XML"
fi
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
"$BIN" migrate --data-dir "$DATA" >/dev/null
for run in first again; do
  /usr/bin/time -v "$BIN" import wordpress --data-dir "$DATA" "$XML" > "$OUT/wordpress-$run.txt" 2> "$OUT/wordpress-$run.time"
  printf '%s: %s, peak %s MB\n' "$run" \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/wordpress-$run.time")" \
    "$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$OUT/wordpress-$run.time")"
  grep -E '^(posts|comments|old links):' "$OUT/wordpress-$run.txt"
done
echo "export: $(du -m "$XML" | cut -f1) MB; database: $(du -m "$DATA/dateline.db" | cut -f1) MB"
