#!/usr/bin/env python3
"""Security probes against a running Dateline server (127.0.0.1 only).

Usage: security.py BASE_URL DATELINE_BIN DATA_DIR OUT_DIR

1. An XSS corpus (payloads/xss.txt) through every input: the comment
   fields (name, email, body), URL paths and the page parameter, and
   wire-imported text (headline, standfirst, body, tags), the newsroom's
   editor, and the search page (q, tag, section, from) and search API (q).
   Every page that comes back must hold no markup from a payload: our
   pages carry no <script> but structured data and the site's own
   fingerprinted scripts, no on* attribute, no javascript: URL, and a
   payload with a '<' never appears verbatim. Search answers are 200 or
   400 (never 5xx), the API's valid JSON.
2. Security headers on pages, assets and errors.
3. sqlmap (Debian's) against the comment form fields, the page
   parameter, the newsroom's list filters, the search page and the
   search API: nothing injectable.
Prints "ok - ..." / "not ok - ..." lines and "security: N passed, M failed".
"""
import html.parser
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE, BIN, DATA, OUT = sys.argv[1:5]
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire"
PAYLOADS = [l.rstrip("\n") for l in open(os.path.join(HERE, "payloads", "xss.txt"), encoding="utf-8") if l.strip()]
results = []


def report(name, ok, detail=""):
    results.append(ok)
    print(("ok - " if ok else "not ok - ") + name + ((": " + detail) if detail and not ok else ""), flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(path, data=None, headers=None):
    url = path if path.startswith("http") else BASE + path
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=15) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


class Scan(html.parser.HTMLParser):
    """Collects what must never be in a Dateline page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        # Structured data is the one script element a page carries: inert
        # JSON, escaped by the template's tojson.
        if tag == "script" and dict(attrs).get("type") == "application/ld+json" and len(attrs) == 1:
            return
        # The newsroom's own scripts: same origin, fingerprinted, nothing inline.
        if tag == "script" and re.fullmatch(r"/static/(newsroom|moderation)\.[0-9a-f]+\.js", dict(attrs).get("src") or "") \
                and sorted(n for n, _ in attrs) == ["defer", "src"]:
            return
        # The article editor's bundle, a module (deferred by its kind).
        if tag == "script" and re.fullmatch(r"/static/editor\.[0-9a-f]+\.js", dict(attrs).get("src") or "") \
                and sorted(attrs) == sorted([("src", dict(attrs).get("src")), ("type", "module")]):
            return
        # The article page's view beacon: same origin, fingerprinted, its
        # one parameter the article's number.
        if tag == "script" and re.fullmatch(r"/static/views\.[0-9a-f]+\.js", dict(attrs).get("src") or "") \
                and sorted(n for n, _ in attrs) == ["data-view", "defer", "src"] \
                and re.fullmatch(r"/views/\d+", dict(attrs).get("data-view") or ""):
            return
        # The editor's side-by-side preview: an empty frame the newsroom's
        # script points at its own /newsroom/previews/ page, nothing else.
        if tag == "iframe" and sorted(attrs) == sorted([("id", "preview-frame"), ("title", dict(attrs).get("title"))]):
            return
        if tag in ("script", "iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "applet"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if v.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")


def inert(body, payloads):
    scan = Scan()
    scan.feed(body)
    problems = list(scan.problems)
    for p in payloads:
        if "<" in p and p in body:
            problems.append("verbatim payload " + p[:60])
    return problems


def check_pages(name, paths, payloads):
    bad = []
    for path in paths:
        status, _, body = fetch(path)
        if status >= 500:
            bad.append(f"{path}: {status}")
            continue
        bad += [f"{path}: {p}" for p in inert(body, payloads)]
    report(name, not bad, "; ".join(bad[:5]))


def token(path):
    _, _, body = fetch(path)
    m = re.search(r'name="token" value="([^"]+)"', body)
    return m.group(1) if m else ""


def cli(command, *args):
    """Runs `dateline COMMAND --data-dir DATA ARGS...`."""
    return subprocess.run([BIN, command, "--data-dir", DATA, *args], capture_output=True, text=True, timeout=120)


# The probe posts hundreds of comments from one address at once.
for key, value in [("comments.min_seconds", "0"), ("comments.rate_per_address", "100000"),
                   ("comments.rate_per_email", "100000"), ("comments.policy", "publish-all"),
                   ("comments.max_links", "100"), ("comments.per_form", "1000000")]:
    done = cli("settings", "set", key, value)
    if done.returncode != 0:
        report(f"setting {key}", False, done.stderr.strip())
time.sleep(1)  # the settings reach the server through the database at once; pages through the change feed

# 1a. Comment fields.
tok = token(SEED)
statuses = {}
for i, p in enumerate(PAYLOADS):
    fields = {"name": p[:80], "email": f"x{i}@example.org", "body": p, "token": tok}
    status, _, body = fetch(SEED + "/comments", urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    statuses[status] = statuses.get(status, 0) + 1
    if status != 303:
        # A refused form re-renders the input: that page must be inert too.
        for problem in inert(body, [p]):
            report(f"comment refusal page for payload {i}", False, problem)
    # The email field, malformed on purpose.
    fields = {"name": "a", "email": p, "body": "b", "token": tok}
    status, _, body = fetch(SEED + "/comments", urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    if status >= 500 or inert(body, [p]):
        report(f"email field with payload {i}", False, f"{status} {inert(body, [p])[:2]}")
report(f"{len(PAYLOADS)} payloads posted as comments (statuses {statuses})",
       500 not in statuses and statuses.get(303, 0) >= len(PAYLOADS) * 9 // 10)
time.sleep(1.5)
pages = [SEED] + [f"{SEED}?page={n}" for n in range(2, len(PAYLOADS) // 50 + 2)]
check_pages("comment payloads are inert on the article pages", pages, PAYLOADS)

# 1b. URL paths and parameters.
bad = []
for p in PAYLOADS:
    q = urllib.parse.quote(p, safe="")
    for path in (f"/en/{q}/", f"/en/tag/{q}", f"/en/author/{q}", f"/{q}", f"/en/world/?page={q}", f"{SEED}?reply={q}"):
        status, _, body = fetch(path)
        if status >= 500:
            bad.append(f"{path[:60]}: {status}")
        bad += [f"{path[:60]}: {x}" for x in inert(body, [p])]
report(f"{len(PAYLOADS) * 6} payload URLs answer inert pages, never 5xx", not bad, "; ".join(bad[:5]))

# 1c. Wire-imported text.
wire_dir = os.path.join(OUT, "wire")
os.makedirs(wire_dir, exist_ok=True)
files = []
for i, p in enumerate(PAYLOADS[:120]):
    one_line = p.replace("\n", " ")
    path = os.path.join(wire_dir, f"xss-{i}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"Headline: Probe {i} {one_line}\nStandfirst: {one_line}\nSection: world\nLanguage: en\n"
                f"Tags: probe, {one_line.replace(',', ' ')[:50]}\nSlug: xss-probe-{i}\n"
                f"Dateline: Havana, November 20 (RHC)\nPublished: 2026-11-20T10:00:00Z\n\n{p}\n\nSecond paragraph: {p}\n")
    files.append(path)
run = subprocess.run([BIN, "import", "wire", "--data-dir", DATA, *files], capture_output=True, text=True, timeout=300)
report("wire copy with payloads imports (bad files reported, not fatal)", run.returncode in (0, 2), run.stderr[-300:])
time.sleep(1.5)
_, _, listing = fetch("/en/world/")
article_paths = sorted(set(re.findall(r'href="(/en/world/2026/11/20/xss-probe-[^"]+)"', listing)))
for n in range(2, 12):
    _, _, more = fetch(f"/en/world/?page={n}")
    article_paths += re.findall(r'href="(/en/world/2026/11/20/xss-probe-[^"]+)"', more)
article_paths = sorted(set(article_paths))
report(f"imported probe articles are listed ({len(article_paths)})", len(article_paths) >= 60)
tag_paths = set()
for path in article_paths:
    _, _, body = fetch(path)
    tag_paths.update(re.findall(r'href="(/en/tag/[^"]+)"', body))
check_pages("wire payloads are inert on article, list, tag and front pages",
            article_paths + ["/en/", "/en/world/", "/en/world/?page=2"] + sorted(tag_paths)[:60], PAYLOADS)

# 1d. The newsroom: an editor (made with `dateline user add`) writes
# articles whose every field holds a payload and publishes them; the
# newsroom's own pages and the public ones must stay inert.
EDITOR, EDITOR_PW = "probe-editor@example.org", "a long probe password"
made = subprocess.run([BIN, "user", "add", "--data-dir", DATA, "--role", "editor", EDITOR],
                      input=EDITOR_PW + "\n", capture_output=True, text=True, timeout=120)
report("dateline user add makes the probing editor", made.returncode == 0, made.stderr.strip())
jar = http.cookiejar.CookieJar()
member = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))


def nr(path, fields=None):
    data = urllib.parse.urlencode(fields).encode() if fields is not None else None
    req = urllib.request.Request(BASE + path, data=data)
    try:
        with member.open(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def csrf_of(body):
    m = re.search(r'name="csrf" value="([^"]+)"', body)
    return m.group(1) if m else ""


_, login_headers, login_page = nr("/newsroom/login")
status, headers, _ = nr("/newsroom/login", {"email": EDITOR, "password": EDITOR_PW, "csrf": csrf_of(login_page), "next": "/newsroom/"})
report("the editor logs in through the form", status == 303, f"HTTP {status}")
cookie = next((c for c in jar if c.name == "dl_session"), None)
report("the session cookie is HttpOnly, SameSite and scoped to /newsroom",
       cookie is not None and cookie.has_nonstandard_attr("HttpOnly") and cookie.path == "/newsroom"
       and (cookie.get_nonstandard_attr("SameSite") or "").lower() in ("lax", "strict")),
_, _, desk = nr("/newsroom/articles/new")
csrf = csrf_of(desk)
statuses, made_ids, bad = {}, [], []
for i, p in enumerate(PAYLOADS[:150]):
    one_line = p.replace("\n", " ")
    fields = {"csrf": csrf, "headline": f"Probe {i} {one_line}"[:300], "standfirst": one_line[:600],
              "dateline_place": one_line[:100] or "Havana", "dateline_date": "2026-11-20", "dateline_agency": one_line[:60],
              "byline": one_line[:200], "language": "en", "section": "world", "slug": f"newsroom-probe-{i}",
              "tags": "probe, " + one_line.replace(",", " ")[:50], "story_key": "", "body": f"{p}\n\nSecond: {p}",
              "published_at": "", "image_id": "", "audio_id": "", "intent": "publish"}
    status, headers, body = nr("/newsroom/articles", fields)
    statuses[status] = statuses.get(status, 0) + 1
    if status >= 500:
        bad.append(f"payload {i}: HTTP {status}")
    elif status == 303:
        location = {k.lower(): v for k, v in headers.items()}.get("location", "")
        made_ids.append(location.split("?")[0])
    else:
        bad += [f"refusal page {i}: {x}" for x in inert(body, [p])]
report(f"{min(len(PAYLOADS), 150)} payload articles through the editor (statuses {statuses})",
       not bad and statuses.get(303, 0) >= 100, "; ".join(bad[:5]))
bad = []
report("each saved article answers with its editor's address",
       len(made_ids) == statuses.get(303, 0) and all(p.startswith("/newsroom/articles/") for p in made_ids))
for path in made_ids[:80] + ["/newsroom/articles", "/newsroom/", "/newsroom/articles?status=published"]:
    status, _, body = nr(path)
    if status >= 500:
        bad.append(f"{path}: {status}")
    bad += [f"{path}: {x}" for x in inert(body, PAYLOADS[:150])]
report("payloads are inert on the newsroom's own pages (editor, lists, desk)", not bad, "; ".join(bad[:5]))
time.sleep(1.5)
public = []
for n in range(1, 12):
    _, _, listing = fetch(f"/en/world/?page={n}")
    public += re.findall(r'href="(/en/world/20\d\d/\d\d/\d\d/newsroom-probe-[^"]+)"', listing)
public = sorted(set(public))
report(f"the published probe articles are listed ({len(public)})", len(public) >= 60)
check_pages("newsroom payloads are inert on the public article pages", public[:80], PAYLOADS[:150])
# Newsroom answers are private, unindexed and carry the same CSP.
bad = []
for path in ("/newsroom/login", "/newsroom/", "/newsroom/articles/new"):
    status, headers, _ = nr(path)
    h = {k.lower(): v for k, v in headers.items()}
    if h.get("cache-control") != "no-store":
        bad.append(f"{path}: cache-control {h.get('cache-control')!r}")
    if "noindex" not in h.get("x-robots-tag", ""):
        bad.append(f"{path}: no x-robots-tag noindex")
    if "script-src 'self'" not in h.get("content-security-policy", ""):
        bad.append(f"{path}: CSP {h.get('content-security-policy')!r}")
report("newsroom pages: no-store, noindex, strict CSP", not bad, "; ".join(bad))
# Without the session's token, nothing changes.
status, _, _ = nr("/newsroom/articles", {"headline": "forged", "language": "en", "section": "world", "intent": "save"})
report("a newsroom form without its CSRF token is refused (403)", status == 403, f"HTTP {status}")

# 1e. Search: every payload as the words, the tag, the section and the
# first day of the search page, and as the words of the JSON API. The page
# re-renders what was typed (the form, the title, "no results for ..."):
# it must stay inert; the API must answer JSON; 200 or 400, never 5xx.
# The site answers 414 to any URL whose path and query pass 2048 bytes,
# before routing: only such a URL may get it (with no page or JSON).
SEARCH_KEYS = ("q", "tag", "section", "from")
API_KEYS = {"query", "total", "page", "pages", "results", "complete"}
MAX_URI_BYTES = 2048


def expected_statuses(path):
    u = urllib.parse.urlsplit(path)
    return (414,) if len(u.path) + len(u.query) > MAX_URI_BYTES else (200, 400)


bad, statuses, api_bad, api_statuses = [], {}, [], {}
for i, p in enumerate(PAYLOADS):
    for key in SEARCH_KEYS:
        path = "/en/search?" + urllib.parse.urlencode({key: p})
        status, _, body = fetch(path)
        statuses[(key, status)] = statuses.get((key, status), 0) + 1
        if status not in expected_statuses(path):
            bad.append(f"{key}= payload {i} ({len(path)} bytes): HTTP {status}")
        bad += [f"{key}= payload {i}: {x}" for x in inert(body, [p])]
    path = "/api/v1/en/search?" + urllib.parse.urlencode({"q": p})
    status, headers, body = fetch(path)
    api_statuses[status] = api_statuses.get(status, 0) + 1
    if status not in expected_statuses(path):
        api_bad.append(f"payload {i} ({len(path)} bytes): HTTP {status}")
    if status == 414:
        continue
    ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    try:
        doc = json.loads(body)
    except ValueError as e:
        doc = None
        api_bad.append(f"payload {i}: not JSON ({e}): {body[:80]!r}")
    if ctype.split(";")[0].strip() != "application/json":
        api_bad.append(f"payload {i}: content-type {ctype!r}")
    if doc is not None:
        if status == 200 and not (isinstance(doc, dict) and API_KEYS <= doc.keys() and isinstance(doc["results"], list)):
            api_bad.append(f"payload {i}: 200 without {sorted(API_KEYS)}: {body[:80]!r}")
        if status == 400 and not (isinstance(doc, dict) and isinstance(doc.get("error"), str) and doc["error"]):
            api_bad.append(f"payload {i}: 400 without an error: {body[:80]!r}")
summary = ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items()))
report(f"{len(PAYLOADS) * len(SEARCH_KEYS)} payloads through the search page's {', '.join(SEARCH_KEYS)} answer inert pages, "
       f"200 or 400, 414 past {MAX_URI_BYTES} bytes ({summary})", not bad, "; ".join(bad[:5]))
report(f"{len(PAYLOADS)} payloads through the search API's q answer JSON, 200 or 400, 414 past {MAX_URI_BYTES} bytes "
       f"(statuses {api_statuses})",
       not api_bad, "; ".join(api_bad[:5]))
# The imported and newsroom probe articles hold the payloads in their
# headlines and text, so searching their words brings the payloads back in
# result headlines and highlighted snippets: those pages must be inert too.
bad, found, marked = [], {}, 0
for words in ("probe", "alert", "script", "onerror", "javascript", "img", "svg", "iframe", "second"):
    for extra in ("", "&sort=newest", "&page=2", "&section=world&tag=probe"):
        path = "/en/search?" + urllib.parse.urlencode({"q": words}) + extra
        status, _, body = fetch(path)
        if status != 200:
            bad.append(f"{path}: HTTP {status}")
        found[words] = found.get(words, 0) + body.count('class="search-result ')
        marked += body.count("<mark>")
        bad += [f"{path}: {x}" for x in inert(body, PAYLOADS)]
    status, headers, body = fetch("/api/v1/en/search?" + urllib.parse.urlencode({"q": words}))
    try:
        json.loads(body)
    except ValueError:
        bad.append(f"/api/v1/en/search?q={words}: not JSON")
report(f"search results holding the payloads are inert (results per word: {found}; {marked} <mark>)",
       not bad and found.get("probe", 0) >= 10 and marked > 0, "; ".join(bad[:5]) or f"too few results: {found}, marks {marked}")

# 2. Security headers.
bad = []
_, _, front = fetch("/en/")
css = re.search(r'href="(/static/style\.[^"]+)"', front).group(1)
for path in ("/en/", SEED, "/en/no-such-page/", "/en/search?q=cuba", "/en/search?q=nosuchfield%3Aword", css, "/robots.txt"):
    _, headers, _ = fetch(path)
    h = {k.lower(): v for k, v in headers.items()}
    csp = h.get("content-security-policy", "")
    script_src = re.search(r"script-src ([^;]*)", csp)
    if not csp or "unsafe-inline" in (script_src.group(1) if script_src else "unsafe-inline") or "frame-ancestors" not in csp:
        bad.append(f"{path}: CSP {csp!r}")
    for name in ("x-content-type-options", "referrer-policy"):
        if name not in h:
            bad.append(f"{path}: no {name}")
report("security headers on pages, errors and assets", not bad, "; ".join(bad))

# 3. sqlmap against the comment form and the page parameter.
def sqlmap(name, args):
    out_dir = os.path.join(OUT, "sqlmap")
    run = subprocess.run(["sqlmap", "--batch", "--disable-coloring", "--output-dir", out_dir,
                          "--level", "2", "--risk", "1", "--smart", *args],
                         capture_output=True, text=True, timeout=900)
    log = run.stdout + run.stderr
    with open(os.path.join(OUT, f"sqlmap-{name}.log"), "w") as f:
        f.write(log)
    found = "is vulnerable" in log or "sqlmap identified the following injection point" in log
    tested = "do not appear to be injectable" in log or "does not seem to be injectable" in log
    report(f"sqlmap on {name}: nothing injectable", tested and not found,
           "injection found" if found else "sqlmap did not finish its tests (see log)")

tok = token(SEED)
sqlmap("comment form", ["-u", BASE + SEED + "/comments", "--method", "POST",
                        "--data", f"name=Ana&email=ana%40example.org&body=Hello&token={tok}",
                        "-p", "name,email,body"])
sqlmap("page parameter", ["-u", BASE + "/en/world/?page=1", "-p", "page"])
session = next((c.value for c in jar if c.name == "dl_session"), "")
sqlmap("newsroom article list (q, status, language)", ["-u", BASE + "/newsroom/articles?q=probe&status=published&language=en",
                                                        "-p", "q,status,language", "--cookie", f"dl_session={session}"])
sqlmap("search page (q, section, tag, sort)", ["-u", BASE + "/en/search?q=cuba&section=&tag=&sort=relevance",
                                               "-p", "q,section,tag,sort"])
sqlmap("search API (q, section, tag, sort)", ["-u", BASE + "/api/v1/en/search?q=cuba&section=&tag=&sort=relevance",
                                              "-p", "q,section,tag,sort"])

failed = results.count(False)
print(f"security: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
