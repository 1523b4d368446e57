#!/usr/bin/env bash
# Load benchmark of the reading side (see README.md beside this file).
#
#   bench/run.sh [ARTICLES] [DURATION]     defaults: 100000 articles, 10s per run
#
# Builds the release binary, generates an archive once (kept in bench/out/),
# measures cold start on it, then runs wrk on loopback against the front page,
# a section page and an article page of `dateline serve`, and against the
# in-memory limit server serving the same article bytes, in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${1:-100000}
DURATION=${2:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
OUT=bench/out
DATA=$OUT/archive-$ARTICLES
PORT=18080
LIMIT_PORT=18081
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p dateline -p dateline-bench
BIN=target/release

if [ ! -f "$DATA/article-path" ]; then
  rm -rf "$DATA"
  echo "generating $ARTICLES articles in $DATA ..."
  gen_start=$(date +%s)
  "$BIN/gen-archive" "$DATA" "$ARTICLES" > "$DATA.path.tmp"
  mv "$DATA.path.tmp" "$DATA/article-path"
  touch "$DATA/pictured"
  echo "generated in $(( $(date +%s) - gen_start ))s"
fi
# Pictures on the newest stories (an archive made before they were).
if [ ! -f "$DATA/pictured" ]; then
  "$BIN/gen-archive" --pictures "$DATA" && touch "$DATA/pictured"
fi
ARTICLE=$(cat "$DATA/article-path")
# The search index, built once: a site's starts (measured below) open it;
# only its first start, or `dateline reindex`, builds it. (A start killed
# while building leaves an unfinished index, which the next start rebuilds.)
"$BIN/dateline" migrate --data-dir "$DATA" >/dev/null
if [ ! -f "$DATA/index/meta.json" ]; then
  "$BIN/dateline" reindex --data-dir "$DATA"
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_ready() { # URL -> prints seconds until the first 200
  local start now
  start=$(date +%s.%N)
  until curl -sf -o /dev/null "$1"; do sleep 0.005; done
  now=$(date +%s.%N)
  awk -v a="$start" -v b="$now" 'BEGIN { printf "%.3f", b - a }'
}

# Cold start: process start to the first front page rendered from the
# database (not a health check), three times.
colds=()
for i in 1 2 3; do
  "$BIN/dateline" serve --no-demo --data-dir "$DATA" --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
  pid=$!
  colds+=("$(wait_ready "http://127.0.0.1:$PORT/en/")")
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
COLD=$(printf '%s\n' "${colds[@]}" | sort -n | sed -n 2p)

"$BIN/dateline" serve --no-demo --data-dir "$DATA" --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$PORT/healthz" >/dev/null
# The limit sends these bytes with these headers: what wrk gets from the
# article page, byte for byte but the Date.
curl -sf -D "$OUT/article.headers" "http://127.0.0.1:$PORT$ARTICLE" -o "$OUT/article.html"
FIRST_RENDER=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/en/world/?page=2")
"$BIN/limit-server" 127.0.0.1:$LIMIT_PORT "$OUT/article.html" "$OUT/article.headers" >/dev/null &
pids+=($!)
wait_ready "http://127.0.0.1:$LIMIT_PORT/" >/dev/null

run() { # NAME URL -> "rps p50 p99"
  local out
  curl -sf -o /dev/null "$2"   # fill the page cache
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
  echo "$out" > "$OUT/wrk-$1.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

declare -A R
R[limit1]=$(run limit1 "http://127.0.0.1:$LIMIT_PORT/")
R[article1]=$(run article1 "http://127.0.0.1:$PORT$ARTICLE")
R[front]=$(run front "http://127.0.0.1:$PORT/en/")
R[section]=$(run section "http://127.0.0.1:$PORT/en/world/")
R[article2]=$(run article2 "http://127.0.0.1:$PORT$ARTICLE")
R[limit2]=$(run limit2 "http://127.0.0.1:$LIMIT_PORT/")

rps() { awk '{print $1}' <<<"${R[$1]}"; }
LIMIT=$(awk -v a="$(rps limit1)" -v b="$(rps limit2)" 'BEGIN { print (a + b) / 2 }')
ART=$(awk -v a="$(rps article1)" -v b="$(rps article2)" 'BEGIN { print (a + b) / 2 }')

{
  echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ): $ARTICLES articles, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores"
  echo
  echo "| target | requests/s | p50 | p99 | ratio to limit |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for k in limit1 article1 front section article2 limit2; do
    set -- ${R[$k]}
    printf '| %s | %s | %s | %s | %.2f |\n' "$k" "$1" "$2" "$3" "$(awk -v a="$1" -v l="$LIMIT" 'BEGIN { print a / l }')"
  done
  echo
  printf 'Article page (mean of two runs) / limit (mean of two runs): **%.2f**\n\n' "$(awk -v a="$ART" -v l="$LIMIT" 'BEGIN { print a / l }')"
  echo "Cold start, process start to the first front page, on the $ARTICLES-article archive (median of 3): **${COLD}s**"
  echo "First render of an uncached section page (page 2 of World): ${FIRST_RENDER}s"
  echo "Article page bytes: $(wc -c < "$OUT/article.html")"
} | tee "$OUT/results.md"
