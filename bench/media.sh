#!/usr/bin/env bash
# Ranged reads of a long episode (64 KiB at random offsets, as podcast
# players and seeking listeners ask): Dateline serving it from the file
# store (the data directory), from the database, and from an S3-compatible
# bucket when DATELINE_TEST_S3_URL names one (`eval "$(.ci/s3.sh | tail -n
# 2)"`), against nginx serving the same bytes from disk, in the same run.
#
#   bench/media.sh [MB] [DURATION]     defaults: 64 MB, 10s
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${1:-64}
DURATION=${2:-10s}
OUT=bench/out
PORT=18770
NGINX_PORT=18771
mkdir -p "$OUT"
for tool in wrk nginx; do
  command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] || { echo "$tool is needed: apt-get install -y $tool" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
cargo build --release -q -p dateline -p dateline-bench
BIN=$PWD/target/release
WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN/gen-archive" "$WORK/data" 20 > /dev/null
read -r URL_PATH SIZE < <("$BIN/media-site" "$WORK/data" "$MB")
TOKEN=$(echo "$URL_PATH" | cut -d/ -f3)
"$BIN/dateline" media migrate --to files --data-dir "$WORK/data" > /dev/null 2>&1

# nginx: the same file, under the same path.
mkdir -p "$WORK/www/media/$TOKEN" "$WORK/nginx-tmp"
cp "$WORK/data/media/${TOKEN:0:2}/$TOKEN/original" "$WORK/www/media/$TOKEN/original.mp3"
cat > "$WORK/nginx.conf" <<CONF
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  types { audio/mpeg mp3; }
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
CONF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"

cat > "$WORK/range.lua" <<'LUA'
local size = tonumber(os.getenv("SIZE"))
math.randomseed(os.time())
request = function()
  local s = math.random(0, size - 65536)
  return wrk.format("GET", nil, { ["Range"] = "bytes=" .. s .. "-" .. (s + 65535) })
end
LUA

serve() { # ARGS...: starts Dateline on the site
  "$BIN/dateline" serve --no-demo --data-dir "$WORK/data" --listen 127.0.0.1:$PORT "$@" > /dev/null 2>&1 &
  SERVER=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.05; done
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Range: bytes=0-1' "http://127.0.0.1:$PORT$URL_PATH")" = 206 ] ||
    { echo "Dateline does not serve the episode" >&2; exit 1; }
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
measure() { # NAME URL: requests a second
  SIZE=$SIZE wrk -t2 -c32 -d"$DURATION" --latency -s "$WORK/range.lua" "$2" > "$OUT/wrk-media-$1.txt"
  awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-media-$1.txt"
}

declare -A RPS
RPS[nginx-1]=$(measure nginx-1 "http://127.0.0.1:$NGINX_PORT$URL_PATH")
serve; RPS[files]=$(measure files "http://127.0.0.1:$PORT$URL_PATH"); stop
RPS[nginx-2]=$(measure nginx-2 "http://127.0.0.1:$NGINX_PORT$URL_PATH")
"$BIN/dateline" media migrate --to database --data-dir "$WORK/data" > /dev/null 2>&1
serve --media-storage database; RPS[database]=$(measure database "http://127.0.0.1:$PORT$URL_PATH"); stop
RPS[nginx-3]=$(measure nginx-3 "http://127.0.0.1:$NGINX_PORT$URL_PATH")
TARGETS=(files database)
if [ -n "${DATELINE_TEST_S3_URL:-}" ]; then
  S3="$DATELINE_TEST_S3_URL/bench-$$"
  "$BIN/dateline" media migrate --to files --data-dir "$WORK/data" --media-store-url "$S3" > /dev/null 2>&1
  serve --media-store-url "$S3"; RPS[s3]=$(measure s3 "http://127.0.0.1:$PORT$URL_PATH"); stop
  TARGETS+=(s3)
fi
NGINX_MEAN=$(echo "${RPS[nginx-1]} ${RPS[nginx-2]} ${RPS[nginx-3]}" | awk '{printf "%.0f", ($1 + $2 + $3) / 3}')
{
  echo "## Ranged media reads, $(date -u +%Y-%m-%dT%H:%MZ): a $MB MiB episode, 64 KiB ranges at random offsets, wrk -t2 -c32 -d$DURATION, $(nproc) cores"
  echo
  echo "nginx (sendfile, the same file): ${RPS[nginx-1]}, ${RPS[nginx-2]}, ${RPS[nginx-3]} requests/s (mean $NGINX_MEAN)"
  echo
  echo "| Dateline reading from | requests/s | p99 | ratio to nginx |"
  echo "| --- | ---: | ---: | ---: |"
  for t in "${TARGETS[@]}"; do
    p99=$(awk '/ 99%/ {print $2}' "$OUT/wrk-media-$t.txt")
    ratio=$(echo "${RPS[$t]} $NGINX_MEAN" | awk '{printf "%.2f", $1 / $2}')
    echo "| $t | ${RPS[$t]} | $p99 | $ratio |"
  done
} | tee "$OUT/media.md"
