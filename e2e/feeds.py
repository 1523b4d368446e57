#!/usr/bin/env python3
"""Feeds read by real readers: feedparser (RSS and Atom, and the programmes'
podcasts), the JSON Feed 1.1 schema (jsonschema, with date-time formats
enforced), plus strict checks of our own that feedparser is too lenient for
(RFC 822 dates, required elements, each episode's enclosure and duration).
Usage: feeds.py BASE_URL"""
import email.utils
import json
import os
import re
import sys
import urllib.request
import xml.dom.minidom

import feedparser
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

BASE = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
results = []


def report(name, ok, detail=""):
    results.append(ok)
    print(("ok - " if ok else "not ok - ") + name + ((": " + detail) if detail and not ok else ""), flush=True)


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=15) as r:
        return r.headers.get("content-type", ""), r.read()


s11 = json.load(open(os.path.join(HERE, "schemas", "feed.json")))
s1 = json.load(open(os.path.join(HERE, "schemas", "feed-1.json")))
registry = Registry().with_resources([
    ("https://json.schemastore.org/feed.json", Resource.from_contents(s11, default_specification=DRAFT7)),
    ("https://json.schemastore.org/feed-1", Resource.from_contents(s1, default_specification=DRAFT4)),
    ("feed-1", Resource.from_contents(s1, default_specification=DRAFT4)),
])
validator = Draft7Validator(s11, registry=registry, format_checker=FormatChecker())

for base in ("/en/", "/es/", "/ar/", "/en/world/", "/ar/culture/", "/en/tag/agriculture/"):
    for name, kind in (("feed.xml", "rss20"), ("atom.xml", "atom10")):
        path = base + name
        ctype, body = get(path)
        xml.dom.minidom.parseString(body)  # well-formed, or this raises
        parsed = feedparser.parse(body)
        problems = []
        if parsed.bozo:
            problems.append(f"bozo: {parsed.bozo_exception}")
        if parsed.version != kind:
            problems.append(f"version {parsed.version!r}")
        if not parsed.entries:
            problems.append("no entries")
        for e in parsed.entries:
            if not (e.get("title") and e.get("link") and e.get("id") and e.get("published_parsed")):
                problems.append(f"entry missing title/link/id/date: {e.get('link')}")
        if kind == "rss20":
            doc = xml.dom.minidom.parseString(body)
            for node in doc.getElementsByTagName("pubDate") + doc.getElementsByTagName("lastBuildDate"):
                text = node.firstChild.data if node.firstChild else ""
                if email.utils.parsedate_tz(text) is None:
                    problems.append(f"not an RFC 822 date: {text!r}")
        report(f"{path} ({kind}, {len(parsed.entries)} entries)", not problems, "; ".join(problems[:3]))
    path = base + "feed.json"
    ctype, body = get(path)
    doc = json.loads(body)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(doc)]
    if not ctype.startswith("application/feed+json"):
        errors.append(f"content-type {ctype}")
    report(f"{path} (JSON Feed 1.1, {len(doc.get('items', []))} items)", not errors, "; ".join(errors[:3]))

# Podcasts: every programme's feed, as a podcast app reads it (feedparser
# without bozo), each episode with its enclosure and duration.
ctype, body = get("/en/programmes/")
slugs = sorted(set(re.findall(r'href="/en/programmes/([^/"]+)/podcast\.xml"', body.decode())))
report("/en/programmes/ lists a podcast", bool(slugs), "no podcast.xml link")
for slug in slugs:
    path = f"/en/programmes/{slug}/podcast.xml"
    ctype, body = get(path)
    problems = []
    if not ctype.startswith("application/rss+xml"):
        problems.append(f"content-type {ctype}")
    doc = xml.dom.minidom.parseString(body)  # well-formed, or this raises
    rss = doc.documentElement
    for prefix, uri in (("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
                        ("podcast", "https://podcastindex.org/namespace/1.0")):
        if rss.getAttribute("xmlns:" + prefix) != uri:
            problems.append(f"xmlns:{prefix} is {rss.getAttribute('xmlns:' + prefix)!r}")
    for node in doc.getElementsByTagName("pubDate") + doc.getElementsByTagName("lastBuildDate"):
        text = node.firstChild.data if node.firstChild else ""
        if email.utils.parsedate_tz(text) is None:
            problems.append(f"not an RFC 822 date: {text!r}")
    parsed = feedparser.parse(body)
    if parsed.bozo:
        problems.append(f"bozo: {parsed.bozo_exception}")
    if parsed.version != "rss20":
        problems.append(f"version {parsed.version!r}")
    feed = parsed.feed
    if not (feed.get("title") and feed.get("link") and feed.get("author")):
        problems.append("channel missing title/link/itunes:author")
    # Apple's values (feedparser knows only the older yes and clean).
    for node in doc.getElementsByTagName("itunes:explicit"):
        text = node.firstChild.data if node.firstChild else ""
        if text not in ("true", "false"):
            problems.append(f"itunes:explicit {text!r}")
    if not parsed.entries:
        problems.append("no episodes")
    for e in parsed.entries:
        if not (e.get("title") and e.get("link") and e.get("id") and e.get("published_parsed")):
            problems.append(f"episode missing title/link/id/date: {e.get('link')}")
        enclosures = e.get("enclosures", [])
        if len(enclosures) != 1:
            problems.append(f"{e.get('link')}: {len(enclosures)} enclosures")
        for enc in enclosures:
            if not (enc.get("href", "").startswith("http") and str(enc.get("length", "")).isdigit()
                    and int(enc["length"]) > 0 and enc.get("type", "").startswith("audio/")):
                problems.append(f"{e.get('link')}: enclosure {dict(enc)}")
        if not str(e.get("itunes_duration", "")).isdigit():
            problems.append(f"{e.get('link')}: itunes:duration {e.get('itunes_duration')!r}")
    report(f"{path} (podcast, {len(parsed.entries)} episodes)", not problems, "; ".join(problems[:3]))

failed = results.count(False)
print(f"feeds: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
