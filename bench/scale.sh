#!/usr/bin/env bash
# Scale check (see README.md beside this file): the same measures on a big
# site and on a small one generated in the same run, so that what a million
# articles cost shows as a ratio:
#   1. cold start: process start to the first front page answered (median of
#      3), and of it the time to the health check's first answer;
#   2. first render of section pages nobody has asked for yet, on each of
#      those fresh starts (page 2 of World, the first page of Culture, and a
#      page halfway down World for the record), median of 3;
#   3. the article page's throughput, wrk -t2 -c64 -d10s on the newest
#      article, small and big in turns (small, big, three times: TURNS=3).
#
#   bench/scale.sh [BIG_DIR] [SMALL_N]
#       defaults: bench/out/archive-1000000 (generated when missing, kept,
#       served in place like bench/run.sh's archive), 1000
#   SCALE_COPY=1 bench/scale.sh /some/site     serve a copy of BIG_DIR (in a
#       temporary directory, deleted at the end) and leave BIG_DIR untouched:
#       a server writes to its data directory (view counts, the search index)
#   SCALE_LINK=1 bench/scale.sh /some/site     when there is no disk for a
#       copy: a temporary data directory whose dateline.db is a symbolic link
#       to BIG_DIR's, so the search index is built there, not in BIG_DIR; the
#       database is not migrated and gets only a server's own small writes
#       (view counts, its WAL): nothing here publishes
#
# The release binaries are target/release/{dateline,gen-archive}, built
# here, or DATELINE_BIN and GEN_ARCHIVE_BIN. A site without a search index
# gets one first (`dateline reindex`: minutes at a million articles), so
# that no start measured here builds one.
set -euo pipefail
cd "$(dirname "$0")/.."

BIG=${1:-bench/out/archive-1000000}
SMALL_N=${2:-1000}
DURATION=${DURATION:-10s}
TURNS=${TURNS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
OUT=bench/out
SMALL_PORT=18092
BIG_PORT=18093
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
if [ -n "${DATELINE_BIN:-}" ]; then
  BIN=$DATELINE_BIN
  GEN=${GEN_ARCHIVE_BIN:-$(dirname "$DATELINE_BIN")/gen-archive}
else
  cargo build --release -q -p dateline -p dateline-bench
  BIN=${CARGO_TARGET_DIR:-target}/release/dateline
  GEN=${GEN_ARCHIVE_BIN:-${CARGO_TARGET_DIR:-target}/release/gen-archive}
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dateline-scale.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f "$BIG/dateline.db" ]; then
  [ "$BIG" = bench/out/archive-1000000 ] || { echo "no site at $BIG" >&2; exit 1; }
  echo "generating 1,000,000 articles in $BIG (about an hour here) ..." >&2
  "$GEN" "$BIG" 1000000 >/dev/null
fi
BIG_SOURCE=$BIG
if [ "${SCALE_COPY:-0}" = 1 ]; then
  need=$(du -sk "$BIG" | cut -f1)
  free=$(df -k --output=avail "$WORK" | tail -n 1)
  # The copy, room for its search index (half a gigabyte for a million
  # generated articles; real text makes a larger one) and 5 GB to spare
  # for whoever else shares the disk.
  if [ $(( free - need * 14 / 10 )) -lt 5000000 ]; then
    echo "not enough disk for a copy of $BIG: $(( need / 1048576 )) GB and its index, $(( free / 1048576 )) GB free" >&2
    exit 1
  fi
  echo "copying $BIG ($(( need / 1048576 )) GB) ..." >&2
  mkdir -p "$WORK/big"
  # The database and its WAL as one consistent file set (the source is not
  # being written: a kept copy).
  cp -a "$BIG"/. "$WORK/big/"
  BIG=$WORK/big
fi

if [ "${SCALE_LINK:-0}" = 1 ]; then
  "$BIN" migrate --check --data-dir "$BIG" >/dev/null ||
    { echo "$BIG needs migrations; SCALE_LINK=1 changes nothing in it" >&2; exit 1; }
  mkdir -p "$WORK/big"
  ln -s "$(realpath "$BIG/dateline.db")" "$WORK/big/dateline.db"
  [ -d "$BIG/media" ] && ln -s "$(realpath "$BIG/media")" "$WORK/big/media"
  BIG=$WORK/big
fi

SMALL=$WORK/small
"$GEN" "$SMALL" "$SMALL_N" >/dev/null
for dir in "$SMALL" "$BIG"; do
  [ -L "$dir/dateline.db" ] || "$BIN" migrate --data-dir "$dir" >/dev/null
  if [ ! -f "$dir/index/meta.json" ]; then
    echo "building the search index of $dir ..." >&2
    s=$(date +%s)
    "$BIN" reindex --data-dir "$dir" >/dev/null
    echo "  $(( $(date +%s) - s )) s" >&2
  fi
done

# The newest published article (the one readers ask for most), and the
# number of articles, read from each site's database.
site_facts() { # DIR -> "count path world_half_page"
  python3 - "$1/dateline.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
n = c.execute("SELECT count(*) FROM articles WHERE status = 'published'").fetchone()[0]
path = c.execute("SELECT path FROM articles WHERE status = 'published' "
                 "ORDER BY published_at DESC, id DESC LIMIT 1").fetchone()[0]
world = c.execute("SELECT count(*) FROM articles a JOIN sections s ON s.id = a.section_id "
                  "WHERE a.status = 'published' AND s.language = 'en' AND s.slug = 'world'").fetchone()[0]
print(n, path, max(2, world // 20 // 2))
EOF
}
read -r SMALL_COUNT SMALL_ARTICLE SMALL_HALF <<<"$(site_facts "$SMALL")"
read -r BIG_COUNT BIG_ARTICLE BIG_HALF <<<"$(site_facts "$BIG")"

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

# A fresh start: process start to the first front page (from the database,
# not a health check), then the first GETs of section pages not yet asked
# for. Prints "cold page2 culture half listening": the last is when the
# health check first answered, which tells starting from rendering.
fresh_start() { # DIR PORT HALF_PAGE
  local start pid cold p2 culture half listening
  start=$EPOCHREALTIME
  "$BIN" serve --no-demo --data-dir "$1" --listen "127.0.0.1:$2" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$2/healthz"; do sleep 0.005; done
  listening=$(seconds_since "$start")
  until curl -sf -o /dev/null "http://127.0.0.1:$2/en/"; do sleep 0.005; done
  cold=$(seconds_since "$start")
  p2=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$2/en/world/?page=2")
  culture=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$2/en/culture/")
  half=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$2/en/world/?page=$3")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$cold $p2 $culture $half $listening"
}
median3() { sort -n | sed -n 2p; }

echo "fresh starts ..." >&2
declare -a S B
for i in 1 2 3; do
  S[i]=$(fresh_start "$SMALL" $SMALL_PORT "$SMALL_HALF")
  B[i]=$(fresh_start "$BIG" $BIG_PORT "$BIG_HALF")
done
col() { # N ARRAY-VALUES... -> median of column N
  local n=$1; shift
  printf '%s\n' "$@" | awk -v n="$n" '{ print $n }' | median3
}
for k in 1 2 3 4 5; do
  SM[k]=$(col "$k" "${S[@]}")
  BG[k]=$(col "$k" "${B[@]}")
done

# Throughput: both sites served at once (an idle server costs nothing
# measurable), the article page cached on each, wrk in turns.
"$BIN" serve --no-demo --data-dir "$SMALL" --listen 127.0.0.1:$SMALL_PORT >/dev/null 2>&1 &
pids+=($!)
"$BIN" serve --no-demo --data-dir "$BIG" --listen 127.0.0.1:$BIG_PORT >/dev/null 2>&1 &
pids+=($!)
for port in $SMALL_PORT $BIG_PORT; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
done
SMALL_BYTES=$(curl -sf "http://127.0.0.1:$SMALL_PORT$SMALL_ARTICLE" | wc -c)
BIG_BYTES=$(curl -sf "http://127.0.0.1:$BIG_PORT$BIG_ARTICLE" | wc -c)

run() { # NAME URL -> "rps p50 p99"
  local out
  curl -sf -o /dev/null "$2"
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
  echo "$out" > "$OUT/wrk-scale-$1.txt"
  echo "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
echo "article page, in turns ..." >&2
declare -A R L
for t in $(seq 1 "$TURNS"); do
  R[small$t]=$(run "small$t" "http://127.0.0.1:$SMALL_PORT$SMALL_ARTICLE")
  L[small$t]=$(cut -d' ' -f1 /proc/loadavg)
  R[big$t]=$(run "big$t" "http://127.0.0.1:$BIG_PORT$BIG_ARTICLE")
  L[big$t]=$(cut -d' ' -f1 /proc/loadavg)
done
rps() { awk '{print $1}' <<<"${R[$1]}"; }
mean_rps() { # small|big
  for t in $(seq 1 "$TURNS"); do rps "$1$t"; done | awk '{ s += $1 } END { print s / NR }'
}
SMALL_RPS=$(mean_rps small)
BIG_RPS=$(mean_rps big)
RSS_BIG=$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/${pids[1]}/status")
RSS_SMALL=$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/${pids[0]}/status")

{
  echo "## Scale check, $(date -u +%Y-%m-%dT%H:%MZ): $BIG_COUNT articles ($BIG_SOURCE) against $SMALL_COUNT, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo
  echo "| measure | $SMALL_COUNT articles | $BIG_COUNT articles | big / small |"
  echo "| --- | ---: | ---: | ---: |"
  printf '| cold start to the first front page (median of 3) | %s s | %s s | %.2f |\n' \
    "${SM[1]}" "${BG[1]}" "$(awk -v a="${BG[1]}" -v b="${SM[1]}" 'BEGIN { print a / b }')"
  printf '| of it, to the health check'"'"'s first answer (median of 3) | %s s | %s s | %.2f |\n' \
    "${SM[5]}" "${BG[5]}" "$(awk -v a="${BG[5]}" -v b="${SM[5]}" 'BEGIN { print a / b }')"
  printf '| first render, page 2 of World (median of 3) | %s ms | %s ms | %.2f |\n' \
    "$(ms "${SM[2]}")" "$(ms "${BG[2]}")" "$(awk -v a="${BG[2]}" -v b="${SM[2]}" 'BEGIN { print a / b }')"
  printf '| first render, Culture, first page (median of 3) | %s ms | %s ms | %.2f |\n' \
    "$(ms "${SM[3]}")" "$(ms "${BG[3]}")" "$(awk -v a="${BG[3]}" -v b="${SM[3]}" 'BEGIN { print a / b }')"
  printf '| first render, World halfway down (page %s / %s) | %s ms | %s ms | %.2f |\n' \
    "$SMALL_HALF" "$BIG_HALF" "$(ms "${SM[4]}")" "$(ms "${BG[4]}")" "$(awk -v a="${BG[4]}" -v b="${SM[4]}" 'BEGIN { print a / b }')"
  for t in $(seq 1 "$TURNS"); do
    set -- ${R[small$t]}; s="$1 req/s (p50 $2, p99 $3; load ${L[small$t]})"
    set -- ${R[big$t]}; b="$1 req/s (p50 $2, p99 $3; load ${L[big$t]})"
    printf '| article page, turn %s | %s | %s | %.2f |\n' "$t" "$s" "$b" \
      "$(awk -v a="$(rps big$t)" -v b="$(rps small$t)" 'BEGIN { print a / b }')"
  done
  printf '| **article page, mean of %s turns** | %.0f req/s | %.0f req/s | **%.2f** |\n' "$TURNS" "$SMALL_RPS" "$BIG_RPS" \
    "$(awk -v a="$BIG_RPS" -v b="$SMALL_RPS" 'BEGIN { print a / b }')"
  printf '| article page bytes | %s | %s | |\n' "$SMALL_BYTES" "$BIG_BYTES"
  printf '| server peak memory (VmHWM) after the runs | %s MiB | %s MiB | |\n' "$RSS_SMALL" "$RSS_BIG"
  echo
  echo "Targets: article page within 10% (big / small ≥ 0.90), cold start under 1 s, first render of an uncached section page under 20 ms."
} | tee "$OUT/scale.md"
