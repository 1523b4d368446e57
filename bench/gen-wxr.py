#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of POSTS posts with COMMENTS comments
spread over them, for bench/wordpress.sh: block-editor paragraphs, headings
and lists, three categories and tags a post, replies among the comments,
some pending and some spam, and one pingback in fifty. Seeded: the same file
every run.

    bench/gen-wxr.py OUT.xml [POSTS] [COMMENTS]     defaults: 100000, 500000
"""
import random
import sys
from xml.sax.saxutils import escape

out, posts, comments = sys.argv[1], int(sys.argv[2] if len(sys.argv) > 2 else 100_000), int(
    sys.argv[3] if len(sys.argv) > 3 else 500_000)
rng = random.Random(20)
WORDS = ("havana minister talks harvest coffee province storm agency radio listeners "
         "government council brigade doctors solidarity summit trade sugar tobacco "
         "festival cinema baseball delegation embassy cooperation energy solar grid").split()
CATEGORIES = ["World", "Americas", "Cuba", "Science", "Culture", "Sport"]


def words(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            '<title>Bench Radio</title><link>https://radio.example.org</link>'
            '<description>A generated export</description><language>en-US</language>\n'
            '<wp:wxr_version>1.2</wp:wxr_version>\n'
            '<wp:base_site_url>https://radio.example.org</wp:base_site_url>\n'
            '<wp:base_blog_url>https://radio.example.org</wp:base_blog_url>\n')
    for i in range(1, 6):
        f.write(f'<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login>{cdata(f"writer{i}")}</wp:author_login>'
                f'<wp:author_email>{cdata(f"writer{i}@example.org")}</wp:author_email>'
                f'<wp:author_display_name>{cdata(f"Writer {i}")}</wp:author_display_name></wp:author>\n')
    for i, name in enumerate(CATEGORIES, 1):
        f.write(f'<wp:category><wp:term_id>{i}</wp:term_id><wp:category_nicename>{cdata(name.lower())}'
                f'</wp:category_nicename><wp:category_parent>{cdata("")}</wp:category_parent>'
                f'<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n')
    comment_id = 0
    per_post = comments / posts
    owed = 0.0
    for p in range(1, posts + 1):
        day = 1 + p % 28
        month = 1 + (p // 28) % 12
        year = 2010 + (p // 336) % 15
        date = f"{year}-{month:02d}-{day:02d} {p % 24:02d}:{p % 60:02d}:00"
        slug = f"story-{p}-" + "-".join(rng.choice(WORDS) for _ in range(3))
        cat = rng.choice(CATEGORIES)
        body = "".join(
            f'<!-- wp:paragraph -->\n<p>{escape(words(rng.randint(25, 60)))}.</p>\n<!-- /wp:paragraph -->\n\n'
            for _ in range(rng.randint(3, 7)))
        body += ('<!-- wp:heading -->\n<h2>' + escape(words(4)) + '</h2>\n<!-- /wp:heading -->\n\n'
                 '<!-- wp:list -->\n<ul><li>' + escape(words(6)) + '</li><li>' + escape(words(5)) +
                 '</li></ul>\n<!-- /wp:list -->\n')
        f.write('<item>\n'
                f'<title>{escape(words(8).capitalize())}</title>\n'
                f'<link>https://radio.example.org/{year}/{month:02d}/{day:02d}/{slug}/</link>\n'
                f'<dc:creator>{cdata("writer" + str(1 + p % 5))}</dc:creator>\n'
                f'<content:encoded>{cdata(body)}</content:encoded>\n'
                f'<excerpt:encoded>{cdata(words(20))}</excerpt:encoded>\n'
                f'<wp:post_id>{p}</wp:post_id><wp:post_date>{cdata(date)}</wp:post_date>'
                f'<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>'
                f'<wp:comment_status>{cdata("open")}</wp:comment_status>'
                f'<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{cdata("publish")}</wp:status>'
                f'<wp:post_parent>0</wp:post_parent><wp:post_type>{cdata("post")}</wp:post_type>\n'
                f'<category domain="category" nicename="{cat.lower()}">{cdata(cat)}</category>\n')
        for t in rng.sample(WORDS, 2):
            f.write(f'<category domain="post_tag" nicename="{t}">{cdata(t)}</category>\n')
        owed += per_post
        first = comment_id + 1
        while owed >= 1:
            owed -= 1
            comment_id += 1
            kind = "pingback" if comment_id % 50 == 0 else ""
            approved = "spam" if comment_id % 23 == 0 else ("0" if comment_id % 7 == 0 else "1")
            parent = rng.randint(first, comment_id - 1) if comment_id > first and rng.random() < 0.3 else 0
            f.write(f'<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>'
                    f'<wp:comment_author>{cdata("Reader " + str(comment_id % 997))}</wp:comment_author>'
                    f'<wp:comment_author_email>{cdata(f"r{comment_id % 997}@example.org")}</wp:comment_author_email>'
                    f'<wp:comment_date>{cdata(date)}</wp:comment_date><wp:comment_date_gmt>{cdata(date)}</wp:comment_date_gmt>'
                    f'<wp:comment_content>{cdata(words(rng.randint(8, 40)))}</wp:comment_content>'
                    f'<wp:comment_approved>{cdata(approved)}</wp:comment_approved>'
                    f'<wp:comment_type>{cdata(kind)}</wp:comment_type>'
                    f'<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n')
        f.write('</item>\n')
    f.write('</channel>\n</rss>\n')
