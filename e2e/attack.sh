#!/usr/bin/env bash
# The hostile-traffic gate (see attack.py): starts its own server on a fresh
# data directory (the demo edition), behind-proxy mode on with no trusted
# proxy, sends each class of hostile traffic and checks the pages readers
# get, the server's memory and /healthz; stops the server.
#   e2e/attack.sh        DATELINE_BIN=... OUT_DIR=... ATTACK_PORT=...
# Python's standard library only. ATTACK_ONLY=methods,flood,... runs some
# classes; ATTACK_CEILING_MIB, ATTACK_HEALTH_MS, ATTACK_STALL_MS change the
# thresholds.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT_DIR=${OUT_DIR:-$ROOT/ci-out/attack}
PORT=${ATTACK_PORT:-18730}
export PYTHONDONTWRITEBYTECODE=1
if [ -z "${DATELINE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline)
  DATELINE_BIN=$ROOT/target/release/dateline
fi
[ -x "$DATELINE_BIN" ] || { echo "not ok - DATELINE_BIN=$DATELINE_BIN is not an executable"; exit 1; }
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
  echo "not ok - something already answers on 127.0.0.1:$PORT; stop it or set ATTACK_PORT"; exit 1
fi
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/monitor.log" "$OUT_DIR/figures.md" "$OUT_DIR/figures.json"
DATA=$(mktemp -d)
# Behind a proxy, with none trusted: X-Forwarded-* from the gate's own
# addresses must change nothing. A binary that knows a trusted-proxy list
# is given one that holds none of them (TEST-NET-1).
PROXY_ARGS=(--behind-proxy)
if [ -n "${ATTACK_PROXY_ARGS:-}" ]; then
  read -r -a PROXY_ARGS <<< "$ATTACK_PROXY_ARGS"
elif flag=$("$DATELINE_BIN" serve --help | grep -o -- '--trusted-prox[a-z-]*' | head -n 1) && [ -n "$flag" ]; then
  PROXY_ARGS+=("$flag" 192.0.2.1/32)
fi
"$DATELINE_BIN" serve --data-dir "$DATA" --listen "127.0.0.1:$PORT" "${PROXY_ARGS[@]}" > "$OUT_DIR/server.log" 2>&1 &
SERVER=$!
stop() {
  if kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER" 2>/dev/null || true
  fi
  # The generated uploads (a 150 MB MP3 among them) are not kept.
  rm -rf "$DATA" "$OUT_DIR/fixtures"
}
trap stop EXIT
ready=""
for _ in $(seq 1 300); do
  kill -0 "$SERVER" 2>/dev/null || break
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/readyz")" = 200 ]; then ready=1; break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "not ok - the server did not become ready (/readyz 200) in 30 s; its log:"; cat "$OUT_DIR/server.log"; exit 1
fi
status=0
python3 "$HERE/attack.py" "http://127.0.0.1:$PORT" "$DATELINE_BIN" "$DATA" "$OUT_DIR" "$SERVER" || status=$?
exit $status
