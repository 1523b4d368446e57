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
PYTHONPATH=$PYDEPS python3 "$HERE/feeds.py" "http://127.0.0.1:$PORT"
