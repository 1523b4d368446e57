#!/usr/bin/env bash
# A rolling upgrade, run for real on one PostgreSQL: the previous release
# (the commit named in .ci/previous-release, built here from this checkout's
# history) serves a site under a load of reader comments; this release's
# `dateline migrate --check` and `dateline migrate` run while it serves; this
# release starts beside it; the previous node stops; this one goes on. Both
# stay ready throughout, and every comment either node acknowledged (303) is
# in the database exactly once (e2e/upgrade.py).
#
#   e2e/upgrade.sh      DATELINE_BIN=... (this release, built if unset)
#                       DATELINE_TEST_POSTGRES_URL=... (a server; a database
#                       is made on it and dropped)
#                       UPGRADE_PORT=... (two ports from it)
#                       DATELINE_PREVIOUS_BIN=... (skip the build)
#                       PREVIOUS_TARGET_DIR=... (where it is built;
#                       default target/previous-release)
#
# In CI (DATELINE_CI=1) a missing server, tool or commit is a failure;
# elsewhere the script says NOT RUN and exits 0.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

not_run() {
  if [ -n "${DATELINE_CI:-}" ]; then
    echo "not ok - $1"
    exit 1
  fi
  echo "NOT RUN: e2e/upgrade.sh: $1"
  exit 0
}

[ -n "${DATELINE_TEST_POSTGRES_URL:-}" ] || not_run "DATELINE_TEST_POSTGRES_URL names no PostgreSQL server (.ci/postgres.sh starts one)"
command -v psql >/dev/null || not_run "psql is missing (apt-get install postgresql-client)"
PREVIOUS=$(head -n 1 "$ROOT/.ci/previous-release")

if [ -z "${DATELINE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline) || exit 1
  DATELINE_BIN=$ROOT/target/release/dateline
fi

WORK=$(mktemp -d)
cleanup() {
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the previous release's binary, built from its commit's tree (git
# archive) in a target directory of its own: cargo names a workspace crate's
# artifacts without its checkout's path, so two checkouts sharing one target
# directory would overwrite each other's (and a build script's paths would
# point into the other checkout).
if [ -z "${DATELINE_PREVIOUS_BIN:-}" ]; then
  git -C "$ROOT" cat-file -e "$PREVIOUS^{commit}" 2>/dev/null ||
    not_run "commit $PREVIOUS (.ci/previous-release) is not in this checkout's history"
  mkdir -p "$WORK/previous"
  git -C "$ROOT" archive "$PREVIOUS" | tar -x -C "$WORK/previous" ||
    { echo "not ok - git archive $PREVIOUS failed"; exit 1; }
  TARGET=${PREVIOUS_TARGET_DIR:-$ROOT/target/previous-release}
  started=$SECONDS
  (cd "$WORK/previous" && CARGO_TARGET_DIR=$TARGET cargo build --release -q -p dateline) ||
    { echo "not ok - the previous release ($PREVIOUS) did not build"; exit 1; }
  cp -p "$TARGET/release/dateline" "$WORK/previous-dateline"
  echo "# built the previous release ${PREVIOUS:0:10} in $((SECONDS - started)) s (in $TARGET)"
  DATELINE_PREVIOUS_BIN=$WORK/previous-dateline
fi

# --- a database of its own on the server
# shellcheck source=e2e/pg.sh
. "$HERE/pg.sh"
DB=dateline_upgrade_$$
pg_make "$DATELINE_TEST_POSTGRES_URL" "$DB" ||
  { echo "not ok - could not make the database $DB"; exit 1; }
trap 'pg_drop "$DATELINE_TEST_POSTGRES_URL" "$DB"; cleanup' EXIT
DATABASE_URL=$(pg_url "$DATELINE_TEST_POSTGRES_URL" "$DB")

PREVIOUS_BIN=$DATELINE_PREVIOUS_BIN CURRENT_BIN=$DATELINE_BIN DATABASE_URL=$DATABASE_URL \
  WORK=$WORK SEED="$ROOT/crates/dateline-import/tests/fixtures/rhc-syria-ceasefire.txt" \
  PORT=${UPGRADE_PORT:-18760} python3 "$HERE/upgrade.py"
