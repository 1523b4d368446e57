//! The wire desk and media uploads: copy comes in once, a take makes the
//! member's draft, a spike hides it, the roles hold, and an upload that is
//! not an image or audio is refused with its problem.

use crate::support::{app, member, section};
use bytes::Bytes;
use dateline_app::ingest::desk::{self, Batch, Received, Took};
use dateline_app::ingest::{ingest, ArrivalOptions, IngestOptions, Report};
use dateline_app::media::{self, Upload, UploadProblem, Uploaded};
use dateline_app::{Actor, App, Denied};
use dateline_core::newsroom::Role;
use dateline_core::{Language, Status};
use dateline_import::WireOptions;
use dateline_store::{Arrival, AuditFilter, NewsroomFilter, User, WireSource, WireState};
use time::OffsetDateTime;

/// Copy in the headered format.
fn copy(headline: &str, body: &str) -> String {
    format!(
        "Headline: {headline}\nSection: world\nLanguage: en\n\
         Dateline: HAVANA, Nov 24 (Reuters)\nDate: 2016-11-24\n\n{body}\n"
    )
}

/// The options a surface sends; the sender is the actor, whatever `by` says.
fn arrival(source: WireSource) -> ArrivalOptions {
    ArrivalOptions {
        wire: WireOptions {
            year: None,
            default_language: Language::En,
            default_section: None,
        },
        detect: false,
        source,
        by: None,
    }
}

/// Sends one file to the desk's queue as `by`, and returns its report.
async fn send(app: &App, by: &User, name: &str, text: &str) -> Report {
    let mut batch = Batch::new();
    batch.add(name, text.as_bytes());
    let options = arrival(WireSource::Upload);
    let received = desk::receive(app, Actor::Member(by), batch, &options, now())
        .await
        .expect("allowed");
    let Received::Report(report) = received else {
        panic!("a file was sent: {received:?}");
    };
    report
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

async fn actions(app: &App, action: &str) -> Vec<dateline_store::AuditEntry> {
    let filter = AuditFilter {
        entity: Some("wire".into()),
        ..Default::default()
    };
    let (entries, _) = app.store.audit_log(&filter, 100, 0).await.expect("log");
    entries.into_iter().filter(|e| e.action == action).collect()
}

#[tokio::test]
async fn the_same_copy_twice_is_one_item_and_one_story() {
    let f = app().await;
    section(&f.app, "world").await;
    let writer = member(&f.app, Role::Contributor).await;
    let text = copy("Harvest falls short", "The sugar harvest fell short.");

    let first = send(&f.app, &writer, "harvest.txt", &text).await;
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    let Arrival::New(id) = first.queued[0].arrival else {
        panic!("not new: {:?}", first.queued);
    };
    // The same text again, with other line ends: the same item.
    let again = send(&f.app, &writer, "again.txt", &text.replace('\n', "\r\n")).await;
    assert_eq!(again.queued[0].arrival, Arrival::Repeat(id));
    let page = desk::queue(&f.app, WireState::Queued, None, 1)
        .await
        .expect("the queue");
    assert_eq!((page.total, page.counts.queued), (1, 1));
    assert_eq!(page.items[0].headline, "Harvest falls short");
    assert_eq!(
        page.items[0].arrived_by_name.as_deref(),
        Some(writer.name.as_str()),
        "the queue names who sent it"
    );
    assert_eq!(actions(&f.app, "wire-arrive").await.len(), 2);

    // Filed at the command line twice: one article, updated.
    let options = IngestOptions {
        wire: WireOptions {
            year: None,
            default_language: Language::En,
            default_section: None,
        },
        status: Status::Published,
        desk: false,
        by: None,
    };
    let mut report = Report::default();
    for _ in 0..2 {
        ingest(
            &f.app.store,
            "harvest.txt",
            text.as_bytes(),
            &options,
            now(),
            &mut report,
        )
        .await;
    }
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!((report.created.len(), report.updated.len()), (1, 1));
    assert_eq!(report.touched[0].id, report.touched[1].id);
    let articles = f
        .app
        .store
        .newsroom_articles(&NewsroomFilter::default(), 10, 0)
        .await
        .expect("the list");
    assert_eq!(articles.total, 1);
}

#[tokio::test]
async fn a_take_makes_a_draft_the_contributor_owns() {
    let f = app().await;
    section(&f.app, "world").await;
    let writer = member(&f.app, Role::Contributor).await;
    let editor = member(&f.app, Role::Editor).await;
    let sent = send(
        &f.app,
        &writer,
        "storm.txt",
        &copy("Storm nears", "Winds rose."),
    )
    .await;
    let id = sent.queued[0].arrival.id();

    let took = desk::take(&f.app, &writer, id, now())
        .await
        .expect("allowed");
    let Took::Draft { article, .. } = took else {
        panic!("not taken: {took:?}");
    };
    let mine = f
        .app
        .store
        .newsroom_articles(
            &NewsroomFilter {
                created_by: Some(writer.id),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .expect("the list");
    assert_eq!(mine.total, 1);
    assert_eq!(mine.items[0].id, article);
    assert_eq!(mine.items[0].status, Status::Draft);
    assert_eq!(mine.items[0].headline, "Storm nears");
    assert_eq!(
        f.app
            .store
            .wire_item(id)
            .await
            .expect("the item")
            .article_id,
        Some(article)
    );
    let taken = actions(&f.app, "wire-take").await;
    assert_eq!(taken.len(), 1);
    assert_eq!(
        taken[0].detail.as_deref(),
        Some(&*format!("article #{article}"))
    );

    // Whoever comes second is told who took it, and nothing else is made.
    let second = desk::take(&f.app, &editor, id, now())
        .await
        .expect("allowed");
    let Took::Taken {
        by,
        article: Some(same),
    } = second
    else {
        panic!("taken twice: {second:?}");
    };
    assert_eq!((by.as_deref(), same), (Some(writer.name.as_str()), article));
    let all = f
        .app
        .store
        .newsroom_articles(&NewsroomFilter::default(), 10, 0)
        .await
        .expect("the list");
    assert_eq!(all.total, 1);
}

#[tokio::test]
async fn a_spike_hides_the_item_and_only_editors_spike() {
    let f = app().await;
    section(&f.app, "world").await;
    let writer = member(&f.app, Role::Contributor).await;
    let editor = member(&f.app, Role::Editor).await;
    let sent = send(
        &f.app,
        &writer,
        "quake.txt",
        &copy("Quake felt", "The ground shook."),
    )
    .await;
    let id = sent.queued[0].arrival.id();

    // A contributor may send and take copy, but not spike or restore it.
    assert!(matches!(
        desk::spike(&f.app, &writer, id, now()).await,
        Err(Denied::Forbidden)
    ));
    assert!(actions(&f.app, "wire-spike").await.is_empty());
    let queued = desk::queue(&f.app, WireState::Queued, None, 1)
        .await
        .unwrap();
    assert_eq!(queued.total, 1, "a refused spike changed nothing");

    assert!(desk::spike(&f.app, &editor, id, now())
        .await
        .expect("allowed"));
    let queued = desk::queue(&f.app, WireState::Queued, None, 1)
        .await
        .unwrap();
    assert_eq!(queued.total, 0, "a spiked item left the queue");
    let spiked = desk::queue(&f.app, WireState::Spiked, None, 1)
        .await
        .unwrap();
    assert_eq!(spiked.items.len(), 1);
    assert_eq!(
        spiked.items[0].spiked_by_name.as_deref(),
        Some(editor.name.as_str())
    );
    assert_eq!(actions(&f.app, "wire-spike").await.len(), 1);
    // A spiked item cannot be taken, nor spiked again.
    let took = desk::take(&f.app, &writer, id, now())
        .await
        .expect("allowed");
    assert!(matches!(took, Took::NotWaiting), "{took:?}");
    assert!(!desk::spike(&f.app, &editor, id, now())
        .await
        .expect("allowed"));

    assert!(matches!(
        desk::restore(&f.app, &writer, id, now()).await,
        Err(Denied::Forbidden)
    ));
    assert!(desk::restore(&f.app, &editor, id, now())
        .await
        .expect("allowed"));
    let queued = desk::queue(&f.app, WireState::Queued, None, 1)
        .await
        .unwrap();
    assert_eq!(queued.total, 1, "restored to the queue");
    assert_eq!(actions(&f.app, "wire-restore").await.len(), 1);
}

#[tokio::test]
async fn bad_copy_and_empty_paste_are_refused_at_the_door() {
    let f = app().await;
    section(&f.app, "world").await;
    let writer = member(&f.app, Role::Contributor).await;
    let options = arrival(WireSource::Paste);
    let empty = desk::paste(&f.app, Actor::Member(&writer), "  \n", &options, now())
        .await
        .expect("allowed");
    assert!(matches!(empty, Received::Empty), "{empty:?}");

    let bad = "Headline: Cosecha\nLanguage: en\nTitular: repetido\n\nTexto.\n";
    let Received::Report(report) =
        desk::paste(&f.app, Actor::Member(&writer), bad, &options, now())
            .await
            .expect("allowed")
    else {
        panic!("refused as empty");
    };
    assert!(report.queued.is_empty());
    assert_eq!(report.failed[0].line, 3, "{:?}", report.failed);
    assert!(
        actions(&f.app, "wire-arrive").await.is_empty(),
        "nothing came in"
    );
    let queued = desk::queue(&f.app, WireState::Queued, None, 1)
        .await
        .unwrap();
    assert_eq!(queued.total, 0);
}

#[tokio::test]
async fn an_upload_that_is_not_an_image_or_audio_is_refused() {
    let f = app().await;
    let writer = member(&f.app, Role::Contributor).await;
    let upload = Upload {
        file: Some((
            "notes.png".into(),
            Bytes::from_static(b"plain text, not a picture"),
        )),
        alt_text: "A picture".into(),
        caption: "x".repeat(media::TEXT_CHARS + 1),
        credit: String::new(),
    };
    let outcome = media::upload(&f.app, Actor::Member(&writer), upload, now())
        .await
        .expect("allowed");
    let Uploaded::Refused(problems) = outcome else {
        panic!("stored a text file: {outcome:?}");
    };
    assert_eq!(problems.get("file"), Some(&UploadProblem::NotMedia));
    assert_eq!(
        problems.get("caption"),
        Some(&UploadProblem::TooLong {
            max: media::TEXT_CHARS
        })
    );
    let library = media::library(&f.app, None, "", 1)
        .await
        .expect("the library");
    assert_eq!(library.total, 0, "nothing was stored");

    let nothing = media::upload(&f.app, Actor::Member(&writer), Upload::default(), now())
        .await
        .expect("allowed");
    let Uploaded::Refused(problems) = nothing else {
        panic!("stored nothing as something: {nothing:?}");
    };
    assert_eq!(problems.get("file"), Some(&UploadProblem::NoFile));
}
