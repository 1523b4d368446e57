//! The wire desk: an incoming queue of agency copy, as Superdesk's ingest
//! view keeps one. Copy pasted into the desk's box, uploaded as files, or
//! sent with `dateline import wire --draft` arrives as a queue item (its
//! agency, arrival time, language, headline, dateline and first lines);
//! "Take" makes it the member's draft and opens the editor, "Spike" drops
//! it from the queue (kept under Spiked, restorable). Everything goes
//! through `dateline_app::ingest`, so the desk and the command line read copy
//! alike; what the importer says is worded here in the newsroom's language,
//! pointing at the line, never naming a command-line flag.

use super::auth::Member;
use super::frame::{see_other, CsrfForm, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::body::BodyError;
use dateline_app::ingest::{
    self, arrive, ArrivalOptions, Filer, Notice, Problem, ProblemKind, Report,
};
use dateline_core::markdown::MarkdownError;
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_import::{WireErrorKind, WireOptions};
use dateline_render::{context, FluentValue};
use dateline_store::{Arrival, Claim, WireSource, WireState};
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

/// Files one upload may carry (each at most `ingest::MAX_COPY_BYTES`).
const MAX_FILES: usize = 50;
/// Items on a page of the queue.
const PER_PAGE: i64 = 25;
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
    let found = state
        .app
        .store
        .wire_items(
            filter.state,
            filter.language,
            PER_PAGE,
            (filter.page - 1) * PER_PAGE,
        )
        .await?;
    let counts = state.app.store.wire_counts(filter.language).await?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
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
    member.require(Action::ImportWire)?;
    let filter = Filter::read(&QueueQuery::default());
    if pasted.text.trim().is_empty() {
        let why = state
            .renderer
            .message(member.lang, "nr-wire-paste-empty", &[]);
        return refuse_paste(&state, &member, filter, pasted, why).await;
    }
    let options = options(&pasted.language, &state, WireSource::Paste, member.user.id);
    let now = OffsetDateTime::now_utc();
    let mut report = Report::default();
    // A pasted copy has no file name: its problems point at a line.
    arrive(
        &state.app.store,
        "",
        pasted.text.as_bytes(),
        &options,
        now,
        &mut report,
    )
    .await;
    audit_arrivals(&state, &member, now, &report).await?;
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
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut report = Report::default();
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
                if files.len() >= MAX_FILES {
                    let kind = ProblemKind::TooManyFiles { max: MAX_FILES };
                    report.failed.push(Problem::new(&name, 1, kind));
                } else if bytes.len() > ingest::MAX_COPY_BYTES {
                    let kind = ProblemKind::TooLarge { bytes: bytes.len() };
                    report.failed.push(Problem::new(&name, 1, kind));
                } else {
                    files.push((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    member.check_csrf(&state, &csrf)?;
    member.require(Action::ImportWire)?;
    let filter = Filter::read(&QueueQuery::default());
    if files.is_empty() && report.failed.is_empty() {
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
    }
    let options = options(&language, &state, WireSource::Upload, member.user.id);
    let now = OffsetDateTime::now_utc();
    for (name, bytes) in &files {
        arrive(&state.app.store, name, bytes, &options, now, &mut report).await;
    }
    audit_arrivals(&state, &member, now, &report).await?;
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

async fn audit_arrivals(
    state: &AppState,
    member: &Member,
    now: OffsetDateTime,
    report: &Report,
) -> Result<(), NewsroomError> {
    if report.queued.is_empty() {
        return Ok(());
    }
    member
        .audit(
            state,
            now,
            "wire-arrive",
            "wire",
            None,
            Some(&report.summary_with_ids()),
        )
        .await
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
    member.require(Action::TakeWire)?;
    let now = OffsetDateTime::now_utc();
    let lang = member.lang;
    let copy = match state.app.store.wire_claim(id, member.user.id, now).await? {
        Claim::Claimed(copy) => copy,
        Claim::Gone(item) => {
            let (notice, link) = match (item.state, item.article_id) {
                (WireState::Taken, Some(article)) => (
                    state.renderer.message(
                        lang,
                        "nr-wire-already-taken",
                        &[(
                            "name",
                            item.taken_by_name.clone().unwrap_or_default().into(),
                        )],
                    ),
                    Some(format!("/newsroom/articles/{article}")),
                ),
                (WireState::Taken, None) => (
                    state.renderer.message(
                        lang,
                        "nr-wire-being-taken",
                        &[(
                            "name",
                            item.taken_by_name.clone().unwrap_or_default().into(),
                        )],
                    ),
                    None,
                ),
                _ => (
                    state.renderer.message(lang, "nr-wire-not-waiting", &[]),
                    None,
                ),
            };
            let shown = Shown {
                notice: Some(notice),
                notice_link: link,
                ..Default::default()
            };
            return render(&state, &member, form.filter(), shown, StatusCode::CONFLICT).await;
        }
    };
    let filer = Filer {
        user_id: member.user.id,
        role: member.user.role,
    };
    match ingest::take(&state.app.store, &copy, filer, now).await {
        Ok((touched, _)) => {
            state
                .app
                .store
                .wire_taken(id, member.user.id, touched.id)
                .await?;
            member
                .audit(
                    &state,
                    now,
                    "wire-take",
                    "wire",
                    Some(id),
                    Some(&format!("article #{}", touched.id)),
                )
                .await?;
            Ok(see_other(&format!("/newsroom/articles/{}", touched.id)))
        }
        Err(problem) => {
            // Back in the queue for someone who can.
            state.app.store.wire_release(id, member.user.id).await?;
            let shown = Shown {
                notice: Some(problem_message(&state, lang, &problem)),
                ..Default::default()
            };
            render(
                &state,
                &member,
                form.filter(),
                shown,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `POST /newsroom/wire/{id}/spike`: out of the queue, kept under Spiked.
pub async fn spike(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<RowForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::SpikeWire)?;
    let now = OffsetDateTime::now_utc();
    if state.app.store.wire_spike(id, member.user.id, now).await? {
        member
            .audit(&state, now, "wire-spike", "wire", Some(id), None)
            .await?;
    }
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
    member.require(Action::SpikeWire)?;
    let now = OffsetDateTime::now_utc();
    if state.app.store.wire_restore(id).await? {
        member
            .audit(&state, now, "wire-restore", "wire", Some(id), None)
            .await?;
    }
    Ok(see_other("/newsroom/wire?state=spiked"))
}

/// A problem in the newsroom's words: "Line 3: …" for pasted copy,
/// "file.txt, line 3: …" for a file.
fn problem_message(state: &AppState, lang: Language, problem: &Problem) -> String {
    let message = kind_message(state, lang, &problem.kind);
    let line = problem.line.into();
    if problem.file.is_empty() {
        state.renderer.message(
            lang,
            "nr-wire-at-line",
            &[("line", line), ("message", message.into())],
        )
    } else {
        state.renderer.message(
            lang,
            "nr-wire-at-file-line",
            &[
                ("file", problem.file.clone().into()),
                ("line", line),
                ("message", message.into()),
            ],
        )
    }
}

fn kind_message(state: &AppState, lang: Language, kind: &ProblemKind) -> String {
    let t =
        |key: &str, args: &[(&str, FluentValue<'static>)]| state.renderer.message(lang, key, args);
    let s = |v: &str| FluentValue::from(v.to_string());
    match kind {
        ProblemKind::Wire(w) => match w {
            WireErrorKind::Empty => t("nr-wire-e-empty", &[]),
            WireErrorKind::Binary(_) => t("nr-wire-e-binary", &[]),
            WireErrorKind::InvalidUtf8 { column, .. } => {
                t("nr-wire-e-utf8", &[("column", (*column).into())])
            }
            WireErrorKind::BadHeaderLine(line) => t("nr-wire-e-header-line", &[("text", s(line))]),
            WireErrorKind::UnknownHeader(key) => t("nr-wire-e-unknown-header", &[("key", s(key))]),
            WireErrorKind::DuplicateHeader { key, first_line } => t(
                "nr-wire-e-duplicate-header",
                &[("key", s(key)), ("first", (*first_line).into())],
            ),
            WireErrorKind::MissingHeadline => t("nr-wire-e-no-headline-header", &[]),
            WireErrorKind::EmptyHeader(key) => t("nr-wire-e-empty-header", &[("key", s(key))]),
            WireErrorKind::UnknownLanguage(v) => t("nr-wire-e-language", &[("value", s(v))]),
            WireErrorKind::BadDate(v) => t("nr-wire-e-date", &[("value", s(v))]),
            WireErrorKind::BadPublished(v) => t("nr-wire-e-published", &[("value", s(v))]),
            WireErrorKind::BadSlug { key, value } => {
                t("nr-wire-e-slug", &[("key", s(key)), ("value", s(value))])
            }
            WireErrorKind::BadDateline(v) => t("nr-wire-e-dateline", &[("value", s(v))]),
            WireErrorKind::AgencyWithoutDateline => t("nr-wire-e-agency", &[]),
            WireErrorKind::DateMismatch { date, .. } => {
                t("nr-wire-e-date-mismatch", &[("date", s(&date.to_string()))])
            }
            WireErrorKind::ImpossibleDate { year, .. } => {
                t("nr-wire-e-impossible-date", &[("year", (*year).into())])
            }
            WireErrorKind::NoBody => t("nr-wire-e-no-body", &[]),
            WireErrorKind::NoDateline => t("nr-wire-e-no-dateline", &[]),
            WireErrorKind::NoHeadline => t("nr-wire-e-no-headline", &[]),
            WireErrorKind::TooMuchBeforeDateline(n) => {
                t("nr-wire-e-before-dateline", &[("count", (*n).into())])
            }
            other => other.to_string(),
        },
        ProblemKind::Body(BodyError::Refused(e)) => match e {
            MarkdownError::TooLong { bytes } => {
                t("nr-wire-e-body-long", &[("bytes", (*bytes).into())])
            }
            MarkdownError::TooDeep { line } => {
                t("nr-wire-e-body-deep", &[("line", (*line).into())])
            }
            MarkdownError::ElementsTooDeep => t("nr-wire-e-body-elements", &[]),
            MarkdownError::TooManyTags => t("nr-wire-e-body-tags", &[]),
        },
        ProblemKind::Body(BodyError::Busy) => t("nr-wire-e-busy", &[]),
        ProblemKind::TooLarge { .. } => t("nr-wire-e-too-large", &[]),
        ProblemKind::TooManyFiles { max } => t("nr-wire-e-too-many", &[("max", (*max).into())]),
        ProblemKind::NoSection(section) => t("nr-wire-e-no-section", &[("section", s(section))]),
        ProblemKind::Changed(id) => t("nr-wire-e-changed", &[("id", (*id).into())]),
        ProblemKind::TooManyCopies(n) => t("nr-wire-e-copies", &[("count", (*n).into())]),
        ProblemKind::Unreadable(why) | ProblemKind::Refused(why) => why.clone(),
    }
}

fn notice_message(state: &AppState, lang: Language, notice: &Notice) -> String {
    let (file, key, args): (&str, &str, Vec<(&str, FluentValue<'static>)>) = match notice {
        Notice::NoYear { file, year, .. } => {
            (file, "nr-wire-n-no-year", vec![("year", (*year).into())])
        }
        Notice::CopyOf { file, other, id } => (
            file,
            "nr-wire-n-copy-of",
            vec![("other", (*other).into()), ("id", (*id).into())],
        ),
        Notice::Detected { file, language } => (
            file,
            "nr-wire-n-detected",
            vec![("language", language.native_name().to_string().into())],
        ),
        Notice::NotDetected { file, language } => (
            file,
            "nr-wire-n-not-detected",
            vec![("language", language.native_name().to_string().into())],
        ),
    };
    let message = state.renderer.message(lang, key, &args);
    if file.is_empty() {
        message
    } else {
        format!("{file}: {message}")
    }
}
