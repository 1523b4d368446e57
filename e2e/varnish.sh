#!/usr/bin/env bash
# The CDN tier, run for real: Debian's Varnish with the xkey module
# (varnish-modules) running deploy/varnish.vcl in front of two release
# nodes on one PostgreSQL database (several nodes need one), both started
# with --cdn-purge at it (e2e/varnish.py says what is checked).
#
#   e2e/varnish.sh       DATELINE_BIN=... VARNISH_PORT=... (three ports from it)
#                        DATELINE_TEST_POSTGRES_URL=... (a server; a database
#                        is made on it and dropped)
#
# In CI (DATELINE_CI=1) a missing tool is a failure; elsewhere the script
# says NOT RUN and exits 0.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BASE_PORT=${VARNISH_PORT:-18770}

missing=()
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnishd)
command -v varnishncsa >/dev/null || missing+=(varnishncsa)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing+=("the xkey module")
command -v psql >/dev/null || missing+=(psql)
[ -n "${DATELINE_TEST_POSTGRES_URL:-}" ] || missing+=("a PostgreSQL server (DATELINE_TEST_POSTGRES_URL)")
if [ ${#missing[@]} -gt 0 ]; then
  if [ -n "${DATELINE_CI:-}" ]; then
    echo "not ok - needed and missing: ${missing[*]} (apt-get install varnish varnish-modules postgresql-client; .ci/postgres.sh starts a server)"
    exit 1
  fi
  echo "NOT RUN: e2e/varnish.sh needs ${missing[*]} (apt-get install varnish varnish-modules postgresql-client; .ci/postgres.sh starts a server)"
  exit 0
fi
VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
if [ -z "${DATELINE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline) || exit 1
  DATELINE_BIN=$ROOT/target/release/dateline
fi

WORK=$(mktemp -d)
chmod 755 "$WORK"
NODE_A=$BASE_PORT NODE_B=$((BASE_PORT + 1)) CACHE=$((BASE_PORT + 2))
PIDS=()
# shellcheck source=e2e/pg.sh
. "$HERE/pg.sh"
DB=dateline_varnish_$$
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  pg_drop "$DATELINE_TEST_POSTGRES_URL" "$DB"
  rm -rf "$WORK"
}
trap cleanup EXIT
pg_make "$DATELINE_TEST_POSTGRES_URL" "$DB" || { echo "not ok - could not make the database $DB"; exit 1; }
DATABASE_URL=$(pg_url "$DATELINE_TEST_POSTGRES_URL" "$DB")

# The repository's VCL, with the first node as its backend.
sed "s/\.port = \"8080\";/.port = \"$NODE_A\";/" "$ROOT/deploy/varnish.vcl" > "$WORK/dateline.vcl"
"$VARNISHD" -F -j none -n "$WORK/varnish" -a "127.0.0.1:$CACHE" -f "$WORK/dateline.vcl" \
  -s malloc,64m >"$WORK/varnishd.log" 2>&1 &
PIDS+=($!)
# Every request Varnish answers, with its method and the keys it purged.
for _ in $(seq 1 50); do [ -e "$WORK/varnish/_.vsm_mgt" ] && break; sleep 0.1; done
varnishncsa -n "$WORK/varnish" -F '%m %U %s %{xkey-purge}i' -w "$WORK/requests.log" &
PIDS+=($!)

# Two nodes on one database, each with its own data directory (its search
# index); the first loads the demo edition. Both purge this Varnish.
mkdir -p "$WORK/a" "$WORK/b"
"$DATELINE_BIN" serve --data-dir "$WORK/a" --database-url "$DATABASE_URL" --listen "127.0.0.1:$NODE_A" \
  --cdn-purge "http://127.0.0.1:$CACHE/" >"$WORK/node-a.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$NODE_A/readyz" && break; sleep 0.1; done
"$DATELINE_BIN" serve --data-dir "$WORK/b" --database-url "$DATABASE_URL" --listen "127.0.0.1:$NODE_B" --no-demo \
  --cdn-purge "http://127.0.0.1:$CACHE/" >"$WORK/node-b.log" 2>&1 &
PIDS+=($!)

DATELINE_BIN=$DATELINE_BIN WORK=$WORK NODE_A=$NODE_A NODE_B=$NODE_B CACHE=$CACHE DATABASE_URL=$DATABASE_URL \
  python3 "$HERE/varnish.py"
status=$?
if [ $status -ne 0 ]; then
  for f in varnishd.log node-a.log node-b.log requests.log; do
    echo "# the last lines of $f:"
    tail -n 15 "$WORK/$f" 2>/dev/null | sed 's/^/#   /'
  done
fi
exit $status
