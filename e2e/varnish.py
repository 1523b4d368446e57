"""The CDN tier (see varnish.sh): Varnish with deploy/varnish.vcl in front of
two Dateline nodes that purge it by surrogate key.

Checks:
  - a reader's page comes from Varnish on the second request (X-Cache: HIT),
    with s-maxage and stale-while-revalidate, and without the keys;
  - after a story is filed beside the running site, Varnish serves the new
    front page within one second of the filing command returning;
  - the story's section page is purged with it (purges are soft: polled
    like the front), while an article page of another section stays a hit
    (the purge is targeted);
  - the change was purged once, though two nodes follow the feed;
  - a PURGE from an address outside the VCL's list is refused, and one
    without keys is refused.
"""

import http.client
import os
import subprocess
import sys
import time

BIN = os.environ["DATELINE_BIN"]
WORK = os.environ["WORK"]
NODE_A, NODE_B, CACHE = (int(os.environ[k]) for k in ("NODE_A", "NODE_B", "CACHE"))
FRONT = "/en/"
SECTION = "/en/world/"

failures = []


def ok(what):
    print(f"ok - {what}", flush=True)


def bad(what):
    print(f"not ok - {what}", flush=True)
    failures.append(what)


def request(method, path, headers=None, port=CACHE, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        conn.request(method, path, headers=headers or {})
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read().decode("utf-8", "replace")
    finally:
        conn.close()


def get(path):
    return request("GET", path)


def wait_ready(port):
    for _ in range(200):
        try:
            if request("GET", "/readyz", port=port)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def purges():
    """The PURGE requests Varnish has logged so far."""
    try:
        with open(os.path.join(WORK, "requests.log")) as f:
            return [line.split(" ", 3) for line in f if line.startswith("PURGE ")]
    except FileNotFoundError:
        return []


def elsewhere_article(front_html):
    """An article path on the front page outside World."""
    for chunk in front_html.split('href="')[1:]:
        href = chunk.split('"', 1)[0]
        parts = href.strip("/").split("/")
        if len(parts) == 6 and parts[0] == "en" and parts[1] != "world":
            return href
    return None


def main():
    if not (wait_ready(NODE_A) and wait_ready(NODE_B)):
        bad("the two nodes did not become ready")
        return
    # The demo edition's own changes reach both nodes (and their purges
    # Varnish) before the measured part.
    time.sleep(1.5)

    status, headers, front = get(FRONT)
    if status != 200:
        bad(f"{FRONT} through Varnish: {status}")
        return
    status, headers, _ = get(FRONT)
    control = headers.get("cache-control", "")
    if headers.get("x-cache") == "HIT" and "s-maxage=" in control and "stale-while-revalidate=" in control:
        ok(f"{FRONT} is a Varnish hit the second time, Cache-Control: {control}")
    else:
        bad(f"{FRONT} second request: X-Cache {headers.get('x-cache')}, Cache-Control {control!r}")
    if "xkey" in headers or "surrogate-key" in headers:
        bad("the surrogate keys reach the browser")
    else:
        ok("the surrogate keys stay in Varnish")
    _, origin, _ = request("GET", FRONT, port=NODE_A)
    if origin.get("xkey", "").startswith("all") and origin.get("xkey") == origin.get("surrogate-key"):
        ok(f"the node names the page's keys: xkey: {origin['xkey'][:80]}…")
    else:
        bad(f"the node's xkey header: {origin.get('xkey')!r}")

    other = elsewhere_article(front)
    if other is None:
        bad("the demo front shows no article outside World")
        return
    get(other)
    get(SECTION)
    if get(other)[1].get("x-cache") != "HIT" or get(SECTION)[1].get("x-cache") != "HIT":
        bad(f"{other} or {SECTION} is not kept by Varnish")

    purged_before = len(purges())
    headline = f"Varnish carries this story {int(time.time())}"
    story = os.path.join(WORK, "story.txt")
    with open(story, "w") as f:
        f.write(
            f"Headline: {headline}\nSection: world\nLanguage: en\n"
            "Dateline: HAVANA, Dec 5 (RHC)\n\nThe first paragraph of a story filed beside the site.\n"
        )
    filed = subprocess.run(
        [BIN, "import", "wire", "--data-dir", os.path.join(WORK, "a"),
         "--database-url", os.environ["DATABASE_URL"], story],
        capture_output=True,
        text=True,
    )
    if filed.returncode != 0:
        bad(f"dateline import wire: {filed.stderr.strip()}")
        return
    returned = time.monotonic()
    seen_after = None
    while time.monotonic() - returned < 5:
        if headline in get(FRONT)[2]:
            seen_after = time.monotonic() - returned
            break
        time.sleep(0.05)
    if seen_after is not None and seen_after <= 1.0:
        ok(f"Varnish served the new front page {seen_after * 1000:.0f} ms after the story was filed")
    else:
        bad(f"the new story reached Varnish's front page after {seen_after} s (limit 1 s)")
    # Purges are soft: a reader may get the last copy once while Varnish
    # fetches the new one, so the section page is polled like the front.
    section_after = None
    while time.monotonic() - returned < 5:
        if headline in get(SECTION)[2]:
            section_after = time.monotonic() - returned
            break
        time.sleep(0.05)
    if section_after is not None and section_after <= 1.0:
        ok(f"{SECTION} shows it too, {section_after * 1000:.0f} ms after the story was filed")
    else:
        bad(f"{SECTION} through Varnish showed the new story after {section_after} s (limit 1 s)")
    status, headers, _ = get(other)
    if headers.get("x-cache") == "HIT":
        ok(f"{other} (another section) is still the copy Varnish kept")
    else:
        bad(f"{other} was purged by a story in World: X-Cache {headers.get('x-cache')}")

    time.sleep(1.5)  # the second node's poll
    sent = purges()[purged_before:]
    if len(sent) == 1:
        ok(f"the change was purged once by two nodes (keys: {sent[0][3].strip()[:100]}…)")
    else:
        bad(f"{len(sent)} PURGE requests for one change: {sent}")

    status, _, _ = request("PURGE", "/", {"xkey-purge": "all"}, source="127.0.0.2")
    if status == 403:
        ok("a PURGE from an address outside the VCL's purgers is refused (403)")
    else:
        bad(f"a PURGE from 127.0.0.2 was answered {status}")
    if get(other)[1].get("x-cache") != "HIT":
        bad("the refused PURGE purged pages")
    status, _, _ = request("PURGE", "/")
    if status == 400:
        ok("a PURGE without keys is refused (400)")
    else:
        bad(f"a PURGE without xkey-purge was answered {status}")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the script's own failure is the gate's
        bad(f"the run stopped: {e!r}")
    print(f"{'FAILED' if failures else 'passed'}: e2e/varnish.sh, {len(failures)} failures")
    sys.exit(1 if failures else 0)
