#!/usr/bin/env bash
# The deployment files, run for real (see deploy/):
#  - deploy/dateline.service passes `systemd-analyze verify`, and
#    `systemd-analyze security --offline=true` scores it 2.0 or better;
#  - the release binary serves with the unit's own flags behind Debian's
#    nginx running deploy/nginx.conf (ports and a self-signed certificate
#    rewritten for the test), and through nginx: a reader page, /healthz and
#    /readyz answer; the newsroom's cookies are Secure (X-Forwarded-Proto);
#    the reader's address is the one nginx forwards, and one the client
#    forges does not win (the login limit of 20 failures an address counts
#    the real one); one request id appears in both logs; the body size limit
#    is dateline's largest upload exactly; SIGTERM stops dateline within the
#    unit's TimeoutStopSec.
#   e2e/deploy.sh        DATELINE_BIN=... DEPLOY_PORT=... (three ports from it)
# In CI (DATELINE_CI=1) a missing tool is a failure; elsewhere the script
# says NOT RUN and exits 0.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
UNIT=$ROOT/deploy/dateline.service
SITE=$ROOT/deploy/nginx.conf
BASE_PORT=${DEPLOY_PORT:-18740}
APP=$BASE_PORT HTTPS=$((BASE_PORT + 1)) HTTP=$((BASE_PORT + 2))
# dateline's largest request body: UPLOAD_LIMIT in
# crates/dateline-web/src/newsroom/mod.rs (200 MiB of audio and 64 KiB).
UPLOAD_LIMIT=$((200 * 1024 * 1024 + 64 * 1024))

missing=()
for tool in nginx systemd-analyze openssl curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ -n "${DATELINE_CI:-}" ]; then
    echo "not ok - needed and missing: ${missing[*]} (apt-get install nginx-light systemd openssl curl)"
    exit 1
  fi
  echo "NOT RUN: e2e/deploy.sh needs ${missing[*]} (apt-get install nginx-light systemd openssl curl)"
  exit 0
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "${DATELINE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p dateline) || exit 1
  DATELINE_BIN=$ROOT/target/release/dateline
fi

status=0
ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; status=1; }

WORK=$(mktemp -d)
# nginx's workers run as nobody: they must reach its temporary folders.
chmod 755 "$WORK"
SERVER='' PROXY=''
cleanup() {
  [ -n "$PROXY" ] && kill "$PROXY" 2>/dev/null
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the systemd unit
sed "s#^ExecStart=/usr/local/bin/dateline#ExecStart=$DATELINE_BIN#" "$UNIT" > "$WORK/dateline.service"
if out=$(systemd-analyze verify "$WORK/dateline.service" 2>&1) && [ -z "$out" ]; then
  ok "deploy/dateline.service passes systemd-analyze verify"
else
  bad "systemd-analyze verify: $out"
fi
score=$(systemd-analyze security --offline=true "$WORK/dateline.service" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
# The threshold is on systemd's 0-100 scale: 20 is an exposure of 2.0.
if [ -n "$score" ] && systemd-analyze security --offline=true --threshold=20 "$WORK/dateline.service" >/dev/null 2>&1; then
  ok "systemd-analyze security --offline=true: exposure $score (2.0 or better)"
else
  bad "systemd-analyze security: exposure ${score:-unknown}, wanted 2.0 or better"
fi
stop_within=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)$/\1/p' "$UNIT")

# --- dateline, with the unit's own flags (the demo edition gives reader pages)
args=$(sed -n 's#^ExecStart=/usr/local/bin/dateline ##p' "$UNIT" | sed "s/127\.0\.0\.1:8080/127.0.0.1:$APP/; s/--no-demo//")
mkdir -p "$WORK/data"
# shellcheck disable=SC2086 # the unit's flags, split as systemd splits them
"$DATELINE_BIN" $args --data-dir "$WORK/data" --base-url "https://localhost:$HTTPS" \
  >"$WORK/dateline.out" 2>"$WORK/dateline.log" &
SERVER=$!

# --- nginx, with the site file: loopback ports and a self-signed certificate
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null || bad "openssl made no certificate"
sed -e "s/server 127\.0\.0\.1:8080;/server 127.0.0.1:$APP;/" \
    -e "s/listen 443 ssl http2;/listen 127.0.0.1:$HTTPS ssl http2;/" \
    -e "s/listen 80;/listen 127.0.0.1:$HTTP;/" \
    -e '/listen \[::\]/d' \
    -e "s#/etc/letsencrypt/live/news.example.org/fullchain.pem#$WORK/cert.pem#" \
    -e "s#/etc/letsencrypt/live/news.example.org/privkey.pem#$WORK/key.pem#" \
    -e "s/server_name news.example.org;/server_name localhost;/" \
    "$SITE" > "$WORK/site.conf"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  log_format ids '\$remote_addr "\$request" \$status \$request_id';
  access_log $WORK/nginx-access.log ids;
  client_body_temp_path $WORK/client_body;
  proxy_temp_path $WORK/proxy;
  fastcgi_temp_path $WORK/fastcgi;
  uwsgi_temp_path $WORK/uwsgi;
  scgi_temp_path $WORK/scgi;
  include $WORK/site.conf;
}
CONF
if out=$("$NGINX" -t -q -c "$WORK/nginx.conf" 2>&1); then
  ok "deploy/nginx.conf passes nginx -t"
else
  bad "nginx -t: $out"
fi
"$NGINX" -c "$WORK/nginx.conf" -g 'daemon off;' 2>>"$WORK/nginx-error.log" &
PROXY=$!

site=https://localhost:$HTTPS
c() { curl -s --cacert "$WORK/cert.pem" --resolve "localhost:$HTTPS:127.0.0.1" "$@"; }
for _ in $(seq 1 300); do
  [ "$(c -o /dev/null -w '%{http_code}' "$site/readyz")" = 200 ] && break
  sleep 0.1
done

# --- reader pages and health checks, through nginx over TLS
code=$(c -o "$WORK/front.html" -w '%{http_code}' "$site/en/")
if [ "$code" = 200 ] && grep -q '<html lang="en"' "$WORK/front.html"; then
  ok "the English front page through nginx: 200"
else
  bad "the front page through nginx: $code"
fi
[ "$(c "$site/healthz")" = ok ] && ok "/healthz through nginx: ok" || bad "/healthz through nginx"
[ "$(c "$site/readyz")" = ready ] && ok "/readyz through nginx: ready" || bad "/readyz through nginx"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP/en/?x=1" -H "Host: localhost")
[ "$code" = "301 https://localhost/en/?x=1" ] && ok "plain HTTP redirects to https" || bad "plain HTTP: $code"

# --- X-Forwarded-Proto: the newsroom's cookie is Secure over https
cookie=$(c -D - -o /dev/null "$site/newsroom/login" | grep -i '^set-cookie:' | head -n 1)
case "$cookie" in
  *[Ss]ecure*) ok "the newsroom's cookie is Secure behind the https proxy" ;;
  *) bad "the newsroom's cookie is not Secure: $cookie" ;;
esac

# --- one request id in nginx's log, dateline's answer and dateline's log
id=$(c -D - -o /dev/null "$site/en/?request-id-check" | tr -d '\r' | sed -n 's/^x-request-id: //Ip')
sleep 0.3
if [ -n "$id" ] && grep -q " $id\$" "$WORK/nginx-access.log" && grep -q "id=$id " "$WORK/dateline.log"; then
  ok "the request id nginx gave ($id) is in its log, dateline's answer and dateline's log"
else
  bad "request id ${id:-none} not in both logs"
fi

# --- the reader's address: counted as nginx forwards it, never as forged
# Failed logins count per address (20 in 15 minutes, then 429). From
# 127.0.0.2, each claiming another X-Forwarded-For: if a forged address won,
# no address would reach 20.
login() { # FROM-ADDRESS EMAIL [FORGED-XFF] -> HTTP status
  local jar=$WORK/jar-$1 token
  token=$(c --interface "$1" -c "$jar" "$site/newsroom/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  c --interface "$1" -b "$jar" -o /dev/null -w '%{http_code}' ${3:+-H "X-Forwarded-For: $3"} \
    --data-urlencode "email=$2" --data-urlencode "password=not-the-password" \
    --data-urlencode "csrf=$token" "$site/newsroom/login"
}
codes=''
for i in $(seq 1 20); do codes+="$(login 127.0.0.2 "nobody$i@example.org" "203.0.113.$i") "; done
last=$(login 127.0.0.2 nobody21@example.org 198.51.100.7)
other=$(login 127.0.0.3 somebody@example.org)
if [ "$last" = 429 ] && [ "$other" = 401 ] && [ "$codes" = "$(printf '401 %.0s' $(seq 1 20))" ]; then
  ok "20 failed logins from 127.0.0.2 under forged X-Forwarded-For: the 21st is 429; 127.0.0.3 is still let try (401)"
else
  bad "login limit by address through nginx: 20 gave [$codes], then $last; another address $other"
fi

# --- the body size limit: dateline's largest upload, exactly
truncate -s "$UPLOAD_LIMIT" "$WORK/upload.bin"
code=$(c -o /dev/null -w '%{http_code}' --data-binary "@$WORK/upload.bin" -H 'Content-Type: application/octet-stream' "$site/newsroom/media")
truncate -s $((UPLOAD_LIMIT + 1)) "$WORK/upload.bin"
over=$(c -o "$WORK/413.html" -w '%{http_code}' --data-binary "@$WORK/upload.bin" -H 'Content-Type: application/octet-stream' "$site/newsroom/media")
rm -f "$WORK/upload.bin"
if [ "$code" != 413 ] && [ "$code" != 000 ] && [ "$over" = 413 ] && grep -qi nginx "$WORK/413.html"; then
  ok "a body of $UPLOAD_LIMIT bytes reaches dateline ($code); one byte more is nginx's 413"
else
  bad "body size: $UPLOAD_LIMIT bytes gave $code, one more gave $over"
fi

# --- SIGTERM: dateline stops within the unit's TimeoutStopSec
start=$(date +%s%N)
kill -TERM "$SERVER"
wait "$SERVER"; code=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
SERVER=''
if [ "$code" = 0 ] && [ "$took" -lt $((stop_within * 1000)) ]; then
  ok "SIGTERM stopped dateline cleanly in $took ms (TimeoutStopSec=$stop_within)"
else
  bad "SIGTERM: exit $code after $took ms (TimeoutStopSec=$stop_within)"
fi

if [ $status -ne 0 ]; then
  echo "--- dateline's log (last lines)"; tail -n 20 "$WORK/dateline.log"
  echo "--- nginx's error log"; tail -n 20 "$WORK/nginx-error.log"
fi
exit $status
