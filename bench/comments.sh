#!/usr/bin/env bash
# Comment posting under load (see README.md beside this file): wrk posts new
# comments to one article of the release server for DURATION; then the rows
# in the database are counted against the 303s wrk received.
#
#   bench/comments.sh [DURATION] [CONNECTIONS]      defaults: 10s, 16
#   BENCH_DATABASE_URL=postgres://... bench/comments.sh   on PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNECTIONS=${2:-16}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p dateline
BIN=target/release/dateline
DATA=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
STORE=(--data-dir "$DATA")
[ -n "${BENCH_DATABASE_URL:-}" ] && STORE+=(--database-url "$BENCH_DATABASE_URL")

"$BIN" import wire "${STORE[@]}" --section world --year 2016 \
  crates/dateline-import/tests/fixtures/rhc-syria-ceasefire.txt >/dev/null
for kv in "comments.min_seconds 0" "comments.rate_per_address 1000000000" "comments.rate_per_email 1000000000"; do
  # shellcheck disable=SC2086
  "$BIN" settings "${STORE[@]}" set $kv >/dev/null
done
"$BIN" serve --no-demo "${STORE[@]}" --listen 127.0.0.1:18085 >/dev/null 2>&1 &
SERVER=$!
until curl -sf -o /dev/null http://127.0.0.1:18085/readyz; do sleep 0.05; done
ARTICLE=/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire
TOKEN=$(curl -sf "http://127.0.0.1:18085$ARTICLE" | grep -o 'name="token" value="[^"]*"' | sed 's/.*value="//; s/"$//')

BENCH_TOKEN=$TOKEN BENCH_PATH=$ARTICLE wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s bench/post-comment.lua "http://127.0.0.1:18085" > "$OUT/wrk-comments.txt"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
ROWS=$("$BIN" comments "${STORE[@]}" list --status pending --limit 100000000 --json | wc -l)
POSTED=$(awk '/^posted:/ {print $2}' "$OUT/wrk-comments.txt" | tr -d ,)
{
  echo "## Comment posting, $(date -u +%Y-%m-%dT%H:%MZ), ${BENCH_DATABASE_URL:+PostgreSQL}${BENCH_DATABASE_URL:-SQLite}, wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) cores" | sed 's#postgres://[^ ,]*#PostgreSQL#'
  echo
  echo "| accepted comments/s | p50 | p99 | 303s received | rows in the database | errors |"
  echo "| ---: | ---: | ---: | ---: | ---: | --- |"
  printf '| %s | %s | %s | %s | %s | %s |\n' \
    "$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-comments.txt")" \
    "$(awk '$1=="50%" {print $2}' "$OUT/wrk-comments.txt")" \
    "$(awk '$1=="99%" {print $2}' "$OUT/wrk-comments.txt")" \
    "$POSTED" "$ROWS" \
    "$(awk '/^posted:/ {sub(/^posted: [0-9]+, /, ""); print}' "$OUT/wrk-comments.txt")"
} | tee "$OUT/comments-results.md"
