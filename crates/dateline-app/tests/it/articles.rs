//! Saving and moving articles: who may, the problems a form shows, and
//! conflicts between two members editing at once.

use crate::support::{app, member, section, story};
use dateline_app::articles::problem::Problem;
use dateline_app::articles::workflow::{self, Outcome};
use dateline_app::Denied;
use dateline_core::newsroom::{Role, Transition};
use dateline_core::Status;
use time::OffsetDateTime;

#[tokio::test]
async fn a_contributor_drafts_and_submits_but_may_not_publish() {
    let f = app().await;
    section(&f.app, "world").await;
    let writer = member(&f.app, Role::Contributor).await;
    let now = OffsetDateTime::now_utc();

    let Outcome::Done { id, created, .. } =
        workflow::save(&f.app, &writer, None, &story("Rain in Havana"), None, now)
            .await
            .expect("saved")
    else {
        panic!("the draft was not saved");
    };
    assert!(created);
    assert_eq!(
        f.app.store.article_input(id).await.unwrap().status,
        Status::Draft
    );

    let publish = workflow::move_article(&f.app, &writer, id, Transition::Publish, None, now).await;
    assert!(matches!(publish, Err(Denied::Forbidden)), "{publish:?}");
    assert_eq!(
        f.app.store.article_input(id).await.unwrap().status,
        Status::Draft
    );

    let submitted = workflow::move_article(&f.app, &writer, id, Transition::Submit, None, now)
        .await
        .expect("submitted");
    assert!(submitted.is_ok(), "{submitted:?}");
    assert_eq!(
        f.app.store.article_input(id).await.unwrap().status,
        Status::Submitted
    );
}

#[tokio::test]
async fn every_problem_is_named_by_its_field_and_nothing_is_saved() {
    let f = app().await;
    section(&f.app, "world").await;
    let editor = member(&f.app, Role::Editor).await;
    let mut fields = story("");
    fields.section = "no-such-section".into();
    fields.language = "xx".into();

    let outcome = workflow::save(
        &f.app,
        &editor,
        None,
        &fields,
        None,
        OffsetDateTime::now_utc(),
    )
    .await
    .expect("answered");
    let Outcome::Refused(problems) = outcome else {
        panic!("saved a story with no headline: {outcome:?}");
    };
    assert!(problems.has("headline"), "{problems:?}");
    assert!(matches!(
        problems.iter().find(|(field, _)| *field == "language"),
        Some((_, Problem::Language))
    ));
    let all = f
        .app
        .store
        .newsroom_articles(&Default::default(), 10, 0)
        .await
        .expect("the list");
    assert!(all.items.is_empty(), "saved despite its problems");
}

#[tokio::test]
async fn a_save_from_an_old_version_keeps_the_text_as_a_revision() {
    let f = app().await;
    section(&f.app, "world").await;
    let editor = member(&f.app, Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let Ok(Outcome::Done { id, .. }) =
        workflow::save(&f.app, &editor, None, &story("First"), None, now).await
    else {
        panic!("not saved");
    };
    let mut first = story("Second");
    first.version = "1".into();
    assert!(matches!(
        workflow::save(&f.app, &editor, Some(id), &first, None, now).await,
        Ok(Outcome::Done { .. })
    ));

    // A second member, still on version 1, saves over it.
    let mut stale = story("Third, from an old page");
    stale.version = "1".into();
    let outcome = workflow::save(&f.app, &editor, Some(id), &stale, None, now)
        .await
        .expect("answered");
    let Outcome::Conflict {
        current_version,
        kept_revision,
    } = outcome
    else {
        panic!("an old version overwrote a newer one: {outcome:?}");
    };
    assert_eq!(current_version, 2);
    assert_eq!(
        f.app.store.article_input(id).await.unwrap().headline,
        "Second"
    );
    let kept = f
        .app
        .store
        .revision(id, kept_revision)
        .await
        .expect("the kept revision");
    assert_eq!(kept.content.headline, "Third, from an old page");
}

#[tokio::test]
async fn publishing_sets_the_time_and_a_future_time_needs_a_schedule() {
    let f = app().await;
    section(&f.app, "world").await;
    let editor = member(&f.app, Role::Editor).await;
    let now = OffsetDateTime::now_utc();
    let mut later = story("Tomorrow's news");
    later.published_at = "2099-01-01T09:00".into();
    let outcome = workflow::save(
        &f.app,
        &editor,
        None,
        &later,
        Some(Transition::Publish),
        now,
    )
    .await
    .expect("answered");
    let Outcome::Refused(problems) = outcome else {
        panic!("published in the future: {outcome:?}");
    };
    assert!(matches!(
        problems.iter().find(|(field, _)| *field == "published_at"),
        Some((_, Problem::PublishFuture))
    ));

    let outcome = workflow::save(
        &f.app,
        &editor,
        None,
        &later,
        Some(Transition::Schedule),
        now,
    )
    .await
    .expect("answered");
    let Outcome::Done { id, .. } = outcome else {
        panic!("not scheduled: {outcome:?}");
    };
    let input = f.app.store.article_input(id).await.unwrap();
    assert_eq!(input.status, Status::Scheduled);
    assert_eq!(input.published_at.map(|t| t.year()), Some(2099));
}
