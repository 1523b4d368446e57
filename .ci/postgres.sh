#!/usr/bin/env bash
# Installs (Debian's package) and starts a PostgreSQL server on 127.0.0.1:5432
# for the test suite, with a password for the postgres role, serving TLS
# with a certificate for 127.0.0.1 and localhost from a CA made here with
# openssl (in $TLS_DIR, kept between runs). Idempotent.
# Prints the URL to use as DATELINE_TEST_DATABASE_URL on its last line:
# sslmode=verify-full against that CA, as a managed PostgreSQL requires.
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

# The CA and the server's certificate. The directory is the postgres
# account's (the key must be), readable by all for the CA's certificate.
TLS_DIR=${DATELINE_PG_TLS_DIR:-/var/lib/postgresql/dateline-tls}
if [ ! -s "$TLS_DIR/server.crt" ] || [ ! -s "$TLS_DIR/ca.crt" ]; then
  command -v openssl >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq openssl >/dev/null; }
  mkdir -p "$TLS_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Dateline CI database CA" \
    -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$TLS_DIR/server.ext"
  openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" \
    -CAcreateserial -days 3650 -extfile "$TLS_DIR/server.ext" -out "$TLS_DIR/server.crt" 2>/dev/null
  rm -f "$TLS_DIR/server.csr" "$TLS_DIR/server.ext"
fi
chown -R postgres:postgres "$TLS_DIR"
chmod 755 "$TLS_DIR"
chmod 600 "$TLS_DIR/server.key" "$TLS_DIR/ca.key"
chmod 644 "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt"
su postgres -c "psql -q -c \"ALTER SYSTEM SET ssl = on\" -c \"ALTER SYSTEM SET ssl_cert_file = '$TLS_DIR/server.crt'\" -c \"ALTER SYSTEM SET ssl_key_file = '$TLS_DIR/server.key'\" -c \"SELECT pg_reload_conf()\"" >/dev/null
# Databases left by earlier test runs (each test makes its own, and drops
# it unless it was killed), and the migrated templates they are copied from
# (the next test makes the one it needs).
su postgres -c "psql -tAc \"SELECT datname FROM pg_database WHERE datname LIKE 'dateline_test_%' OR datname LIKE 'dateline_template_%'\"" |
  while read -r db; do su postgres -c "dropdb --if-exists '$db'"; done
echo "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=verify-full&sslrootcert=$TLS_DIR/ca.crt"
