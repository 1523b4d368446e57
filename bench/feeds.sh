#!/usr/bin/env bash
# Feeds and sitemaps over a big archive (see README.md beside this file):
# how long the first render of each takes (a cache miss, straight from the
# database) and how fast each is served once cached, beside the article page
# in the same run.
#
#   bench/feeds.sh [ARTICLES] [DURATION]     defaults: 100000 articles, 5s per run
#
# Uses the archive bench/run.sh generates (bench/out/archive-N), making it
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${1:-100000}
DURATION=${2:-5s}
OUT=bench/out
DATA=$OUT/archive-$ARTICLES
PORT=18082
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p dateline -p dateline-bench
BIN=target/release
if [ ! -f "$DATA/article-path" ]; then
  rm -rf "$DATA"
  echo "generating $ARTICLES articles in $DATA ..."
  "$BIN/gen-archive" "$DATA" "$ARTICLES" > "$DATA.path.tmp"
  mv "$DATA.path.tmp" "$DATA/article-path"
fi
ARTICLE=$(cat "$DATA/article-path")

"$BIN/dateline" serve --no-demo --data-dir "$DATA" --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -sf -o /dev/null $BASE/healthz; do sleep 0.05; done

# A section that the generated archive fills (the article's own).
SECTION=$(echo "$ARTICLE" | cut -d/ -f1-3)/
TARGETS=(
  "article|$ARTICLE"
  "rss-language|/en/feed.xml"
  "atom-language|/en/atom.xml"
  "json-language|/en/feed.json"
  "rss-section|${SECTION}feed.xml"
  "sitemap-index|/sitemap.xml"
  "sitemap-en-1|/sitemaps/en-1.xml"
  "news-sitemap|/news-sitemap.xml"
)
{
  echo "## Feeds and sitemaps, $(date -u +%Y-%m-%dT%H:%MZ): $ARTICLES articles, wrk -t2 -c64 -d$DURATION, $(nproc) cores"
  echo
  echo "| target | bytes | first render (cache miss) | cached requests/s | p99 | ratio to the article page |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  ARTICLE_RPS=
  for entry in "${TARGETS[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    first=$(curl -s -o "$OUT/feed-$name.body" -w '%{time_total}' "$BASE$path")
    bytes=$(wc -c < "$OUT/feed-$name.body")
    wrk -t2 -c64 -d"$DURATION" --latency "$BASE$path" > "$OUT/wrk-feed-$name.txt"
    rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-feed-$name.txt")
    p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-feed-$name.txt")
    [ -z "$ARTICLE_RPS" ] && ARTICLE_RPS=$rps
    printf '| %s `%s` | %s | %s s | %s | %s | %.2f |\n' "$name" "$path" "$bytes" "$first" "$rps" "$p99" \
      "$(awk -v a="$rps" -v b="$ARTICLE_RPS" 'BEGIN { print a / b }')"
  done
} | tee "$OUT/feeds-results.md"
