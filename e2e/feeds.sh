#!/usr/bin/env bash
# Feed validation (see feeds.py): starts its own server with the demo
# edition on a fresh data directory and checks every kind of feed.
#   e2e/feeds.sh        DATELINE_BIN=... FEEDS_PORT=...
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PORT=${FEEDS_PORT:-18720}
PYDEPS=$HERE/.pydeps
if ! PYTHONPATH=$PYDEPS python3 -c "import feedparser, jsonschema, rfc3339_validator" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$PYDEPS" \
    feedparser==6.0.* jsonschema==4.* rfc3339-validator
fi
if [ -z "${DATELINE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline)
  DATELINE_BIN=$ROOT/target/release/dateline
fi
DATA=$(mktemp -d)
"$DATELINE_BIN" serve --data-dir "$DATA" --listen "127.0.0.1:$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz" && break; sleep 0.05; done
status=0
PYTHONPATH=$PYDEPS python3 "$HERE/feeds.py" "http://127.0.0.1:$PORT" || status=1

# Sitemaps against the sitemaps.org and Google News schemas (kept in shared/,
# not shipped: see its SOURCE.md).
XSD=${SITEMAP_XSD_DIR:-$ROOT/../shared/testdata/sitemap-xsd}
command -v xmllint >/dev/null || { echo "not ok - xmllint is needed: apt-get install -y libxml2-utils"; exit 1; }
[ -d "$XSD" ] || { echo "not ok - the sitemap schemas are not at $XSD (set SITEMAP_XSD_DIR)"; exit 1; }
WORK=$(mktemp -d)
check() { # NAME SCHEMA FILE
  if out=$(xmllint --noout --nonet --schema "$XSD/$2" "$3" 2>&1); then echo "ok - $1 validates against $2"
  else echo "not ok - $1: $out" | head -5; status=1; fi
}
base=http://127.0.0.1:$PORT
curl -sf "$base/sitemap.xml" -o "$WORK/index.xml"; check sitemap.xml siteindex.xsd "$WORK/index.xml"
curl -sf "$base/sitemaps/pages.xml" -o "$WORK/pages.xml"; check sitemaps/pages.xml sitemap.xsd "$WORK/pages.xml"
for f in en-1 es-1 ar-1; do
  curl -sf "$base/sitemaps/$f.xml" -o "$WORK/$f.xml"
  # sitemap.xsd refuses foreign elements, so the hreflang links (xhtml:link,
  # which search engines read) are checked for well-formedness and taken out
  # before the schema check.
  xmllint --noout --nonet "$WORK/$f.xml" || status=1
  grep -v '<xhtml:link ' "$WORK/$f.xml" > "$WORK/$f.plain.xml"
  check "sitemaps/$f.xml" sitemap.xsd "$WORK/$f.plain.xml"
done
# The news sitemap holds the last two days: file a story now, so it is never
# empty whatever the demo edition's dates.
printf 'Headline: Harbour Reopens After Storm\nSection: cuba\nLanguage: en\nDateline: Havana, %s (RHC)\nPublished: %s\n\nThe harbour reopened on %s.\n' \
  "$(date -u '+%B %-d')" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(date -u '+%A')" > "$WORK/fresh.txt"
"$DATELINE_BIN" import wire --data-dir "$DATA" "$WORK/fresh.txt" >/dev/null || status=1
sleep 1
curl -sf "$base/news-sitemap.xml" -o "$WORK/news.xml"
grep -q "Harbour Reopens After Storm" "$WORK/news.xml" || { echo "not ok - the fresh story is not in the news sitemap"; status=1; }
check news-sitemap.xml news-sitemap-all.xsd "$WORK/news.xml"
rm -rf "$WORK"
exit $status
