#!/usr/bin/env bash
# A working newsroom's day against the reading side (see README.md beside
# this file): readers spread over the 100,000-article archive's pages
# Zipf-fashion while the newsroom publishes a story every 5 seconds,
# approves a comment every 2 seconds and readers post a steady trickle of
# comments; the same reads on the quiet site before and after, in the same
# run, give the ratio "working / quiet".
#
#   bench/mixed.sh [DURATION]          default 60s a phase (60, 60s or 2m)
#
# The release binary is `target/release/dateline` (built here like the
# other scripts), or DATELINE_BIN. The archive is bench/out/archive-100000,
# which bench/run.sh generates; it is copied for each run and never changed.
#
# Knobs (environment), with their defaults:
#   MIXED_ARTICLES=2000    readers' articles: the newest N, by rank of age
#   MIXED_ZIPF=1.0         Zipf exponent over those ranks (newest most read)
#   MIXED_FRONT=0.10       share of reads for the language fronts
#   MIXED_SECTION=0.08     share for section pages (a fifth of them page 2)
#   MIXED_TAIL=0           share spread evenly over the whole archive
#   MIXED_PUBLISH_EVERY=5  seconds between stories filed (dateline import wire)
#   MIXED_APPROVE_EVERY=2  seconds between comment approvals (dateline comments approve)
#   MIXED_POST_RATE=5      reader comments posted a second (wrk -t1, a connection per 2/s)
#   MIXED_CACHE_MIB=       the page cache's size (default: the server's own)
#   CONNECTIONS=64 THREADS=2   the readers' wrk
#   MIXED_VARNISH=1        also run every phase through Varnish (deploy/varnish.vcl,
#                          or MIXED_VARNISH_VCL; MIXED_VARNISH_SERVE_ARGS: serve's
#                          flags that make Dateline purge it)
set -euo pipefail
cd "$(dirname "$0")/.."

secs() { # 60 | 60s | 2m -> seconds
  case $1 in
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION=$(secs "${1:-60s}")
ARCHIVE=${MIXED_ARCHIVE:-bench/out/archive-100000}
ARTICLES=${MIXED_ARTICLES:-2000}
ZIPF=${MIXED_ZIPF:-1.0}
FRONT=${MIXED_FRONT:-0.10}
SECTION=${MIXED_SECTION:-0.08}
TAIL=${MIXED_TAIL:-0}
PUBLISH_EVERY=${MIXED_PUBLISH_EVERY:-5}
APPROVE_EVERY=${MIXED_APPROVE_EVERY:-2}
POST_RATE=${MIXED_POST_RATE:-5}
# Enough connections that posts keep their rate while each waits its answer.
POST_CONNECTIONS=$(( POST_RATE < 4 ? 1 : POST_RATE / 2 ))
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=18086
METRICS_PORT=18087
VARNISH_PORT=18088
OUT=bench/out
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f "$ARCHIVE/dateline.db" ] || { echo "no archive at $ARCHIVE: run bench/run.sh first" >&2; exit 1; }
if [ -n "${DATELINE_BIN:-}" ]; then
  BIN=$DATELINE_BIN
else
  cargo build --release -q -p dateline
  BIN=${CARGO_TARGET_DIR:-target}/release/dateline
fi
MODES=(dateline)
if [ "${MIXED_VARNISH:-0}" = 1 ]; then
  # ---- VARNISH -------------------------------------------------------------
  # The second mode reads through Varnish running the repository's VCL, with
  # Dateline purging it by surrogate key. Needs Debian's varnish and
  # varnish-modules (xkey): apt-get install -y varnish varnish-modules.
  VCL=${MIXED_VARNISH_VCL:-deploy/varnish.vcl}
  [ -f "$VCL" ] || { echo "MIXED_VARNISH=1 needs $VCL" >&2; exit 1; }
  command -v varnishd >/dev/null || { echo "apt-get install -y varnish varnish-modules" >&2; exit 1; }
  MODES+=(varnish)
fi

WORK=''
SERVER=''
VARNISH_DIR=''
JOBS=()
cleanup() {
  for p in "${JOBS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
  [ -n "$VARNISH_DIR" ] && [ -f "$WORK/varnish.pid" ] && kill "$(cat "$WORK/varnish.pid")" 2>/dev/null
  [ -n "$WORK" ] && rm -rf "$WORK"
  true
}
trap cleanup EXIT

now() { echo "$EPOCHREALTIME"; }
sleep_until() { # unix time with fraction
  local d
  d=$(awk -v t="$1" -v n="$EPOCHREALTIME" 'BEGIN { d = t - n; print (d > 0 ? d : 0) }')
  sleep "$d"
}
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# Paths readers ask for, and the order they ask for them in. The articles'
# paths are the ones the store keeps for them (`articles.path`, made by
# dateline_core::article_path: /{lang}/{section}/{yyyy}/{mm}/{dd}/{slug}),
# newest first; fronts and section pages are those of the languages and
# sections with published articles. The sequence is drawn once, seeded, so
# every phase replays the same reads.
make_reads() { # DB -> $WORK/paths.txt, $WORK/seq.txt, $WORK/hot.txt
  python3 - "$1" "$WORK" "$ARTICLES" "$ZIPF" "$FRONT" "$SECTION" "$TAIL" <<'EOF'
import bisect, itertools, random, sqlite3, sys
db, work, n_art, zipf, front, section, tail = sys.argv[1], sys.argv[2], int(sys.argv[3]), *map(float, sys.argv[4:])
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
fronts = [f"/{l}/" for (l,) in c.execute(
    "SELECT DISTINCT language FROM articles WHERE status = 'published' ORDER BY language")]
sections = [f"/{l}/{s}/" for (l, s) in c.execute(
    "SELECT s.language, s.slug FROM sections s WHERE EXISTS (SELECT 1 FROM articles a "
    "WHERE a.section_id = s.id AND a.status = 'published') ORDER BY s.language, s.position, s.slug")]
articles = [p for (p,) in c.execute(
    "SELECT path FROM articles WHERE status = 'published' AND path IS NOT NULL "
    "ORDER BY published_at DESC, id DESC")]
hot = articles[:n_art]
paths = fronts + sections + [s + "?page=2" for s in sections] + articles
index = {p: i + 1 for i, p in enumerate(paths)}
rng = random.Random(19)
cum = list(itertools.accumulate(1 / (k ** zipf) for k in range(1, len(hot) + 1)))
seq = []
for _ in range(1_000_000):
    u = rng.random()
    if u < front:
        p = rng.choice(fronts)
    elif u < front + section:
        p = rng.choice(sections) + ("?page=2" if rng.random() < 0.2 else "")
    elif u < front + section + tail:
        p = rng.choice(articles)
    else:
        p = hot[bisect.bisect_left(cum, rng.random() * cum[-1])]
    seq.append(index[p])
# wrk loads every path; only those the sequence names are worth a line each.
used = sorted(set(seq))
renumber = {old: new + 1 for new, old in enumerate(used)}
with open(f"{work}/paths.txt", "w") as f:
    f.writelines(paths[i - 1] + "\n" for i in used)
with open(f"{work}/seq.txt", "w") as f:
    f.writelines(f"{renumber[i]}\n" for i in seq)
with open(f"{work}/hot.txt", "w") as f:
    f.writelines(p + "\n" for p in hot)
with open(f"{work}/sections.txt", "w") as f:
    f.writelines(s + "\n" for s in sections)
share_top = sum(1 for i in seq if paths[i - 1] in set(hot[:10])) / len(seq)
print(f"{len(used)} pages: {len(fronts)} fronts, {len(sections)} sections (pages 1 and 2), "
      f"{len(used) - len(fronts) - 2 * len(sections)} articles; "
      f"the 10 newest take {share_top:.1%} of reads")
EOF
}

# The page cache's counters. Renders are counted by releases that have
# dateline_page_cache_renders_total; before it, misses stand in for them
# (a reader waiting for another's render of the same page is a miss too).
scrape() { # -> "hits misses evictions pages bytes renders"
  curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" | awk '
    $1 == "dateline_page_cache_hits_total" { h = $2 }
    $1 == "dateline_page_cache_misses_total" { m = $2 }
    $1 == "dateline_page_cache_evictions_total" { e = $2 }
    $1 == "dateline_page_cache_pages" { p = $2 }
    $1 == "dateline_page_cache_bytes" { b = $2 }
    $1 == "dateline_page_cache_renders_total" { r = $2; counted = 1 }
    END { printf "%d %d %d %d %d %d\n", h, m, e, p, b, counted ? r : m }'
}
RENDERS_COUNTED=
varnish_scrape() { # -> "hits misses"
  varnishstat -n "$VARNISH_DIR" -1 -f MAIN.cache_hit -f MAIN.cache_miss |
    awk '$1 == "MAIN.cache_hit" { h = $2 } $1 == "MAIN.cache_miss" { m = $2 } END { print h + 0, m + 0 }'
}

# The newsroom's side of the working phase, each a loop until END.
publisher() { # END -> lines "import_ms front_ms|-" in $WORK/publish.log
  local end=$1 n=0 t0 t1 slug section lang next
  next=$(now)
  mapfile -t secs_list < "$WORK/sections.txt"
  while awk -v e="$end" -v n="$EPOCHREALTIME" 'BEGIN { exit !(n < e) }'; do
    n=$((n + 1))
    slug=mixed-$RUN-$n
    section=${secs_list[$(( (n - 1) % ${#secs_list[@]} ))]}
    lang=$(cut -d/ -f2 <<<"$section"); section=$(cut -d/ -f3 <<<"$section")
    cat > "$WORK/wire/$slug.txt" <<STORY
Headline: Story $n of the working day: council weighs the harvest and the grid
Standfirst: Filed by the desk while readers read, number $n of run $RUN
Section: $section
Language: $lang
Byline: Bench Desk
Tags: bench, working day
Slug: $slug
Dateline: Havana (RHC)
Published: $(date -u +%Y-%m-%dT%H:%M:%SZ)

The provincial council met on Saturday to weigh the harvest, the grid and
the reservoir, officials said, in story $n of the run.

Ministers said the vaccine survey and the transport talks would follow.
STORY
    t0=$(now)
    "$BIN" import wire --data-dir "$DATA" "$WORK/wire/$slug.txt" >/dev/null
    t1=$(now)
    # Until the story is on its language's front page, as readers see it
    # (through Varnish in that mode).
    local seen=-
    while awk -v a="$t1" -v n="$EPOCHREALTIME" 'BEGIN { exit !(n - a < 5) }'; do
      if curl -sf "http://127.0.0.1:$read_port/$lang/" | grep -q "$slug"; then
        seen=$(awk -v a="$t1" -v n="$EPOCHREALTIME" 'BEGIN { printf "%d", (n - a) * 1000 }')
        break
      fi
      sleep 0.1
    done
    awk -v a="$t0" -v b="$t1" -v s="$seen" 'BEGIN { printf "%d %s\n", (b - a) * 1000, s }' >> "$WORK/publish.log"
    next=$(awk -v t="$next" -v d="$PUBLISH_EVERY" 'BEGIN { printf "%.6f", t + d }')
    sleep_until "$next"
  done
}
approver() { # END -> a line per approval attempt in $WORK/approve.log
  local end=$1 id next
  next=$(now)
  while awk -v e="$end" -v n="$EPOCHREALTIME" 'BEGIN { exit !(n < e) }'; do
    id=$("$BIN" comments --data-dir "$DATA" list --status pending --limit 1 --json |
      grep -o '^{"id":[0-9]*' | grep -o '[0-9]*$' || true)
    if [ -n "$id" ] && "$BIN" comments --data-dir "$DATA" approve "$id" >/dev/null; then
      echo "approved $id" >> "$WORK/approve.log"
    else
      echo "none" >> "$WORK/approve.log"
    fi
    next=$(awk -v t="$next" -v d="$APPROVE_EVERY" 'BEGIN { printf "%.6f", t + d }')
    sleep_until "$next"
  done
}

# One phase: the readers' wrk for DURATION against TARGET, with the cache's
# counters read before and after; prints a table row's fields.
phase() { # NAME TARGET_PORT -> "rps p50 p99 non2xx hitrate renders/s evictions load"
  local name=$1 target=$2 before after vb va out
  before=$(scrape)
  [ "$target" = "$VARNISH_PORT" ] && vb=$(varnish_scrape)
  out=$(MIXED_PATHS=$WORK/paths.txt MIXED_SEQ=$WORK/seq.txt \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/mixed-read.lua \
    "http://127.0.0.1:$target")
  after=$(scrape)
  echo "$out" > "$OUT/wrk-mixed-$MODE-$name.txt"
  local hit_rate
  if [ "$target" = "$VARNISH_PORT" ]; then
    va=$(varnish_scrape)
    hit_rate=$(awk -v b="$vb" -v a="$va" 'BEGIN { split(b, x); split(a, y); h = y[1] - x[1]; m = y[2] - x[2];
      printf "%.4f", (h + m) ? h / (h + m) : 0 }')
  else
    hit_rate=$(awk -v b="$before" -v a="$after" 'BEGIN { split(b, x); split(a, y); h = y[1] - x[1]; m = y[2] - x[2];
      printf "%.4f", (h + m) ? h / (h + m) : 0 }')
  fi
  echo "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" \
    "$(awk '/^non-2xx\/3xx:/ {sub(",", "", $2); print $2}' <<<"$out")" \
    "$hit_rate" \
    "$(awk -v b="$before" -v a="$after" -v d="$DURATION" 'BEGIN { split(b, x); split(a, y); printf "%.1f", (y[6] - x[6]) / d }')" \
    "$(awk -v b="$before" -v a="$after" 'BEGIN { split(b, x); split(a, y); print y[3] - x[3] }')" \
    "$(loadavg)"
}

# Warm-up: every page of the sequence asked for once (four at a time),
# then five seconds of the readers; prints the seconds it took.
warm() { # PORT
  local t0
  t0=$(now)
  sed "s#^#http://127.0.0.1:$1#" "$WORK/paths.txt" | xargs -P 4 -n 64 curl -s >/dev/null
  MIXED_PATHS=$WORK/paths.txt MIXED_SEQ=$WORK/seq.txt \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/mixed-read.lua "http://127.0.0.1:$1" >/dev/null
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a - 5 }'
}

RUN=$(date -u +%H%M%S)
ROWS=()
NOTES=()
for MODE in "${MODES[@]}"; do
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/dateline-mixed.XXXXXX")
  DATA=$WORK/data
  mkdir -p "$WORK/wire"
  echo "copying $ARCHIVE ..." >&2
  cp -a "$ARCHIVE" "$DATA"
  # One address posts every comment: lift the limits on it, and the
  # 3-second minimum (the forms are read just before the run).
  for kv in "comments.min_seconds 0" "comments.rate_per_address 1000000" \
            "comments.rate_per_email 1000000" "comments.per_form 1000000"; do
    # shellcheck disable=SC2086
    "$BIN" settings --data-dir "$DATA" set $kv >/dev/null
  done
  config=()
  if [ -n "${MIXED_CACHE_MIB:-}" ]; then
    echo "cache_mib = $MIXED_CACHE_MIB" > "$WORK/dateline.toml"
    config=(--config "$WORK/dateline.toml")
  fi
  serve_args=()
  read_port=$PORT
  if [ "$MODE" = varnish ]; then
    # Varnish listens on VARNISH_PORT with the repository's VCL, its backend
    # pointed at this run's Dateline, which purges it on every change
    # (--cdn-purge; MIXED_VARNISH_SERVE_ARGS replaces those flags).
    VARNISH_DIR=$WORK/varnish
    mkdir -p "$VARNISH_DIR"
    sed -E "s/(\.host *= *\")[^\"]*(\")/\1127.0.0.1\2/; s/(\.port *= *\")[0-9]+(\")/\1$PORT\2/" \
      "$VCL" > "$WORK/site.vcl"
    # shellcheck disable=SC2206
    serve_args=(${MIXED_VARNISH_SERVE_ARGS:---cdn-purge http://127.0.0.1:$VARNISH_PORT/})
    read_port=$VARNISH_PORT
  fi
  "$BIN" serve --no-demo --data-dir "$DATA" "${config[@]}" "${serve_args[@]}" \
    --listen 127.0.0.1:$PORT --metrics-listen 127.0.0.1:$METRICS_PORT >/dev/null 2>&1 &
  SERVER=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz"; do sleep 0.05; done
  if [ "$MODE" = varnish ]; then
    varnishd -j none -a 127.0.0.1:$VARNISH_PORT -f "$WORK/site.vcl" -n "$VARNISH_DIR" \
      -P "$WORK/varnish.pid" -s malloc,512m
    until curl -sf -o /dev/null "http://127.0.0.1:$VARNISH_PORT/readyz"; do sleep 0.05; done
  fi

  SUMMARY=$(make_reads "$DATA/dateline.db")
  # Every kind of page answers 200 before the run (the paths are built as
  # the site builds them, or the run would measure 404s).
  for p in $(head -n 3 "$WORK/sections.txt") $(head -n 3 "$WORK/hot.txt") \
           $(sed -n '1p;500p;1999p' "$WORK/hot.txt"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$read_port$p")
    [ "$code" = 200 ] || { echo "GET $p answered $code" >&2; exit 1; }
  done
  # Comment forms, read as a reader reads them, from the 20 newest stories.
  : > "$WORK/forms.txt"
  for p in $(head -n 20 "$WORK/hot.txt"); do
    token=$(curl -sf "http://127.0.0.1:$read_port$p" | grep -o 'name="token" value="[^"]*"' | sed 's/.*value="//; s/"$//')
    echo "$p $token" >> "$WORK/forms.txt"
  done
  echo "warming $(wc -l < "$WORK/paths.txt") pages ..." >&2
  warm "$read_port" >/dev/null
  read -r _ _ _ warm_pages warm_bytes _ <<<"$(scrape)"
  curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" | grep -q '^dateline_page_cache_renders_total' &&
    RENDERS_COUNTED=1

  echo "$MODE: quiet ..." >&2
  q1=$(phase quiet1 "$read_port")
  echo "$MODE: working ..." >&2
  start=$(now)
  end=$(awk -v s="$start" -v d="$DURATION" 'BEGIN { printf "%.6f", s + d }')
  : > "$WORK/publish.log"; : > "$WORK/approve.log"
  publisher "$end" & JOBS+=($!)
  approver "$end" & JOBS+=($!)
  MIXED_FORMS=$WORK/forms.txt MIXED_POST_RATE=$POST_RATE MIXED_POST_CONNECTIONS=$POST_CONNECTIONS MIXED_PREFIX=$RUN-$MODE- \
    wrk -t1 -c"$POST_CONNECTIONS" -d"${DURATION}s" -s bench/mixed-post.lua "http://127.0.0.1:$read_port" \
    > "$OUT/wrk-mixed-$MODE-posts.txt" & JOBS+=($!)
  w=$(phase working "$read_port")
  wait "${JOBS[@]}" 2>/dev/null || true
  JOBS=()
  # The working phase leaves pages to render again: a quiet site is a warm one.
  rewarm=$(warm "$read_port")
  echo "$MODE: quiet again ..." >&2
  q2=$(phase quiet2 "$read_port")

  for row in "quiet:$q1" "working:$w" "quiet again:$q2"; do
    # shellcheck disable=SC2086
    set -- ${row#*:}
    ROWS+=("| $MODE | ${row%%:*} | $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 |")
  done
  ratio=$(awk -v w="${w%% *}" -v a="${q1%% *}" -v b="${q2%% *}" 'BEGIN { printf "%.3f", w / ((a + b) / 2) }')
  publishes=$(wc -l < "$WORK/publish.log")
  import_ms=$(awk '{print $1}' "$WORK/publish.log" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  front_ms=$(awk '$2 != "-" {print $2}' "$WORK/publish.log" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " / " a[NR]}')
  missed=$(awk '$2 == "-"' "$WORK/publish.log" | wc -l)
  approvals=$(grep -c '^approved' "$WORK/approve.log" || true)
  posts=$(awk '/^posted:/' "$OUT/wrk-mixed-$MODE-posts.txt")
  NOTES+=("- **$MODE: working / quiet (mean of the two quiet runs): $ratio**")
  NOTES+=("  - reads: $SUMMARY; $warm_pages pages ($(( warm_bytes / 1048576 )) MiB) in the page cache after the warm-up; asking for every page once after the working phase took ${rewarm} s")
  NOTES+=("  - stories filed: $publishes (import median $import_ms ms; on the front page after, median / max: $front_ms ms; not within 5 s: $missed)")
  NOTES+=("  - comments approved: $approvals of $(wc -l < "$WORK/approve.log") attempts; comments posted: $posts")

  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  SERVER=''
  if [ -n "$VARNISH_DIR" ] && [ -f "$WORK/varnish.pid" ]; then kill "$(cat "$WORK/varnish.pid")"; fi
  VARNISH_DIR=''
  rm -rf "$WORK"; WORK=''
done

{
  echo "## Mixed workload, $(date -u +%Y-%m-%dT%H:%MZ): $ARCHIVE, ${DURATION}s a phase, readers wrk -t$THREADS -c$CONNECTIONS, $(nproc) cores"
  echo
  echo "Readers: the newest $ARTICLES articles by Zipf (s = $ZIPF) on age rank, fronts $FRONT, section pages $SECTION, the whole archive $TAIL."
  echo "Working: a story filed every ${PUBLISH_EVERY} s, a comment approved every ${APPROVE_EVERY} s, $POST_RATE comments posted a second."
  echo
  echo "| mode | phase | reads/s | p50 | p99 | non-2xx | hit rate | renders/s | evictions | load avg (1 min, at the end) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Hit rate: Dateline's page cache (hits / (hits + misses), from its metrics), or Varnish's (MAIN.cache_hit / (cache_hit + cache_miss)) in the varnish mode. Renders/s: Dateline's, in both modes$([ -z "$RENDERS_COUNTED" ] && echo " (this binary counts no renders: its page cache misses stand in, an upper bound, since a reader waiting for another's render of the same page is a miss too)")."
  echo
  printf '%s\n' "${NOTES[@]}"
} | tee "$OUT/mixed.md"
