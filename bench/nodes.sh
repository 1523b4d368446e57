#!/usr/bin/env bash
# The article page on SQLite (one node) beside PostgreSQL with one and with
# two nodes, in one run (see README.md beside this file).
#
#   bench/nodes.sh [ARTICLES] [DURATION]     defaults: 20000 articles, 10s
#
# Needs wrk and a PostgreSQL server: .ci/postgres.sh starts one and prints
# the URL, or set BENCH_POSTGRES_URL to an account that may create databases.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${1:-20000}
DURATION=${2:-10s}
CONNECTIONS=${CONNECTIONS:-64}
OUT=bench/out
mkdir -p "$OUT"
SERVER=${BENCH_POSTGRES_URL:-$(.ci/postgres.sh | tail -n 1)}
cargo build --release -q -p dateline -p dateline-bench
BIN=target/release

# The SQLite archive, and the same archive on a PostgreSQL database of its own.
SQLITE=$OUT/archive-$ARTICLES
if [ ! -f "$SQLITE/article-path" ]; then
  rm -rf "$SQLITE"
  "$BIN/gen-archive" "$SQLITE" "$ARTICLES" > "$SQLITE.path.tmp"
  mv "$SQLITE.path.tmp" "$SQLITE/article-path"
fi
ARTICLE=$(cat "$SQLITE/article-path")
DB=bench_$ARTICLES
PG_URL="${SERVER%/*}/$DB"
if ! psql "$SERVER" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  "$BIN/dateline" export --data-dir "$SQLITE" --output "$OUT/archive-$ARTICLES.jsonl"
  psql "$SERVER" -qc "CREATE DATABASE $DB"
  "$BIN/dateline" import archive --data-dir "$OUT/unused" --database-url "$PG_URL" "$OUT/archive-$ARTICLES.jsonl"
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start() { # PORT ARGS... -> waits until it answers
  "$BIN/dateline" serve --no-demo --listen "127.0.0.1:$1" "${@:2}" >/dev/null 2>&1 &
  pids+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$1/readyz"; do sleep 0.02; done
  curl -sf -o /dev/null "http://127.0.0.1:$1$ARTICLE"
}
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p50() { awk '$1=="50%" {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }

start 18090 --data-dir "$SQLITE"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:18090$ARTICLE" > "$OUT/nodes-sqlite.txt"
kill "${pids[0]}"

start 18091 --data-dir "$OUT/unused" --database-url "$PG_URL"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:18091$ARTICLE" > "$OUT/nodes-pg1.txt"

# Two nodes: one wrk per node, at the same time, half the connections each.
start 18092 --data-dir "$OUT/unused" --database-url "$PG_URL"
wrk -t1 -c$((CONNECTIONS / 2)) -d"$DURATION" --latency "http://127.0.0.1:18091$ARTICLE" > "$OUT/nodes-pg2a.txt" &
first=$!
wrk -t1 -c$((CONNECTIONS / 2)) -d"$DURATION" --latency "http://127.0.0.1:18092$ARTICLE" > "$OUT/nodes-pg2b.txt"
wait "$first"

# The first render of an uncached page on each engine (page 3 of World).
cold_pg=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:18091/en/world/?page=3")

# Comment posting: wrk posts new comments to the article through one node,
# then through both at once; every 303 must have its row. The form token is
# signed with the site's secret, which every node shares.
comments() { # DATABASE-ARGS... -> number of pending comments
  "$BIN/dateline" comments "$@" list --status pending --limit 100000000 --json | wc -l
}
PG_STORE=(--data-dir "$OUT/unused" --database-url "$PG_URL")
for kv in "comments.min_seconds 0" "comments.rate_per_address 1000000" "comments.rate_per_email 1000000"; do
  # shellcheck disable=SC2086
  "$BIN/dateline" settings "${PG_STORE[@]}" set $kv >/dev/null
done
TOKEN=$(curl -sf "http://127.0.0.1:18091$ARTICLE" | grep -o 'name="token" value="[^"]*"' | sed 's/.*value="//; s/"$//')
post() { # PORT CONNECTIONS OUTPUT
  BENCH_PREFIX="$(date +%s%N)p$1" BENCH_TOKEN=$TOKEN BENCH_PATH=$ARTICLE wrk -t1 -c"$2" -d"$DURATION" --latency \
    -s bench/post-comment.lua "http://127.0.0.1:$1" > "$3"
}
posted() { awk '/^posted:/ {print $2}' "$1" | tr -d ,; }
CPOST=$((CONNECTIONS / 4))
before=$(comments "${PG_STORE[@]}")
post 18091 "$CPOST" "$OUT/nodes-comments-pg1.txt"
after_one=$(comments "${PG_STORE[@]}")
post 18091 $((CPOST / 2)) "$OUT/nodes-comments-pg2a.txt" &
first=$!
post 18092 $((CPOST / 2)) "$OUT/nodes-comments-pg2b.txt"
wait "$first"
after_two=$(comments "${PG_STORE[@]}")

{
  echo "## Nodes run of $(date -u +%Y-%m-%dT%H:%MZ): $ARTICLES articles, article page, wrk -c$CONNECTIONS -d$DURATION, $(nproc) cores"
  echo
  echo "| setup | requests/s | p50 | p99 |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| SQLite, 1 node | $(rps "$OUT/nodes-sqlite.txt") | $(p50 "$OUT/nodes-sqlite.txt") | $(p99 "$OUT/nodes-sqlite.txt") |"
  echo "| PostgreSQL, 1 node | $(rps "$OUT/nodes-pg1.txt") | $(p50 "$OUT/nodes-pg1.txt") | $(p99 "$OUT/nodes-pg1.txt") |"
  total=$(awk -v a="$(rps "$OUT/nodes-pg2a.txt")" -v b="$(rps "$OUT/nodes-pg2b.txt")" 'BEGIN { print a + b }')
  echo "| PostgreSQL, 2 nodes (sum) | $total | $(p50 "$OUT/nodes-pg2a.txt") / $(p50 "$OUT/nodes-pg2b.txt") | $(p99 "$OUT/nodes-pg2a.txt") / $(p99 "$OUT/nodes-pg2b.txt") |"
  echo
  echo "First render of an uncached section page on PostgreSQL: ${cold_pg}s"
  echo
  echo "Comment posting on PostgreSQL (wrk -c$CPOST in all, new comments to one article):"
  echo
  echo "| setup | accepted comments/s | p50 | p99 | 303s received | new rows |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| 1 node | $(rps "$OUT/nodes-comments-pg1.txt") | $(p50 "$OUT/nodes-comments-pg1.txt") | $(p99 "$OUT/nodes-comments-pg1.txt") | $(posted "$OUT/nodes-comments-pg1.txt") | $((after_one - before)) |"
  ctotal=$(awk -v a="$(rps "$OUT/nodes-comments-pg2a.txt")" -v b="$(rps "$OUT/nodes-comments-pg2b.txt")" 'BEGIN { print a + b }')
  cposted=$(( $(posted "$OUT/nodes-comments-pg2a.txt") + $(posted "$OUT/nodes-comments-pg2b.txt") ))
  echo "| 2 nodes (sum) | $ctotal | $(p50 "$OUT/nodes-comments-pg2a.txt") / $(p50 "$OUT/nodes-comments-pg2b.txt") | $(p99 "$OUT/nodes-comments-pg2a.txt") / $(p99 "$OUT/nodes-comments-pg2b.txt") | $cposted | $((after_two - after_one)) |"
} | tee "$OUT/nodes-results.md"
