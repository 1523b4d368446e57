//! The wire desk: an incoming queue of agency copy, as Superdesk's ingest
//! view keeps one. Copy pasted into the desk's box, uploaded as files, or
//! sent with `dateline import wire --draft` arrives as a queue item (its
//! agency, arrival time, language, headline, dateline and first lines);
//! "Take" makes it the member's draft and opens the editor, "Spike" drops
//! it from the queue (kept under Spiked, restorable). Everything goes
//! through `dateline_app::ingest::desk`, so the desk and the command line
//! read copy alike, with the same role checks and audit entries; what the
//! importer says is worded in the newsroom's language ([`words`]).

mod words;

use super::auth::Member;
use super::frame::{see_other, CsrfForm, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::ingest::desk::{self, Batch, Received, Took};
use dateline_app::ingest::{ArrivalOptions, Report};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_import::WireOptions;
use dateline_render::context;
use dateline_store::{Arrival, WireSource, WireState};
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;
use words::{notice_message, problem_message};

/// The last page asked for that is read as a number; past it, the last.
const MAX_PAGE: i64 = 10_000;
/// The language choice that asks for the copy's own.
const DETECT: &str = "detect";

/// Which items the desk shows: `?state=queued|taken|spiked&language=xx&page=n`.
/// Read leniently: an unknown value shows the queue, never an error.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    state: Option<String>,
    language: Option<String>,
    page: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct Filter {
    state: WireState,
    language: Option<Language>,
    page: i64,
}

impl Filter {
    fn read(q: &QueueQuery) -> Filter {
        Filter {
            state: q
                .state
                .as_deref()
                .and_then(|s| s.parse().ok())
                .unwrap_or(WireState::Queued),
            language: q.language.as_deref().and_then(|l| l.parse().ok()),
            page: q
                .page
                .as_deref()
                .and_then(|p| p.trim().parse::<i64>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_PAGE),
        }
    }

    /// The desk's address for this filter (and another page).
    fn href(&self, page: i64) -> String {
        let mut href = format!("/newsroom/wire?state={}", self.state.as_str());
        if let Some(l) = self.language {
            href.push_str("&language=");
            href.push_str(l.code());
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    }
}

/// The paste box as the member left it.
#[derive(Debug, Default)]
struct Pasted {
    text: String,
    language: String,
    error: Option<String>,
}

/// Everything the desk's page may show besides the queue.
#[derive(Default)]
struct Shown<'a> {
    report: Option<&'a Report>,
    pasted: Pasted,
    /// A sentence above the queue (an item already taken, a take refused).
    notice: Option<String>,
    notice_link: Option<String>,
}

/// `GET /newsroom/wire`: the queue, the paste box and the upload form.
pub async fn desk(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<QueueQuery>,
) -> Result<Response, NewsroomError> {
    render(
        &state,
        &member,
        Filter::read(&q),
        Shown::default(),
        StatusCode::OK,
    )
    .await
}

async fn render(
    state: &AppState,
    member: &Member,
    filter: Filter,
    shown: Shown<'_>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let lang = member.lang;
    let found = desk::queue(&state.app, filter.state, filter.language, filter.page).await?;
    let (counts, pages) = (found.counts, found.pages);
    let tabs: Vec<_> = WireState::ALL
        .iter()
        .map(|s| {
            let f = Filter {
                state: *s,
                page: 1,
                ..filter
            };
            context! {
                state => s.as_str(),
                label => state.renderer.message(lang, tab_key(*s), &[]),
                href => f.href(1),
                count => match s {
                    WireState::Queued => counts.queued,
                    WireState::Taken => counts.taken,
                    WireState::Spiked => counts.spiked,
                },
            }
        })
        .collect();
    let languages: Vec<_> = Language::ALL
        .iter()
        .map(|l| context! { value => l.code(), label => l.native_name() })
        .collect();
    let report = shown.report.map(|r| {
        let arrived: Vec<_> = r
            .queued
            .iter()
            .map(|q| {
                let (key, id) = match q.arrival {
                    Arrival::New(id) => ("nr-wire-a-new", id),
                    Arrival::Repeat(id) => ("nr-wire-a-repeat", id),
                    Arrival::Replaced(id) => ("nr-wire-a-replaced", id),
                    Arrival::Update { id, .. } => ("nr-wire-a-update", id),
                };
                context! {
                    id => id,
                    headline => q.headline,
                    language => q.language.code(),
                    file => q.file,
                    what => state.renderer.message(lang, key, &[]),
                }
            })
            .collect();
        let failed: Vec<String> = r
            .failed
            .iter()
            .map(|p| problem_message(state, lang, p))
            .collect();
        let warnings: Vec<String> = r
            .warnings
            .iter()
            .map(|n| notice_message(state, lang, n))
            .collect();
        context! {
            arrived => arrived,
            new => r.queued.iter().filter(|q| !matches!(q.arrival, Arrival::Repeat(_))).count(),
            repeats => r.queued.iter().filter(|q| matches!(q.arrival, Arrival::Repeat(_))).count(),
            failed => failed,
            warnings => warnings,
        }
    });
    let pasted_language = if shown.pasted.language.is_empty() {
        DETECT.to_string()
    } else {
        shown.pasted.language.clone()
    };
    Page::new(
        "nr-wire.html",
        "nr-wire-title",
        lang,
        context! {
            items => found.items,
            total => found.total,
            current_tab => state.renderer.message(lang, tab_key(filter.state), &[]),
            tabs => tabs,
            filter => context! {
                state => filter.state.as_str(),
                language => filter.language.map(Language::code).unwrap_or(""),
                page => filter.page,
            },
            page => filter.page,
            pages => pages,
            prev_href => (filter.page > 1).then(|| filter.href(filter.page - 1)),
            next_href => (filter.page < pages).then(|| filter.href(filter.page + 1)),
            languages => languages,
            may_take => member.user.role.may(Action::TakeWire),
            may_spike => member.user.role.may(Action::SpikeWire),
            report => report,
            notice => shown.notice,
            notice_link => shown.notice_link,
            pasted => context! {
                text => shown.pasted.text,
                language => pasted_language,
                error => shown.pasted.error,
            },
        },
    )
    .member(member)
    .current("/newsroom/wire")
    .status(status)
    .render(state)
}

fn tab_key(state: WireState) -> &'static str {
    match state {
        WireState::Queued => "nr-wire-tab-queued",
        WireState::Taken => "nr-wire-tab-taken",
        WireState::Spiked => "nr-wire-tab-spiked",
    }
}

/// The language choice of a form: the copy's own (detected), or one.
fn options(choice: &str, state: &AppState, source: WireSource, by: i64) -> ArrivalOptions {
    let chosen = choice.parse::<Language>().ok();
    ArrivalOptions {
        wire: WireOptions {
            year: None,
            default_language: chosen.unwrap_or(state.config.default_language),
            default_section: None,
        },
        detect: chosen.is_none(),
        source,
        by: Some(by),
    }
}

/// Reads a multipart field's text, or says the form did not arrive whole.
async fn text_of(field: axum::extract::multipart::Field<'_>) -> Result<String, NewsroomError> {
    field.text().await.map_err(incomplete)
}

fn incomplete(e: axum::extract::multipart::MultipartError) -> NewsroomError {
    NewsroomError::BadRequest(format!("The form did not arrive whole: {e}"))
}

/// The desk again with the pasted copy in its box and why it was refused.
async fn refuse_paste(
    state: &AppState,
    member: &Member,
    filter: Filter,
    mut pasted: Pasted,
    why: String,
) -> Result<Response, NewsroomError> {
    pasted.error = Some(why);
    let shown = Shown {
        pasted,
        ..Default::default()
    };
    render(
        state,
        member,
        filter,
        shown,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `POST /newsroom/wire/paste` (multipart, so pasted copy is not inflated
/// by URL encoding): `copy`, `language` (`detect` or a code).
pub async fn paste(
    State(state): State<Arc<AppState>>,
    member: Member,
    mut multipart: Multipart,
) -> Result<Response, NewsroomError> {
    let mut csrf = String::new();
    let mut pasted = Pasted::default();
    while let Some(field) = multipart.next_field().await.map_err(incomplete)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = text_of(field).await?,
            "copy" => pasted.text = text_of(field).await?,
            "language" => pasted.language = text_of(field).await?.chars().take(16).collect(),
            _ => {}
        }
    }
    member.check_csrf(&state, &csrf)?;
    let filter = Filter::read(&QueueQuery::default());
    let options = options(&pasted.language, &state, WireSource::Paste, member.user.id);
    let now = OffsetDateTime::now_utc();
    let received = desk::paste(&state.app, member.actor(), &pasted.text, &options, now);
    let report = match received.await? {
        Received::Empty => {
            let why = state
                .renderer
                .message(member.lang, "nr-wire-paste-empty", &[]);
            return refuse_paste(&state, &member, filter, pasted, why).await;
        }
        Received::Report(report) => report,
    };
    if let Some(problem) = report.failed.first() {
        let why = problem_message(&state, member.lang, problem);
        return refuse_paste(&state, &member, filter, pasted, why).await;
    }
    // In: the box is emptied, the language choice kept.
    let shown = Shown {
        report: Some(&report),
        pasted: Pasted {
            language: pasted.language,
            ..Default::default()
        },
        ..Default::default()
    };
    render(&state, &member, filter, shown, StatusCode::OK).await
}

/// `POST /newsroom/wire` (multipart): `files` (one or more), `language`.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    member: Member,
    mut multipart: Multipart,
) -> Result<Response, NewsroomError> {
    let mut csrf = String::new();
    let mut language = String::new();
    // Each file checked against the desk's limits as it comes.
    let mut batch = Batch::new();
    while let Some(field) = multipart.next_field().await.map_err(incomplete)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = text_of(field).await?,
            "language" => language = text_of(field).await?.chars().take(16).collect(),
            "files" => {
                let name = field
                    .file_name()
                    .unwrap_or("wire.txt")
                    .chars()
                    .take(200)
                    .collect::<String>();
                let bytes = field.bytes().await.map_err(incomplete)?;
                if bytes.is_empty() && name.is_empty() {
                    continue;
                }
                batch.add(&name, &bytes);
            }
            _ => {}
        }
    }
    member.check_csrf(&state, &csrf)?;
    let filter = Filter::read(&QueueQuery::default());
    let options = options(&language, &state, WireSource::Upload, member.user.id);
    let now = OffsetDateTime::now_utc();
    let received = desk::receive(&state.app, member.actor(), batch, &options, now);
    let Received::Report(report) = received.await? else {
        let shown = Shown {
            notice: Some(
                state
                    .renderer
                    .message(member.lang, "nr-wire-files-none", &[]),
            ),
            ..Default::default()
        };
        return render(
            &state,
            &member,
            filter,
            shown,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let status = if report.queued.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let shown = Shown {
        report: Some(&report),
        pasted: Pasted {
            language,
            ..Default::default()
        },
        ..Default::default()
    };
    render(&state, &member, filter, shown, status).await
}

/// The filter a row's form carries back, so the member returns to the
/// page they acted on.
#[derive(Debug, Default, Deserialize)]
pub struct RowForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

impl RowForm {
    fn filter(&self) -> Filter {
        Filter::read(&QueueQuery {
            state: self.state.clone(),
            language: self.language.clone(),
            page: self.page.clone(),
        })
    }
}

/// `POST /newsroom/wire/{id}/take`: the item becomes the member's draft
/// (or updates the draft an earlier take of the story made, when they may
/// edit it), and the editor opens on it. One take wins; whoever comes
/// second is told who took it.
pub async fn take(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<RowForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let lang = member.lang;
    let name = |by: Option<String>| [("name", by.unwrap_or_default().into())];
    let took = desk::take(&state.app, &member.user, id, OffsetDateTime::now_utc());
    let (notice, link, status) = match took.await? {
        Took::Draft { article, .. } => {
            return Ok(see_other(&format!("/newsroom/articles/{article}")))
        }
        Took::Taken {
            by,
            article: Some(article),
        } => (
            state
                .renderer
                .message(lang, "nr-wire-already-taken", &name(by)),
            Some(format!("/newsroom/articles/{article}")),
            StatusCode::CONFLICT,
        ),
        Took::Taken { by, article: None } => (
            state
                .renderer
                .message(lang, "nr-wire-being-taken", &name(by)),
            None,
            StatusCode::CONFLICT,
        ),
        Took::NotWaiting => (
            state.renderer.message(lang, "nr-wire-not-waiting", &[]),
            None,
            StatusCode::CONFLICT,
        ),
        Took::Refused(problem) => (
            problem_message(&state, lang, &problem),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    let shown = Shown {
        notice: Some(notice),
        notice_link: link,
        ..Default::default()
    };
    render(&state, &member, form.filter(), shown, status).await
}

/// `POST /newsroom/wire/{id}/spike`: out of the queue, kept under Spiked.
pub async fn spike(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<RowForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    desk::spike(&state.app, &member.user, id, OffsetDateTime::now_utc()).await?;
    Ok(see_other(&form.filter().href(form.filter().page)))
}

/// `POST /newsroom/wire/{id}/restore`: a spiked item back in the queue.
pub async fn restore(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    desk::restore(&state.app, &member.user, id, OffsetDateTime::now_utc()).await?;
    Ok(see_other("/newsroom/wire?state=spiked"))
}
