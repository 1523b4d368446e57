//! Moving in from WordPress: `dateline import wordpress` (the real binary)
//! beside a running site, then what a reader sees: articles, pages, comment
//! threads, lead images, and every old address answering 301.
//!
//! WordPress's own test exports are read from `../shared/testdata/wxr/`
//! (their licence is not stated, so they are not copied here); without
//! them those tests print NOT RUN, and fail when `DATELINE_CI=1`. The
//! hand-written export below runs everywhere.

use crate::support::{dateline, TestApp};
use dateline_import::wordpress::wxr::{Entry, PostType, Status};
use dateline_import::wordpress::{permalinks, WxrReader};
use dateline_store::{NewsroomFilter, PathLookup, StatusCounts, Store};
use std::path::{Path, PathBuf};

/// A shared test export, or None (NOT RUN printed; a failure in CI).
fn shared_export(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testdata/wxr")
        .join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("DATELINE_CI").as_deref() != Ok("1"),
        "{} is missing, and CI needs it",
        path.display()
    );
    println!("NOT RUN: {} is not here", path.display());
    None
}

/// Runs `dateline import wordpress ARGS` on the app's database.
fn import(app: &TestApp, args: &[&str]) -> (i32, String, String) {
    let mut cmd = dateline();
    cmd.args(["import", "wordpress", "--data-dir"])
        .arg(app.data_dir());
    if let Some(url) = &app.config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    let out = cmd.args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What the database holds, counted, for comparing two imports.
async fn rows(store: &Store) -> (i64, StatusCounts, usize, usize, usize, usize) {
    let articles = store
        .newsroom_articles(&NewsroomFilter::default(), 1, 0)
        .await
        .expect("articles")
        .total;
    (
        articles,
        store.comment_counts().await.expect("comments"),
        store.all_pages().await.expect("pages").len(),
        store.users().await.expect("users").len(),
        store.all_sections().await.expect("sections").len(),
        store.media_list(None, 1000, 0).await.expect("media").len(),
    )
}

/// How many articles have `status`.
async fn with_status(store: &Store, status: dateline_core::Status) -> i64 {
    let filter = NewsroomFilter {
        status: Some(status),
        ..NewsroomFilter::default()
    };
    store
        .newsroom_articles(&filter, 1, 0)
        .await
        .expect("articles")
        .total
}

/// Asserts that `old` answers 301 to exactly `to`.
async fn moved(app: &TestApp, old: &str, to: &str) {
    let reply = app.get(old).await;
    assert_eq!(reply.status, 301, "{old}");
    assert_eq!(reply.header("location"), Some(to), "{old}");
}

/// The site's own scripts only: its view beacon and its structured data.
fn only_own_scripts(html: &str, page: &str) {
    for (at, _) in html.match_indices("<script") {
        let rest = &html[at..];
        assert!(
            rest.starts_with("<script src=\"/static/")
                || rest.starts_with("<script type=\"application/ld+json\">"),
            "{page} carries a script of the import's: {}",
            &rest[..rest.len().min(120)]
        );
    }
    assert!(!html.contains("alert("), "{page} carries imported script");
}

const EXPORT_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Old Gazette</title>
<link>https://old.example.org</link>
<language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.org</wp:base_site_url>
<wp:base_blog_url>https://old.example.org</wp:base_blog_url>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mreyes]]></wp:author_login><wp:author_email><![CDATA[m.reyes@old.example.org]]></wp:author_email><wp:author_display_name><![CDATA[María Reyes]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[local]]></wp:category_nicename><wp:category_parent><![CDATA[news]]></wp:category_parent><wp:cat_name><![CDATA[Local news]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug><![CDATA[harbour]]></wp:tag_slug><wp:tag_name><![CDATA[Harbour]]></wp:tag_name></wp:tag>
"#;

/// An item of the hand-written export.
fn item(id: u64, kind: &str, status: &str, slug: &str, title: &str, extra: &str) -> String {
    format!(
        r#"<item>
<title>{title}</title>
<link>https://old.example.org/2024/05/{slug}/</link>
<dc:creator><![CDATA[mreyes]]></dc:creator>
<wp:post_id>{id}</wp:post_id>
<wp:post_date><![CDATA[2024-05-06 09:30:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-05-06 08:30:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_type><![CDATA[{kind}]]></wp:post_type>
<category domain="category" nicename="local"><![CDATA[Local news]]></category>
{extra}
</item>
"#
    )
}

fn comment(id: u64, parent: u64, approved: &str, kind: &str, text: &str) -> String {
    format!(
        r#"<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author><wp:comment_author_email><![CDATA[reader{id}@example.org]]></wp:comment_author_email><wp:comment_date><![CDATA[2024-05-06 10:00:0{}]]></wp:comment_date><wp:comment_date_gmt><![CDATA[2024-05-06 09:00:0{}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[{text}]]></wp:comment_content><wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved><wp:comment_type><![CDATA[{kind}]]></wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"#,
        id % 10,
        id % 10
    )
}

/// The hand-written export, and the line of its broken item.
fn export(port: u16) -> (String, u64) {
    let upload = "https://old.example.org/wp-content/uploads/2024/05";
    let body = format!(
        r#"<!-- wp:paragraph --><p>The harbour reopened on Monday.</p><!-- /wp:paragraph -->
<!-- wp:image {{"id":50}} --><figure class="wp-block-image"><img src="{upload}/harbour-300x200.png" alt="Boats" class="wp-image-50"/><figcaption>Boats at dawn</figcaption></figure><!-- /wp:image -->
<script>alert("post")</script>
<p onclick="alert('x')">Fishermen <a href="javascript:alert(1)">cheered</a>.</p>
<p>More <a href="https://old.example.org/about/">about us</a>.</p>"#
    );
    let post = format!(
        r#"<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[The <b>harbour</b> is open again.]]></excerpt:encoded>
<wp:post_modified_gmt><![CDATA[2024-05-07 10:00:00]]></wp:post_modified_gmt>
<category domain="post_tag" nicename="harbour"><![CDATA[Harbour]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>50</wp:meta_value></wp:postmeta>
{}{}{}{}{}{}"#,
        // A reply listed before the comment it answers.
        comment(
            102,
            101,
            "1",
            "comment",
            r#"Agreed with <a href="https://example.org/more">this</a>"#
        ),
        comment(
            101,
            0,
            "1",
            "",
            "First! <script>alert('comment')</script><b>Great</b> news"
        ),
        comment(103, 0, "0", "comment", "Pending words"),
        comment(104, 0, "spam", "comment", "Buy pills"),
        comment(105, 0, "1", "pingback", "A ping"),
        comment(106, 0, "1", "trackback", "A track"),
    );
    let text = |t: &str| format!("<content:encoded><![CDATA[<p>{t}</p>]]></content:encoded>");
    let mut xml = EXPORT_HEAD.to_string();
    xml.push_str(&item(
        10,
        "post",
        "publish",
        "harbour-reopens",
        "Harbour reopens",
        &post,
    ));
    xml.push_str(&item(
        50,
        "attachment",
        "inherit",
        "harbour",
        "Harbour",
        &format!(
            "<wp:attachment_url>{upload}/harbour.png</wp:attachment_url>
<excerpt:encoded><![CDATA[The harbour at dawn]]></excerpt:encoded>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[Boats in the harbour]]></wp:meta_value></wp:postmeta>"
        ),
    ));
    xml.push_str(
        // Scheduled for a time to come (the scheduler publishes past ones).
        &item(11, "post", "future", "later", "Later", &text("Soon."))
            .replace("2024-05-06", "2030-01-01"),
    );
    xml.push_str(&item(
        12,
        "post",
        "pending",
        "waiting",
        "Waiting",
        &text("For an editor."),
    ));
    let broken_line = xml.lines().count() as u64 + 1;
    xml.push_str(&item(
        13,
        "post",
        "publish",
        "broken",
        "Broken",
        "<wp:post_parent>the first one</wp:post_parent>",
    ));
    xml.push_str(&item(
        14,
        "post",
        "publish",
        "%c3%a9t%c3%a9-en-mer",
        "Été en mer",
        &(text(&format!(
            "Summer.</p><p><img src=\"http://127.0.0.1:{port}/wp-content/uploads/2024/06/inside.png\" alt=\"Inside\">"
        )) + "<wp:comment_status><![CDATA[closed]]></wp:comment_status>"),
    ));
    xml.push_str(
        &item(20, "page", "publish", "about", "About", &text("About us."))
            .replace("2024/05/about/", "about/"),
    );
    xml.push_str(
        &item(
            21,
            "page",
            "publish",
            "team",
            "Team",
            &format!("{}<wp:post_parent>20</wp:post_parent>", text("The team.")),
        )
        .replace("2024/05/team/", "about/team/"),
    );
    xml.push_str("</channel>\n</rss>\n");
    (xml, broken_line)
}

/// The uploads folder: the picture and the smaller copy the post shows.
fn uploads(dir: &Path) -> PathBuf {
    let month = dir.join("uploads/2024/05");
    std::fs::create_dir_all(&month).expect("uploads");
    for (name, w, h) in [("harbour.png", 640, 400), ("harbour-300x200.png", 300, 200)] {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        img.save(month.join(name)).expect("png");
    }
    dir.join("uploads")
}

#[tokio::test]
async fn a_site_moves_in_with_its_comments_pictures_and_old_links() {
    let app = TestApp::empty().await;
    // A picture on the machine itself, which --fetch must never reach.
    let inside = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    inside.set_nonblocking(true).expect("nonblocking");
    let (xml, broken_line) = export(inside.local_addr().expect("addr").port());
    let file = app.dir.path().join("gazette.xml");
    std::fs::write(&file, xml).expect("export");
    let uploads = uploads(app.dir.path());
    let file_arg = file.display().to_string();
    let uploads_arg = uploads.display().to_string();
    let (code, out, err) = import(&app, &["--uploads", &uploads_arg, &file_arg]);
    // The broken item is reported with its line; the rest came in.
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains(&format!("{file_arg}:{broken_line}: item 5 (post 13) has a")),
        "{err}"
    );
    assert!(
        out.contains("posts: 4 imported, 0 updated, 0 skipped, 0 failed"),
        "{out}"
    );
    assert!(out.contains("pages: 2 imported"), "{out}");
    assert!(
        out.contains(
            "comments: 4 imported, 0 updated, 2 skipped, 0 failed (1 pingback, 1 trackback)"
        ),
        "{out}"
    );
    assert!(out.contains("pictures: 1 imported"), "{out}");
    app.settle().await;

    // The article, as a reader sees it.
    let path = "/en/local/2024/05/06/harbour-reopens";
    let reply = app.get(path).await;
    assert_eq!(reply.status, 200);
    let html = reply.text();
    only_own_scripts(&html, path);
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("The harbour reopened on Monday."));
    assert!(
        html.contains("The harbour is open again."),
        "the standfirst"
    );
    assert!(html.contains("María Reyes"), "the byline");
    let PathLookup::Article(view) = app.store().lookup_path(path).await.expect("lookup") else {
        panic!("{path} is an article");
    };
    assert!(view.image_id.is_some(), "the featured image leads");
    assert!(
        view.body_markdown.contains("src=\"/media/"),
        "{}",
        view.body_markdown
    );
    assert!(
        !view.body_markdown.contains("old.example.org"),
        "{}",
        view.body_markdown
    );
    // Links to the old site's pages lead here, to their 301s.
    assert!(
        view.body_markdown.contains("](/about/)"),
        "{}",
        view.body_markdown
    );
    assert_eq!(
        view.updated_at.unix_timestamp(),
        1_715_076_000,
        "modified date kept"
    );
    let doc = reply.html();
    let replies = crate::support::texts(&doc, ".comment-list .comment-replies .comment-body");
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert!(replies[0].contains("Agreed with this"), "{replies:?}");
    let top = crate::support::texts(&doc, ".comment-list > .comment > article > .comment-body");
    assert_eq!(top.len(), 1, "{top:?}");
    assert_eq!(top[0], "First! Great news");
    assert!(!html.contains("Pending words") && !html.contains("Buy pills"));
    let counts = app.store().comment_counts().await.expect("counts");
    assert_eq!((counts.approved, counts.pending, counts.spam), (2, 1, 1));

    // A pending post is the editors', a future one is scheduled.
    let scheduled = app.get("/?p=11").await;
    assert_eq!(scheduled.status, 303, "a scheduled post is not out yet");
    use dateline_core::Status as S;
    assert_eq!(with_status(app.store(), S::Published).await, 2);
    assert_eq!(with_status(app.store(), S::Scheduled).await, 1);
    assert_eq!(with_status(app.store(), S::Submitted).await, 1);
    // The comments keep their dates.
    let times = doc
        .select(&scraper::Selector::parse(".comment-meta time").expect("selector"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_string))
        .collect::<Vec<_>>();
    assert!(
        times.iter().any(|t| t.starts_with("2024-05-06T09:00:01")),
        "{times:?}"
    );

    // The author's account: disabled, without a password, to invite.
    let users = app.store().users().await.expect("users");
    let reyes = users
        .iter()
        .find(|u| u.email == "m.reyes@old.example.org")
        .expect("an account for the author");
    assert!(reyes.disabled && !reyes.has_password);

    // Every kind of old address.
    moved(&app, "/2024/05/harbour-reopens/", path).await;
    moved(&app, "/2024/05/harbour-reopens", path).await;
    moved(&app, "/?p=10", path).await;
    moved(&app, "/index.php?p=10&preview=true", path).await;
    moved(&app, "/?page_id=21", "/en/page/about-team").await;
    moved(&app, "/about/team/", "/en/page/about-team").await;
    moved(&app, "/about/", "/en/page/about").await;
    moved(&app, "/category/news/local/", "/en/local/").await;
    moved(&app, "/category/news/local/feed/", "/en/local/feed.xml").await;
    moved(&app, "/category/news/local/page/2/", "/en/local/?page=2").await;
    moved(&app, "/tag/harbour/page/3/", "/en/tag/harbour?page=3").await;
    assert_eq!(app.get("/tag/harbour/feed/page/2/").await.status, 404);
    moved(&app, "/?cat=4", "/en/local/").await;
    moved(&app, "/tag/harbour/", "/en/tag/harbour").await;
    moved(&app, "/tag/harbour/feed/", "/en/tag/harbour/feed.xml").await;
    moved(&app, "/author/mreyes/", "/en/author/maria-reyes").await;
    moved(&app, "/feed/", "/en/feed.xml").await;
    moved(&app, "/?feed=rss2", "/en/feed.xml").await;
    moved(
        &app,
        "/2024/05/%C3%A9t%C3%A9-en-mer/",
        "/en/local/2024/05/06/ete-en-mer",
    )
    .await;
    // Comments closed there stay closed here; open ones take comments.
    let closed = app.get("/en/local/2024/05/06/ete-en-mer").await.text();
    assert!(!closed.contains("id=\"comment-form\""));
    assert!(html.contains("id=\"comment-form\""));
    let picture = app.get("/wp-content/uploads/2024/05/harbour.png").await;
    assert_eq!(picture.status, 301);
    let to = picture.header("location").expect("a location").to_string();
    assert!(to.starts_with("/media/") && to.ends_with(".png"), "{to}");
    assert_eq!(app.get(&to).await.status, 200);
    for page in [
        "/en/page/about",
        "/en/page/about-team",
        "/en/author/maria-reyes",
    ] {
        assert_eq!(app.get(page).await.status, 200, "{page}");
    }
    // What is not an old address, or not public, stays as it was.
    assert_eq!(app.get("/2024/05/waiting/").await.status, 404);
    assert_eq!(app.get("/2024/05/nothing-here/").await.status, 404);
    assert_eq!(app.get("/?p=999").await.status, 303);

    // Again, with the structure given: the same rows, updated.
    let before = rows(app.store()).await;
    let (code, out, err) = import(
        &app,
        &[
            "--uploads",
            &uploads_arg,
            "--permalinks",
            "/%year%/%monthnum%/%postname%/",
            "--fetch",
            &file_arg,
        ],
    );
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("/inside.png was not fetched") && err.contains("not a public address"),
        "{err}"
    );
    assert!(
        inside.accept().is_err(),
        "the import reached the machine itself"
    );
    assert!(out.contains("posts: 0 imported, 4 updated"), "{out}");
    assert!(out.contains("comments: 0 imported, 4 updated"), "{out}");
    assert!(out.contains("pictures: 0 imported, 1 updated"), "{out}");
    assert_eq!(rows(app.store()).await, before);
    moved(&app, "/2024/05/harbour-reopens/", path).await;

    // A moved site keeps its old addresses and what the import made.
    let archive = app.dir.path().join("site.jsonl");
    let mut cmd = dateline();
    cmd.args(["export", "--data-dir"]).arg(app.data_dir());
    if let Some(url) = &app.config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    let status = cmd.arg("--output").arg(&archive).status().expect("export");
    assert!(status.success());
    let text = std::fs::read_to_string(&archive).expect("archive");
    assert!(
        text.lines()
            .any(|l| l.contains(r#""table":"wordpress_links""#)
                && l.contains(r#""path":"/?p=10""#)
                && l.contains(r#""kind":"article""#)),
        "the archive keeps the old addresses"
    );
    assert!(text.contains(r#""table":"wordpress_ids""#));
    app.stop().await;
}

#[tokio::test]
async fn a_flood_of_made_up_old_addresses_is_answered_plainly() {
    let app = TestApp::with_demo().await;
    for n in 0..300u64 {
        let p = n.wrapping_mul(2_654_435_761) % 1_000_000_007;
        let reply = app.get(&format!("/?p={p}&x={n}")).await;
        assert_eq!(reply.status, 303, "/?p={p}");
        let reply = app.get(&format!("/{p}/old-post-{n}/")).await;
        assert_eq!(reply.status, 404);
    }
    let reply = app.get(&format!("/?p={}", "9".repeat(5000))).await;
    assert!(
        reply.status.is_client_error() || reply.status == 303,
        "{}",
        reply.status
    );
    assert_eq!(app.get("/en/").await.status, 200);
    app.stop().await;
}

/// Posts of a real export that readers should find at their old address.
fn public_posts(file: &Path) -> (String, Vec<(u64, String)>) {
    let reader = std::io::BufReader::new(std::fs::File::open(file).expect("export"));
    let mut base = String::new();
    let mut posts = Vec::new();
    for entry in WxrReader::new(reader).flatten() {
        match entry {
            Entry::Site(site) => base = site.base_blog_url.unwrap_or(site.link),
            Entry::Item(item)
                if item.post_type == PostType::Post
                    && item.status == Status::Publish
                    && item.password.is_empty() =>
            {
                posts.push((item.post_id, permalinks::path_of(&item.link, &base)));
            }
            _ => {}
        }
    }
    (base, posts)
}

/// Every public post's old address and `?p=` answer 301 to one page that
/// is there.
async fn every_post_answers(app: &TestApp, file: &Path) -> usize {
    let (_, posts) = public_posts(file);
    for (id, old) in &posts {
        let reply = app.get(old).await;
        assert_eq!(reply.status, 301, "{old}");
        let to = reply.header("location").expect("location").to_string();
        assert!(to.starts_with("/en/"), "{old} → {to}");
        moved(app, &format!("/?p={id}"), &to).await;
        let page = app.get(&to).await;
        assert_eq!(page.status, 200, "{old} → {to}");
        only_own_scripts(&page.text(), &to);
    }
    posts.len()
}

#[tokio::test]
async fn the_theme_unit_test_data_moves_in() {
    let Some(file) = shared_export("themeunittestdata.wordpress.xml") else {
        return;
    };
    let app = TestApp::empty().await;
    let file_arg = file.display().to_string();
    let (code, out, err) = import(&app, &[&file_arg]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("posts: 58 imported"), "{out}");
    assert!(out.contains("pages: 21 imported"), "{out}");
    assert!(out.contains("comments: 24 imported"), "{out}");
    assert!(out.contains("2 pingback, 2 trackback"), "{out}");
    assert!(out.contains("70 nav_menu_item"), "{out}");
    app.settle().await;
    assert!(every_post_answers(&app, &file).await > 40);

    // A thread: the comments post keeps its replies under their parents.
    let page = app.get("/en/classic/2012/01/03/template-comments").await;
    assert_eq!(page.status, 200);
    let doc = page.html();
    assert!(!crate::support::texts(&doc, ".comment-replies .comment-body").is_empty());
    // Nested categories, nested pages with non-ASCII slugs, authors.
    moved(
        &app,
        "/category/parent-category/child-category-03/grandchild-category/",
        "/en/grandchild-category/",
    )
    .await;
    moved(
        &app,
        "/greek/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/",
        "/en/page/greek-%CE%B5%CF%80%CE%B9%CF%80%CE%B5%CE%B4%CE%BF-2",
    )
    .await;
    moved(&app, "/?page_id=2", "/en/page/about").await;
    moved(&app, "/author/themedemos/", "/en/author/theme-buster").await;
    assert_eq!(app.get("/en/page/about").await.status, 200);

    let before = rows(app.store()).await;
    let (code, out, err) = import(&app, &[&file_arg]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("posts: 0 imported, 58 updated"), "{out}");
    assert_eq!(rows(app.store()).await, before);
    app.stop().await;
}

#[tokio::test]
async fn the_block_test_data_moves_in() {
    let Some(file) = shared_export("64-block-test-data.xml") else {
        return;
    };
    let app = TestApp::empty().await;
    let file_arg = file.display().to_string();
    let (code, out, err) = import(&app, &[&file_arg]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("posts: 61 imported"), "{out}");
    assert!(out.contains("1 wp_navigation"), "{out}");
    app.settle().await;
    assert!(every_post_answers(&app, &file).await > 50);
    app.stop().await;
}

#[tokio::test]
async fn an_administrator_imports_from_the_newsroom_and_follows_it() {
    use crate::support::newsroom::{make_user, Desk};
    use dateline_core::newsroom::Role;
    use reqwest::multipart::{Form, Part};
    let app = TestApp::empty().await;
    make_user(&app, "chief@example.org", Role::Admin).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let writer = Desk::login(&app, "writer@example.org").await;
    assert_eq!(writer.get("/newsroom/import").await.status, 403);

    let desk = Desk::login(&app, "chief@example.org").await;
    let page = desk.get("/newsroom/import").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("enctype=\"multipart/form-data\""));
    let (xml, broken_line) = export(1);
    let send = |csrf: String, xml: String| {
        // The token first, as the page's form sends it.
        let form = Form::new().text("csrf", csrf).text("language", "en").part(
            "file",
            Part::bytes(xml.into_bytes()).file_name("gazette.xml"),
        );
        desk.client
            .post(format!("{}/newsroom/import", desk.base))
            .multipart(form)
            .send()
    };
    // Without the session's token nothing is kept or started.
    let forged = send("forged".into(), xml.clone()).await.expect("answered");
    assert_eq!(forged.status(), 403);
    let started = send(desk.csrf.clone(), xml).await.expect("answered");
    assert_eq!(started.status(), 303);
    let mut text = String::new();
    for _ in 0..200 {
        text = desk.get("/newsroom/import").await.text();
        if text.contains("The import is done.") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text.contains("The import is done."), "{text}");
    assert!(text.contains("posts: 4 imported"), "{text}");
    assert!(
        text.contains(&format!("gazette.xml:{broken_line}: item 5 (post 13)")),
        "{text}"
    );
    app.settle().await;
    moved(&app, "/?p=10", "/en/local/2024/05/06/harbour-reopens").await;
    app.stop().await;
}
