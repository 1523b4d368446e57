//! Posting and moderating comments: the rules in their order, and who may
//! moderate.

use crate::support::{app, member, section, story};
use dateline_app::articles::workflow::{self, Outcome};
use dateline_app::comments::{self, Moderation, PostError, Refusal, Submission};
use dateline_app::{Actor, App, Denied};
use dateline_core::comment::CommentForm;
use dateline_core::newsroom::{Role, Transition};
use dateline_store::User;
use time::{Duration, OffsetDateTime};

/// A published article, and the editor who published it.
async fn published(app: &App) -> (i64, User) {
    section(app, "world").await;
    let editor = member(app, Role::Editor).await;
    let outcome = workflow::save(
        app,
        &editor,
        None,
        &story("Open for comment"),
        Some(Transition::Publish),
        OffsetDateTime::now_utc(),
    )
    .await
    .expect("answered");
    let Outcome::Done { id, .. } = outcome else {
        panic!("not published: {outcome:?}");
    };
    (id, editor)
}

/// A reader's submission from a page rendered a minute ago.
async fn submission(app: &App, article_id: i64, body: &str) -> Submission {
    let then = OffsetDateTime::now_utc() - Duration::minutes(1);
    let thread = comments::thread(app, article_id, 1, then)
        .await
        .expect("read")
        .expect("the first page");
    Submission {
        form: CommentForm {
            name: "Ana".into(),
            email: "ana@example.org".into(),
            body: body.into(),
            parent_id: None,
        },
        token: thread.token,
        honeypot: false,
        address: std::net::IpAddr::from([192, 0, 2, 7]),
    }
}

#[tokio::test]
async fn a_first_comment_waits_and_an_approved_one_shows() {
    let f = app().await;
    let (article, editor) = published(&f.app).await;
    let now = OffsetDateTime::now_utc();
    let posted = comments::post(
        &f.app,
        article,
        &submission(&f.app, article, "Well said.").await,
        now,
    )
    .await
    .expect("posted");
    let thread = comments::thread(&f.app, article, 1, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(thread.total, 0, "shown before a moderator saw it");

    let changed = comments::moderate(
        &f.app.store,
        Actor::Member(&editor),
        Moderation::Approve,
        &[posted.id],
        now,
    )
    .await
    .expect("approved");
    assert_eq!(changed, 1);
    let thread = comments::thread(&f.app, article, 1, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(thread.total, 1);
    assert_eq!(thread.comments[0].body, "Well said.");
}

#[tokio::test]
async fn a_forged_token_and_empty_fields_are_refused_with_reasons() {
    let f = app().await;
    let (article, _) = published(&f.app).await;
    let now = OffsetDateTime::now_utc();
    let mut forged = submission(&f.app, article, "Hello").await;
    forged.token = "1.2.3".into();
    let refused = comments::post(&f.app, article, &forged, now).await;
    assert!(
        matches!(refused, Err(PostError::Refused(Refusal::Token(_)))),
        "{refused:?}"
    );

    let empty = submission(&f.app, article, "   ").await;
    let refused = comments::post(&f.app, article, &empty, now).await;
    let Err(PostError::Refused(Refusal::Fields(problems))) = refused else {
        panic!("an empty comment was taken: {refused:?}");
    };
    assert_eq!(
        problems.iter().map(|(field, _)| *field).collect::<Vec<_>>(),
        ["body"]
    );
}

#[tokio::test]
async fn a_contributor_may_not_moderate() {
    let f = app().await;
    let (article, _) = published(&f.app).await;
    let now = OffsetDateTime::now_utc();
    let posted = comments::post(
        &f.app,
        article,
        &submission(&f.app, article, "First!").await,
        now,
    )
    .await
    .expect("posted");
    let writer = member(&f.app, Role::Contributor).await;
    let refused = comments::moderate(
        &f.app.store,
        Actor::Member(&writer),
        Moderation::Approve,
        &[posted.id],
        now,
    )
    .await;
    assert!(matches!(refused, Err(Denied::Forbidden)), "{refused:?}");
    let thread = comments::thread(&f.app, article, 1, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(thread.total, 0);
}
