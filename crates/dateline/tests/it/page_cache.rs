//! The page cache under a working newsroom: each change purges the pages
//! it makes stale (found by their surrogate keys), and no page the cache
//! serves ever differs from a fresh render of it.

use crate::support::newsroom::{article_fields, make_user, post_article, Desk};
use crate::support::TestApp;
use dateline_core::newsroom::Role;

const SEED: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

/// What differs between two renders of one unchanged page: the comment
/// form's token (signed with the time of the render), and an article
/// page's side column and its "more from the section" (the most read and
/// the section's latest move with the counts and with other stories, and
/// the page is re-rendered each minute for them by design, not purged).
fn comparable(html: &str) -> String {
    // An article page's side column, whole: whether it shows at all
    // depends on those lists.
    if html.contains(" article-layout\">") {
        let html = html.replace("\"with-side article-layout\"", "\"no-side article-layout\"");
        let side = html.find("<div class=\"side\">").map(|at| {
            (
                at,
                html[at..].find("</div>").map_or(html.len(), |e| at + e + 6),
            )
        });
        if let Some((start, end)) = side {
            return comparable_parts(&format!("{}{}", html[..start].trim_end(), &html[end..]));
        }
        return comparable_parts(&html);
    }
    comparable_parts(html)
}

fn comparable_parts(html: &str) -> String {
    const TOKEN: &str = "name=\"token\" value=\"";
    // Each block left out: where it starts, and the end of its element.
    const LEFT_OUT: [(&str, &str); 3] = [
        ("<aside class=\"most-viewed\"", "</aside>"),
        ("<section class=\"section-latest\"", "</section>"),
        ("<aside class=\"related more-from\"", "</aside>"),
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let token = rest.find(TOKEN).map(|at| (at, None));
        let block = LEFT_OUT
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, Some(*close))))
            .min();
        match token.into_iter().chain(block).min() {
            Some((at, None)) => {
                let start = at + TOKEN.len();
                out.push_str(&rest[..start]);
                rest = &rest[start..];
                rest = &rest[rest.find('"').unwrap_or(0)..];
            }
            Some((at, Some(close))) => {
                out.push_str(&rest[..at]);
                let end = rest[at..]
                    .find(close)
                    .map_or(rest.len(), |e| at + e + close.len());
                rest = &rest[end..];
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// A page as the cache serves it, and as a fresh render gives it (a
/// request the cache never keeps: it carries a pending-comment cookie).
async fn both(app: &TestApp, path: &str) -> (u16, String, String) {
    let cached = app.get(path).await;
    let fresh = app.get_with(path, &[("cookie", "dl_pending=0.0")]).await;
    assert_eq!(cached.status, fresh.status, "{path}");
    (
        cached.status.as_u16(),
        comparable(&cached.text()),
        comparable(&fresh.text()),
    )
}

/// A small xorshift: the same sequence of changes on every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[tokio::test]
async fn publishing_editing_and_unpublishing_at_random_never_leaves_a_stale_page() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    app.settle().await;
    let mut dice = Dice(0x2545_f491_4f6c_dd1d);
    let tags = ["Cuba", "Radio", "Havana, Cuba"];
    let mut stories: Vec<(i64, String)> = Vec::new();
    let lists = [
        "/en/",
        "/en/world/",
        "/en/world/?page=2",
        "/en/feed.xml",
        "/en/world/feed.xml",
        "/en/tag/cuba",
        "/en/tag/radio",
        "/sitemap.xml",
        SEED,
    ];
    let mut purged_some = false;
    for step in 0..14 {
        // Every page asked for, so the cache holds it before the change.
        let mut pages: Vec<String> = lists.iter().map(|p| p.to_string()).collect();
        for (id, _) in &stories {
            if let Some(path) = app
                .store()
                .article_places(&[*id])
                .await
                .ok()
                .and_then(|p| p.first().and_then(|p| p.paths.first().cloned()))
            {
                pages.push(path);
            }
        }
        for page in &pages {
            app.get(page).await;
        }
        let cached_before = app.running.as_ref().expect("running").state.cache.len();

        let headline = format!("Story {step} on the ceasefire talks");
        let op = if stories.is_empty() { 0 } else { dice.roll(3) };
        match op {
            0 => {
                let mut fields = article_fields(&headline, "First paragraph.\n\nSecond.");
                let tag = tags[dice.roll(tags.len())];
                fields.retain(|(k, _)| *k != "tags");
                fields.push(("tags", tag));
                fields.push(("intent", "publish"));
                let id = post_article(&desk, &fields).await;
                stories.push((id, headline));
            }
            1 => {
                let (id, old) = stories[dice.roll(stories.len())].clone();
                let edited = format!("{old}, edited at step {step}");
                let mut fields = article_fields(&edited, "First paragraph, changed.\n\nSecond.");
                fields.push(("intent", "save"));
                let reply = desk
                    .post(&format!("/newsroom/articles/{id}"), &fields)
                    .await;
                let problems =
                    crate::support::texts(&reply.html(), ".field-error, .errors li, [role=alert]");
                assert!(
                    reply.status.is_redirection(),
                    "{}: {problems:?}",
                    reply.status
                );
            }
            _ => {
                let (id, _) = stories.remove(dice.roll(stories.len()));
                let reply = desk
                    .post(
                        &format!("/newsroom/articles/{id}/workflow"),
                        &[("transition", "unpublish")],
                    )
                    .await;
                assert!(reply.status.is_redirection(), "{}", reply.text());
            }
        }
        app.settle().await;
        let cached_after = app.running.as_ref().expect("running").state.cache.len();
        purged_some |= cached_after < cached_before && cached_after > 0;

        for page in &pages {
            let (status, cached, fresh) = both(&app, page).await;
            assert!(
                cached == fresh,
                "step {step} (operation {op}): {page} ({status}) is served stale:\n--- cached\n{cached}\n--- fresh\n{fresh}"
            );
        }
    }
    assert!(purged_some, "the changes purged some pages and kept others");
    app.stop().await;
}

#[tokio::test]
async fn a_new_story_purges_its_lists_and_leaves_other_sections_cached() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    // The demo edition, filed at start, reaches the cache first.
    app.settle().await;
    // A story of another section than World, from the front's links.
    let front = app.get("/en/").await.text();
    let elsewhere = front
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|href| {
            let parts: Vec<&str> = href.trim_start_matches('/').split('/').collect();
            parts.len() == 6 && parts[0] == "en" && parts[1] != "world"
        })
        .expect("the demo front shows a story outside World")
        .to_string();
    assert_eq!(app.get(&elsewhere).await.status, 200);
    app.get("/en/world/").await;
    let cache = &app.running.as_ref().expect("running").state.cache;
    let mut fields = article_fields("A story that only World shows", "Body.");
    fields.push(("intent", "publish"));
    post_article(&desk, &fields).await;
    app.settle().await;
    let hits = cache.hits();
    // The section and the front show the new story at once...
    assert!(app
        .get("/en/world/")
        .await
        .text()
        .contains("A story that only World shows"));
    assert!(app
        .get("/en/")
        .await
        .text()
        .contains("A story that only World shows"));
    assert_eq!(cache.hits(), hits, "both were rendered afresh");
    // ...and a story of another section is still the page kept before.
    assert_eq!(app.get(&elsewhere).await.status, 200);
    assert_eq!(cache.hits(), hits + 1, "{elsewhere} came from the cache");
    app.stop().await;
}

#[tokio::test]
async fn an_approved_comment_purges_its_story_and_the_lists_counting_it_only() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let mut fields = article_fields("A story readers comment on", "Body.");
    fields.push(("intent", "publish"));
    let id = post_article(&desk, &fields).await;
    app.settle().await;
    let story = app
        .store()
        .article_places(&[id])
        .await
        .expect("places")
        .remove(0)
        .paths
        .remove(0);
    // Another World story's page links to the new one (its side column
    // lists the section's latest), and so do the section and the front.
    let front = app.get("/en/world/").await.text();
    let other = front
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.starts_with("/en/world/20") && *href != story && !href.contains('#'))
        .expect("another World story")
        .to_string();
    assert!(app.get(&other).await.text().contains(&story));
    app.get(&story).await;
    app.get("/en/").await;
    let cache = &app.running.as_ref().expect("running").state.cache;

    let valid = dateline_core::comment::CommentForm {
        name: "Ana".into(),
        email: "ana@example.org".into(),
        body: "A first comment.".into(),
        parent_id: None,
    }
    .validate()
    .expect("valid");
    let key = dateline_core::comment::duplicate_key(id, &valid);
    app.store()
        .post_comment(
            id,
            &valid,
            dateline_core::comment::CommentStatus::Approved,
            None,
            "test",
            &key,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("post");
    app.settle().await;
    let hits = cache.hits();
    // The story shows its comment, and the lists their count, at once...
    assert!(app.get(&story).await.text().contains("A first comment."));
    for list in ["/en/world/", "/en/"] {
        let html = app.get(list).await.html();
        assert_eq!(
            crate::support::texts(&html, &format!("a.card-comments[href='{story}#comments']")),
            ["1 comment"],
            "{list}"
        );
    }
    assert_eq!(cache.hits(), hits, "all three were rendered afresh");
    // ...and the other story's page, which shows no count, stayed cached.
    assert_eq!(app.get(&other).await.status, 200);
    assert_eq!(cache.hits(), hits + 1, "{other} came from the cache");
    app.stop().await;
}

#[tokio::test]
async fn pages_name_their_keys_only_to_a_cdn_that_is_purged() {
    let plain = TestApp::with_demo().await;
    let front = plain.get("/en/").await;
    assert_eq!(front.header("cache-control"), Some("public, max-age=30"));
    assert!(front.header("xkey").is_none() && front.header("surrogate-key").is_none());
    plain.stop().await;

    // A cache server nobody listens on: purges fail and are logged, pages
    // are served all the same.
    let fronted = TestApp::configured(|c| c.cdn_purge = vec!["http://127.0.0.1:9/".into()]).await;
    fronted.settle().await;
    let front = fronted.get("/en/").await;
    assert_eq!(front.status, 200);
    let control = front.header("cache-control").unwrap_or_default();
    assert!(
        control.contains("s-maxage=") && control.contains("stale-while-revalidate=30"),
        "{control}"
    );
    let keys = front.header("xkey").unwrap_or_default().to_string();
    assert!(keys.starts_with("all l.en a"), "{keys}");
    assert_eq!(front.header("surrogate-key"), Some(keys.as_str()));
    let article = fronted.get(SEED).await;
    let keys = article.header("xkey").unwrap_or_default();
    assert!(
        keys.contains(&dateline_core::surrogate::article(SEED))
            && keys.contains(&dateline_core::surrogate::own(SEED)),
        "{keys}"
    );
    // An article page belongs to no list: other stories published leave it.
    assert!(!keys.contains("s.en.world"), "{keys}");
    fronted.stop().await;
}

#[tokio::test]
async fn a_burst_of_readers_of_a_missing_page_renders_it_once() {
    let app = TestApp::with_demo().await;
    app.settle().await;
    let cache = &app.running.as_ref().expect("running").state.cache;
    let before = cache.renders();
    let readers = (0..64).map(|_| app.get(SEED));
    let replies = futures_util::future::join_all(readers).await;
    assert!(replies.iter().all(|r| r.status == 200));
    let bodies: std::collections::HashSet<&[u8]> =
        replies.iter().map(|r| r.body.as_slice()).collect();
    assert_eq!(bodies.len(), 1, "every reader got the one render");
    assert_eq!(
        cache.renders() - before,
        1,
        "64 readers at once, one render"
    );
    app.stop().await;
}
