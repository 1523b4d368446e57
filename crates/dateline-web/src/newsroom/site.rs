//! Administrators' pages for the site itself: the site settings (the
//! site's identity, time zone, comments, feeds and datelines, as a form of
//! typed fields) and the audit log (sections have their own page,
//! `sections.rs`).

use super::auth::Member;
use super::frame::{NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::settings::{self, Saved, SettingsInput};
use dateline_core::newsroom::Action;
use dateline_core::settings::{HubProblem, LinkProblem, Problem};
use dateline_render::{context, ContextValue as Value};
use dateline_store::AuditFilter;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;

// ---------------------------------------------------------------------
// Site settings: a form of groups (the site, comments, feeds, datelines),
// each setting with the widget its kind asks for, worded by the newsroom's
// catalogues. The values are checked by `dateline_core::settings`, the same
// rules as the command line's and the readers'.

/// The settings form's problems, by field name (a setting's key, or a
/// footer link's `footer_label_N` / `footer_url_N`), worded.
type SettingErrors = BTreeMap<String, String>;

/// What the member typed, kept when the form is refused.
#[derive(Default)]
struct Typed {
    values: BTreeMap<String, String>,
    /// The footer links' rows as typed (label, URL), when the form carried
    /// them.
    links: Option<Vec<(String, String)>>,
}

/// Empty rows of the footer links offered beneath the filled ones.
const SPARE_LINK_ROWS: usize = 3;

pub async fn settings(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageSettings)?;
    render_settings(
        &state,
        &member,
        &Typed::default(),
        &SettingErrors::new(),
        false,
        StatusCode::OK,
    )
    .await
}

/// The catalogue's name for a setting's messages: `comments.max_links` →
/// `comments-max-links` (so `nr-set-comments-max-links-label`, `-help`,
/// `-unit` and `-opt-WORD`).
fn message_slug(key: &str) -> String {
    key.replace(['.', '_'], "-")
}

async fn render_settings(
    state: &AppState,
    member: &Member,
    typed: &Typed,
    errors: &SettingErrors,
    saved: bool,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    use dateline_core::settings::{Group, Kind, MAX_FOOTER_LINKS, SPECS};
    let typed_logo = typed.values.get("site.logo").map(String::as_str);
    let settings::Form { stored, images } =
        settings::form(&state.app, member.actor(), typed_logo).await?;
    let value_of = |key: &str| -> String {
        typed
            .values
            .get(key)
            .or(stored.get(key))
            .cloned()
            .unwrap_or_default()
    };
    let images: Vec<Value> = images
        .iter()
        .map(|m| {
            let ext = dateline_core::media::extension(&m.content_type);
            let thumb = m
                .renditions
                .first()
                .map(|(v, _)| format!("/newsroom/media/{}/{}.{}", m.id, v, ext));
            context! {
                id => m.id.to_string(), thumb => thumb, alt => m.alt_text,
                file_name => m.file_name, width => m.width, height => m.height,
            }
        })
        .collect();
    let zones: Vec<Value> = dateline_core::zone::choices()
        .into_iter()
        .map(|(region, names)| context! { region => region, names => names })
        .collect();
    // The footer links: as typed, else as stored; then spare empty rows.
    let mut links: Vec<(String, String)> = match &typed.links {
        Some(rows) => rows.clone(),
        None => stored
            .get("site.footer_links")
            .map(|text| {
                text.lines()
                    .filter_map(|l| l.rsplit_once(" = "))
                    .map(|(label, url)| (label.to_string(), url.to_string()))
                    .collect()
            })
            .unwrap_or_default(),
    };
    links.retain(|(l, u)| !(l.trim().is_empty() && u.trim().is_empty()));
    let rows = (links.len() + SPARE_LINK_ROWS).min(MAX_FOOTER_LINKS.max(links.len()));
    links.resize(rows, (String::new(), String::new()));
    let links: Vec<Value> = links
        .into_iter()
        .enumerate()
        .map(|(i, (label, url))| {
            let n = i + 1;
            context! {
                n => n, label => label, url => url,
                label_error => errors.get(&format!("footer_label_{n}")),
                url_error => errors.get(&format!("footer_url_{n}")),
            }
        })
        .collect();
    let groups: Vec<Value> = Group::ALL
        .into_iter()
        .map(|group| {
            let fields: Vec<Value> = SPECS
                .iter()
                .filter(|spec| spec.group == group && spec.key != "site.footer_links")
                .map(|spec| {
                    let (widget, choices, min, max) = match spec.kind {
                        Kind::Bool => ("switch", Vec::new(), None, None),
                        Kind::Number { min, max } => ("number", Vec::new(), Some(min), Some(max)),
                        Kind::Text { .. } => ("textarea", Vec::new(), None, None),
                        Kind::Line { .. } => ("line", Vec::new(), None, None),
                        Kind::HubUrl | Kind::HttpsUrl => ("url", Vec::new(), None, None),
                        Kind::Choice(words) => ("radios", words.to_vec(), None, None),
                        Kind::MediaId => ("logo", Vec::new(), None, None),
                        Kind::TimeZone => ("zone", Vec::new(), None, None),
                        Kind::Links { .. } => ("links", Vec::new(), None, None),
                    };
                    context! {
                        key => spec.key,
                        slug => message_slug(spec.key),
                        widget => widget,
                        choices => choices,
                        min => min,
                        max => max,
                        value => value_of(spec.key),
                        default => spec.default,
                        error => errors.get(spec.key),
                        network => spec.key.strip_prefix("social."),
                    }
                })
                .collect();
            context! { name => group.as_str(), fields => fields }
        })
        .collect();
    Page::new(
        "nr-settings.html",
        "nr-settings-title",
        member.lang,
        context! {
            groups => groups,
            links => links,
            links_error => errors.get("site.footer_links"),
            images => images,
            zones => zones,
            configured_name => state.config.site_name,
            has_errors => !errors.is_empty(),
            saved => saved,
        },
    )
    .member(member)
    .current("/newsroom/settings")
    .status(status)
    .render(state)
}

/// A refused value in the member's language.
fn word_problem(state: &AppState, member: &Member, problem: &Problem) -> String {
    use dateline_render::FluentValue;
    let say = |key: &str, args: &[(&str, FluentValue<'_>)]| {
        state.renderer.message(member.lang, key, args)
    };
    match problem {
        Problem::NotOneOf => say("nr-set-err-choice", &[]),
        Problem::Range { min, max } => say(
            "nr-set-err-range",
            &[("min", (*min).into()), ("max", (*max).into())],
        ),
        Problem::TooLong { max_chars } => say(
            "nr-set-err-too-long",
            &[("max", (*max_chars as i64).into())],
        ),
        Problem::NotOneLine => say("nr-set-err-one-line", &[]),
        Problem::Hub(hub) => match hub {
            HubProblem::NotHttp => say("nr-set-err-hub-scheme", &[]),
            HubProblem::Malformed => say("nr-set-err-hub-malformed", &[]),
            HubProblem::Credentials => say("nr-set-err-hub-credentials", &[]),
            HubProblem::NoHost => say("nr-set-err-hub-no-host", &[]),
            HubProblem::Local { host, address } => say(
                "nr-set-err-hub-local",
                &[(
                    "address",
                    address.clone().unwrap_or_else(|| host.clone()).into(),
                )],
            ),
            HubProblem::Unresolvable { host } => say(
                "nr-set-err-hub-unresolvable",
                &[("host", host.clone().into())],
            ),
            HubProblem::NoAddress { host } => say(
                "nr-set-err-hub-no-address",
                &[("host", host.clone().into())],
            ),
        },
        Problem::HubNeedsAllowance { hub } => say(
            "nr-set-err-hub-needs-allowance",
            &[("hub", hub.clone().into())],
        ),
        Problem::UnknownZone => say("nr-set-err-zone", &[]),
        Problem::NotAnImage => say("nr-set-err-logo", &[]),
        Problem::NotHttps => say("nr-set-err-https", &[]),
        Problem::Link { problem, .. } => word_link_problem(state, member, *problem),
        Problem::TooManyLinks { max } => say(
            "nr-set-err-too-many-links",
            &[("max", (*max as i64).into())],
        ),
    }
}

fn word_link_problem(state: &AppState, member: &Member, problem: LinkProblem) -> String {
    let key = match problem {
        LinkProblem::NoLabel => "nr-set-err-link-no-label",
        LinkProblem::LabelTooLong => "nr-set-err-link-label",
        LinkProblem::NoUrl => "nr-set-err-link-no-url",
        LinkProblem::BadUrl => "nr-set-err-link-url",
        LinkProblem::UrlTooLong => "nr-set-err-link-url-long",
    };
    state.renderer.message(
        member.lang,
        key,
        &[(
            "max",
            match problem {
                LinkProblem::LabelTooLong => dateline_core::settings::MAX_LINK_LABEL as i64,
                _ => dateline_core::settings::MAX_URL as i64,
            }
            .into(),
        )],
    )
}

/// `POST /newsroom/settings`: every setting the form carries (a switch
/// sends a hidden `false` before its box, so the last value of a key is the
/// one meant; the footer links come as rows of `footer_label` and
/// `footer_url`). Each value is checked (a logo against the media library,
/// a WebSub hub resolved) before anything is stored; one bad value refuses
/// the whole form, with its own sentence at its field and everything typed
/// kept, so the page never shows half a save. What is stored is stored in
/// one transaction, each change in the audit log.
pub async fn save_settings(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, NewsroomError> {
    use dateline_core::settings::SPECS;
    let csrf = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    member.check_csrf(&state, csrf)?;
    member.require(Action::ManageSettings)?;
    if fields.len() > 200 {
        return Err(NewsroomError::BadRequest(
            "The form has more fields than the settings page sends.".into(),
        ));
    }
    let mut typed = Typed::default();
    let mut input = SettingsInput::default();
    // The footer links' rows, when the form carries them.
    let labels: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "footer_label")
        .map(|(_, v)| v.as_str())
        .collect();
    let urls: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "footer_url")
        .map(|(_, v)| v.as_str())
        .collect();
    if !labels.is_empty() || !urls.is_empty() {
        let rows: Vec<(String, String)> = (0..labels.len().max(urls.len()))
            .map(|i| {
                (
                    labels.get(i).copied().unwrap_or("").to_string(),
                    urls.get(i).copied().unwrap_or("").to_string(),
                )
            })
            .collect();
        typed.links = Some(rows.clone());
        input.links = Some(rows);
    }
    // The last value of a key is the one meant.
    for spec in SPECS.iter().filter(|s| s.key != "site.footer_links") {
        if let Some((_, value)) = fields.iter().rfind(|(k, _)| k == spec.key) {
            typed.values.insert(spec.key.to_string(), value.clone());
            input.values.insert(spec.key.to_string(), value.clone());
        }
    }
    let now = OffsetDateTime::now_utc();
    match settings::save(&state.app, member.actor(), &input, now).await? {
        Saved::Done { .. } => {
            render_settings(
                &state,
                &member,
                &Typed::default(),
                &SettingErrors::new(),
                true,
                StatusCode::OK,
            )
            .await
        }
        Saved::Refused(problems) => {
            let errors: SettingErrors = problems
                .iter()
                .map(|(field, problem)| (field.clone(), word_problem(&state, &member, problem)))
                .collect();
            render_settings(
                &state,
                &member,
                &typed,
                &errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    entity: Option<String>,
    id: Option<i64>,
    user: Option<String>,
    page: Option<u32>,
}

pub async fn audit(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<AuditQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ReadAudit)?;
    const PER_PAGE: i64 = 100;
    let page = i64::from(q.page.unwrap_or(1).max(1));
    let filter = AuditFilter {
        entity: q.entity.clone().filter(|e| !e.is_empty()),
        entity_id: q.id,
        user_email: q.user.clone().filter(|u| !u.is_empty()),
    };
    let (entries, total) = dateline_app::audit::log(
        &state.app,
        member.actor(),
        &filter,
        PER_PAGE,
        (page - 1) * PER_PAGE,
    )
    .await?;
    Page::new(
        "nr-audit.html",
        "nr-audit-title",
        member.lang,
        context! {
            entries => entries, total => total, page => page,
            pages => ((total + PER_PAGE - 1) / PER_PAGE).max(1),
            filter => context! { entity => q.entity, id => q.id, user => q.user },
        },
    )
    .member(&member)
    .current("/newsroom/audit")
    .render(&state)
}
