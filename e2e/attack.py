#!/usr/bin/env python3
"""The hostile-traffic gate: what a site meets in its first week, sent to a
running Dateline server (127.0.0.1 only), class by class.

Usage: attack.py BASE_URL DATELINE_BIN DATA_DIR OUT_DIR SERVER_PID

For each class of traffic the gate checks three things:
  (a) every reader page fetched before the attacks (plain GET, identity
      encoding) is still the same page afterwards: status 200, the same
      bytes and the same ETag (see `mask` for the two parts of a page that
      may legitimately change, and `etag_stable`);
  (b) the server's resident memory (VmRSS, sampled every 50 ms by a
      watcher process; VmHWM recorded too) stays under CEILING_MIB;
  (c) /healthz, polled every 50 ms on a connection of its own by the same
      watcher, answers every poll, none in STALL_MS or more, and at most
      one poll in twenty (at least one) in HEALTH_MS or more. A runtime
      blocked by synchronous work stalls the polls for as long as the
      flood lasts; a shared 2-core machine with other work on it delays the odd poll of a
      healthy server (two busy loops beside the gate: worst 109 ms, p99
      65 ms), which the tail allowance absorbs.
and the class's own checks (statuses, limits, bytes). Prints "ok - ..." /
"not ok - ..." lines, a figures line per class, the figures as a table, and
"attack: N passed, M failed"; exits 1 when anything failed. The figures also
go to OUT_DIR/figures.json and OUT_DIR/figures.md.
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from attack import client, fixtures, watch  # noqa: E402
from attack.client import Browser, get, parallel, request, statuses, refusal_ok  # noqa: E402

BASE, BIN, DATA, OUT, PID = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
client.configure(BASE)
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(OUT, "fixtures")

CEILING_MIB = int(os.environ.get("ATTACK_CEILING_MIB", "512"))
HEALTH_MS = float(os.environ.get("ATTACK_HEALTH_MS", "100"))
STALL_MS = float(os.environ.get("ATTACK_STALL_MS", "250"))
# A flood that can be stopped (the cache-key flood) stops once memory passes
# this, to spare the machine: the ceiling is already broken.
ABORT_MIB = int(os.environ.get("ATTACK_ABORT_MIB", str(2 * CEILING_MIB)))
EPISODE_MB = int(os.environ.get("ATTACK_EPISODE_MB", "150"))
# A slow body must be dropped within this many seconds (the brief: ~30 s).
SLOW_DROP_S = float(os.environ.get("ATTACK_SLOW_DROP_S", "40"))
# A hostile Markdown request must be answered within this.
MARKDOWN_S = float(os.environ.get("ATTACK_MARKDOWN_S", "10"))
BODY_LIMIT = 499_000  # under dateline_core's ArticleInput body limit (500,000 bytes)
PASSWORD = "a long attack-gate password"
MONITOR_LOG = os.path.join(OUT, "monitor.log")

results = []
figures = []


def report(name, ok, detail=""):
    results.append(ok)
    print(("ok - " if ok else "not ok - ") + name + ((": " + str(detail)) if detail and not ok else ""), flush=True)
    return ok


def note(text):
    print("# " + text, flush=True)


def alive():
    return os.path.exists(f"/proc/{PID}") and watch.status_of(PID) is not None


def rss_mib():
    s = watch.status_of(PID)
    return (s[0] / 1024) if s else 0.0


def cli(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=120)


# ------------------------------------------------------------------ classes


class Attack:
    """One class of traffic: its time window (for the watcher's samples),
    the number of requests it sent and its size, then checks (b) and (c)
    and prints its figures line."""

    def __init__(self, name, size):
        self.name, self.size, self.sent = name, size, 0
        self.extra = {}

    def __enter__(self):
        if not alive():
            raise RuntimeError("the server is not running")
        self.rss_start = rss_mib()
        self.t0 = time.time()
        note(f"{self.name}: {self.size}")
        return self

    def __exit__(self, kind, value, tb):
        self.t1 = time.time()
        time.sleep(0.15)  # the watcher's last samples of the window
        rss, hwm, health = watch.samples(MONITOR_LOG, self.t0, self.t1 + 0.1)
        peak = max(rss) / 1024 if rss else 0.0
        top = max(hwm) / 1024 if hwm else 0.0
        worst = max((ms for ms, _ in health), default=0.0)
        ordered = sorted(ms for ms, _ in health)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
        failures = sum(1 for _, status in health if status != 200)
        seconds = self.t1 - self.t0
        figures.append({"class": self.name, "size": self.size, "requests": self.sent,
                        "rss_start_mib": round(self.rss_start), "peak_rss_mib": round(peak),
                        "vmhwm_mib": round(top), "healthz_worst_ms": round(worst, 1),
                        "healthz_p99_ms": round(p99, 1), "healthz_polls": len(health), "healthz_failed": failures,
                        "seconds": round(seconds, 1), **self.extra})
        note(f"{self.name}: {self.sent} requests, peak RSS {peak:.0f} MiB (at start {self.rss_start:.0f}, "
             f"VmHWM {top:.0f}), worst /healthz {worst:.0f} ms (p99 {p99:.0f} ms) over {len(health)} polls, "
             f"{seconds:.1f} s")
        if kind is not None:
            import traceback
            where = traceback.extract_tb(tb)[-1] if tb else None
            at = f" (attack.py line {where.lineno}: {where.line})" if where else ""
            report(f"{self.name}: ran to the end", False, f"{kind.__name__}: {value}{at}")
        report(f"{self.name}: peak RSS {peak:.0f} MiB < {CEILING_MIB} MiB ({self.size})",
               bool(rss) and peak < CEILING_MIB, "no samples" if not rss else "")
        slow = sum(1 for ms in ordered if ms >= HEALTH_MS)
        allowed = max(1, len(ordered) // 20)
        report(f"{self.name}: /healthz answered every poll, none in {STALL_MS:.0f} ms or more, at most {allowed} "
               f"in {HEALTH_MS:.0f} ms or more ({slow} did; worst {worst:.0f} ms, {len(health)} polls)",
               bool(health) and failures == 0 and worst < STALL_MS and slow <= allowed,
               f"{failures} polls failed" if failures else ("no polls" if not health else ""))
        return True  # an exception in a class is reported; the next class runs


# ------------------------------------------------------------------ pages

TOKEN = re.compile(rb'(name="token" value=")[^"]*(")')
# The block as the macro writes it, with the line break before it, so that
# a page that had none (no views yet) compares equal once it is taken out.
MOST_VIEWED = re.compile(rb'\n<aside class="most-viewed".*?</aside>', re.S)
views_moved = False  # set once the view-beacon class has counted views


def mask(body):
    """What must be byte-identical: the page, with the comment form's token
    (stamped with the render time, re-rendered at least once a minute)
    replaced, and, once the view class has counted views, the "More views"
    block taken out (it moves with the counts by design)."""
    body = TOKEN.sub(rb"\1*\2", body)
    if views_moved:
        body = MOST_VIEWED.sub(b"", body)
    return body


def etag_stable(before, after=None):
    """Whether the page's ETag must not change: not for a page with a
    comment form (its token), nor, after the view class, for a page that
    shows "More views" before or after."""
    if TOKEN.search(before.body):
        return False
    return not (views_moved and any(MOST_VIEWED.search(x.body) for x in (before, after) if x is not None))


BASELINE = []  # (path, Answer)


def take_baseline(paths):
    for path in paths:
        a = get(path, timeout=30)
        if a.status == 200 and a.body:
            BASELINE.append((path, a))
        else:
            report(f"baseline page {path}", False, f"HTTP {a.status or a.error}, {len(a.body)} bytes")
    # Each page read again straight away must be the same (from the cache):
    # what the comparisons rest on.
    bad = [p for p, before in BASELINE if mask(get(p).body) != mask(before.body)]
    report(f"{len(BASELINE)} reader pages read twice give the same bytes", not bad, ", ".join(bad))


def first_difference(a, b):
    n = min(len(a), len(b))
    i = next((i for i in range(n) if a[i] != b[i]), n)
    return i, a[max(0, i - 30):i + 50]


def compare(label):
    """Check (a): every baseline page, read again as any reader would."""
    bad = []
    timeouts = 0
    for path, before in BASELINE:
        if timeouts >= 3:
            bad.append(f"{path}: not tried (the server stopped answering)")
            continue
        a = get(path, timeout=10)
        if a.error:
            timeouts += 1
            bad.append(f"{path}: {a.error}")
        elif a.status != 200:
            bad.append(f"{path}: HTTP {a.status}")
        elif not a.body:
            bad.append(f"{path}: an empty body (was {len(before.body)} bytes), ETag {a.headers.get('etag')}")
        elif mask(a.body) != mask(before.body):
            i, near = first_difference(mask(a.body), mask(before.body))
            bad.append(f"{path}: {len(a.body)} bytes, not the {len(before.body)} before; first difference "
                       f"at byte {i}: {near!r}")
        elif etag_stable(before, a) and a.headers.get("etag") != before.headers.get("etag"):
            bad.append(f"{path}: ETag {a.headers.get('etag')} (was {before.headers.get('etag')})")
    return report(f"{label}: the {len(BASELINE)} reader pages are unchanged afterwards", not bad, "; ".join(bad[:4])
                  + (f" (and {len(bad) - 4} more)" if len(bad) > 4 else ""))


# ------------------------------------------------------------------ setup

note(f"server pid {PID}, ceiling {CEILING_MIB} MiB, /healthz < {STALL_MS:.0f} ms, 1 in 20 may pass {HEALTH_MS:.0f} ms")
EDITOR, TOTP_USER, VICTIM, CHECKER = ("gate-editor@example.org", "gate-totp@example.org",
                                      "gate-victim@example.org", "gate-check@example.org")
for email, role in ((EDITOR, "editor"), (TOTP_USER, "editor"), (VICTIM, "contributor"), (CHECKER, "editor")):
    made = cli("user", "add", "--data-dir", DATA, "--role", role, email, stdin=PASSWORD + "\n")
    report(f"dateline user add {email}", made.returncode == 0, made.stderr.strip())

monitor = subprocess.Popen([sys.executable, os.path.join(HERE, "attack", "watch.py"), str(PID),
                            client.HOST, str(client.PORT), MONITOR_LOG])
try:
    os.nice(5)  # the attacking client yields the CPU to the server and the watcher
except OSError:
    pass

editor = Browser("127.0.0.1")
a = editor.login(EDITOR, PASSWORD)
report("the editor logs in through the form", a.status == 303 and editor.get("/newsroom/").status == 200,
       f"HTTP {a.status or a.error}")
drafts = 0


def editor_csrf():
    return client.csrf_of(editor.get("/newsroom/articles/new").text)


def clear_cache():
    """Empties every node's page cache the way the site does on any change:
    a draft saved in the newsroom (drafts show on no public page) moves the
    change feed, which the follower reads every 500 ms."""
    global drafts
    drafts += 1
    a = editor.post("/newsroom/articles", {
        "csrf": editor_csrf(), "headline": f"Gate draft {drafts}", "language": "en", "section": SECTION,
        "body": "A draft that only moves the change feed.", "intent": "save"})
    if a.status != 303:
        report(f"a draft saved to clear the page cache ({drafts})", False, f"HTTP {a.status or a.error}")
    time.sleep(1.2)


def find(pattern, text, default=None):
    m = re.search(pattern, text)
    return m.group(1) if m else default


# A page 2 for a section, a tag and an author, and a full-content feed of
# about half a megabyte (the demo edition alone has none of them): wire
# stories filed the way an agency's are.
os.makedirs(FIXTURES, exist_ok=True)
SECTION = "world"
stories = fixtures.wire_stories(30, SECTION, "Gate wire", "Gate Reporter", int(time.time()))
run = cli("import", "wire", "--data-dir", DATA,
          *[fixtures.write(os.path.join(FIXTURES, "wire"), name, text.encode()) for name, text in stories])
report(f"{len(stories)} wire stories of 25 KB import", run.returncode == 0, run.stderr[-300:])
time.sleep(1.5)  # the follower reads the change feed every 500 ms

# Discover the pages from the site itself.
front = get("/en/").text
ARTICLE = find(r'href="(/en/[a-z0-9-]+/\d{4}/\d\d/\d\d/[^"?#]+)"', front)
wire_page = find(r'href="(/en/[a-z0-9-]+/\d{4}/\d\d/\d\d/gate-wire-1)"', get(f"/en/{SECTION}/").text)
wire_html = get(wire_page).text if wire_page else ""
TAG = find(r'href="(/en/tag/[^"?#]+)"', wire_html)
AUTHOR = find(r'href="(/en/author/[^"?#]+)"', wire_html)
PROGRAMME = find(r'href="(/en/programmes/[a-z0-9-]+/)"', get("/en/programmes/").text)
PODCAST = find(r'href="((?:https?://[^/"]+)?/en/programmes/[a-z0-9-]+/podcast\.xml)"', get(PROGRAMME).text) if PROGRAMME else None
PODCAST = urllib.parse.urlsplit(PODCAST).path if PODCAST else None
SITEMAP_FILE = find(r"<loc>https?://[^<]*?(/sitemaps/en-\d+\.xml)</loc>", get("/sitemap.xml").text, "/sitemaps/en-1.xml")
note(f"pages: article {ARTICLE}, section {SECTION}, tag {TAG}, author {AUTHOR}, programme {PROGRAMME}, "
     f"podcast {PODCAST}, sitemap {SITEMAP_FILE}")
report("the pages are found (an article, a tag and an author with a page 2, a programme, its podcast)",
       all([ARTICLE, TAG, AUTHOR, PROGRAMME, PODCAST]) and get(f"/en/{SECTION}/?page=2").status == 200
       and TAG and get(f"{TAG}?page=2").status == 200 and AUTHOR and get(f"{AUTHOR}?page=2").status == 200)

# The fixtures, made before any class so that making them is not measured.
EPISODE = os.path.join(FIXTURES, f"episode-{EPISODE_MB}mb.mp3")
fixtures.long_mp3(os.path.join(ROOT, "demo", "newscast.mp3"), EPISODE, EPISODE_MB * 1000 * 1000)
BOMB_W, BOMB_H = 9999, 5000  # under MAX_PIXELS (50 million) and MAX_SIDE (12,000)
BOMB = fixtures.png_bomb(BOMB_W, BOMB_H)
WIDE = fixtures.png_bomb(20000, 20000, 8, 0, rows=64)
MARKDOWN = fixtures.deep_markdown(BODY_LIMIT)
note(f"fixtures: an MP3 of {os.path.getsize(EPISODE) / 1e6:.0f} MB, a {len(BOMB) / 1024:.0f} KB PNG declaring "
     f"{BOMB_W}×{BOMB_H} RGBA 16-bit ({fixtures.decoded_bytes(BOMB_W, BOMB_H) / 2**20:.0f} MiB decoded), "
     f"a {len(WIDE) / 1024:.0f} KB PNG declaring 20000×20000")

# ------------------------------------------------------------------ large upload (before the baseline: it publishes)
EPISODE_SRC = None
with Attack("large upload", f"one {os.path.getsize(EPISODE) / 1e6:.0f} MB MP3 through the media form") as k:
    page = editor.get("/newsroom/media")
    ctype, length, body = client.multipart_file_stream(
        [("csrf", client.csrf_of(page.text)), ("alt_text", ""), ("caption", "Gate episode"), ("credit", "Gate")],
        "file", "gate-episode.mp3", "audio/mpeg", EPISODE)
    a = editor.send("POST", "/newsroom/media", body, {"Content-Type": ctype, "Content-Length": str(length)},
                    timeout=300)
    k.sent = 1
    report(f"the {length / 1e6:.0f} MB episode uploads (303)", a.status == 303,
           f"HTTP {a.status or a.error}: {a.text[:200]}")
if alive():
    # The id the editor's own audio picker offers for the upload.
    new_form = editor.get("/newsroom/articles/new").text
    audio_id = find(r'<option value="([^"]+)"[^>]*>gate-episode\.mp3', new_form, "")
    form = {"csrf": client.csrf_of(new_form), "headline": "Gate episode: the long programme", "standfirst": "An episode.",
            "dateline_place": "Havana", "dateline_date": time.strftime("%Y-%m-%d", time.gmtime()),
            "language": "en", "section": SECTION, "slug": "gate-episode", "body": "The long programme.",
            "audio_id": audio_id, "intent": "publish"}
    a = editor.post("/newsroom/articles", form)
    report("an article with the episode is published", bool(audio_id) and a.status == 303,
           f"audio id {audio_id!r}, HTTP {a.status or a.error}")
    time.sleep(1.2)
    listing = get(f"/en/{SECTION}/").text
    episode_page = find(r'href="(/en/[a-z0-9-]+/\d{4}/\d\d/\d\d/gate-episode[^"]*)"', listing)
    EPISODE_SRC = find(r'<audio[^>]* src="([^"]+)"', get(episode_page).text) if episode_page else None
    if EPISODE_SRC:
        EPISODE_SRC = urllib.parse.urlsplit(EPISODE_SRC).path
    report("the episode's audio URL is on its public page", bool(EPISODE_SRC), f"page {episode_page}")

def totp_code(secret, at):
    """RFC 6238 as authenticator apps make it: HMAC-SHA-1, 6 digits, 30 s."""
    import base64
    import hashlib
    import hmac
    import struct
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", at // 30), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


# TOTP for one account (its page shows a secret; a code from it turns TOTP on).
totp_browser = Browser("127.0.0.3")
a = totp_browser.login(TOTP_USER, PASSWORD)
account = totp_browser.get("/newsroom/account")
started = totp_browser.post("/newsroom/account/totp", {"csrf": client.csrf_of(account.text), "step": "start"})
SECRET = find(r'name="secret" value="([A-Z2-7]+)"', started.text, "")
on = totp_browser.post("/newsroom/account/totp", {"csrf": client.csrf_of(started.text), "step": "confirm",
                                                   "secret": SECRET, "code": totp_code(SECRET, int(time.time()))})
report("TOTP is turned on for the TOTP account", bool(SECRET) and on.status == 303,
       f"secret {bool(SECRET)}, HTTP {on.status or on.error}")

# ------------------------------------------------------------------ baseline
PAGES = ["/en/", "/ar/", f"/en/{SECTION}/", f"/en/{SECTION}/?page=2", TAG, TAG and f"{TAG}?page=2", AUTHOR,
         AUTHOR and f"{AUTHOR}?page=2", ARTICLE,
         "/en/feed.xml", "/en/atom.xml", "/en/feed.json", f"/en/{SECTION}/feed.xml", f"{TAG}/feed.xml",
         "/sitemap.xml", SITEMAP_FILE, "/sitemaps/pages.xml", PROGRAMME, PODCAST, "/en/corrections/",
         "/en/programmes/", "/en/search?q=cuba"]
PAGES = [p for p in PAGES if p]
take_baseline(PAGES)
FEED = next((b for p, b in BASELINE if p == "/en/feed.xml"), None)
note(f"baseline: {len(BASELINE)} pages; /en/feed.xml is {len(FEED.body) / 1024 if FEED else 0:.0f} KB")


# ------------------------------------------------------------------ 1. HEAD, OPTIONS, conditional requests
def methods_class():
    rounds = [
        ("HEAD", lambda p, b: request("HEAD", p)),
        ("OPTIONS", lambda p, b: request("OPTIONS", p)),
        ("If-None-Match", lambda p, b: get(p, headers={"If-None-Match": b.headers.get("etag", '"x"')})),
        ("If-Modified-Since", lambda p, b: get(p, headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})),
        ("Range", lambda p, b: get(p, headers={"Range": "bytes=0-99"})),
        ("HEAD with If-None-Match", lambda p, b: request("HEAD", p, headers={"If-None-Match": '"stale"'})),
    ]
    with Attack("HEAD, OPTIONS and conditional requests",
                f"{len(rounds)} rounds over the {len(BASELINE)} reader pages, each on an emptied cache") as k:
        for label, send in rounds:
            clear_cache()
            bad = []
            for path, before in BASELINE:
                a = send(path, before)
                k.sent += 1
                if a.error or a.status >= 500:
                    bad.append(f"{path}: {a.status or a.error}")
                elif label.startswith("HEAD") and a.status == 200:
                    if etag_stable(before) and a.headers.get("etag") != before.headers.get("etag"):
                        bad.append(f"{path}: HEAD ETag {a.headers.get('etag')}, GET's {before.headers.get('etag')}")
                    if a.headers.get("content-type") != before.headers.get("content-type"):
                        bad.append(f"{path}: HEAD content-type {a.headers.get('content-type')}")
                elif label == "If-None-Match" and a.status not in (200, 304):
                    bad.append(f"{path}: HTTP {a.status}")
                elif label == "Range" and a.status == 206 and a.body != before.body[:100]:
                    bad.append(f"{path}: 206 with other bytes than the page's first 100")
            report(f"{label} on every kind of public page: the GET's headers, never 5xx", not bad, "; ".join(bad[:4]))
            compare(f"after {label} on an empty cache")


# ------------------------------------------------------------------ 2. query and path variants
def variants_class():
    s = f"/en/{SECTION}/"
    tag_name = TAG.rsplit("/", 1)[-1]
    variants = [
        f"{s}?pag%65=2", f"{s}?%70age=2", f"{s}?pag%65=3", f"{s}?page=2&page=1", f"{s}?page=1&page=2",
        f"{s}?page=1&pag%65=2", f"{s}?page=02", f"{s}?page=+2", f"{s}?page=%32", f"{s}?page=2%00",
        f"{s}?page=99999", f"{s}?page=-1", f"{s}?page=2&utm_source=x&fbclid=y", f"{s}?utm_source=x", f"{s}?",
        f"{s}?&&", f"{s}?page", f"{s}?page=", f"{s};page=2", f"{s}index.html", f"/en/{SECTION}//",
        "/en/?page=2", "/en/?pag%65=2", "/en/?utm_source=gate", "/%65n/", "/e%6E/", "/%65%6E/", "/en//",
        "/en%2F", f"/en%2F{SECTION}/", f"/en/{SECTION}%2F", f"/en/tag/{tag_name}%2Fx", f"{TAG}?page=2",
        f"{TAG}?pag%65=2", f"{AUTHOR}?pag%65=2", f"{AUTHOR}?page=2", f"{ARTICLE}?page=2", f"{ARTICLE}?pag%65=2",
        f"{ARTICLE}/", f"{ARTICLE}%2F", f"{ARTICLE}?reply=1", ARTICLE.replace("/en/", "/%65n/"),
        "/en/feed.xml?page=2", "/en/feed.xml?pag%65=2", "/en/feed.xml/", "/en/feed.xml.", "/en/feed.xml?x=1",
        "/%65n/feed.xml", "/en/atom.xml?page=3", "/en/feed.json?page=4", "/sitemap.xml?page=2",
        f"{SITEMAP_FILE}?page=2", "/sitemaps/en-1%2Exml", "/sitemaps/..%2Fen-1.xml", f"{PROGRAMME}?pag%65=2",
        f"{PODCAST}?page=2", "/en/corrections/?pag%65=2", "/en/search?q=cuba&pag%65=2", "/en/%00/", "/en/%ff/",
    ]
    with Attack("query and path variants", f"{len(variants)} variants of the reader pages' URLs on an emptied cache") as k:
        clear_cache()
        bad = []
        for v in variants:
            a = get(v)
            k.sent += 1
            if a.error or a.status >= 500:
                bad.append(f"{v}: {a.status or a.error}")
        report(f"{len(variants)} query and path variants answer without 5xx", not bad, "; ".join(bad[:5]))
        # Metrics are served on a private listener only (--metrics-listen):
        # here /metrics is an unknown page, never a scrape, never cached.
        metrics = [get(p) for p in ("/metrics", "/metrics/", "/metrics?name[]=x", "/%6Detrics")]
        metrics += [request("HEAD", "/metrics"), get("/metrics", headers={"Authorization": "Bearer x"})]
        k.sent += len(metrics)
        report(f"/metrics on the public listener answers 404 with no series ({statuses(metrics)})",
               all(not a.error and a.status == 404 and b"dateline_" not in a.body for a in metrics),
               statuses(metrics))
        compare("after the query and path variants")


# ------------------------------------------------------------------ 3. spoofed proxy headers
def proxy_class():
    with Attack("spoofed proxy headers", "X-Forwarded-For and X-Forwarded-Proto from an untrusted peer: "
                "a login over 'https', 25 wrong logins each from a new 'address'") as k:
        b = Browser("127.0.0.4")
        spoof = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
        page = b.get("/newsroom/login", headers=spoof)
        a = b.post("/newsroom/login", {"email": CHECKER, "password": PASSWORD, "csrf": client.csrf_of(page.text),
                                        "next": "/newsroom/"}, headers=spoof)
        k.sent += 2
        cookies = page.all("set-cookie") + a.all("set-cookie")
        secure = [c.split("=")[0] for c in cookies if re.search(r";\s*secure\b", c, re.I) or c.startswith("__Host-")]
        report("X-Forwarded-Proto: https from an untrusted peer marks no cookie Secure",
               a.status == 303 and cookies and not secure,
               f"HTTP {a.status or a.error}, Secure cookies {secure}")
        refused, evaluated, answers = 0, 0, []
        b = Browser("127.0.0.4")
        page = b.get("/newsroom/login")
        for i in range(25):
            a = b.post("/newsroom/login", {"email": f"spoof{i}@example.org", "password": "wrong password!",
                                            "csrf": client.csrf_of(page.text), "next": "/newsroom/"},
                       headers={"X-Forwarded-For": f"198.51.100.{i + 1}"}, keep=False)
            k.sent += 1
            answers.append(a)
            evaluated += a.status == 401
            refused += a.status == 429
        k.extra["wrong_logins_evaluated"] = evaluated
        report(f"X-Forwarded-For from an untrusted peer does not move the login limit (20 per address): "
               f"{evaluated} of 25 evaluated, {refused} refused", evaluated <= 20 and refused >= 5,
               f"statuses {statuses(answers)}")
        compare("after spoofed proxy headers")


# ------------------------------------------------------------------ 4. parallel TOTP codes
def totp_class():
    n = 300
    with Attack("parallel TOTP codes", f"{n} wrong codes at once on one half-way session, one login-form token") as k:
        b = Browser("127.0.0.3")
        a = b.login(TOTP_USER, PASSWORD)
        halfway = a.status == 303 and "/newsroom/login/code" in a.headers.get("location", "")
        report("the TOTP account's password leads to the code form", halfway,
               f"HTTP {a.status or a.error} to {a.headers.get('location')}")
        form = b.get("/newsroom/login/code")
        csrf = client.csrf_of(form.text)
        now = int(time.time())
        near = {totp_code(SECRET, now + 30 * d) for d in range(-3, 4)} if SECRET else set()
        wrong = [c for c in (f"{(i * 7919 + 13) % 1_000_000:06d}" for i in range(2 * n)) if c not in near][:n]
        answers = parallel(n, lambda i, bar: b.post("/newsroom/login/code", {"code": wrong[i], "csrf": csrf,
                                                                              "next": "/newsroom/"},
                                                    barrier=bar, keep=False))
        k.sent = n + 3
        evaluated = sum(1 for x in answers if x.status == 401)
        k.extra["codes_evaluated"] = evaluated
        bad = [x for x in answers if x.error or (x.status >= 500 and not refusal_ok(x))]
        report(f"{n} parallel wrong TOTP codes: at most 5 evaluated ({evaluated}; statuses {statuses(answers)})",
               halfway and evaluated <= 5)
        report("parallel TOTP codes: no 5xx but 503 with Retry-After, no error", not bad, f"{statuses(bad)}")
        compare("after parallel TOTP codes")


# ------------------------------------------------------------------ 5. slow bodies
def slow_class():
    import socket
    import select
    per = 100
    targets = [("/newsroom/login", "login")] * per + [(f"{ARTICLE}/comments", "comment")] * per
    with Attack("slow bodies", f"{2 * per} POSTs ({per} to /newsroom/login, {per} to a comment URL) "
                "sending their body one byte a second") as k:
        socks = []
        for path, kind in targets:
            s = socket.socket()
            s.bind(("127.0.0.5", 0))
            try:
                s.connect((client.HOST, client.PORT))
                s.sendall((f"POST {path} HTTP/1.1\r\nHost: {client.HOST}:{client.PORT}\r\n"
                           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n").encode())
                s.setblocking(False)
                socks.append([s, kind, time.monotonic(), None])
            except OSError as e:
                socks.append([s, kind, time.monotonic(), 0.0])
                note(f"slow body: could not connect: {e}")
        k.sent = len(socks)
        start = time.monotonic()
        legit = None
        while time.monotonic() - start < SLOW_DROP_S + 5:
            open_ = [x for x in socks if x[3] is None]
            if not open_:
                break
            if legit is None and time.monotonic() - start > 5:
                # A member logs in while the slow bodies are held.
                legit = Browser("127.0.0.6").login(CHECKER, PASSWORD)
                k.sent += 2
            for x in open_:
                try:
                    x[0].send(b"a")
                except OSError:
                    x[3] = time.monotonic() - x[2]
            readable, _, _ = select.select([x[0] for x in open_ if x[3] is None], [], [], 1.0)
            for x in open_:
                if x[0] in readable and x[3] is None:
                    x[3] = time.monotonic() - x[2]  # an answer (408) or a close
        for x in socks:
            x[0].close()
        for kind in ("login", "comment"):
            times = sorted(x[3] for x in socks if x[1] == kind and x[3] is not None)
            held = sum(1 for x in socks if x[1] == kind and x[3] is None)
            k.extra[f"slow_{kind}_dropped_max_s"] = round(times[-1], 1) if times else None
            report(f"{per} slow {kind} bodies are dropped within {SLOW_DROP_S:.0f} s "
                   f"({len(times)} dropped, the last after {times[-1] if times else 0:.1f} s; {held} still held)",
                   held == 0 and times and times[-1] <= SLOW_DROP_S)
        report("a member logs in while the slow bodies are held (303)", legit is not None and legit.status == 303,
               f"{legit and (legit.status or legit.error)}")
        compare("after slow bodies")


# ------------------------------------------------------------------ 6. range flood
def range_class():
    size = os.path.getsize(EPISODE)
    with open(EPISODE, "rb") as f:
        first = f.read(1)
        f.seek(size // 2)
        middle = f.read(1)
        f.seek(size - 1)
        last = f.read(1)
    shapes = [("bytes=0-0", first, 0)] * 30 + [("bytes=-1", last, size - 1)] * 5 + \
             [(f"bytes={size // 2}-{size // 2}", middle, size // 2)] * 5 + [("HEAD", b"", None)] * 10
    n = len(shapes)
    with Attack("range flood", f"{n} requests at once on a {size / 1e6:.0f} MB episode: 40 one-byte ranges "
                "(30 × bytes=0-0), 10 HEAD") as k:
        if not EPISODE_SRC:
            raise RuntimeError("no episode URL")

        def one(i, bar):
            r, _, _ = shapes[i]
            if r == "HEAD":
                return request("HEAD", EPISODE_SRC, barrier=bar, timeout=60)
            return get(EPISODE_SRC, headers={"Range": r}, barrier=bar, timeout=60)
        answers = parallel(n, one)
        k.sent = n
        bad = []
        for (r, byte, at), a in zip(shapes, answers):
            if refusal_ok(a):
                continue
            if r == "HEAD":
                if a.status != 200 or a.headers.get("content-length") != str(size):
                    bad.append(f"HEAD: {a.status or a.error}, length {a.headers.get('content-length')}")
            elif a.status != 206 or a.body != byte or \
                    a.headers.get("content-range") != f"bytes {at}-{at}/{size}":
                bad.append(f"{r}: {a.status or a.error}, {len(a.body)} bytes, {a.headers.get('content-range')}")
        report(f"{n} parallel ranges and HEADs: 206 with the right byte (200 with the length for HEAD), or "
               f"429/503 with Retry-After ({statuses(answers)})", not bad, "; ".join(bad[:3]))
        compare("after the range flood")


# ------------------------------------------------------------------ 7. image bombs
def images_class():
    with Attack("image bombs", f"3 × a {len(BOMB) / 1024:.0f} KB PNG declaring {BOMB_W}×{BOMB_H} 16-bit RGBA "
                f"({fixtures.decoded_bytes(BOMB_W, BOMB_H) / 2**20:.0f} MiB decoded) at once, then 3 × a "
                f"{len(WIDE) / 1024:.0f} KB PNG declaring 20000×20000") as k:
        for label, data in (("the within-limits bomb", BOMB), ("20000×20000", WIDE)):
            csrf = client.csrf_of(editor.get("/newsroom/media").text)
            answers = parallel(3, lambda i, bar: editor.post_multipart(
                "/newsroom/media", [("csrf", csrf), ("alt_text", "A bomb"), ("caption", "Bomb"), ("credit", "Gate")],
                [("file", f"bomb{i}.png", "image/png", data)], barrier=bar, timeout=120, keep=False))
            k.sent += 3
            bad = [a for a in answers if a.error or (a.status >= 500 and not refusal_ok(a))]
            report(f"3 uploads of {label} at once answer a refusal or a page, never 5xx ({statuses(answers)})",
                   not bad)
        compare("after image bombs")


# ------------------------------------------------------------------ 8. cache-key flood
def flood_class():
    n_pages = 3000
    paths = [f"/en/feed.xml?page={i}" for i in range(1, n_pages + 1)] + \
            [f"/en/feed.xml?utm_source=gate{i}" for i in range(100)] + \
            [f"/en/feed.xml?page={i}&pag%65={i}" for i in range(2, 102)]
    feed = FEED.body if FEED else b""
    with Attack("cache-key flood", f"{len(paths)} variants of the {len(feed) / 1024:.0f} KB full-content feed "
                f"(/en/feed.xml?page=1…{n_pages}, unknown parameters)") as k:
        workers = 8
        lock = threading.Lock()
        state = {"next": 0, "sent": 0, "wrong": [], "aborted": None, "refused": 0}

        def work():
            conn = client.connect(timeout=30)
            while True:
                with lock:
                    i = state["next"]
                    if i >= len(paths) or state["aborted"]:
                        break
                    state["next"] += 1
                a = request("GET", paths[i], conn=conn)
                if a.error:
                    conn = client.connect(timeout=30)
                with lock:
                    state["sent"] += 1
                    if refusal_ok(a):
                        state["refused"] += 1
                    elif a.status == 200 and a.body == feed:
                        pass
                    elif a.status in (301, 308) and a.headers.get("location", "").endswith("/en/feed.xml"):
                        pass  # sent to the feed's one address
                    elif a.status in (400, 404) and "pag%65" in paths[i]:
                        pass  # a query that cannot be read one way only, refused
                    else:
                        state["wrong"].append(f"{paths[i]}: {a.status or a.error}, {len(a.body)} bytes")
            conn.close()

        def guard():
            while any(t.is_alive() for t in threads):
                if rss_mib() > ABORT_MIB:
                    state["aborted"] = f"stopped after {state['sent']} requests at {rss_mib():.0f} MiB"
                    return
                time.sleep(0.05)
        threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
        for t in threads:
            t.start()
        g = threading.Thread(target=guard, daemon=True)
        g.start()
        for t in threads:
            t.join()
        k.sent = state["sent"]
        if state["aborted"]:
            note(f"cache-key flood: {state['aborted']} (past {ABORT_MIB} MiB)")
        k.extra["flood_aborted"] = state["aborted"]
        report(f"every feed variant answers the feed itself (or a redirect to it), or 429/503 with Retry-After "
               f"({state['sent']} sent, {state['refused']} refused)", not state["wrong"] and not state["aborted"],
               "; ".join(state["wrong"][:3]) or state["aborted"] or "")
        compare("after the cache-key flood")


# ------------------------------------------------------------------ 8b. old addresses
def old_links_class():
    """Addresses of a WordPress site this one replaced are looked up where
    the routes answer 404, and on the root with ?p= and the like: each
    lookup is a query by primary key, and nothing is remembered, so made-up
    ones must cost no memory and change no page."""
    n = 3000
    kinds = [lambda r: f"/?p={r}", lambda r: f"/?page_id={r}&preview=true", lambda r: f"/index.php?p={r}",
             lambda r: f"/{2000 + r % 25}/{1 + r % 12:02d}/old-post-{r}/", lambda r: f"/category/gate-{r}/feed/",
             lambda r: f"/?p={r}{'9' * 40}", lambda r: f"/tag/%C3%A9t%C3%A9-{r}/", lambda r: f"/?cat={r}&p=x"]
    paths = [kinds[i % len(kinds)]((i * 2654435761) % 1_000_000_007) for i in range(n)]
    with Attack("old-address lookups", f"{n} WordPress addresses never imported (?p=, ?page_id=, dated "
                "permalinks, category feeds, non-ASCII tags), 8 connections at once") as k:
        lock = threading.Lock()
        state = {"next": 0, "sent": 0, "wrong": [], "refused": 0}

        def work():
            conn = client.connect(timeout=30)
            while True:
                with lock:
                    i = state["next"]
                    if i >= len(paths):
                        break
                    state["next"] += 1
                method = "HEAD" if i % 7 == 0 else "GET"
                a = request(method, paths[i], conn=conn)
                if a.error:
                    conn = client.connect(timeout=30)
                with lock:
                    state["sent"] += 1
                    if refusal_ok(a):
                        state["refused"] += 1
                    elif a.error or a.status >= 500 or a.status == 301:
                        state["wrong"].append(f"{method} {paths[i]}: {a.status or a.error}")
            conn.close()
        threads = [threading.Thread(target=work, daemon=True) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        k.sent = state["sent"]
        report(f"made-up old addresses answer the site's own 303 or 404, never a redirect or 5xx "
               f"({state['sent']} sent, {state['refused']} refused)", not state["wrong"],
               "; ".join(state["wrong"][:3]))
        compare("after the old-address lookups")


# ------------------------------------------------------------------ 9. parallel logins
def logins_class():
    n = 300
    with Attack("parallel logins, one address", f"{n} wrong passwords for one account at once, from one "
                "address with one login-form token") as k:
        b = Browser("127.0.0.2")
        page = b.get("/newsroom/login")
        csrf = client.csrf_of(page.text)
        answers = parallel(n, lambda i, bar: b.post("/newsroom/login", {
            "email": VICTIM, "password": f"wrong password {i}", "csrf": csrf, "next": "/newsroom/"},
            barrier=bar, timeout=120, keep=False))
        k.sent = n + 1
        evaluated = sum(1 for a in answers if a.status == 401)
        k.extra["passwords_evaluated"] = evaluated
        bad = [a for a in answers if a.status != 401 and not refusal_ok(a)]
        report(f"{n} parallel wrong passwords for one account: at most 5 evaluated ({evaluated}; "
               f"statuses {statuses(answers)})", evaluated <= 5)
        report("parallel logins answer 401, 429, or 503 with Retry-After, nothing else", not bad, f"{statuses(bad)}")
        compare("after parallel logins from one address")
    with Attack("parallel logins, many addresses", f"{n} wrong passwords at once from {n} addresses "
                "(127.0.1.x-127.0.2.x), one login-form token") as k:
        b = Browser("127.0.0.2")
        page = b.get("/newsroom/login")
        csrf = client.csrf_of(page.text)
        cookie = b.cookie_header()

        def one(i, bar):
            source = f"127.0.{1 + i // 250}.{1 + i % 250}"
            return request("POST", "/newsroom/login", client.form_body({
                "email": f"nobody{i}@example.org", "password": f"wrong password {i}", "csrf": csrf,
                "next": "/newsroom/"}), {**client.FORM, "Cookie": cookie}, source=source, barrier=bar, timeout=120)
        answers = parallel(n, one)
        k.sent = n + 1
        bad = [a for a in answers if a.status != 401 and not refusal_ok(a)]
        k.extra["passwords_evaluated"] = sum(1 for a in answers if a.status == 401)
        report(f"{n} parallel logins from {n} addresses answer 401, 429, or 503 with Retry-After "
               f"({statuses(answers)})", not bad, f"{statuses(bad)}")
        compare("after parallel logins from many addresses")


# ------------------------------------------------------------------ 10. view beacons
def views_class():
    global views_moved
    n = 300
    ids = []
    for path in re.findall(r'href="(/en/[a-z0-9-]+/\d{4}/\d\d/\d\d/[^"?#]+)"', front):
        vid = find(r'data-view="/views/(\d+)"', get(path).text)
        if vid and vid not in ids:
            ids.append(vid)
        if len(ids) == 2:
            break

    def views_of(vid):
        a = get("/api/v1/en/most-viewed?window=day")
        try:
            doc = json.loads(a.text)
        except ValueError:
            return None
        return next((x["views"] for x in doc.get("articles", []) if str(x.get("id")) == vid), 0)
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{}.0.{}.0 Safari/537.36"
    with Attack("view-beacon floods", f"{n} beacons from one address with {n} user agents, then {n} with "
                f"{n} spoofed X-Forwarded-For") as k:
        if len(ids) < 2:
            raise RuntimeError(f"two article ids for the beacon, found {ids}")
        before = [views_of(v) for v in ids]
        views_moved = True
        first = parallel(n, lambda i, bar: request("POST", f"/views/{ids[0]}", b"", {
            "User-Agent": agent.format(100 + i % 30, i)}, source="127.0.0.7", barrier=bar))
        second = parallel(n, lambda i, bar: request("POST", f"/views/{ids[1]}", b"", {
            "User-Agent": agent.format(120, 1), "X-Forwarded-For": f"198.51.{100 + i // 250}.{i % 250 + 1}"},
            source="127.0.0.7", barrier=bar))
        k.sent = 2 * n + 4
        time.sleep(3.5)  # the counts are written every 2 s
        after = [views_of(v) for v in ids]
        k.extra["views_moved"] = [None if a is None or b is None else a - b for a, b in zip(after, before)]
        report(f"{n} user agents from one address move 'More views' by at most one view "
               f"(article {ids[0]}: {before[0]} → {after[0]}; beacons {statuses(first)})",
               None not in (before[0], after[0]) and after[0] - before[0] <= 1)
        report(f"{n} spoofed X-Forwarded-For from an untrusted peer move it by at most one view "
               f"(article {ids[1]}: {before[1]} → {after[1]}; beacons {statuses(second)})",
               None not in (before[1], after[1]) and after[1] - before[1] <= 1)
        compare("after view-beacon floods (More views masked)")


# ------------------------------------------------------------------ 11. deep Markdown
def markdown_class():
    sizes = ", ".join(f"{name} {len(body) / 1000:.0f} KB" for name, body in MARKDOWN.items())
    with Attack("deepest Markdown", f"the body limit's worth of nesting ({sizes}) on preview, save and the "
                "wire desk") as k:
        csrf = editor_csrf()
        names = list(MARKDOWN)

        def judge(label, answers, ok_statuses):
            slow = [f"{n}: {a.seconds:.1f} s" for n, a in zip(names, answers) if a.error or a.seconds > MARKDOWN_S]
            bad = [f"{n}: {a.status or a.error}" for n, a in zip(names, answers)
                   if a.error or (a.status not in ok_statuses and not refusal_ok(a))]
            report(f"{label}: each answered in under {MARKDOWN_S:.0f} s ("
                   + ", ".join(f"{n} {a.status or 'no answer'} in {a.seconds:.1f} s" for n, a in zip(names, answers))
                   + ")", not slow and not bad, "; ".join(slow + bad))
        timeout = MARKDOWN_S + 5
        previews = parallel(len(names), lambda i, bar: editor.post("/newsroom/previews", {
            "csrf": csrf, "body": MARKDOWN[names[i]]}, barrier=bar, timeout=timeout, keep=False))
        k.sent += len(names)
        judge("preview of the deepest Markdown", previews, (303, 400, 413, 422))

        # Saves, with a member logging in and a reader searching meanwhile:
        # neither may meet "database is locked".
        side = {}

        def beside():
            time.sleep(0.5)
            side["login"] = Browser("127.0.0.6").login(CHECKER, PASSWORD)
            side["search"] = get("/en/search?q=harbour+storm", timeout=timeout)
        t = threading.Thread(target=beside, daemon=True)
        t.start()
        saves = parallel(len(names), lambda i, bar: editor.post("/newsroom/articles", {
            "csrf": csrf, "headline": f"Gate deep Markdown {i}", "language": "en", "section": SECTION,
            "body": MARKDOWN[names[i]], "intent": "save"}, barrier=bar, timeout=timeout, keep=False))
        t.join(timeout + 5)
        k.sent += len(names) + 3
        judge("saving the deepest Markdown as a draft", saves, (303, 400, 413, 422))
        login, search = side.get("login"), side.get("search")
        report("a login during the hostile saves is answered 303, not 500",
               login is not None and login.status == 303,
               f"{login.status or login.error}" if login else f"no answer in {timeout + 5:.0f} s")
        report("a search during the hostile saves is answered 200",
               search is not None and search.status == 200,
               f"{search.status or search.error}" if search else f"no answer in {timeout + 5:.0f} s")

        stamp = int(time.time())
        files = [("files", f"deep-{i}.txt", "text/plain",
                  (f"Headline: Gate deep wire {stamp} {i}\nSection: {SECTION}\nLanguage: en\n"
                   f"Slug: gate-deep-wire-{stamp}-{i}\n\n").encode() + MARKDOWN[name].encode())
                 for i, name in enumerate(names)]
        desk = editor.get("/newsroom/wire")
        a = editor.post_multipart("/newsroom/wire", [("csrf", client.csrf_of(desk.text)), ("language", "en")],
                                  files, timeout=timeout * 3, keep=False)
        k.sent += 2
        report(f"the wire desk takes the three deepest bodies in one upload in under {3 * MARKDOWN_S:.0f} s "
               f"({a.status or a.error} in {a.seconds:.1f} s)",
               not a.error and a.seconds <= 3 * MARKDOWN_S and (a.status < 500 or refusal_ok(a)))
        compare("after the deepest Markdown")


def fronts_class():
    n = 40
    with Attack("fronts floods", f"{n} orders of 20,000 pins each, {n} breaking lines of 1 MB and {n} section "
                "leads for sections that do not exist, at once, from a logged-in editor") as k:
        csrf = editor_csrf()
        before = editor.get("/newsroom/fronts?lang=en").text
        pinned = re.findall(r'name="id" value="(\d+)"', before)
        many = [("csrf", csrf), ("lang", "en"), ("op", "save")] + [("id", str(i)) for i in range(20_000)]
        orders = parallel(n, lambda i, bar: editor.post("/newsroom/fronts/order", many, barrier=bar, timeout=60,
                                                          keep=False))
        lines = parallel(n, lambda i, bar: editor.post("/newsroom/fronts/breaking", {
            "csrf": csrf, "lang": "en", "op": "save", "text": "x" * 1_000_000, "link": "https://example.org/"},
            barrier=bar, timeout=60, keep=False))
        leads = parallel(n, lambda i, bar: editor.post("/newsroom/fronts/section", {
            "csrf": csrf, "lang": "en", "section": f"no-such-section-{i}", "lead": "1"},
            barrier=bar, timeout=60, keep=False))
        k.sent += 3 * n
        for label, answers in [("the 20,000-pin orders", orders), ("the 1 MB breaking lines", lines),
                               ("the leads of unknown sections", leads)]:
            report(f"{label} are refused with a 4xx, none changes anything ({statuses(answers)})",
                   all(not a.error and 400 <= a.status < 500 for a in answers), statuses(answers))
        page = editor.get("/newsroom/fronts?lang=en")
        after = re.findall(r'name="id" value="(\d+)"', page.text)
        report(f"the fronts page shows the same {len(pinned)} pinned stories and no line",
               page.status == 200 and after == pinned and 'value="xxxx' not in page.text,
               f"{page.status}, pinned {after} against {pinned}")
        compare("after the fronts floods")


def pages_class():
    n = 40
    with Attack("pages floods", f"{n} page saves with 1 MB bodies and {n} with 100,000-character titles at once "
                f"from a logged-in editor, then {4 * n} GETs and HEADs of page addresses that do not exist") as k:
        page = editor.get("/newsroom/pages")
        csrf = client.csrf_of(page.text)
        before = page.text.count("/newsroom/pages?edit=")
        bodies = parallel(n, lambda i, bar: editor.post("/newsroom/pages", {
            "csrf": csrf, "language": "en", "title": f"Gate page {i}", "slug": f"gate-page-{i}",
            "body": "x" * 1_000_000, "position": "1", "published": "1", "intent": "save"},
            barrier=bar, timeout=60, keep=False))
        titles = parallel(n, lambda i, bar: editor.post("/newsroom/pages", {
            "csrf": csrf, "language": "en", "title": "t" * 100_000, "slug": f"gate-title-{i}",
            "body": "Text.", "position": "1", "published": "1", "intent": "save"},
            barrier=bar, timeout=60, keep=False))
        misses = parallel(4 * n, lambda i, bar: request("HEAD" if i % 2 else "GET",
                                                         f"/en/page/gate-missing-{i}?v={i}", barrier=bar, timeout=30))
        k.sent += 6 * n + 2
        for label, answers in [("the 1 MB bodies", bodies), ("the 100,000-character titles", titles)]:
            report(f"{label} are refused with a 4xx and nothing is saved ({statuses(answers)})",
                   all(not a.error and 400 <= a.status < 500 for a in answers), statuses(answers))
        report(f"unknown page addresses answer 404, GET and HEAD alike ({statuses(misses)})",
               all(not a.error and a.status == 404 for a in misses), statuses(misses))
        after = editor.get("/newsroom/pages").text.count("/newsroom/pages?edit=")
        report(f"the newsroom still lists {before} page links", after == before, f"{after} against {before}")
        compare("after the pages floods")


def sections_class():
    n = 40
    with Attack("sections and programmes floods", f"{n} section orders of 20,000 ids, {n} renames with 100,000-character "
                f"names, {n} renames to a taken slug, {n} deletes of sections that do not exist and {n} of one that holds "
                f"articles with nowhere to move them, {n} programme orders of 20,000 ids and {n} programme saves with "
                f"1 MB descriptions, at once, from a logged-in administrator; then {4 * n} GETs of old section and "
                "podcast addresses that never were") as k:
        made = cli("user", "add", "--data-dir", DATA, "--role", "admin", "gate-admin@example.org",
                   stdin=PASSWORD + "\n")
        report("dateline user add gate-admin@example.org", made.returncode == 0, made.stderr.strip())
        admin = Browser("127.0.0.5")
        a = admin.login("gate-admin@example.org", PASSWORD)
        report("the administrator logs in through the form", a.status == 303, f"HTTP {a.status or a.error}")
        page = admin.get("/newsroom/sections?lang=en")
        csrf = client.csrf_of(page.text)
        before = re.findall(r'name="id" value="(\d+)"', page.text)
        first, second = (before + [None, None])[:2]
        many = [("csrf", csrf), ("lang", "en"), ("op", "save")] + [("id", str(i)) for i in range(20_000)]
        orders = parallel(n, lambda i, bar: admin.post("/newsroom/sections/order", many, barrier=bar, timeout=60,
                                                         keep=False))
        names = parallel(n, lambda i, bar: admin.post("/newsroom/sections", {
            "csrf": csrf, "id": first or "", "language": "en", "name": "n" * 100_000, "slug": f"gate-{i}", "key": ""},
            barrier=bar, timeout=60, keep=False))
        taken = parallel(n, lambda i, bar: admin.post("/newsroom/sections", {
            "csrf": csrf, "id": first or "", "language": "en", "name": "Gate", "slug": "americas", "key": ""},
            barrier=bar, timeout=60, keep=False))
        ghosts = parallel(n, lambda i, bar: admin.post(f"/newsroom/sections/{10_000_000 + i}/delete", {
            "csrf": csrf, "to": second or ""}, barrier=bar, timeout=60, keep=False))
        held = parallel(n, lambda i, bar: admin.post(f"/newsroom/sections/{first}/delete", {
            "csrf": csrf, "to": ""}, barrier=bar, timeout=60, keep=False))
        programmes = admin.get("/newsroom/programmes?lang=en")
        pcsrf = client.csrf_of(programmes.text)
        pmany = [("csrf", pcsrf), ("lang", "en"), ("op", "save")] + [("id", str(i)) for i in range(20_000)]
        porders = parallel(n, lambda i, bar: admin.post("/newsroom/programmes/order", pmany, barrier=bar,
                                                          timeout=60, keep=False))
        psaves = parallel(n, lambda i, bar: admin.post("/newsroom/programmes", {
            "csrf": pcsrf, "create": "1", "language": "en", "name": f"Gate {i}", "slug": f"gate-programme-{i}",
            "description": "d" * 1_000_000, "category": "News"}, barrier=bar, timeout=60, keep=False))
        misses = parallel(4 * n, lambda i, bar: request(
            "GET", f"/en/gate-old-{i}/feed.xml" if i % 2 else f"/en/programmes/gate-old-{i}/podcast.xml",
            barrier=bar, timeout=30))
        k.sent += 11 * n + 4
        for label, answers in [("the 20,000-id section orders", orders), ("the 100,000-character names", names),
                               ("the renames to a taken slug", taken), ("the deletes of missing sections", ghosts),
                               ("the deletes with nowhere to move the articles", held),
                               ("the 20,000-id programme orders", porders), ("the 1 MB descriptions", psaves)]:
            report(f"{label} are refused with a 4xx, none changes anything ({statuses(answers)})",
                   all(not a.error and 400 <= a.status < 500 for a in answers), statuses(answers))
        report(f"old addresses that never were answer 404 ({statuses(misses)})",
               all(not a.error and a.status == 404 for a in misses), statuses(misses))
        after = re.findall(r'name="id" value="(\d+)"', admin.get("/newsroom/sections?lang=en").text)
        report(f"the newsroom lists the same {len(before)} sections in the same order", after == before,
               f"{after} against {before}")
        listed = admin.get("/newsroom/programmes?lang=en").text
        report("no gate programme was saved", "gate-programme-" not in listed)
        compare("after the sections and programmes floods")


def comments_class():
    n = 40
    with Attack("moderation floods", f"{n} edits and {n} staff replies with 1 MB texts, {n} with 5,001 characters, "
                f"{n} row actions on comments that do not exist and {n} bulk actions naming 100,000 ids, at once, "
                "from a logged-in editor") as k:
        # One reader's comment to aim at, posted through the form.
        page = client.get(ARTICLE)
        token = find(r'name="token" value="([^"]+)"', page.text)
        time.sleep(3.2)
        posted = client.request("POST", f"{ARTICLE}/comments", client.form_body({
            "name": "Gate Reader", "email": "gate-reader@example.org",
            "body": "A comment the moderation floods aim at.", "token": token or ""}),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        listed = cli("comments", "--data-dir", DATA, "list", "--json")
        target = next((json.loads(line)["id"] for line in listed.stdout.splitlines()
                       if "moderation floods aim at" in line), None)
        report(f"a reader's comment to aim at is posted ({posted.status})", target is not None, listed.stderr[-300:])
        if target is None:
            return
        csrf = client.csrf_of(editor.get("/newsroom/comments").text)
        back = "/newsroom/comments?status=all"
        huge = parallel(2 * n, lambda i, bar: editor.post(
            f"/newsroom/comments/{target}/{'edit' if i % 2 else 'reply'}",
            {"csrf": csrf, "body": "x" * 1_000_000, "back": back}, barrier=bar, timeout=60, keep=False))
        long = parallel(n, lambda i, bar: editor.post(
            f"/newsroom/comments/{target}/{'edit' if i % 2 else 'reply'}",
            {"csrf": csrf, "body": "y" * 5001, "back": back}, barrier=bar, timeout=60, keep=False))
        ghosts = parallel(n, lambda i, bar: editor.post(
            "/newsroom/comments", {"csrf": csrf, "act": f"approve:{10_000_000 + i}", "back": back},
            headers={"Accept": "application/json"}, barrier=bar, timeout=60, keep=False))
        many = "&".join(f"id={i}" for i in range(100_000))
        bulks = parallel(n, lambda i, bar: editor.send(
            "POST", "/newsroom/comments", f"csrf={csrf}&action=spam&back=%2Fnewsroom%2Fcomments&{many}".encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"}, barrier=bar, timeout=60, keep=False))
        k.sent += 5 * n + 4
        report(f"1 MB texts are refused with a 4xx ({statuses(huge)})",
               all(not a.error and 400 <= a.status < 500 for a in huge), statuses(huge))
        report(f"5,001-character texts are refused with 422, the text kept ({statuses(long)})",
               all(not a.error and a.status == 422 and "y" * 5001 in a.text for a in long), statuses(long))
        report(f"actions on comments that do not exist change nothing ({statuses(ghosts)})",
               all(not a.error and a.status == 200 and '"changed":0' in a.text for a in ghosts), statuses(ghosts))
        report(f"bulk actions naming 100,000 ids are refused with a 4xx ({statuses(bulks)})",
               all(not a.error and 400 <= a.status < 500 for a in bulks), statuses(bulks))
        after = cli("comments", "--data-dir", DATA, "list", "--json")
        mine = [json.loads(line) for line in after.stdout.splitlines() if f'"id":{target},' in line]
        staff = [line for line in after.stdout.splitlines() if '"email":"' + EDITOR in line]
        report("the comment kept its text and no reply was written",
               len(mine) == 1 and mine[0]["body"] == "A comment the moderation floods aim at." and not staff,
               f"{mine[:1]} {len(staff)} replies")
        cli("comments", "--data-dir", DATA, "delete", str(target))
        compare("after the moderation floods")


def previews_class():
    n = 200
    with Attack("preview floods", f"{n} previews of a 100 kB body at once from one editor, 300 guessed preview "
                "addresses and 200 guessed newsroom picture addresses, HEAD on a preview, 40 autosaves of new "
                "stories at once and 20 of 3 MB") as k:
        csrf = editor_csrf()
        body = ("A paragraph of the preview flood. " * 3000)[:100_000]
        made = parallel(n, lambda i, bar: editor.post("/newsroom/previews", {
            "csrf": csrf, "headline": f"Preview flood {i}", "language": "en", "section": SECTION, "body": body},
            barrier=bar, timeout=60, keep=False))
        k.sent += n
        report(f"every preview is answered with its address ({statuses(made)})",
               all(not a.error and a.status == 303 for a in made), statuses(made))
        last = editor.post("/newsroom/previews", {"csrf": csrf, "headline": "Preview flood last", "language": "en",
                                                  "section": SECTION, "body": "The last one."})
        where = last.headers.get("location", "")
        page = get(where) if where else None
        report("the newest preview answers 200, never stored (no-store, noindex)",
               page is not None and page.status == 200 and page.headers.get("cache-control") == "no-store"
               and "noindex" in page.headers.get("x-robots-tag", ""),
               f"{where} {page.status if page else 'no address'}")
        head = request("HEAD", where) if where else None
        report("HEAD on a preview answers 200 with no body", head is not None and head.status == 200
               and not head.body, f"{head.status if head else 'no address'}")
        db = os.path.join(DATA, "dateline.db")
        if os.path.exists(db):
            import sqlite3
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
                kept = conn.execute("SELECT COUNT(*) FROM previews").fetchone()[0]
            report(f"the editor keeps at most 20 previews ({kept} kept)", kept <= 20, str(kept))
        guesses = parallel(300, lambda i, bar: get(f"/newsroom/previews/{os.urandom(16).hex()}", timeout=30))
        k.sent += 300
        report(f"guessed preview addresses answer 404 ({statuses(guesses)})",
               all(not a.error and a.status == 404 for a in guesses), statuses(guesses))
        pictures = parallel(200, lambda i, bar: get(f"/newsroom/media/t/{os.urandom(16).hex()}/w320.jpg",
                                                   timeout=30))
        k.sent += 200
        report(f"guessed newsroom picture addresses give readers nothing ({statuses(pictures)})",
               all(not a.error and a.status in (303, 404) for a in pictures), statuses(pictures))
        # Autosave of new stories: 40 at once make 40 drafts and nothing
        # else; bodies past the form limit are refused unread.
        saves = parallel(40, lambda i, bar: editor.post("/newsroom/articles/autosave", {
            "csrf": csrf, "headline": f"Autosave flood {i}", "language": "en", "section": SECTION,
            "body": "Typed."}, headers={"Accept": "application/json"}, barrier=bar, timeout=60, keep=False))
        big = parallel(20, lambda i, bar: editor.post("/newsroom/articles/autosave", {
            "csrf": csrf, "headline": "Autosave too big", "language": "en", "section": SECTION,
            "body": "x" * 3_000_000}, headers={"Accept": "application/json"}, barrier=bar, timeout=60, keep=False))
        k.sent += 60
        report(f"40 autosaves of new stories at once are answered 200 ({statuses(saves)})",
               all(not a.error and a.status == 200 for a in saves), statuses(saves))
        report(f"autosaves past the form limit are refused with a 4xx ({statuses(big)})",
               all((not a.error and 400 <= a.status < 500)
                   or (a.error or "").startswith(("BrokenPipeError", "ConnectionResetError")) for a in big),
               statuses(big))
        compare("after the preview floods")
def wire_class():
    n = 40
    with Attack("wire desk floods", f"{n // 2} pastes of 5 MB, {n} of the same copy at once, {n} takes of one item "
                f"at once, {n} takes and spikes of items that do not exist and {n} queue pages with hostile "
                "queries, from a logged-in editor") as k:
        page = editor.get("/newsroom/wire")
        csrf = client.csrf_of(page.text)
        stamp = int(time.time())
        copy = (f"Headline: Gate queue {stamp}\nSection: {SECTION}\nLanguage: en\n"
                f"Dateline: HAVANA, Nov 24 (Reuters)\nDate: 2016-11-24\n\nThe gate's copy.\n")
        # 20 at once: each is read up to the 4 MiB limit before the refusal.
        huge = parallel(n // 2, lambda i, bar: editor.post_multipart(
            "/newsroom/wire/paste", [("csrf", csrf), ("language", "en"), ("copy", "x" * 5_000_000)], [],
            barrier=bar, timeout=120, keep=False))
        same = parallel(n, lambda i, bar: editor.post_multipart(
            "/newsroom/wire/paste", [("csrf", csrf), ("language", "detect"), ("copy", copy)], [],
            barrier=bar, timeout=60, keep=False))
        queue = editor.get("/newsroom/wire").text
        item = find(r'/newsroom/wire/(\d+)/take', queue)
        takes = parallel(n, lambda i, bar: editor.post(
            f"/newsroom/wire/{item}/take", {"csrf": csrf}, barrier=bar, timeout=60, keep=False)) if item else []
        ghosts = parallel(n, lambda i, bar: editor.post(
            f"/newsroom/wire/{10_000_000 + i}/{'take' if i % 2 else 'spike'}", {"csrf": csrf},
            barrier=bar, timeout=60, keep=False))
        odd = ["?page=99999999999999999999", "?page=-1", "?state=%00", "?language=" + "x" * 1500, "?page=1e9"]
        pages = parallel(n, lambda i, bar: editor.get(f"/newsroom/wire{odd[i % len(odd)]}", barrier=bar,
                                                       timeout=30, keep=False))
        k.sent += 4 * n + n // 2 + 2
        # A refusal may close the connection while the rest is still on its way.
        report(f"5 MB pastes are refused with a 4xx, or the connection closed on them ({statuses(huge)})",
               all((not a.error and 400 <= a.status < 500)
                   or (a.error or "").startswith(("BrokenPipeError", "ConnectionResetError")) for a in huge),
               statuses(huge))
        report(f"the same copy pasted {n} times at once is answered 200 ({statuses(same)})",
               all(not a.error and a.status == 200 for a in same), statuses(same))
        report("the same copy makes one queue item",
               item is not None and queue.count(f">Gate queue {stamp}</h3>") == 1, f"item {item}")
        wins = [a for a in takes if not a.error and a.status == 303]
        report(f"one take of an item wins, the others are told it is taken ({statuses(takes)})",
               len(wins) == 1 and all(not a.error and a.status in (303, 409) for a in takes), statuses(takes))
        report(f"takes and spikes of items that do not exist change nothing ({statuses(ghosts)})",
               all(not a.error and a.status in (303, 404) for a in ghosts), statuses(ghosts))
        report(f"queue pages with hostile queries answer 200 ({statuses(pages)})",
               all(not a.error and a.status == 200 for a in pages), statuses(pages))
        compare("after the wire desk floods")


CLASSES = [methods_class, variants_class, proxy_class, totp_class, slow_class, range_class, images_class,
           flood_class, old_links_class, logins_class, views_class, markdown_class, fronts_class, pages_class,
           sections_class, comments_class, wire_class, previews_class]
only = [c for c in os.environ.get("ATTACK_ONLY", "").split(",") if c]
for cls in CLASSES:
    if only and cls.__name__.removesuffix("_class") not in only:
        continue
    if not alive():
        report(f"{cls.__name__.removesuffix('_class')}: the server is running", False, "it died before this class")
        continue
    try:
        # Each class starts from an emptied cache, so a page a class before
        # spoiled does not fail the comparisons of the next.
        clear_cache()
        cls()
    except Exception as e:  # a class that could not run is a failure, and the next runs
        report(f"{cls.__name__.removesuffix('_class')}: ran to the end", False, f"{type(e).__name__}: {e}")

report("the server is still running after every class", alive())
monitor.terminate()
rss, hwm, _ = watch.samples(MONITOR_LOG, 0, time.time() + 1)

# ------------------------------------------------------------------ figures
lines = ["| class | size | requests | peak RSS (MiB) | VmHWM (MiB) | worst /healthz (ms) | p99 /healthz (ms) | time (s) |",
         "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
for f in figures:
    lines.append(f"| {f['class']} | {f['size']} | {f['requests']} | {f['peak_rss_mib']} | {f['vmhwm_mib']} | "
                 f"{f['healthz_worst_ms']} | {f['healthz_p99_ms']} | {f['seconds']} |")
print("\n".join(lines))
with open(os.path.join(OUT, "figures.md"), "w") as out:
    out.write("\n".join(lines) + "\n")
with open(os.path.join(OUT, "figures.json"), "w") as out:
    json.dump({"ceiling_mib": CEILING_MIB, "healthz_ms": HEALTH_MS, "classes": figures,
               "vmhwm_mib": round(max(hwm) / 1024) if hwm else None}, out, indent=2)
failed = results.count(False)
print(f"attack: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
