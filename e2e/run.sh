#!/usr/bin/env bash
# Browser quality gates for Dateline: end-to-end reader journeys and axe-core
# in Debian's Chromium (browser.mjs), the Nu HTML Checker (vnu) and
# Lighthouse. Starts its own server on a new, empty data directory.
# Usage: e2e/run.sh  (from any directory). See e2e/README.md.
#
# Env: DATELINE_BIN  use this binary instead of building target/release/dateline
#      OUT_DIR       where reports go (default <repo>/ci-out/e2e)
#      E2E_PORT      port to serve on (default 18700)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E="$REPO/e2e"
OUT_DIR=${OUT_DIR:-"$REPO/ci-out/e2e"}
PORT=${E2E_PORT:-18700}
BASE_URL="http://127.0.0.1:$PORT"
CHROMIUM=/usr/bin/chromium
ARTICLE=/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire
# Same launch flags as browser.mjs (see /work/shared/judges.md); each run gets its own profile.
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

T_START=$(date +%s)
PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "not ok - $1"; }
phase() { echo "== $1 ($(($(date +%s) - T_START)) s)"; }

# ------------------------------------------------------------ prerequisites
phase "prerequisites"
if [ ! -x "$CHROMIUM" ]; then
  echo "e2e: $CHROMIUM is missing. Install Debian's Chromium: apt-get install -y chromium" >&2
  exit 2
fi
if ! command -v java >/dev/null 2>&1; then
  echo "e2e: java is missing (vnu needs Java 17+). Install it: apt-get install -y default-jre-headless" >&2
  exit 2
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "e2e: node and npm are missing. Install them: apt-get install -y nodejs npm" >&2
  exit 2
fi
if [ ! -d "$E2E/node_modules" ]; then
  (cd "$E2E" && npm ci --ignore-scripts --no-audit --no-fund)
fi
VNU_JAR="$E2E/node_modules/vnu-jar/build/dist/vnu.jar"
LIGHTHOUSE="$E2E/node_modules/lighthouse/cli/index.js"

mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd)
rm -rf "$OUT_DIR/html"
rm -f "$OUT_DIR"/*.png "$OUT_DIR"/*.json "$OUT_DIR"/*.log "$OUT_DIR"/*.txt
mkdir -p "$OUT_DIR/html"

if [ -z "${DATELINE_BIN:-}" ]; then
  phase "cargo build --release -p dateline"
  (cd "$REPO" && cargo build --release -p dateline)
  DATELINE_BIN="$REPO/target/release/dateline"
fi
if [ ! -x "$DATELINE_BIN" ]; then
  echo "e2e: DATELINE_BIN=$DATELINE_BIN is not an executable" >&2
  exit 2
fi
DATELINE_BIN=$(cd "$(dirname "$DATELINE_BIN")" && pwd)/$(basename "$DATELINE_BIN")

# ------------------------------------------------------------ server
SERVER_PID=""
DATA_DIR=$(mktemp -d -t dateline-e2e-data.XXXXXX)
TMP=$(mktemp -d -t dateline-e2e.XXXXXX)
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR" "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null --max-time 2 "$BASE_URL/"; then
  echo "e2e: something already answers on $BASE_URL; stop it or set E2E_PORT" >&2
  exit 2
fi
phase "dateline serve on $BASE_URL (data in $DATA_DIR)"
"$DATELINE_BIN" serve --data-dir "$DATA_DIR" --listen "127.0.0.1:$PORT" >"$OUT_DIR/server.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/readyz")" = 200 ]; then ready=1; break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "e2e: the server did not become ready (/readyz 200) in 30 s; its log:" >&2
  cat "$OUT_DIR/server.log" >&2
  exit 1
fi

# ------------------------------------------------------------ journeys
# Each journey prints `ok - …` / `not ok - …`; its counts join the run's,
# and a journey that exits badly without a failed step (a crash) fails.
journey() { # NAME (e2e/NAME.mjs) and the phase's title
  local name=$1 log="$OUT_DIR/$1.log" rc ok bad
  phase "$2 ($1.mjs)"
  set +e
  BASE_URL="$BASE_URL" DATELINE_BIN="$DATELINE_BIN" DATA_DIR="$DATA_DIR" OUT_DIR="$OUT_DIR" CHROMIUM="$CHROMIUM" \
    node "$E2E/$name.mjs" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  ok=$(grep -c '^ok - ' "$log" || true)
  bad=$(grep -c '^not ok - ' "$log" || true)
  PASSED=$((PASSED + ok))
  FAILED=$((FAILED + bad))
  if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    fail "$name.mjs: exited $rc without a failed step (crashed?)"
  fi
}
# First, on the demo edition as it starts: its screenshots are compared
# with e2e/screenshots/, which comments and views would change.
journey layout "layout: first screens, one edge, 320 px, screenshots"
journey browser "browser: end-to-end and axe-core"
journey moderation "moderation by keyboard"
# After browser.mjs: it publishes a story, which changes the fronts.
journey editor "editor: writing first, autosave, previews, pictures, the media library, paste, kept copy, axe"
journey spanish "the newsroom's refusals in Spanish"

# ------------------------------------------------------------ vnu
phase "vnu (Nu HTML Checker)"
# The same pages as the axe step. name|path
AR_ARTICLE=$(curl -s "$BASE_URL/ar/" | tr '\n' ' ' | grep -o 'card-lead.*' | grep -o 'href="/ar/[^"]*/[0-9]\{4\}/[^"]*"' | head -n 1 | sed 's/^href="//; s/"$//' || true)
PAGES=(
  "front-en|/en/"
  "section-en-world|/en/world/"
  "article-en|$ARTICLE"
  "front-ar|/ar/"
  "page-en-about|/en/page/about"
  "page-ar-about|/ar/page/about"
  "404-en|/en/no-such-page/"
  "programmes-en|/en/programmes/"
  "programme-en|/en/programmes/newscast/"
  "search-en|/en/search?q=cuba"
  "search-none-en|/en/search?q=qxzvplorthwug"
  "search-error-en|/en/search?q=nosuchfield%3Aword"
)
if [ -n "$AR_ARTICLE" ]; then PAGES+=("article-ar|$AR_ARTICLE"); else fail "vnu Arabic article: no .card-lead link found on /ar/"; fi
for entry in "${PAGES[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  curl -s -o "$OUT_DIR/html/$name.html" "$BASE_URL$path"
done
# The search pages must be the ones meant: results with highlighted words,
# "no results", and the 400 with its error (status|file|what it must hold).
for want in "200|search-en|class=\"search-result " "200|search-none-en|class=\"search-none\"" "400|search-error-en|id=\"search-error\""; do
  IFS='|' read -r status name marker <<<"$want"
  path=""
  for entry in "${PAGES[@]}"; do if [ "${entry%%|*}" = "$name" ]; then path=${entry#*|}; fi; done
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL$path")
  if [ "$code" != "$status" ] || ! grep -qF "$marker" "$OUT_DIR/html/$name.html"; then
    fail "vnu $path: answered $code without $marker (expected $status with it)"
  fi
done
if ! grep -q '<mark>' "$OUT_DIR/html/search-en.html"; then fail "vnu /en/search?q=cuba: no <mark> in the results"; fi
# The comment form with its errors: the response to an empty submit, sent
# back after the form's minimum age like a reader would.
token=$(curl -s "$BASE_URL$ARTICLE" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' | head -n 1)
sleep 3.5
code=$(curl -s -o "$OUT_DIR/html/article-en-form-errors.html" -w '%{http_code}' -X POST \
  --data-urlencode "token=$token" --data-urlencode "name=" --data-urlencode "email=" \
  --data-urlencode "body=" --data-urlencode "website=" "$BASE_URL$ARTICLE/comments")
PAGES+=("article-en-form-errors|POST $ARTICLE/comments (empty, answered $code)")
if ! grep -q 'id="comment-name-error"' "$OUT_DIR/html/article-en-form-errors.html"; then
  fail "vnu comment form with errors: the empty POST (HTTP $code, token '${token:0:12}…') did not return the form with field errors"
fi
# The newsroom's pages, as the editor made by browser.mjs (step i) sees them.
JAR="$TMP/newsroom.cookies"
login_csrf=$(curl -s -c "$JAR" -b "$JAR" "$BASE_URL/newsroom/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
PAGES+=("newsroom-login|/newsroom/login")
curl -s -o "$OUT_DIR/html/newsroom-login.html" "$BASE_URL/newsroom/login"
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "email=editor@e2e.example.org" \
  --data-urlencode "password=a long e2e password" --data-urlencode "csrf=$login_csrf" --data-urlencode "next=/newsroom/" \
  "$BASE_URL/newsroom/login")
if [ "$code" = 303 ]; then
  for entry in "newsroom-desk|/newsroom/" "newsroom-articles|/newsroom/articles" "newsroom-editor|/newsroom/articles/new" \
               "newsroom-media|/newsroom/media" "newsroom-comments|/newsroom/comments" "newsroom-wire|/newsroom/wire" \
               "newsroom-account|/newsroom/account" "newsroom-programmes|/newsroom/programmes" \
               "newsroom-fronts|/newsroom/fronts?lang=en" "newsroom-pages|/newsroom/pages?edit=1"; do
    name=${entry%%|*}; path=${entry#*|}
    curl -s -b "$JAR" -o "$OUT_DIR/html/$name.html" "$BASE_URL$path"
    PAGES+=("$entry")
  done
  csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT_DIR/html/newsroom-editor.html" | head -n 1)
  curl -s -b "$JAR" -o "$OUT_DIR/html/newsroom-editor-errors.html" --data-urlencode "csrf=$csrf" --data-urlencode "headline=" \
    --data-urlencode "body=Kept." --data-urlencode "language=en" --data-urlencode "section=world" --data-urlencode "intent=save" \
    "$BASE_URL/newsroom/articles"
  PAGES+=("newsroom-editor-errors|POST /newsroom/articles (empty headline)")
else
  fail "vnu newsroom: the editor made by browser.mjs could not log in (HTTP $code)"
fi
# The administrator's pages, as the administrator made by spanish.mjs sees
# them (in Spanish), and a newsroom error page.
AJAR="$TMP/newsroom-admin.cookies"
login_csrf=$(curl -s -c "$AJAR" -b "$AJAR" "$BASE_URL/newsroom/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$AJAR" -b "$AJAR" --data-urlencode "email=admin@spanish-e2e.example.org" \
  --data-urlencode "password=una contraseña larga de prueba" --data-urlencode "csrf=$login_csrf" --data-urlencode "next=/newsroom/" \
  "$BASE_URL/newsroom/login")
if [ "$code" = 303 ]; then
  for entry in "newsroom-users|/newsroom/users" "newsroom-user|/newsroom/users/1" "newsroom-settings|/newsroom/settings" \
               "newsroom-sections|/newsroom/sections" "newsroom-audit|/newsroom/audit" \
               "newsroom-media-search|/newsroom/media?q=coffee&kind=image" "newsroom-revisions|/newsroom/articles/1/revisions" \
               "newsroom-404|/newsroom/articles/999999999"; do
    name=${entry%%|*}; path=${entry#*|}
    curl -s -b "$AJAR" -H "Accept-Language: es" -o "$OUT_DIR/html/$name.html" "$BASE_URL$path"
    PAGES+=("$entry")
  done
else
  fail "vnu newsroom: the administrator made by spanish.mjs could not log in (HTTP $code)"
fi
set +e
(cd "$OUT_DIR/html" && java -jar "$VNU_JAR" --errors-only --format gnu ./*.html) >"$OUT_DIR/vnu.txt" 2>&1
vnu_rc=$?
set -e
for entry in "${PAGES[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  errs=$(grep -F "/$name.html\"" "$OUT_DIR/vnu.txt" || true)
  if [ -z "$errs" ]; then
    pass "vnu $path"
  else
    fail "vnu $path: $(printf '%s\n' "$errs" | wc -l) error(s) in html/$name.html"
    printf '%s\n' "$errs" | sed 's/^/    /'
  fi
done
if [ "$vnu_rc" -ne 0 ] && ! grep -q '\.html"' "$OUT_DIR/vnu.txt"; then
  fail "vnu: exited $vnu_rc: $(head -c 400 "$OUT_DIR/vnu.txt")"
fi

# ------------------------------------------------------------ structured data
phase "structured data: sdtt, Google's NewsArticle and the social cards"
SDTT="$E2E/node_modules/structured-data-testing-tool/bin/cli.js"
sdtt_check() { # name path
  local name=$1 path=$2 rc
  curl -s -o "$OUT_DIR/html/sdtt-$name.html" "$BASE_URL$path"
  set +e
  (cd "$OUT_DIR" && node "$SDTT" --file "html/sdtt-$name.html" --presets "Google,Twitter,Facebook" --schemas "NewsArticle" \
    >"$OUT_DIR/sdtt-$name.txt" 2>&1)
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    pass "sdtt $path: $(awk '/Passed:/ {print $2}' "$OUT_DIR/sdtt-$name.txt") checks passed, none failed (Google NewsArticle, Twitter, Facebook)"
  else
    fail "sdtt $path: exited $rc"
    sed 's/^/    /' "$OUT_DIR/sdtt-$name.txt" | grep -iE 'fail|error|✕|missing' | head -n 20 || true
  fi
}
if [ -s "$OUT_DIR/newsroom-article-path.txt" ]; then
  sdtt_check article-with-image "$(cat "$OUT_DIR/newsroom-article-path.txt")"
else
  fail "sdtt: no article with an image (browser.mjs step l did not run)"
fi

# ------------------------------------------------------------ Lighthouse
phase "Lighthouse, mobile emulation (performance, accessibility, best-practices, seo; each >= 0.95; no layout shift)"
lighthouse() { # name path [categories] [extra request headers, as JSON]
  local name=$1 path=$2 categories=${3:-performance,accessibility,best-practices,seo} headers=${4:-}
  local json="$OUT_DIR/lighthouse-$1.json" profile rc extra=()
  [ -n "$headers" ] && extra=(--extra-headers="$headers")
  profile=$(mktemp -d -p "$TMP" chrome-profile.XXXXXX)
  set +e
  CHROME_PATH="$CHROMIUM" node "$LIGHTHOUSE" "$BASE_URL$path" --quiet "${extra[@]}" \
    --only-categories="$categories" --output=json --output-path="$json" \
    --chrome-flags="$CHROME_FLAGS --user-data-dir=$profile" >"$OUT_DIR/lighthouse-$name.log" 2>&1
  rc=$?
  set -e
  if [ "$rc" -ne 0 ] || [ ! -s "$json" ]; then
    fail "lighthouse $path: lighthouse exited $rc: $(tail -n 5 "$OUT_DIR/lighthouse-$name.log" | tr '\n' ' ')"
    return
  fi
  local verdict
  verdict=$(node - "$json" "$path" <<'EOF'
const d = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const lines = [];
let ok = !d.runtimeError;
if (d.runtimeError) lines.push(`    runtimeError: ${d.runtimeError.code} ${d.runtimeError.message}`);
// The page audited is the one asked for (not a login form it led to).
const landed = new URL(d.finalDisplayedUrl || d.finalUrl);
if (landed.pathname + landed.search !== process.argv[3]) {
  ok = false;
  lines.push(`    audited ${landed.pathname}${landed.search}, not ${process.argv[3]}`);
}
const scores = [];
for (const [id, c] of Object.entries(d.categories)) {
  scores.push(`${id} ${c.score === null ? 'null' : c.score.toFixed(2)}`);
  if (c.score === null || c.score < 0.95) ok = false;
  for (const ref of c.auditRefs) {
    const a = d.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 1) {
      const items = (a.details && a.details.items) || [];
      lines.push(`    ${id}: ${a.id} (score ${a.score}, weight ${ref.weight}): ${a.title}`);
      for (const it of items.slice(0, 5)) {
        const n = it.node || (it.subItems && it.subItems.items && it.subItems.items[0] && it.subItems.items[0].relatedNode);
        const what = n ? `${n.selector}  ${String(n.snippet || '').slice(0, 140)}` : JSON.stringify(it).slice(0, 180);
        lines.push(`      ${what}`);
      }
    }
  }
}
const cls = d.audits['cumulative-layout-shift'];
if (d.categories.performance && (!cls || cls.numericValue !== 0)) {
  ok = false;
  lines.push(`    layout shift ${cls ? cls.numericValue : 'not measured'} (must be 0)`);
}
if (d.categories.performance) scores.push(`layout shift ${cls ? cls.numericValue : '?'}`);
console.log(`${ok ? 'ok' : 'not ok'}|${scores.join(', ')}`);
if (lines.length) console.log(lines.join('\n'));
EOF
)
  local head=${verdict%%$'\n'*} rest=""
  [ "$head" != "$verdict" ] && rest=${verdict#*$'\n'}
  if [ "${head%%|*}" = ok ]; then pass "lighthouse $path: ${head#*|}"; else fail "lighthouse $path: ${head#*|} (each must be >= 0.95)"; fi
  [ -n "$rest" ] && printf '%s\n' "$rest"
  return 0
}
lighthouse front-en /en/
lighthouse article-en "$ARTICLE"
# The newsroom's editor and comment queue, as the editor of browser.mjs
# (the session made for vnu above): accessibility.
session=$(awk -F '\t' 'NF == 7 && $1 ~ /^(#HttpOnly_)?127\.0\.0\.1$/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR" 2>/dev/null || true)
if [ -n "$session" ]; then
  lighthouse newsroom-editor /newsroom/articles/new accessibility "{\"Cookie\": \"$session\"}"
  lighthouse newsroom-comments "/newsroom/comments?status=all" accessibility "{\"Cookie\": \"$session\"}"
else
  fail "lighthouse newsroom: no session cookie from the login above"
fi

# ------------------------------------------------------------ summary
phase "done"
echo "reports in $OUT_DIR"
echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
