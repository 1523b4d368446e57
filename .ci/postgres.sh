#!/usr/bin/env bash
# Installs (Debian's package) and starts a PostgreSQL server on 127.0.0.1:5432
# for the test suite, with a password for the postgres role. Idempotent.
# Prints the URL to use as DATELINE_TEST_DATABASE_URL on its last line.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.2
done
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
# Databases left by earlier test runs (each test makes its own, and drops
# it unless it was killed), and the migrated templates they are copied from
# (the next test makes the one it needs).
su postgres -c "psql -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'dateline_test_%' OR datname LIKE 'dateline_template_%'\"" |
  while read -r db; do su postgres -c "dropdb --if-exists '$db'"; done
echo "postgres://postgres:postgres@127.0.0.1:5432/postgres"
