#!/usr/bin/env bash
# The newsroom under load (see README.md beside this file), on the release
# server: what a login costs (Argon2id), how many saves of one article the
# store takes (each a revision, an outbox row and a page-cache clear), and
# how readers fare while an editor saves every 200 ms, as a ratio to the
# same run without the editor.
#
#   bench/newsroom.sh [DURATION] [CONNECTIONS]      defaults: 10s, 16
#   BENCH_DATABASE_URL=postgres://... bench/newsroom.sh   on PostgreSQL
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
JAR=$(mktemp)
trap 'kill $SERVER $SAVER 2>/dev/null || true; rm -rf "$DATA" "$JAR"' EXIT
SAVER=
STORE=(--data-dir "$DATA")
[ -n "${BENCH_DATABASE_URL:-}" ] && STORE+=(--database-url "$BENCH_DATABASE_URL")
PORT=18086
BASE=http://127.0.0.1:$PORT

"$BIN" import wire "${STORE[@]}" --section world --year 2016 \
  crates/dateline-import/tests/fixtures/rhc-syria-ceasefire.txt >/dev/null
echo 'a long benchmark password' | "$BIN" user add "${STORE[@]}" --role editor bench@example.org >/dev/null
"$BIN" serve --no-demo "${STORE[@]}" --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
SERVER=$!
until curl -sf -o /dev/null $BASE/readyz; do sleep 0.05; done
ARTICLE=/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire

login() { # one login through the form, in a fresh cookie jar; prints the HTTP status
  : > "$JAR"
  local token
  token=$(curl -sf -c "$JAR" -b "$JAR" $BASE/newsroom/login | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode email=bench@example.org \
    --data-urlencode 'password=a long benchmark password' --data-urlencode "csrf=$token" $BASE/newsroom/login
}
# Logins: each is a form fetch and a POST whose Argon2id check dominates.
N=20
start=$(date +%s%N)
for _ in $(seq 1 $N); do [ "$(login)" = 303 ] || { echo "login failed" >&2; exit 1; }; done
LOGIN_MS=$(( ($(date +%s%N) - start) / N / 1000000 ))

COOKIE="dl_session=$(awk '$6=="dl_session" {print $7}' "$JAR")"
CSRF=$(curl -sf -b "$JAR" $BASE/newsroom/articles/new | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
LOCATION=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR" --data-urlencode "csrf=$CSRF" --data "intent=publish&language=en&section=world&slug=bench-story&headline=Ministers+meet&body=First." $BASE/newsroom/articles)
EDIT=${LOCATION#$BASE}; EDIT=${EDIT%%\?*}

# Saves of one article, as fast as the store takes them.
BENCH_PATH=$EDIT BENCH_COOKIE=$COOKIE BENCH_CSRF=$CSRF wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s bench/save-article.lua "$BASE" > "$OUT/wrk-saves.txt"
REVISIONS=$(curl -sf -b "$JAR" "$BASE$EDIT/revisions" | grep -c 'name="from"' || true)

# Readers alone, then readers while an editor saves every 200 ms.
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$ARTICLE" > "$OUT/wrk-readers-alone.txt"
( while true; do
    curl -s -o /dev/null -b "$JAR" --data-urlencode "csrf=$CSRF" \
      --data "intent=save&language=en&section=world&slug=bench-story&headline=Ministers+meet&body=Saved+at+$(date +%s%N)." \
      "$BASE$EDIT"
    sleep 0.2
  done ) &
SAVER=$!
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$ARTICLE" > "$OUT/wrk-readers-saving.txt"
kill $SAVER; wait $SAVER 2>/dev/null || true; SAVER=

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1==p {print $2}' "$1"; }
ALONE=$(rps "$OUT/wrk-readers-alone.txt"); SAVING=$(rps "$OUT/wrk-readers-saving.txt")
{
  ENGINE=SQLite; [ -n "${BENCH_DATABASE_URL:-}" ] && ENGINE=PostgreSQL
  echo "## Newsroom, $(date -u +%Y-%m-%dT%H:%MZ), $ENGINE, wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) cores"
  echo
  echo "| measure | figure |"
  echo "| --- | ---: |"
  echo "| login through the form (form + POST, Argon2id), mean of $N | ${LOGIN_MS} ms |"
  echo "| saves of one article/s (each a revision, an outbox row, a cache clear) | $(rps "$OUT/wrk-saves.txt") |"
  echo "| save latency p50 / p99 | $(pct "$OUT/wrk-saves.txt" 50%) / $(pct "$OUT/wrk-saves.txt" 99%) |"
  echo "| saves answered (wrk's errors) | $(awk '/^saved:/ {sub(/^saved: /, ""); print}' "$OUT/wrk-saves.txt") |"
  echo "| revisions in the article's history afterwards | $REVISIONS |"
  echo "| article page req/s, readers alone | $ALONE |"
  echo "| article page req/s, while an editor saves every 200 ms | $SAVING |"
  echo "| ratio (with saves / alone) | $(awk -v a="$ALONE" -v b="$SAVING" 'BEGIN {printf "%.2f", b / a}') |"
} | tee "$OUT/newsroom-results.md"
