//! Reader comments as readers and moderators meet them: the real server, the
//! real form, the real database.

use crate::support;

use dateline_core::comment::CommentStatus;
use dateline_store::PathLookup;
use reqwest::StatusCode;
use support::{attr, texts, Reply, TestApp};
use time::OffsetDateTime;

const SEED: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
/// Comments close by age only when a site says so; the seed is from 2016.
const ARTICLE: &str = SEED;

async fn article_id(app: &TestApp) -> i64 {
    match app.store().lookup_path(ARTICLE).await.expect("lookup") {
        PathLookup::Article(a) => a.id,
        other => panic!("expected the article, got {other:?}"),
    }
}

async fn set(app: &TestApp, key: &str, value: &str) {
    app.set_setting(key, value).await;
}

/// A site whose form may be sent back at once (the default asks for 3 s).
async fn quick_site() -> TestApp {
    let app = TestApp::with_demo().await;
    set(&app, "comments.min_seconds", "0").await;
    // These readers post many comments from one cached page's form.
    set(&app, "comments.per_form", "1000").await;
    app
}

async fn token(app: &TestApp, path: &str) -> String {
    let page = app.get(path).await;
    attr(&page.html(), "form.comment-form input[name=token]", "value")
        .expect("the form carries a token")
}

async fn post(app: &TestApp, fields: &[(&str, &str)]) -> Reply {
    let token = token(app, ARTICLE).await;
    post_with_token(app, &token, fields, None).await
}

async fn post_with_token(
    app: &TestApp,
    token: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("token", token));
    let mut req = app
        .client
        .post(format!("{}{ARTICLE}/comments", app.base))
        .form(&form);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("answered");
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

/// Form fields, as posted.
type Fields<'a> = &'a [(&'a str, &'a str)];

const GOOD: &[(&str, &str)] = &[
    ("name", "Ana Rodríguez"),
    ("email", "ana@example.org"),
    ("body", "A fair account of the talks."),
];

fn cookie_of(reply: &Reply) -> String {
    let set_cookie = reply.header("set-cookie").expect("a pending cookie");
    set_cookie
        .split(';')
        .next()
        .expect("name=value")
        .to_string()
}

async fn statuses(app: &TestApp) -> Vec<String> {
    app.store()
        .moderation_queue(None, None, 1000)
        .await
        .expect("queue")
        .into_iter()
        .map(|c| c.status.to_string())
        .collect()
}

#[tokio::test]
async fn the_form_is_there_with_labels_hints_and_limits() {
    let app = TestApp::with_demo().await;
    let html = app.get(ARTICLE).await.html();
    assert_eq!(texts(&html, ".comments > h2"), ["Commentaries"]);
    assert_eq!(texts(&html, ".comment-form h3"), ["Make a comment"]);
    assert_eq!(texts(&html, ".form-note"), ["All fields required."]);
    assert_eq!(
        texts(&html, ".comment-form label"),
        ["Name", "Email", "Comment", "Leave this field empty"]
    );
    assert_eq!(
        attr(&html, "#comment-name", "maxlength").as_deref(),
        Some("80")
    );
    assert_eq!(
        attr(&html, "#comment-body", "maxlength").as_deref(),
        Some("5000")
    );
    assert!(texts(&html, "#comment-body-hint")[0].contains("5,000 characters"));
    assert_eq!(
        attr(&html, "form.comment-form", "action").as_deref(),
        Some(format!("{ARTICLE}/comments").as_str())
    );
    assert_eq!(attr(&html, ".hp", "aria-hidden").as_deref(), Some("true"));
    assert_eq!(texts(&html, ".comments .empty"), ["No comments yet."]);
    app.stop().await;
}

#[tokio::test]
async fn every_field_error_keeps_what_was_typed() {
    let app = quick_site().await;
    let long_name = "N".repeat(81);
    let long_body = "b".repeat(5001);
    let cases: &[(Fields, Fields)] = &[
        (
            &[],
            &[
                ("name", "Please enter your name."),
                ("email", "Please enter your email address."),
                ("body", "Please write a comment."),
            ],
        ),
        (
            &[
                ("name", "   "),
                ("email", "ana@example.org"),
                ("body", "Text"),
            ],
            &[("name", "Please enter your name.")],
        ),
        (
            &[("name", "Ana"), ("email", "ana@"), ("body", "Text")],
            &[(
                "email",
                "Please enter a valid email address, such as name@example.org.",
            )],
        ),
        (
            &[
                ("name", "Ana"),
                ("email", "ana example.org"),
                ("body", "Text"),
            ],
            &[(
                "email",
                "Please enter a valid email address, such as name@example.org.",
            )],
        ),
        (
            &[
                ("name", &long_name),
                ("email", "ana@example.org"),
                ("body", "Text"),
            ],
            &[(
                "name",
                "Your name can be at most 80 characters; this one has 81.",
            )],
        ),
        (
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", &long_body),
            ],
            &[(
                "body",
                "A comment can be at most 5000 characters; this one has 5001.",
            )],
        ),
        (
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", " \n\t "),
            ],
            &[("body", "Please write a comment.")],
        ),
    ];
    for (fields, expected) in cases {
        let reply = post(&app, fields).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        let html = reply.html();
        for (field, message) in *expected {
            assert_eq!(
                texts(&html, &format!("#comment-{field}-error")),
                [*message],
                "{fields:?}"
            );
            assert_eq!(
                attr(&html, &format!("#comment-{field}"), "aria-invalid").as_deref(),
                Some("true")
            );
        }
        // Everything typed comes back.
        for (field, value) in *fields {
            let kept = if *field == "body" {
                texts(&html, "#comment-body").join("")
            } else {
                attr(&html, &format!("#comment-{field}"), "value").unwrap_or_default()
            };
            assert_eq!(kept.trim(), value.trim(), "{field} kept");
        }
        assert_eq!(texts(&html, ".form-error").len(), 1);
    }
    assert!(statuses(&app).await.is_empty(), "nothing was stored");
    app.stop().await;
}

#[tokio::test]
async fn a_good_comment_awaits_moderation_then_appears() {
    let app = quick_site().await;
    let reply = post(&app, GOOD).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.header("location").expect("location").to_string();
    assert!(
        location.starts_with(ARTICLE) && location.contains("#comment-"),
        "{location}"
    );
    let cookie = cookie_of(&reply);

    // The author sees it, marked; nobody else does.
    let mine = app.get_with(ARTICLE, &[("cookie", &cookie)]).await;
    assert_eq!(
        mine.header("cache-control"),
        Some("private, no-store"),
        "never in a shared cache"
    );
    let html = mine.html();
    assert_eq!(
        texts(&html, ".pending-note"),
        ["Your comment is awaiting moderation. Only you can see it until an editor approves it."]
    );
    assert_eq!(
        texts(&html, ".comment-pending .comment-author"),
        ["Ana Rodríguez"]
    );
    let theirs = app.get(ARTICLE).await.html();
    assert!(texts(&theirs, ".comment").is_empty());
    assert!(texts(&theirs, ".pending-note").is_empty());

    // A moderator approves it: everyone sees it, oldest first, without the email.
    let queue = app
        .store()
        .moderation_queue(Some(CommentStatus::Pending), None, 10)
        .await
        .expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].email, "ana@example.org");
    app.store()
        .set_comment_status(
            &[queue[0].id],
            CommentStatus::Approved,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("approve");
    let page = app
        .eventually(ARTICLE, |r| {
            r.text().contains("A fair account of the talks.")
        })
        .await;
    let html = page.html();
    assert_eq!(
        texts(&html, ".comment-list .comment-author"),
        ["Ana Rodríguez"]
    );
    assert_eq!(texts(&html, ".comments > h2"), ["Commentaries (1)"]);
    assert!(
        !page.text().contains("ana@example.org"),
        "the email is never shown"
    );
    assert!(!texts(&html, ".comment time").is_empty());
    // The count shows on lists.
    let world = app
        .eventually("/en/world/", |r| r.text().contains("1 comment"))
        .await;
    assert!(
        world.text().contains("1 comment"),
        "the section list shows the count"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_double_submit_makes_one_comment() {
    let app = quick_site().await;
    let token = token(&app, ARTICLE).await;
    let first = post_with_token(&app, &token, GOOD, None).await;
    let second = post_with_token(&app, &token, GOOD, None).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    assert_eq!(first.header("location"), second.header("location"));
    assert_eq!(statuses(&app).await.len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn form_tokens_too_fast_expired_or_forged() {
    let app = TestApp::with_demo().await; // the default: 3 s at least
    let reply = post(&app, GOOD).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&reply.html(), ".form-error"),
        ["That was quick: please read your comment over and send it again."]
    );
    assert_eq!(
        attr(&reply.html(), "#comment-name", "value").as_deref(),
        Some("Ana Rodríguez")
    );

    set(&app, "comments.min_seconds", "0").await;
    let id = article_id(&app).await;
    let old = dateline_core::comment::FormToken {
        article_id: id,
        issued_at: OffsetDateTime::now_utc().unix_timestamp() - 2 * 86_400,
    };
    let secret = app.store().site_secret().await.expect("secret");
    let reply = post_with_token(&app, &old.sign(&secret), GOOD, None).await;
    assert_eq!(
        texts(&reply.html(), ".form-error"),
        ["This form has expired. Please send your comment again."]
    );
    let reply = post_with_token(&app, "1.2.forged", GOOD, None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&reply.html(), ".form-error"),
        ["This form could not be checked. Please send your comment again."]
    );
    assert!(statuses(&app).await.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn spam_signals_keep_the_comment_as_spam() {
    let app = quick_site().await;
    set(&app, "comments.blocked_words", "casino").await;
    set(&app, "comments.blocked_domains", "spam.example").await;
    let cases: &[&[(&str, &str)]] = &[
        &[
            ("name", "Bot"),
            ("email", "bot@example.org"),
            ("body", "Hello"),
            ("website", "http://x.example"),
        ],
        &[
            ("name", "Ana"),
            ("email", "ana@example.org"),
            ("body", "Best CASINO online"),
        ],
        &[
            ("name", "Ana"),
            ("email", "ana@mail.spam.example"),
            ("body", "Plain words"),
        ],
    ];
    for fields in cases {
        let reply = post(&app, fields).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{fields:?}");
        assert!(
            reply.header("set-cookie").is_some(),
            "the sender is told it awaits moderation"
        );
    }
    assert_eq!(statuses(&app).await, ["spam", "spam", "spam"]);

    // A blocked commenter goes straight to spam too; unblocked, not.
    app.store()
        .block_commenter(Some("eve@example.org"), None, OffsetDateTime::now_utc())
        .await
        .expect("block");
    post(
        &app,
        &[
            ("name", "Eve"),
            ("email", "eve@example.org"),
            ("body", "Again"),
        ],
    )
    .await;
    assert_eq!(statuses(&app).await[0], "spam");
    app.store()
        .unblock_commenter("eve@example.org")
        .await
        .expect("unblock");
    post(
        &app,
        &[
            ("name", "Eve"),
            ("email", "eve@example.org"),
            ("body", "Once more"),
        ],
    )
    .await;
    assert_eq!(statuses(&app).await[0], "pending");
    app.stop().await;
}

#[tokio::test]
async fn rate_limits_and_link_limits() {
    let app = quick_site().await;
    set(&app, "comments.rate_per_address", "2").await;
    for i in 0..2 {
        let body = format!("Comment number {i}");
        let reply = post(
            &app,
            &[
                ("name", "Ana"),
                ("email", &format!("a{i}@example.org")),
                ("body", &body),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    }
    let reply = post(
        &app,
        &[
            ("name", "Ana"),
            ("email", "a3@example.org"),
            ("body", "One too many"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.header("retry-after").is_some());
    assert!(texts(&reply.html(), "#comment-body")
        .join("")
        .contains("One too many"));

    set(&app, "comments.rate_per_address", "100").await;
    let links = "See https://a.example/1 and https://b.example/2 and www.c.example";
    let reply = post(
        &app,
        &[
            ("name", "Ana"),
            ("email", "links@example.org"),
            ("body", links),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&reply.html(), "#comment-body-error"),
        ["A comment can carry at most 2 links."]
    );
    app.stop().await;
}

#[tokio::test]
async fn policies_publish_hold_first_time_and_hold_all() {
    let app = quick_site().await;
    set(&app, "comments.policy", "publish-all").await;
    post(
        &app,
        &[
            ("name", "Pat"),
            ("email", "pat@example.org"),
            ("body", "Published at once https://un.org/x"),
        ],
    )
    .await;
    let page = app
        .eventually(ARTICLE, |r| r.text().contains("Published at once"))
        .await;
    let html = page.html();
    assert_eq!(
        attr(&html, ".comment-body a", "rel").as_deref(),
        Some("nofollow ugc noopener")
    );
    assert_eq!(
        attr(&html, ".comment-body a", "href").as_deref(),
        Some("https://un.org/x")
    );

    set(&app, "comments.policy", "hold-first-time").await;
    post(
        &app,
        &[
            ("name", "New"),
            ("email", "new@example.org"),
            ("body", "First words"),
        ],
    )
    .await;
    post(
        &app,
        &[
            ("name", "Pat"),
            ("email", "pat@example.org"),
            ("body", "Known commenter"),
        ],
    )
    .await;
    assert_eq!(statuses(&app).await, ["approved", "pending", "approved"]);
    app.stop().await;
}

#[tokio::test]
async fn one_level_of_replies() {
    let app = quick_site().await;
    set(&app, "comments.policy", "publish-all").await;
    post(&app, GOOD).await;
    let page = app
        .eventually(ARTICLE, |r| r.text().contains("A fair account"))
        .await;
    let reply_link = attr(&page.html(), ".comment-actions a", "href").expect("a reply link");
    let parent: i64 = reply_link
        .trim_start_matches("?reply=")
        .trim_end_matches("#comment-form")
        .parse()
        .expect("id");

    let form_page = app.get(&format!("{ARTICLE}?reply={parent}")).await.html();
    assert_eq!(
        attr(&form_page, "input[name=parent_id]", "value"),
        Some(parent.to_string())
    );
    assert!(texts(&form_page, ".replying")[0].starts_with("Replying to Ana Rodríguez"));
    let token = attr(&form_page, "input[name=token]", "value").expect("token");
    let parent_text = parent.to_string();
    let reply = post_with_token(
        &app,
        &token,
        &[
            ("name", "Luis"),
            ("email", "luis@example.org"),
            ("body", "I agree."),
            ("parent_id", &parent_text),
        ],
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let page = app
        .eventually(ARTICLE, |r| r.text().contains("I agree."))
        .await;
    assert_eq!(
        texts(&page.html(), ".comment-replies .comment-author"),
        ["Luis"]
    );

    // A reply to a reply, or to nothing, is refused with the text kept.
    let bad = post(
        &app,
        &[
            ("name", "Luis"),
            ("email", "luis@example.org"),
            ("body", "Deeper"),
            ("parent_id", "999999"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(texts(&bad.html(), ".form-error")[0].contains("no longer available"));
    app.stop().await;
}

#[tokio::test]
async fn closed_comments_show_no_form_and_refuse_posts() {
    let app = quick_site().await;
    let id = article_id(&app).await;
    let token = token(&app, ARTICLE).await;
    app.store()
        .set_article_comments_open(id, false, OffsetDateTime::now_utc())
        .await
        .expect("close");
    let page = app
        .eventually(ARTICLE, |r| r.text().contains("Comments are closed"))
        .await;
    assert!(texts(&page.html(), "form.comment-form").is_empty());
    let reply = post_with_token(&app, &token, GOOD, None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(
        texts(&reply.html(), "#comment-kept")
            .join("")
            .contains("A fair account"),
        "the text is kept"
    );

    // By section, and by age.
    app.store()
        .set_article_comments_open(id, true, OffsetDateTime::now_utc())
        .await
        .expect("open");
    app.store()
        .set_section_comments_open(
            dateline_core::Language::En,
            "world",
            false,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("close section");
    assert_eq!(
        post_with_token(&app, &token, GOOD, None).await.status,
        StatusCode::FORBIDDEN
    );
    app.store()
        .set_section_comments_open(
            dateline_core::Language::En,
            "world",
            true,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("open section");
    set(&app, "comments.close_after_days", "30").await;
    assert_eq!(
        post_with_token(&app, &token, GOOD, None).await.status,
        StatusCode::FORBIDDEN,
        "a 2016 story is past 30 days"
    );
    set(&app, "comments.close_after_days", "0").await;
    assert_eq!(
        post_with_token(&app, &token, GOOD, None).await.status,
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

#[tokio::test]
async fn xss_payloads_come_back_escaped_and_inert() {
    let app = quick_site().await;
    set(&app, "comments.policy", "publish-all").await;
    set(&app, "comments.rate_per_address", "1000").await;
    set(&app, "comments.rate_per_email", "1000").await;
    set(&app, "comments.max_links", "10").await;
    let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "https://example.org/\"onmouseover=\"alert(1)",
        "</textarea><script>alert(1)</script>",
        "\u{202e}<iframe src=//evil.example>",
        "<<SCRIPT>alert(1);//<</SCRIPT>",
        "'';!--\"<XSS>=&{()}",
    ];
    for (i, payload) in payloads.iter().enumerate() {
        let name: String = payload.chars().take(80).collect();
        let email = format!("x{i}@example.org");
        let reply = post(
            &app,
            &[("name", &name), ("email", &email), ("body", payload)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{payload}");
    }
    let page = app
        .eventually(ARTICLE, |r| {
            r.text().matches("class=\"comment\"").count() >= payloads.len()
        })
        .await;
    // The page's own scripts: its JSON-LD (with a type attribute) and the
    // view beacon, which is taken out before looking for any other.
    let beacon = format!(
        "<script src=\"{}\"",
        dateline_render::assets::views_script()
    );
    let lower = page.text().replacen(&beacon, "", 1).to_lowercase();
    for bad in [
        "<script>",
        "<script src",
        "<img",
        "<svg",
        "<iframe",
        "<xss",
        "<a href=\"javascript",
    ] {
        assert!(!lower.contains(bad), "{bad} came back unescaped");
    }
    // In the parsed page, the comments hold only the markup we make.
    let html = page.html();
    let all = scraper::Selector::parse(".comments *").expect("selector");
    for element in html.select(&all) {
        let e = element.value();
        for (name, value) in e.attrs() {
            assert!(
                !name.starts_with("on"),
                "an event handler {name}={value:?} on <{}>",
                e.name()
            );
            assert!(
                !value.trim_start().to_lowercase().starts_with("javascript:"),
                "a javascript: URL in {name}"
            );
        }
        assert!(
            !["script", "img", "svg", "iframe", "xss"].contains(&e.name()),
            "a <{}> element",
            e.name()
        );
    }
    let scripts = scraper::Selector::parse("script").expect("selector");
    for s in html.select(&scripts) {
        let ours = s.value().attr("type") == Some("application/ld+json")
            || s.value().attr("src") == Some(dateline_render::assets::views_script());
        assert!(
            ours,
            "only structured data and the view beacon: {:?}",
            s.value()
        );
    }
    // And the text is all there, as text.
    let shown = texts(&html, ".comment-body").join("\n");
    assert!(shown.contains("<script>alert(1)</script>"));
    assert!(shown.contains("<svg/onload=alert(1)>"));
    app.stop().await;
}

#[tokio::test]
async fn comments_paginate_past_fifty() {
    let app = quick_site().await;
    let id = article_id(&app).await;
    let now = OffsetDateTime::now_utc();
    for i in 0..55 {
        let valid = dateline_core::comment::CommentForm {
            name: format!("Reader {i:02}"),
            email: format!("r{i}@example.org"),
            body: format!("Comment {i:02}"),
            parent_id: None,
        }
        .validate()
        .expect("valid");
        let key = dateline_core::comment::duplicate_key(id, &valid);
        app.store()
            .post_comment(
                id,
                &valid,
                CommentStatus::Approved,
                None,
                "test",
                &key,
                now + time::Duration::seconds(i),
            )
            .await
            .expect("post");
    }
    let first = app
        .eventually(ARTICLE, |r| r.text().contains("Reader 49"))
        .await
        .html();
    let names = texts(&first, ".comment-list .comment-author");
    assert_eq!(names.len(), 50);
    assert_eq!(names[0], "Reader 00", "oldest first");
    assert_eq!(texts(&first, ".comments .pagination p"), ["Page 1 of 2"]);
    let second = app.get(&format!("{ARTICLE}?page=2")).await.html();
    assert_eq!(
        texts(&second, ".comment-list .comment-author"),
        [
            "Reader 50",
            "Reader 51",
            "Reader 52",
            "Reader 53",
            "Reader 54"
        ]
    );
    assert_eq!(
        app.get(&format!("{ARTICLE}?page=3")).await.status,
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}

#[tokio::test]
async fn behind_a_proxy_rate_limits_count_readers_by_forwarded_address() {
    let app = TestApp::behind_proxy().await;
    set(&app, "comments.min_seconds", "0").await;
    set(&app, "comments.rate_per_address", "2").await;
    let token = token(&app, ARTICLE).await;
    let post_from = |forwarded: &'static str, i: u32| {
        let app = &app;
        let token = token.clone();
        async move {
            let email = format!("p{i}@example.org");
            let body = format!("Comment {i} from {forwarded}");
            let form = [
                ("name", "Ana"),
                ("email", email.as_str()),
                ("body", body.as_str()),
                ("token", token.as_str()),
            ];
            app.client
                .post(format!("{}{ARTICLE}/comments", app.base))
                .header("x-forwarded-for", forwarded)
                .form(&form)
                .send()
                .await
                .expect("answered")
                .status()
        }
    };
    assert_eq!(post_from("203.0.113.5", 1).await, StatusCode::SEE_OTHER);
    assert_eq!(post_from("203.0.113.5", 2).await, StatusCode::SEE_OTHER);
    assert_eq!(
        post_from("203.0.113.5", 3).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another reader behind the same proxy is not limited; an entry the
    // client forged before the proxy's own does not count.
    assert_eq!(post_from("198.51.100.7", 4).await, StatusCode::SEE_OTHER);
    assert_eq!(
        post_from("198.51.100.7, 203.0.113.5", 5).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.stop().await;
}
