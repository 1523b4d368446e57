# Sourced by the gates and benchmarks that need a PostgreSQL database of
# their own on the server DATELINE_TEST_POSTGRES_URL (or BENCH_DATABASE_URL)
# names.
#   pg_url SERVER_URL NAME   prints SERVER_URL with its database set to NAME
#   pg_make SERVER_URL NAME  makes the database (psql)
#   pg_drop SERVER_URL NAME  drops it, with any session still on it

pg_url() {
  python3 - "$1" "$2" <<'PY'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit(u._replace(path="/" + sys.argv[2])))
PY
}

pg_make() {
  psql -q "$1" -c "CREATE DATABASE $2"
}

pg_drop() {
  psql -q "$1" -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null 2>&1
}
