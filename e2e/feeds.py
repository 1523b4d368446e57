#!/usr/bin/env python3
"""Feeds read by real readers: feedparser (RSS and Atom), the JSON Feed 1.1
schema (jsonschema, with date-time formats enforced), plus strict checks of
our own that feedparser is too lenient for (RFC 822 dates, required
elements). Usage: feeds.py BASE_URL"""
import email.utils
import json
import os
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

failed = results.count(False)
print(f"feeds: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
