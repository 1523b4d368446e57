#!/usr/bin/env bash
# Starts an S3-compatible server on 127.0.0.1:9000 for the media tests:
# moto's server mode (PyPI, pinned), in a virtual environment of its own,
# with an empty bucket `dateline-test`. Idempotent. Prints, on its last
# lines, the variables the tests read (eval them).
set -euo pipefail
VENV=${DATELINE_MOTO_VENV:-/opt/dateline-moto}
PORT=${DATELINE_MOTO_PORT:-9000}
if ! [ -x "$VENV/bin/moto_server" ]; then
  # Debian's python3 has the venv module but not ensurepip, which
  # python3-venv brings.
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q "moto[server]==5.2.6"
fi
if ! curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  nohup "$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" > "${TMPDIR:-/tmp}/moto.log" 2>&1 &
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
    sleep 0.1
  done
fi
status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:$PORT/dateline-test")
case $status in
  200|409) ;;
  *) echo "the S3 server did not make the bucket (HTTP $status)" >&2; exit 1 ;;
esac
echo "export AWS_ENDPOINT_URL=http://127.0.0.1:$PORT AWS_ALLOW_HTTP=true AWS_REGION=us-east-1"
echo "export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test DATELINE_TEST_S3_URL=s3://dateline-test"
