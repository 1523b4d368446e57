//! The WXR reader against the real exports, the WordPress importer's edge
//! cases and hand-written files. Expected counts were taken from the files
//! with grep (`<item>`, `<wp:post_type>…`, `<wp:comment>`, …), not from
//! this reader.

use super::fixtures;
use dateline_import::wordpress::wxr::{
    limits, Approval, CommentKind, Entry, Item, PostType, Problem, Status, WxrError, WxrReader,
};
use std::collections::BTreeMap;
use std::io::Read;
use time::macros::datetime;

/// Everything a file yields: entries and errors, in order.
fn read(bytes: &[u8]) -> (Vec<Entry>, Vec<WxrError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for next in WxrReader::new(bytes) {
        match next {
            Ok(e) => entries.push(e),
            Err(e) => errors.push(e),
        }
    }
    (entries, errors)
}

fn items(entries: &[Entry]) -> Vec<&Item> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Item(i) => Some(&**i),
            _ => None,
        })
        .collect()
}

/// "post=58 page=21 …": how many of each kind a file yields.
fn tally(entries: &[Entry]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in entries {
        let key = match e {
            Entry::Site(_) => "site".to_string(),
            Entry::Author(_) => "author".into(),
            Entry::Category(_) => "category".into(),
            Entry::Tag(_) => "tag".into(),
            Entry::Term(_) => "term".into(),
            Entry::Item(i) => {
                *counts.entry("comment".into()).or_default() += i.comments.len();
                match &i.post_type {
                    PostType::Post => "post".into(),
                    PostType::Page => "page".into(),
                    PostType::Attachment => "attachment".into(),
                    PostType::NavMenuItem => "nav_menu_item".into(),
                    PostType::Block => "wp_block".into(),
                    PostType::Other(o) => o.clone(),
                }
            }
        };
        *counts.entry(key).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{k}={n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn real_exports_yield_what_they_hold() {
    for (file, expected) in [
        (
            "themeunittestdata.wordpress.xml",
            "attachment=37 author=2 category=68 comment=33 nav_menu_item=70 page=21 post=58 site=1 tag=110 term=7",
        ),
        (
            "64-block-test-data.xml",
            "attachment=9 author=2 category=7 comment=2 page=1 post=61 site=1 tag=4 term=13 wp_navigation=1",
        ),
        (
            "a11y-theme-unit-test-data.xml",
            "attachment=39 category=27 comment=29 nav_menu_item=50 page=18 post=47 site=1 tag=61 term=5",
        ),
    ] {
        let Some(bytes) = fixtures::read("wxr", file) else {
            return;
        };
        let (entries, errors) = read(&bytes);
        assert!(errors.is_empty(), "{file}: {errors:?}");
        assert_eq!(tally(&entries), expected, "{file}");
        assert!(matches!(entries[0], Entry::Site(_)), "{file}");
    }
}

#[test]
fn theme_preview_items_have_no_post_ids() {
    // Hand-made by WordPress's theme team: seven items without wp:post_id.
    // WordPress would import them as new posts; a newsroom import needs an
    // item's id to link attachments and parents, so each is reported.
    let Some(bytes) = fixtures::read("wxr", "theme-preview.xml") else {
        return;
    };
    let (entries, errors) = read(&bytes);
    assert_eq!(tally(&entries), "site=1");
    assert_eq!(errors.len(), 7);
    assert_eq!(errors[0].to_string(), "line 12: item 1 has no wp:post_id");
    assert!(errors.iter().all(|e| !e.is_fatal()));
}

#[test]
fn the_importers_fixtures_yield_what_they_hold() {
    let cases = [
        ("authors-multiline.xml", "author=3 post=1 site=1", ""),
        ("backslashes.xml", "post=1 site=1", ""),
        ("blank-lines.xml", "post=1 site=1", ""),
        ("cdata-edge.xml", "post=1 site=1", ""),
        ("chunked-meta.xml", "post=1 site=1", ""),
        ("crazy-cdata-escaped.xml", "post=1 site=1", ""),
        ("crazy-cdata.xml", "post=1 site=1", ""),
        (
            "invalid-version-tag.xml",
            "",
            "line 36: this is not a WordPress export (WXR): its wp:wxr_version \"abc\" is not a version number",
        ),
        ("large-authors.xml", "author=300 site=1", ""),
        (
            "malformed-simple.xml",
            "",
            "line 14: the file is not well-formed XML: the file ends before <item> (line 9) is closed",
        ),
        (
            "malformed.xml",
            "",
            "line 36: this is not a WordPress export (WXR): its wp:wxr_version \"abc\" is not a version number",
        ),
        ("missing-tags.xml", "post=1 site=1", ""),
        (
            "missing-version-tag.xml",
            "",
            "line 35: this is not a WordPress export (WXR): the channel has no wp:wxr_version",
        ),
        ("multiple-cdata.xml", "post=1 site=1", ""),
        (
            "namespace-edge-cases.xml",
            "author=2 post=5 site=1 term=2",
            "line 94: item 5 has no wp:post_id",
        ),
        ("post-content-blank-lines.xml", "author=1 post=1 site=1", ""),
        ("slashes.xml", "author=1 category=1 comment=1 post=1 site=1 tag=1", ""),
        ("small-export.xml", "author=3 category=30 comment=1 page=5 post=6 site=1 tag=3", ""),
        ("term-formats.xml", "category=2 site=1 tag=3 term=2", ""),
        ("term-meta.xml", "site=1 term=1", ""),
        ("test-serialized-comment-meta.xml", "comment=1 post=1 site=1", ""),
        ("test-serialized-postmeta-no-cdata.xml", "post=1 site=1", ""),
        ("test-serialized-postmeta-with-cdata.xml", "post=1 site=1", ""),
        ("test-serialized-term-meta.xml", "category=1 post=1 site=1 tag=1 term=1", ""),
        ("test-utw-post-meta-import.xml", "post=1 site=1", ""),
        ("valid-wxr-1.0.xml", "category=5 comment=1 page=3 post=3 site=1 tag=4", ""),
        ("valid-wxr-1.1.xml", "author=1 category=1 comment=1 page=1 post=1 site=1 tag=1 term=1", ""),
        ("wxr-base-url-rewriting.xml", "author=1 post=1 site=1", ""),
        ("wxr-comprehensive.xml", "author=2 category=2 comment=1 page=1 post=1 site=1 tag=2", ""),
        ("wxr-css-urls.xml", "author=1 category=1 post=1 site=1", ""),
        ("wxr-flat-attachment-different-site.xml", "attachment=1 author=1 post=1 site=1", ""),
        ("wxr-flat-attachment-same-site.xml", "attachment=1 author=1 post=1 site=1", ""),
        ("wxr-simple.xml", "author=1 post=1 site=1", ""),
        ("wxr-utf-8-challenges.xml", "author=1 post=1 site=1", ""),
        ("wxr-with-sub-data.xml", "comment=1 post=1 site=1 term=1", ""),
    ];
    let Some(dir) = fixtures::folder("wxr-importer-fixtures") else {
        return;
    };
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = cases.iter().map(|c| c.0.to_string()).collect();
    assert_eq!(on_disk, listed, "every fixture has its case");
    for (file, expected, error) in cases {
        let bytes = std::fs::read(dir.join(file)).expect("fixture");
        let (entries, errors) = read(&bytes);
        assert_eq!(tally(&entries), expected, "{file}");
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.join("; "), error, "{file}");
    }
}

fn fixture_items(file: &str) -> Option<Vec<Item>> {
    let bytes = fixtures::read("wxr-importer-fixtures", file)?;
    let (entries, _) = read(&bytes);
    Some(items(&entries).into_iter().cloned().collect())
}

#[test]
fn cdata_edge_cases_come_out_as_written() {
    let Some(escaped) = fixture_items("crazy-cdata-escaped.xml") else {
        return;
    };
    let item = &escaped[0];
    assert_eq!(item.content, "Content with nested <![CDATA[ tags ]]> :)");
    assert_eq!(item.meta("Closing CDATA"), Some("]]>"));
    assert_eq!(
        item.meta("Alot of CDATA"),
        Some("This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>")
    );
    let Some(edge) = fixture_items("cdata-edge.xml") else {
        return;
    };
    assert_eq!(edge[0].content, "ends with sequence ]] >");
    let Some(multiple) = fixture_items("multiple-cdata.xml") else {
        return;
    };
    assert_eq!(multiple[0].content, "\nline oneline twoline three\n");
    // Not well-formed (a CDATA section cannot nest): read leniently, the
    // first "]]>" ending the section as XML says.
    let Some(crazy) = fixture_items("crazy-cdata.xml") else {
        return;
    };
    assert_eq!(
        crazy[0].content,
        "Content with nested <![CDATA[ tags  :)]]>"
    );
    let Some(backslashes) = fixture_items("backslashes.xml") else {
        return;
    };
    assert_eq!(backslashes[0].content, r"C:\xampp\htdocs\wp-content");
}

/// The text between two markers in a file, as bytes: an independent
/// reading to compare with the reader's.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect("start") + start.len();
    let to = from + text[from..].find(end).expect("end");
    &text[from..to]
}

#[test]
fn utf8_challenges_come_out_intact() {
    let Some(bytes) = fixtures::read("wxr-importer-fixtures", "wxr-utf-8-challenges.xml") else {
        return;
    };
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let (entries, errors) = read(&bytes);
    assert!(errors.is_empty(), "{errors:?}");
    let Entry::Site(site) = &entries[0] else {
        panic!("site first")
    };
    // Character references outside CDATA are decoded.
    assert_eq!(site.title, "My WordPress Website 🚀 \u{202E}\u{202D}مرحبا");
    let Entry::Author(author) = &entries[1] else {
        panic!("author second")
    };
    assert_eq!(
        author.display_name,
        between(&text, "<wp:author_display_name><![CDATA[", "]]>")
    );
    // Inside CDATA they are text.
    assert_eq!(author.last_name, "&#x1F1FA;&#x1F1F8;𝕌𝕟𝕚𝕔𝕠𝕕𝕖");
    let item = items(&entries)[0];
    assert_eq!(item.title, between(&text, "<title><![CDATA[", "]]>"));
    assert_eq!(
        item.content,
        between(&text, "<content:encoded><![CDATA[", "]]></content:encoded>")
    );
    assert_eq!(item.slug.raw, "hello-w\u{202E}orld\u{202C}-utf8-💫-test");
    assert_eq!(
        item.guid,
        "https://playground.internal/path/🚀/\u{202E}tsop\u{202C}/?p=1&test=💫\u{200C}\u{200B}\u{200D}\u{200E}"
    );
    assert_eq!(
        item.terms[0].slug.as_deref(),
        Some("uncat\u{202E}egorized\u{202C}")
    );
}

#[test]
fn namespaces_are_matched_by_uri() {
    let Some(bytes) = fixtures::read("wxr-importer-fixtures", "namespace-edge-cases.xml") else {
        return;
    };
    let (entries, errors) = read(&bytes);
    let logins: Vec<&str> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Author(a) => Some(a.login.as_str()),
            _ => None,
        })
        .collect();
    // wp: bound to a foreign URI is not WordPress's; the 1.1 namespace is.
    assert_eq!(logins, ["real_user", "version_conflict"]);
    let items = items(&entries);
    let ids: Vec<u64> = items.iter().map(|i| i.post_id).collect();
    // The first post_id wins, as in WordPress's importer; the default
    // namespace set to WordPress's counts.
    assert_eq!(ids, [1, 2, 3, 4, 6]);
    let keys: Vec<&str> = items[0].meta.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["normal_key"]);
    assert_eq!(
        items[4].content,
        "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"
    );
    let terms: Vec<Option<u64>> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Term(t) => Some(t.term_id),
            _ => None,
        })
        .collect();
    assert_eq!(terms, [Some(100), Some(102)]);
    assert_eq!(errors.len(), 1);
}

#[test]
fn fields_of_real_items() {
    let Some(bytes) = fixtures::read("wxr", "themeunittestdata.wordpress.xml") else {
        return;
    };
    let (entries, _) = read(&bytes);
    let Entry::Site(site) = &entries[0] else {
        panic!("site first")
    };
    assert_eq!(site.wxr_version, "1.2");
    assert_eq!(
        site.base_site_url.as_deref(),
        Some("https://wordpress.com/")
    );
    let items = items(&entries);
    let greek = items.iter().find(|i| i.post_id == 1811).expect("post 1811");
    assert_eq!(
        greek.slug.raw,
        "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2"
    );
    assert_eq!(greek.slug.decoded, "επίπεδο-2");
    assert_eq!(greek.parent, Some(1809));
    assert_eq!(greek.post_type, PostType::Page);
    assert_eq!(greek.status, Status::Publish);
    assert_eq!(greek.date, Some(datetime!(2020-02-14 13:31:47)));
    assert_eq!(greek.date_gmt, Some(datetime!(2020-02-14 10:31:47 UTC)));
    assert_eq!(greek.pub_date, Some(datetime!(2020-02-14 10:31:47 UTC)));
    assert_eq!(greek.position.line, 12516);
    assert!(greek.position.ordinal > 1);
    let sticky = items.iter().find(|i| i.post_id == 1241).expect("post 1241");
    assert!(sticky.sticky);
    let comments: Vec<_> = items.iter().flat_map(|i| i.comments.iter()).collect();
    // Counted with grep: 30 approved, 3 held; 29 comments (28 with an
    // empty type), 2 pingbacks, 2 trackbacks.
    let approved = |a: Approval| comments.iter().filter(|c| c.approved == a).count();
    assert_eq!(
        (approved(Approval::Approved), approved(Approval::Pending)),
        (30, 3)
    );
    let kind = |k: CommentKind| comments.iter().filter(|c| c.kind == k).count();
    assert_eq!(
        (
            kind(CommentKind::Comment),
            kind(CommentKind::Pingback),
            kind(CommentKind::Trackback)
        ),
        (29, 2, 2)
    );
    assert!(comments.iter().any(|c| c.parent.is_some()));
    let attachment = items
        .iter()
        .find(|i| i.post_type == PostType::Attachment)
        .expect("an attachment");
    assert!(attachment
        .attachment_url
        .as_deref()
        .is_some_and(|u| u.starts_with("http")));
    assert!(items.iter().any(|i| i.thumbnail_id().is_some()));
    assert!(items
        .iter()
        .any(|i| i.terms_of("post_tag").count() > 0 && i.terms_of("category").count() > 0));
}

#[test]
fn serialized_meta_is_kept_raw() {
    let Some(items) = fixture_items("test-serialized-postmeta-no-cdata.xml") else {
        return;
    };
    assert_eq!(
        items[0].meta("post-options"),
        Some(
            r#"a:2:{s:18:"special_post_title";s:15:"A special title";s:11:"is_calendar";s:0:"";}"#
        )
    );
    let Some(items) = fixture_items("test-serialized-comment-meta.xml") else {
        return;
    };
    let meta = &items[0].comments[0].meta;
    assert_eq!(meta[1].value, r#"a:1:{s:3:"key";s:13:"¯\_(ツ)_/¯";}"#);
    let Some(items) = fixture_items("authors-multiline.xml") else {
        return;
    };
    assert_eq!(items[0].content, "content");
}

/// A WXR 1.2 file around `body` (channel-level elements).
fn export(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Test &amp; site</title>
<wp:wxr_version>1.2</wp:wxr_version>
{body}
</channel>
</rss>
"#
    )
}

#[test]
fn a_broken_item_is_reported_and_the_next_is_read() {
    let xml = export(
        "<item><title>One</title><wp:post_id>7</wp:post_id>\n\
         <wp:post_date>2012-13-45 00:00:00</wp:post_date></item>\n\
         <item><title>Two</title><wp:post_id>8</wp:post_id>\n\
         <wp:postmeta><wp:meta_key>k</wp:meta_key></item>\n\
         <item><title>Three</title><wp:post_id>9</wp:post_id></wp:status></item>\n\
         <item><title>Four</title><wp:post_id>x</wp:post_id></item>\n\
         <item><title>Five</title><wp:post_id>10</wp:post_id>\
         <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt></item>",
    );
    let results: Vec<_> = WxrReader::new(xml.as_bytes()).collect();
    let messages: Vec<String> = results
        .iter()
        .map(|r| match r {
            Ok(Entry::Item(i)) => format!("item {}", i.post_id),
            Ok(_) => "other".into(),
            Err(e) => e.to_string(),
        })
        .collect();
    assert_eq!(
        messages,
        [
            "other",
            "line 8: item 1 (post 7) has a post_date that is not a date: \"2012-13-45 00:00:00\"",
            "line 10: item 2 (post 8) has broken markup at line 11: <wp:postmeta> (line 11) is not closed before </item>",
            "line 12: item 3 (post 9) has broken markup at line 12: </wp:status> closes nothing",
            "line 13: item 4 has a post_id that is not a number: \"x\"",
            "item 10",
        ]
    );
    let Some(Ok(Entry::Item(five))) = results.last() else {
        panic!("the last item")
    };
    assert_eq!(five.date_gmt, None);
    assert_eq!(five.status, Status::Draft);
    assert!(results
        .iter()
        .all(|r| r.as_ref().err().is_none_or(|e| !e.is_fatal())));
}

#[test]
fn a_syntax_error_ends_the_stream_with_its_line() {
    let xml = export(
        "<item><wp:post_id>1</wp:post_id></item>\n<item><wp:post_id>2</wp:post_id><!BOGUS></item>",
    );
    let results: Vec<_> = WxrReader::new(xml.as_bytes()).collect();
    assert!(matches!(results[1], Ok(Entry::Item(_))));
    let last = results
        .last()
        .expect("an error")
        .as_ref()
        .expect_err("fatal");
    assert!(last.is_fatal());
    assert_eq!(last.line(), 9, "{last}");
    // Channel-level tags closed out of order stop the file.
    let xml = export("<item><wp:post_id>1</wp:post_id></item></rss>");
    let (_, errors) = read(xml.as_bytes());
    assert_eq!(
        errors[0].to_string(),
        "line 8: the file is not well-formed XML: </rss> does not close <channel> (line 5)"
    );
}

#[test]
fn entities_are_never_declared_nor_expanded() {
    for doctype in [
        r#"<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        r#"<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;">]>"#,
    ] {
        let xml = export("<item><title>&xxe;&lol1;</title><wp:post_id>1</wp:post_id></item>")
            .replacen("?>\n", &format!("?>\n{doctype}\n"), 1);
        let (entries, errors) = read(xml.as_bytes());
        assert!(entries.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            matches!(errors[0], WxrError::Doctype { line: 2 }),
            "{:?}",
            errors[0]
        );
    }
    // Without declarations a doctype is harmless, and an undeclared entity
    // stays as written.
    let xml = export("<item><title>&nbsp;&#233;&lt;</title><wp:post_id>1</wp:post_id></item>")
        .replacen("?>\n", "?>\n<!DOCTYPE rss>\n", 1);
    let (entries, errors) = read(xml.as_bytes());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(items(&entries)[0].title, "&nbsp;é<");
    let Entry::Site(site) = &entries[0] else {
        panic!("site")
    };
    assert_eq!(site.title, "Test & site");
}

#[test]
fn files_that_are_not_exports_are_refused() {
    for (xml, expected) in [
        (
            "",
            "line 1: this is not a WordPress export (WXR): it holds no <rss> element",
        ),
        (
            "<feed><entry/></feed>",
            "line 1: this is not a WordPress export (WXR): its root element is <feed>, not <rss>",
        ),
        (
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>",
            "line 1: the file is in the ISO-8859-1 encoding; only UTF-8 exports are read",
        ),
        (
            "<rss><channel><title>x</title></channel></rss>",
            "line 1: this is not a WordPress export (WXR): the channel has no wp:wxr_version",
        ),
    ] {
        let (entries, errors) = read(xml.as_bytes());
        assert!(entries.is_empty(), "{xml}");
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors, [expected], "{xml}");
    }
}

#[test]
fn text_values_are_bounded() {
    let long_title = "t".repeat(limits::LINE_BYTES + 1);
    let long_body = "b".repeat(limits::CONTENT_BYTES + 1);
    let xml = export(&format!(
        "<item><title>{long_title}</title><wp:post_id>1</wp:post_id></item>\n\
         <item><wp:post_id>2</wp:post_id><content:encoded><![CDATA[{long_body}]]></content:encoded></item>\n\
         <item><wp:post_id>3</wp:post_id></item>"
    ));
    let results: Vec<_> = WxrReader::new(xml.as_bytes()).collect();
    let problems: Vec<Option<Problem>> = results
        .iter()
        .skip(1)
        .map(|r| match r {
            Err(WxrError::Item { problem, .. }) => Some(problem.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        problems,
        [
            Some(Problem::TooLong {
                field: "title",
                max: limits::LINE_BYTES
            }),
            Some(Problem::TooLong {
                field: "encoded",
                max: limits::CONTENT_BYTES
            }),
            None,
        ]
    );
    // One token beyond what the reader holds ends the file.
    let huge = "h".repeat(limits::TOKEN_BYTES + 100_000);
    let xml = export(&format!(
        "<item><wp:post_id>1</wp:post_id><title>{huge}</title></item>"
    ));
    let (_, errors) = read(xml.as_bytes());
    assert!(
        matches!(errors.last(), Some(WxrError::TokenTooLarge { line: 8, .. })),
        "{errors:?}"
    );
}

/// An export of `count` items made as it is read, never held whole.
struct Generated {
    count: usize,
    made: usize,
    pending: Vec<u8>,
    at: usize,
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            self.at = 0;
            self.pending = if self.made == 0 {
                export("").split("</channel>").next().unwrap_or("").into()
            } else if self.made <= self.count {
                format!(
                    "<item><title>Story {n}</title><wp:post_id>{n}</wp:post_id>\
                     <content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>\n",
                    n = self.made,
                    body = "words ".repeat(200)
                )
                .into()
            } else if self.made == self.count + 1 {
                b"</channel></rss>".to_vec()
            } else {
                return Ok(0);
            };
            self.made += 1;
        }
        let n = (self.pending.len() - self.at).min(out.len());
        out[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn items_stream_one_at_a_time() {
    let source = Generated {
        count: 20_000,
        made: 0,
        pending: Vec::new(),
        at: 0,
    };
    let mut last = 0;
    let mut seen = 0;
    for next in WxrReader::new(std::io::BufReader::new(source)) {
        if let Entry::Item(item) = next.expect("reads") {
            seen += 1;
            assert_eq!(item.position.ordinal, seen);
            assert!(item.position.line > last);
            last = item.position.line;
        }
    }
    assert_eq!(seen, 20_000);
}

#[test]
fn other_prefixes_and_the_https_namespace_read_alike() {
    let xml = r#"<rss xmlns:w="https://wordpress.org/export/1.2/" xmlns:c="http://purl.org/rss/1.0/modules/content/">
<channel><w:wxr_version>1.2</w:wxr_version>
<item><w:post_id>5</w:post_id><c:encoded>Body</c:encoded>
<w:comment><w:comment_id>3</w:comment_id><w:comment_approved>spam</w:comment_approved>
<w:comment_type>pingback</w:comment_type><w:comment_parent>0</w:comment_parent></w:comment>
</item></channel></rss>"#;
    let (entries, errors) = read(xml.as_bytes());
    assert!(errors.is_empty(), "{errors:?}");
    let item = items(&entries)[0];
    assert_eq!((item.post_id, item.content.as_str()), (5, "Body"));
    let comment = &item.comments[0];
    assert_eq!(comment.approved, Approval::Spam);
    assert_eq!(comment.kind, CommentKind::Pingback);
    assert_eq!(comment.parent, None);
}
