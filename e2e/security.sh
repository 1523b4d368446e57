#!/usr/bin/env bash
# Security probes (see security.py): starts its own server on a fresh data
# directory, runs the probes and sqlmap, stops the server.
#   e2e/security.sh        DATELINE_BIN=... OUT_DIR=... SECURITY_PORT=...
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT_DIR=${OUT_DIR:-$ROOT/ci-out/security}
PORT=${SECURITY_PORT:-18710}
command -v sqlmap >/dev/null || { echo "sqlmap is needed: apt-get install -y sqlmap" >&2; exit 1; }
if [ -z "${DATELINE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline)
  DATELINE_BIN=$ROOT/target/release/dateline
fi
mkdir -p "$OUT_DIR"
DATA=$(mktemp -d)
"$DATELINE_BIN" serve --data-dir "$DATA" --listen "127.0.0.1:$PORT" > "$OUT_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz" && break; sleep 0.05; done
python3 "$HERE/security.py" "http://127.0.0.1:$PORT" "$DATELINE_BIN" "$DATA" "$OUT_DIR"
status=$?
kill -0 "$SERVER" 2>/dev/null || { echo "not ok - the server died during the probes"; exit 1; }
exit $status
