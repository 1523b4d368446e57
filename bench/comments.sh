#!/usr/bin/env bash
# Comment posting under load (see README.md beside this file): wrk posts new
# comments to one article of the release server for DURATION, each from a
# reader of its own (a distinct X-Forwarded-For, the server behind a
# loopback proxy), with the shipped limits; then the rows in the database
# are counted against the 303s wrk received.
#
#   bench/comments.sh [DURATION] [CONNECTIONS]      defaults: 10s, 64
#   BENCH_DATABASE_URL=postgres://... bench/comments.sh   on PostgreSQL
#   DATELINE_BIN=/path/to/dateline bench/comments.sh     that binary, not a build
#   BEFORE_BIN=/path/to/older/dateline bench/comments.sh  the older binary
#       and this one in turns (older, this, older, this) in the same run
#
# On PostgreSQL each run gets a database of its own, made and dropped with
# psql on the server BENCH_DATABASE_URL names.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNECTIONS=${2:-64}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
if [ -z "${DATELINE_BIN:-}" ]; then
  cargo build --release -q -p dateline
  DATELINE_BIN=${CARGO_TARGET_DIR:-target}/release/dateline
fi
BIN=$DATELINE_BIN
# shellcheck source=e2e/pg.sh
. e2e/pg.sh
ARTICLE=/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire
PORT=18085
SERVER=''
DATA=''
DB=''
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
  [ -n "$DATA" ] && rm -rf "$DATA"
  [ -n "$DB" ] && pg_drop "$BENCH_DATABASE_URL" "$DB"
  true
}
trap cleanup EXIT

# run_one LABEL BINARY: one fresh site, one wrk run; prints a table row.
run_one() {
  local label=$1 bin=$2 n=$3
  DATA=$(mktemp -d)
  local store=(--data-dir "$DATA")
  if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    DB=dateline_bench_comments_$$_$n
    pg_make "$BENCH_DATABASE_URL" "$DB" >/dev/null
    store+=(--database-url "$(pg_url "$BENCH_DATABASE_URL" "$DB")")
  fi
  "$bin" import wire "${store[@]}" --section world --year 2016 \
    crates/dateline-import/tests/fixtures/rhc-syria-ceasefire.txt >/dev/null
  # The form may be sent back at once; every other limit stays as shipped:
  # each comment comes from a reader of its own (X-Forwarded-For through
  # --behind-proxy), as on a busy site.
  for kv in "comments.min_seconds 0"; do
    # shellcheck disable=SC2086
    "$bin" settings "${store[@]}" set $kv >/dev/null
  done
  "$bin" serve --no-demo --behind-proxy "${store[@]}" --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
  SERVER=$!
  until curl -sf -o /dev/null http://127.0.0.1:$PORT/readyz; do sleep 0.05; done
  local token
  token=$(curl -sf "http://127.0.0.1:$PORT$ARTICLE" | grep -o 'name="token" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  local report=$OUT/wrk-comments-$n.txt
  BENCH_TOKEN=$token BENCH_PATH=$ARTICLE BENCH_PREFIX=r$n- wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s bench/post-comment.lua "http://127.0.0.1:$PORT" > "$report"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  SERVER=''
  local rows posted
  rows=$("$bin" comments "${store[@]}" list --status pending --limit 100000000 --json | wc -l)
  posted=$(awk '/^posted:/ {print $2}' "$report" | tr -d ,)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
    "$(awk '/^Requests\/sec/ {print $2}' "$report")" \
    "$(awk '$1=="50%" {print $2}' "$report")" \
    "$(awk '$1=="99%" {print $2}' "$report")" \
    "$posted" "$rows" \
    "$(awk '/^posted:/ {sub(/^posted: [0-9]+, /, ""); print}' "$report")"
  rm -rf "$DATA"; DATA=''
  if [ -n "$DB" ]; then
    pg_drop "$BENCH_DATABASE_URL" "$DB"
    DB=''
  fi
}

{
  echo "## Comment posting, $(date -u +%Y-%m-%dT%H:%MZ), ${BENCH_DATABASE_URL:+PostgreSQL}${BENCH_DATABASE_URL:-SQLite}, wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) cores" | sed 's#postgres://[^ ,]*#PostgreSQL#'
  echo
  echo "| binary | accepted comments/s | p50 | p99 | 303s received | rows in the database | errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  if [ -n "${BEFORE_BIN:-}" ]; then
    run_one before "$BEFORE_BIN" 1
    run_one this "$BIN" 2
    run_one before "$BEFORE_BIN" 3
    run_one this "$BIN" 4
  else
    run_one this "$BIN" 1
  fi
} | tee "$OUT/comments-results.md"
