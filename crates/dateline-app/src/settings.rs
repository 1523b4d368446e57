//! The site settings, as administrators (in the newsroom) and operators
//! (at the command line) change them: every value checked by
//! `dateline_core::settings` (the same rules the readers' pages rely on),
//! a logo against the media library and a WebSub hub by where its name
//! leads, before anything is stored; one bad value refuses them all.
//! What is stored is stored in one transaction, each change in the audit
//! log.

use crate::{Actor, App, Denied};
use dateline_core::media::MediaKind;
use dateline_core::newsroom::Action;
use dateline_core::settings::{check_link, LinkProblem, Problem, SPECS};
use dateline_store::{MediaItem, Store, StoreError};
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

/// Images of the library offered as the logo.
const LOGO_CHOICES: i64 = 24;

/// What the settings form shows: every setting's stored value, and the
/// images offered as the logo (the chosen one first when it is older than
/// those).
#[derive(Debug)]
pub struct Form {
    pub stored: HashMap<String, String>,
    pub images: Vec<MediaItem>,
}

/// The stored settings and the logo's choices; `typed_logo` is the logo
/// the member typed, when the form comes back (else the stored one is
/// offered).
pub async fn form(app: &App, by: Actor<'_>, typed_logo: Option<&str>) -> Result<Form, Denied> {
    by.require(Action::ManageSettings)?;
    let stored = app.store.settings().await?;
    let mut images = app
        .store
        .media_list(Some(MediaKind::Image), LOGO_CHOICES, 0)
        .await?;
    let logo = typed_logo
        .or(stored.get("site.logo").map(String::as_str))
        .unwrap_or_default();
    if let Ok(id) = logo.trim().parse::<i64>() {
        if !images.iter().any(|m| m.id == id) {
            if let Ok(item) = app.store.media(id).await {
                if item.kind == MediaKind::Image {
                    images.insert(0, item);
                }
            }
        }
    }
    Ok(Form { stored, images })
}

/// Settings as a form or a command sent them.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    /// Values by setting key; keys that are no setting are ignored, and
    /// settings not named keep their value.
    pub values: BTreeMap<String, String>,
    /// The footer links as rows of (label, URL), when they were sent;
    /// empty rows are dropped.
    pub links: Option<Vec<(String, String)>>,
}

/// Problems by field: a setting's key, or a footer link's
/// `footer_label_N` / `footer_url_N` (rows from 1).
pub type Problems = BTreeMap<String, Problem>;

/// The field of a footer link's problem.
pub fn link_field(row: usize, problem: LinkProblem) -> String {
    match problem {
        LinkProblem::NoLabel | LinkProblem::LabelTooLong => format!("footer_label_{row}"),
        LinkProblem::NoUrl | LinkProblem::BadUrl | LinkProblem::UrlTooLong => {
            format!("footer_url_{row}")
        }
    }
}

/// What became of a save.
#[derive(Debug)]
pub enum Saved {
    /// The settings that changed, as stored (none when nothing did).
    Done { stored: Vec<(String, String)> },
    /// Nothing stored.
    Refused(Problems),
}

/// Saves settings and, when any changed, reads them again on this node
/// and forgets its rendered pages (the other nodes' follow when their
/// change feed moves).
pub async fn save(
    app: &App,
    by: Actor<'_>,
    input: &SettingsInput,
    now: OffsetDateTime,
) -> Result<Saved, Denied> {
    let saved = apply(&app.store, by, input, now).await?;
    if matches!(&saved, Saved::Done { stored } if !stored.is_empty()) {
        app.reload_site().await;
        app.pages_stale();
    }
    Ok(saved)
}

/// Checks and stores settings (without an [`App`]: the command line's
/// way; a server's nodes read them when their change feed moves).
pub async fn apply(
    store: &Store,
    by: Actor<'_>,
    input: &SettingsInput,
    now: OffsetDateTime,
) -> Result<Saved, Denied> {
    by.require(Action::ManageSettings)?;
    let current = store.settings().await?;
    let mut next = store.site_settings().await?;
    let mut changed: Vec<(&'static str, String)> = Vec::new();
    let mut problems = Problems::new();

    // The footer links' rows, when sent: each checked on its own.
    let links_text = input.links.as_ref().map(|rows| {
        let mut lines = Vec::new();
        for (i, (label, url)) in rows.iter().enumerate() {
            if label.trim().is_empty() && url.trim().is_empty() {
                continue;
            }
            match check_link(label, url) {
                Ok(link) => lines.push(format!("{} = {}", link.label, link.url)),
                Err(problem) => {
                    problems.insert(
                        link_field(i + 1, problem),
                        Problem::Link {
                            row: i + 1,
                            problem,
                        },
                    );
                }
            }
        }
        lines.join("\n")
    });

    // In the specs' order, so the allowance for a private hub is read
    // before the hub.
    for spec in SPECS {
        let value = if spec.key == "site.footer_links" {
            match &links_text {
                Some(text) => text.clone(),
                None => match input.values.get(spec.key) {
                    Some(value) => value.clone(),
                    None => continue,
                },
            }
        } else {
            match input.values.get(spec.key) {
                Some(value) => value.clone(),
                None => continue,
            }
        };
        if current.get(spec.key) == Some(&value) {
            continue;
        }
        match next.with(spec.key, &value) {
            Ok((settings, stored)) => {
                next = settings;
                if current.get(spec.key) != Some(&stored) {
                    changed.push((spec.key, stored));
                }
            }
            Err(e) => {
                if let Some(problem) = e.problem() {
                    if let Problem::Link { row, problem: p } = problem {
                        problems
                            .entry(link_field(*row, *p))
                            .or_insert_with(|| problem.clone());
                    } else {
                        problems
                            .entry(spec.key.to_string())
                            .or_insert_with(|| problem.clone());
                    }
                }
            }
        }
    }
    // What the core cannot know: that the logo is an image of the library,
    // and where the hub's name leads.
    if let Some((_, logo)) = changed.iter().find(|(k, _)| *k == "site.logo") {
        if let Ok(id) = logo.parse::<i64>() {
            let is_image = match store.media(id).await {
                Ok(item) => item.kind == MediaKind::Image,
                Err(StoreError::NotFound) => false,
                Err(e) => return Err(e.into()),
            };
            if !is_image {
                problems.insert("site.logo".into(), Problem::NotAnImage);
            }
        }
    }
    if let Some((_, hub)) = changed.iter().find(|(k, _)| *k == "feeds.websub_hub") {
        if let Err(why) = crate::announce::check_hub(hub, next.websub_allow_private).await {
            problems.insert("feeds.websub_hub".into(), Problem::Hub(why));
        }
    }
    if !problems.is_empty() {
        return Ok(Saved::Refused(problems));
    }
    let pairs: Vec<(&str, &str)> = changed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match store.set_settings(&pairs, now).await? {
        Ok(stored) => {
            for (key, value) in &stored {
                let detail = format!("{key} = {value}");
                by.audit(store, now, "set", "setting", None, Some(&detail))
                    .await?;
            }
            Ok(Saved::Done { stored })
        }
        // Another administrator changed a setting this one depends on.
        Err(e) => {
            if let Some(problem) = e.problem() {
                problems.insert(e.key().to_string(), problem.clone());
            }
            Ok(Saved::Refused(problems))
        }
    }
}
