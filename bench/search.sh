#!/usr/bin/env bash
# Search and related articles (see README.md beside this file): builds a
# search index of N generated articles on disk with `search-bench`, then
# measures build time, size, peak memory, and search and related-article
# latency on it.
#
#   bench/search.sh [SIZES...]     default: 100000 1000000
#
# Each index is built in bench/out/search-N/ and deleted afterwards (a
# million articles take several GB); the tables go to bench/out/search.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
OUT=bench/out
RESULTS=$OUT/search.md
mkdir -p "$OUT"
cargo build --release -q -p dateline-bench --bin search-bench
BIN=${CARGO_TARGET_DIR:-target}/release

dirs=()
cleanup() { for d in "${dirs[@]}"; do rm -rf "$d"; done; }
trap cleanup EXIT

: > "$RESULTS"
for n in "${SIZES[@]}"; do
  dir=$OUT/search-$n
  dirs+=("$dir")
  rm -rf "$dir"
  echo "building and measuring an index of $n articles in $dir ..." >&2
  # The load averages tell whether something else shared the cores.
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date -u +%Y-%m-%dT%H:%MZ)
  table=$("$BIN/search-bench" "$n" "$dir")
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  rm -rf "$dir"
  {
    echo "## Search, $started: $n articles, $(nproc) cores, load average $load_before before and $load_after after"
    echo
    echo "$table"
    echo
  } | tee -a "$RESULTS"
done
