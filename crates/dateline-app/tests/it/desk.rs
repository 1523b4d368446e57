//! The newsroom's admin use cases: sections, programmes and their
//! episodes, site settings, fronts and pages; who may run each, the
//! problems a form shows (by field, nothing written), and what is written.

use crate::support::{app, member, section, story};
use dateline_app::articles::workflow::{self, Outcome};
use dateline_app::fronts::{self, BreakingInput, BreakingProblem, Broke, Pinned};
use dateline_app::pages;
use dateline_app::programmes::{self, ProgrammeSave};
use dateline_app::sections::{self, Problem, Reordered, Saved, SectionInput};
use dateline_app::settings::{self, SettingsInput};
use dateline_app::{Actor, Denied};
use dateline_core::newsroom::{Role, Transition};
use dateline_core::page::PageInput;
use dateline_core::Language;
use dateline_store::{AuditFilter, FRONT_PAGE};
use time::OffsetDateTime;

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn new_section(slug: &str, name: &str) -> SectionInput {
    SectionInput {
        id: None,
        language: Some(Language::En),
        slug: slug.into(),
        name: name.into(),
        key: String::new(),
    }
}

async fn audited(app: &dateline_app::App, entity: &str) -> Vec<(String, Option<String>)> {
    let filter = AuditFilter {
        entity: Some(entity.into()),
        ..Default::default()
    };
    let (entries, _) = app.store.audit_log(&filter, 100, 0).await.expect("audit");
    entries.into_iter().map(|e| (e.action, e.detail)).collect()
}

#[tokio::test]
async fn an_editor_may_not_create_a_section_but_an_admin_may() {
    let f = app().await;
    let editor = member(&f.app, Role::Editor).await;
    let admin = member(&f.app, Role::Admin).await;

    let refused = sections::save(
        &f.app,
        Actor::Member(&editor),
        &new_section("world", "World"),
        now(),
    )
    .await;
    assert!(matches!(refused, Err(Denied::Forbidden)), "{refused:?}");
    assert!(f.app.store.sections(Language::En).await.unwrap().is_empty());
    assert!(matches!(
        sections::desk(&f.app, Actor::Member(&editor), Language::En).await,
        Err(Denied::Forbidden)
    ));

    let saved = sections::save(
        &f.app,
        Actor::Member(&admin),
        &new_section("world", "World"),
        now(),
    )
    .await
    .expect("answered");
    let Saved::Done { id, language, .. } = saved else {
        panic!("not saved: {saved:?}");
    };
    assert_eq!(language, Language::En);
    let listed = f.app.store.section_listing(id).await.expect("stored");
    assert_eq!(
        (listed.section.slug.as_str(), listed.section.name.as_str()),
        ("world", "World")
    );
    assert_eq!(
        audited(&f.app, "section").await,
        vec![("save".to_string(), Some("en/world".to_string()))]
    );
}

#[tokio::test]
async fn a_duplicate_slug_is_a_problem_on_its_field_and_nothing_is_saved() {
    let f = app().await;
    let admin = member(&f.app, Role::Admin).await;
    let by = Actor::Member(&admin);
    sections::save(&f.app, by, &new_section("world", "World"), now())
        .await
        .expect("first");

    let again = sections::save(&f.app, by, &new_section("world", "Elsewhere"), now())
        .await
        .expect("answered");
    let Saved::Refused { problems, .. } = again else {
        panic!("a second section took the slug: {again:?}");
    };
    assert_eq!(problems.get("slug"), Some(&Problem::SlugTaken));
    assert_eq!(problems.len(), 1, "{problems:?}");

    // Every field's own problem at once, the language's too.
    let bad = SectionInput {
        id: None,
        language: None,
        slug: "Not A Slug".into(),
        name: "   ".into(),
        key: "k".repeat(81),
    };
    let Saved::Refused { problems, .. } = sections::save(&f.app, by, &bad, now()).await.unwrap()
    else {
        panic!("saved a section with every field wrong");
    };
    assert_eq!(problems.get("language"), Some(&Problem::Language));
    assert_eq!(problems.get("slug"), Some(&Problem::Slug));
    assert_eq!(problems.get("name"), Some(&Problem::Name));
    assert_eq!(problems.get("key"), Some(&Problem::Key));

    let names: Vec<String> = f
        .app
        .store
        .sections(Language::En)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["World"]);

    // A section keeps its language.
    let Saved::Done { id, .. } = sections::save(&f.app, by, &new_section("sport", "Sport"), now())
        .await
        .unwrap()
    else {
        panic!("not saved");
    };
    let moved = SectionInput {
        id: Some(id),
        language: Some(Language::Es),
        ..new_section("sport", "Sport")
    };
    assert!(matches!(
        sections::save(&f.app, by, &moved, now()).await.unwrap(),
        Saved::KeepsLanguage
    ));
}

#[tokio::test]
async fn sections_are_reordered_and_a_stale_order_changes_nothing() {
    let f = app().await;
    let admin = member(&f.app, Role::Admin).await;
    let by = Actor::Member(&admin);
    let mut ids = Vec::new();
    for slug in ["a", "b", "c"] {
        let Saved::Done { id, .. } = sections::save(&f.app, by, &new_section(slug, slug), now())
            .await
            .unwrap()
        else {
            panic!("not saved");
        };
        ids.push(id);
    }
    let order = |f: &crate::support::Fixture| {
        let store = f.app.store.clone();
        async move {
            store
                .sections(Language::En)
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.slug)
                .collect::<Vec<_>>()
        }
    };

    let reversed: Vec<i64> = ids.iter().rev().copied().collect();
    let done = sections::reorder(&f.app, by, Language::En, &reversed, now())
        .await
        .unwrap();
    assert_eq!(done, Reordered::Done);
    assert_eq!(order(&f).await, ["c", "b", "a"]);

    // Those the list leaves out (added since the page was shown) follow.
    let done = sections::reorder(&f.app, by, Language::En, &ids[..1], now())
        .await
        .unwrap();
    assert_eq!(done, Reordered::Done);
    assert_eq!(order(&f).await, ["a", "c", "b"]);

    // One deleted since the page was shown, or named twice: nothing moves.
    let gone = [ids[2], ids[1], ids[0] + 1000];
    let stale = sections::reorder(&f.app, by, Language::En, &gone, now())
        .await
        .unwrap();
    assert_eq!(stale, Reordered::Stale);
    let twice = [ids[1], ids[1]];
    let stale = sections::reorder(&f.app, by, Language::En, &twice, now())
        .await
        .unwrap();
    assert_eq!(stale, Reordered::Stale);
    assert_eq!(order(&f).await, ["a", "c", "b"]);

    let editor = member(&f.app, Role::Editor).await;
    assert!(matches!(
        sections::reorder(&f.app, Actor::Member(&editor), Language::En, &ids, now()).await,
        Err(Denied::Forbidden)
    ));
    assert_eq!(order(&f).await, ["a", "c", "b"]);
    assert_eq!(
        audited(&f.app, "section")
            .await
            .first()
            .map(|(a, _)| a.as_str()),
        Some("order")
    );
}

#[tokio::test]
async fn deleting_a_section_moves_its_articles_to_the_one_named() {
    let f = app().await;
    section(&f.app, "world").await;
    section(&f.app, "news").await;
    let admin = member(&f.app, Role::Admin).await;
    let by = Actor::Member(&admin);
    let Outcome::Done { id: article, .. } =
        workflow::save(&f.app, &admin, None, &story("Rain"), None, now())
            .await
            .unwrap()
    else {
        panic!("no article");
    };
    let world = f.app.store.section(Language::En, "world").await.unwrap();
    let listings = f.app.store.section_listings(Language::En).await.unwrap();
    let id_of = |slug: &str| {
        listings
            .iter()
            .find(|s| s.section.slug == slug)
            .map(|s| s.id)
            .unwrap()
    };
    let doomed = sections::doomed(&f.app, by, id_of("world")).await.unwrap();
    assert_eq!(doomed.section.articles, 1);
    assert!(doomed.target(&id_of("news").to_string()).is_some());
    assert!(doomed.target(&id_of("world").to_string()).is_none());

    // With articles, a target is needed.
    let refused = sections::delete(&f.app, by, id_of("world"), None, now())
        .await
        .unwrap();
    assert_eq!(refused, sections::Deleted::MoveTo);
    assert_eq!(
        f.app.store.section(Language::En, "world").await.unwrap(),
        world
    );

    let done = sections::delete(&f.app, by, id_of("world"), Some(id_of("news")), now())
        .await
        .unwrap();
    assert!(matches!(done, sections::Deleted::Done { .. }), "{done:?}");
    assert!(f.app.store.section(Language::En, "world").await.is_err());
    assert_eq!(
        f.app.store.article_input(article).await.unwrap().section,
        "news"
    );
    assert!(audited(&f.app, "section")
        .await
        .iter()
        .any(|(action, detail)| action == "delete"
            && detail.as_deref() == Some("en/world → en/news (1 articles moved)")));
}

#[tokio::test]
async fn a_setting_out_of_range_is_refused_and_nothing_is_saved() {
    let f = app().await;
    let admin = member(&f.app, Role::Admin).await;
    let editor = member(&f.app, Role::Editor).await;
    let before = f.app.store.settings().await.unwrap();

    let mut input = SettingsInput::default();
    input
        .values
        .insert("comments.max_links".into(), "-1".into());
    input
        .values
        .insert("comments.policy".into(), "hold-first-time".into());
    let refused = settings::save(&f.app, Actor::Member(&admin), &input, now())
        .await
        .unwrap();
    let settings::Saved::Refused(problems) = refused else {
        panic!("stored a negative link limit: {refused:?}");
    };
    assert!(
        matches!(
            problems.get("comments.max_links"),
            Some(dateline_core::settings::Problem::Range { .. })
        ),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 1);
    // The good value beside the bad one is not stored either.
    assert_eq!(f.app.store.settings().await.unwrap(), before);

    // A footer link's problem is on its own row's field.
    let links = SettingsInput {
        links: Some(vec![
            ("About".into(), "/en/page/about".into()),
            ("".into(), "https://example.org".into()),
        ]),
        ..Default::default()
    };
    let settings::Saved::Refused(problems) =
        settings::save(&f.app, Actor::Member(&admin), &links, now())
            .await
            .unwrap()
    else {
        panic!("stored a link without a label");
    };
    assert!(problems.contains_key("footer_label_2"), "{problems:?}");

    // Editors do not run the settings.
    input.values.remove("comments.max_links");
    assert!(matches!(
        settings::save(&f.app, Actor::Member(&editor), &input, now()).await,
        Err(Denied::Forbidden)
    ));
    assert_eq!(f.app.store.settings().await.unwrap(), before);

    // An admin's good value is stored, audited, and this node reads it.
    let saved = settings::save(&f.app, Actor::Member(&admin), &input, now())
        .await
        .unwrap();
    assert!(
        matches!(&saved, settings::Saved::Done { stored } if stored.len() == 1),
        "{saved:?}"
    );
    assert_eq!(
        f.app.store.setting("comments.policy").await.unwrap(),
        Some("hold-first-time".into())
    );
    assert_eq!(
        f.app.site().comments_policy.to_string(),
        "hold-first-time",
        "the node's settings were not read again"
    );
    assert_eq!(
        audited(&f.app, "setting").await,
        vec![(
            "set".to_string(),
            Some("comments.policy = hold-first-time".to_string())
        )]
    );
}

fn programme(slug: &str, name: &str) -> ProgrammeSave {
    ProgrammeSave {
        create: true,
        language: Some(Language::En),
        slug: slug.into(),
        name: name.into(),
        category: "News".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_programme_and_an_episode() {
    let f = app().await;
    section(&f.app, "world").await;
    let editor = member(&f.app, Role::Editor).await;
    let writer = member(&f.app, Role::Contributor).await;
    let by = Actor::Member(&editor);

    assert!(matches!(
        programmes::save(
            &f.app,
            Actor::Member(&writer),
            &programme("daily", "Daily"),
            now()
        )
        .await,
        Err(Denied::Forbidden)
    ));
    let programmes::Saved::Done { id: daily } =
        programmes::save(&f.app, by, &programme("daily", "Daily"), now())
            .await
            .unwrap()
    else {
        panic!("not saved");
    };
    let programmes::Saved::Done { id: weekly } =
        programmes::save(&f.app, by, &programme("weekly", "Weekly"), now())
            .await
            .unwrap()
    else {
        panic!("not saved");
    };

    // The Add form refuses a slug another programme has, naming it; the
    // cover must be an image of the library.
    let taken = ProgrammeSave {
        cover_id: "999".into(),
        ..programme("daily", "Another")
    };
    let programmes::Saved::Refused { problems, .. } =
        programmes::save(&f.app, by, &taken, now()).await.unwrap()
    else {
        panic!("saved over the daily");
    };
    assert_eq!(
        problems.get("slug"),
        Some(&programmes::Problem::SlugTaken {
            name: "Daily".into()
        })
    );
    assert_eq!(problems.get("cover_id"), Some(&programmes::Problem::Cover));
    assert_eq!(
        f.app.store.programme_by_id(daily).await.unwrap().name,
        "Daily"
    );

    // An episode: an article of the programme.
    let mut fields = story("The morning news");
    fields.programme_id = daily.to_string();
    let Outcome::Done { id: episode, .. } =
        workflow::save(&f.app, &editor, None, &fields, None, now())
            .await
            .unwrap()
    else {
        panic!("the episode was not saved");
    };
    let doomed = programmes::doomed(&f.app, by, daily).await.unwrap();
    assert_eq!(doomed.articles, 1);
    assert_eq!(
        doomed.target(&weekly.to_string()).map(|p| p.id),
        Some(weekly)
    );

    // Deleting the programme moves its episode to the one named.
    let done = programmes::delete(&f.app, by, daily, Some(weekly), now())
        .await
        .unwrap();
    assert_eq!(
        done,
        programmes::Deleted::Done {
            language: Language::En,
            articles: 1
        }
    );
    assert!(f.app.store.programme_by_id(daily).await.is_err());
    assert_eq!(
        f.app
            .store
            .article_input(episode)
            .await
            .unwrap()
            .programme_id,
        Some(weekly)
    );
    assert!(audited(&f.app, "programme")
        .await
        .iter()
        .any(|(action, detail)| action == "delete"
            && detail.as_deref() == Some("en/daily → en/weekly (1 articles)")));
}

#[tokio::test]
async fn a_fronts_slots_take_published_stories_in_order() {
    let f = app().await;
    section(&f.app, "world").await;
    let editor = member(&f.app, Role::Editor).await;
    let writer = member(&f.app, Role::Contributor).await;
    let by = Actor::Member(&editor);
    let mut ids = Vec::new();
    for headline in ["First", "Second"] {
        let Outcome::Done { id, .. } = workflow::save(
            &f.app,
            &editor,
            None,
            &story(headline),
            Some(Transition::Publish),
            now(),
        )
        .await
        .unwrap() else {
            panic!("not published");
        };
        ids.push(id);
    }
    let Outcome::Done { id: draft, .. } =
        workflow::save(&f.app, &editor, None, &story("Draft"), None, now())
            .await
            .unwrap()
    else {
        panic!("no draft");
    };

    assert!(matches!(
        fronts::pin_front(&f.app, Actor::Member(&writer), Language::En, &ids, now()).await,
        Err(Denied::Forbidden)
    ));
    let order = vec![ids[1], ids[0]];
    assert_eq!(
        fronts::pin_front(&f.app, by, Language::En, &order, now())
            .await
            .unwrap(),
        Pinned::Done
    );
    assert_eq!(
        f.app
            .store
            .front_pins(Language::En, FRONT_PAGE)
            .await
            .unwrap(),
        order
    );
    let desk = fronts::desk(&f.app, by, Language::En).await.unwrap();
    let pinned: Vec<i64> = desk.pinned.iter().map(|c| c.id).collect();
    assert_eq!(pinned.len(), 2);
    assert!(desk.offered.iter().all(|c| !order.contains(&c.id)));

    // A draft cannot lead; the pins stay as they were.
    let refused = fronts::pin_front(&f.app, by, Language::En, &[draft], now())
        .await
        .unwrap();
    assert!(matches!(refused, Pinned::Refused(_)), "{refused:?}");
    assert_eq!(
        f.app
            .store
            .front_pins(Language::En, FRONT_PAGE)
            .await
            .unwrap(),
        order
    );

    // A section's lead, in a section that exists.
    assert_eq!(
        fronts::lead_section(&f.app, by, Language::En, "world", Some(ids[0]), now())
            .await
            .unwrap(),
        Pinned::Done
    );
    assert_eq!(
        f.app.store.front_pins(Language::En, "world").await.unwrap(),
        vec![ids[0]]
    );
    assert!(matches!(
        fronts::lead_section(&f.app, by, Language::En, "nowhere", None, now()).await,
        Err(Denied::Store(dateline_store::StoreError::NotFound))
    ));

    // The breaking-news line: problems by field, then set and removed.
    let bad = BreakingInput {
        text: "  ".into(),
        link: String::new(),
        ends_at: "tomorrow".into(),
    };
    let Broke::Refused(problems) =
        fronts::set_breaking(&f.app, by, Language::En, Some(&bad), now())
            .await
            .unwrap()
    else {
        panic!("an empty line was set");
    };
    assert_eq!(problems.get("ends_at"), Some(&BreakingProblem::EndsAt));
    assert!(matches!(
        problems.get("text"),
        Some(BreakingProblem::Line(_))
    ));
    assert!(f
        .app
        .store
        .breaking(Language::En, now())
        .await
        .unwrap()
        .is_none());
    let line = BreakingInput {
        text: "Polls close".into(),
        ..Default::default()
    };
    assert_eq!(
        fronts::set_breaking(&f.app, by, Language::En, Some(&line), now())
            .await
            .unwrap(),
        Broke::Done
    );
    assert_eq!(
        fronts::breaking(&f.app, by, Language::En, now())
            .await
            .unwrap()
            .map(|b| b.text),
        Some("Polls close".into())
    );
    fronts::set_breaking(&f.app, by, Language::En, None, now())
        .await
        .unwrap();
    assert!(f
        .app
        .store
        .breaking(Language::En, now())
        .await
        .unwrap()
        .is_none());
}

fn about(slug: &str) -> PageInput {
    PageInput {
        language: Some(Language::En),
        slug: slug.into(),
        title: "About us".into(),
        body_markdown: "Who we are.".into(),
        story_key: None,
        position: 0,
        published: true,
    }
}

#[tokio::test]
async fn a_pages_path_is_its_own() {
    let f = app().await;
    let editor = member(&f.app, Role::Editor).await;
    let writer = member(&f.app, Role::Contributor).await;
    let by = Actor::Member(&editor);

    assert!(matches!(
        pages::save(
            &f.app,
            Actor::Member(&writer),
            None,
            &about("about"),
            false,
            now()
        )
        .await,
        Err(Denied::Forbidden)
    ));
    // A preview renders and stores nothing.
    let preview = pages::save(&f.app, by, None, &about("about"), true, now())
        .await
        .unwrap();
    let pages::Saved::Preview(html) = preview else {
        panic!("no preview: {preview:?}");
    };
    assert!(html.into_string().contains("Who we are."));
    assert!(pages::list(&f.app, by).await.unwrap().is_empty());

    let pages::Saved::Done { id } = pages::save(&f.app, by, None, &about("about"), false, now())
        .await
        .unwrap()
    else {
        panic!("not saved");
    };
    assert_eq!(pages::page(&f.app, by, id).await.unwrap().slug, "about");

    // Another page at the same path is refused on the slug.
    let again = pages::save(&f.app, by, None, &about("about"), false, now())
        .await
        .unwrap();
    let pages::Saved::Refused(problems) = again else {
        panic!("two pages at one path: {again:?}");
    };
    assert!(problems.contains_key("slug"), "{problems:?}");
    // A slug that is no slug is the page's own rule.
    let pages::Saved::Refused(problems) =
        pages::save(&f.app, by, None, &about("Not a slug!"), false, now())
            .await
            .unwrap()
    else {
        panic!("saved a bad slug");
    };
    assert!(matches!(
        problems.get("slug"),
        Some(pages::Problem::Field(_))
    ));
    assert_eq!(pages::list(&f.app, by).await.unwrap().len(), 1);
}
