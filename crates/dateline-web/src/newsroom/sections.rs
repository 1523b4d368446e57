//! Administrators' page for sections: each language's sections in their
//! order (moved by Up and Down buttons, or dragged where script runs), a
//! form that adds one or edits one (its name, its slug: a rename that moves
//! its articles' addresses, the old ones answering 301), and deleting one
//! after a confirmation that says what becomes of its articles.

use super::auth::Member;
use super::frame::{self, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::sections::{self, Deleted, Problem, Reordered, Saved, SectionInput};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_render::context;
use dateline_store::{SectionListing, MAX_SECTIONS, SECTION_KEY_CHARS, SECTION_NAME_CHARS};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

/// The form as typed, so that it comes back with its errors.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct SectionForm {
    /// The section being edited; empty for a new one.
    id: String,
    language: String,
    slug: String,
    name: String,
    key: String,
    /// Sent by older forms; the order is set by moving sections now.
    #[serde(skip_serializing)]
    position: String,
    #[serde(skip_serializing)]
    csrf: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SectionsQuery {
    lang: String,
    /// A section to fill the form with.
    edit: Option<i64>,
    /// What was just done: `saved`, `deleted` or `order`.
    done: String,
    /// Articles whose address a rename or delete changed.
    moved: Option<u32>,
}

/// The language of a `lang` field, or the site's default one.
fn language(code: &str, state: &AppState) -> Language {
    code.parse().unwrap_or(state.config.default_language)
}

fn message(state: &AppState, member: &Member, key: &str) -> String {
    state.renderer.message(member.lang, key, &[])
}

/// `GET /newsroom/sections?lang=en`: a language's sections and the form
/// (empty, or filled with the section `?edit=` names).
pub async fn page(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<SectionsQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageSections)?;
    let mut lang = language(&q.lang, &state);
    let form = match q.edit {
        Some(id) => {
            let s = sections::listing(&state.app, member.actor(), id).await?;
            lang = s.section.language;
            SectionForm {
                id: s.id.to_string(),
                language: lang.code().into(),
                slug: s.section.slug,
                name: s.section.name,
                key: s.section.key.unwrap_or_default(),
                ..Default::default()
            }
        }
        None => SectionForm {
            language: lang.code().into(),
            ..Default::default()
        },
    };
    let notice = match q.done.as_str() {
        "saved" | "deleted" | "order" => Some(notice(&state, &member, &q.done, q.moved, lang)),
        _ => None,
    };
    render(
        &state,
        &member,
        lang,
        &form,
        &FieldErrors::new(),
        None,
        notice,
        StatusCode::OK,
    )
    .await
}

/// The sentence after a change, in the member's language.
fn notice(
    state: &AppState,
    member: &Member,
    done: &str,
    moved: Option<u32>,
    lang: Language,
) -> String {
    let key = match done {
        "deleted" => "nr-sections-deleted",
        "order" => "nr-sections-order-saved",
        _ => "nr-notice-saved",
    };
    let mut text = message(state, member, key);
    if let Some(n) = moved.filter(|n| *n > 0) {
        text.push(' ');
        text.push_str(&state.renderer.message(
            member.lang,
            "nr-sections-moved",
            &[("count", n.into()), ("lang", lang.code().into())],
        ));
    }
    text
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    member: &Member,
    lang: Language,
    form: &SectionForm,
    errors: &FieldErrors,
    order_error: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let desk = sections::desk(&state.app, member.actor(), lang).await?;
    let sections = desk.sections;
    let languages: Vec<_> = desk
        .counts
        .iter()
        .map(|(l, n)| context! { code => l.code(), name => l.native_name(), count => n, current => *l == lang })
        .collect();
    let editing: Option<&SectionListing> = form
        .id
        .parse::<i64>()
        .ok()
        .and_then(|id| sections.iter().find(|s| s.id == id));
    let others: Vec<_> = editing
        .map(|e| {
            sections
                .iter()
                .filter(|s| s.id != e.id)
                .map(|s| context! { id => s.id, name => s.section.name, slug => s.section.slug })
                .collect()
        })
        .unwrap_or_default();
    Page::new(
        "nr-sections.html",
        "nr-sections-title",
        member.lang,
        context! {
            tab => lang.code(),
            lang_name => lang.native_name(),
            languages, sections, form, errors, order_error, notice,
            editing => editing.map(|e| context! {
                id => e.id, name => e.section.name, slug => e.section.slug,
                articles => e.articles, published => e.published,
            }),
            others,
            name_max => SECTION_NAME_CHARS,
            key_max => SECTION_KEY_CHARS,
        },
    )
    .member(member)
    .current("/newsroom/sections")
    .status(status)
    .render(state)
}

/// A section's problem in the member's language.
fn word(state: &AppState, member: &Member, problem: Problem, lang: Language, slug: &str) -> String {
    let key = match problem {
        Problem::Language => "nr-sections-error-language",
        Problem::Slug => "nr-sections-error-slug",
        Problem::Name => "nr-sections-error-name",
        Problem::Key => "nr-sections-error-key",
        Problem::SlugTaken => {
            return state.renderer.message(
                member.lang,
                "nr-sections-error-taken",
                &[("path", format!("/{}/{slug}/", lang.code()).into())],
            )
        }
    };
    message(state, member, key)
}

/// `POST /newsroom/sections`: a new section (no `id`), or a new name, slug
/// or key for the section `id` names.
pub async fn save(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<SectionForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageSections)?;
    let id = match form.id.trim() {
        "" => None,
        n => Some(n.parse::<i64>().map_err(|_| NewsroomError::NotFound)?),
    };
    let input = SectionInput {
        id,
        language: form.language.parse().ok(),
        slug: form.slug.clone(),
        name: form.name.clone(),
        key: form.key.clone(),
    };
    let now = OffsetDateTime::now_utc();
    let (lang, problems) = match sections::save(&state.app, member.actor(), &input, now).await? {
        Saved::Done {
            id,
            language,
            moved,
        } => {
            let mut to = format!("/newsroom/sections?lang={}&done=saved", language.code());
            if moved > 0 {
                to.push_str(&format!("&moved={moved}"));
            }
            return Ok(frame::see_other(&format!("{to}#s-{id}")));
        }
        Saved::KeepsLanguage => {
            return Err(NewsroomError::BadRequest(
                "A section keeps its language.".into(),
            ))
        }
        Saved::Refused { language, problems } => (language, problems),
    };
    let slug = form.slug.trim();
    let mut errors = FieldErrors::new();
    for (field, problem) in problems {
        errors.insert(field, word(&state, &member, problem, lang, slug));
    }
    render(
        &state,
        &member,
        lang,
        &form,
        &errors,
        None,
        None,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `POST /newsroom/sections/order`: a language's sections in the order of
/// the form's `id` fields, after the button pressed (`op`): `save`,
/// `up:ID` or `down:ID`.
pub async fn order(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, NewsroomError> {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    member.check_csrf(&state, get("csrf"))?;
    member.require(Action::ManageSections)?;
    let lang = language(get("lang"), &state);
    let (ids, op) = match moves(&fields, get("op")) {
        Some(found) => found,
        None => return Err(NewsroomError::BadRequest("Too many sections.".into())),
    };
    let now = OffsetDateTime::now_utc();
    match sections::reorder(&state.app, member.actor(), lang, &ids, now).await? {
        Reordered::Done => {
            let anchor = op.map(|id| format!("#s-{id}")).unwrap_or_default();
            Ok(frame::see_other(&format!(
                "/newsroom/sections?lang={}&done=order{anchor}",
                lang.code()
            )))
        }
        Reordered::Stale => {
            let form = SectionForm {
                language: lang.code().into(),
                ..Default::default()
            };
            render(
                &state,
                &member,
                lang,
                &form,
                &FieldErrors::new(),
                Some(message(&state, &member, "nr-order-stale")),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// The ids of an order form after its button: `up:ID` and `down:ID` move
/// one a step. None when the form names more than any language has.
/// Also returns the id a button moved, to bring it back into view.
pub(super) fn moves(fields: &[(String, String)], op: &str) -> Option<(Vec<i64>, Option<i64>)> {
    let named: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| v.as_str())
        .take(MAX_SECTIONS + 1)
        .collect();
    if named.len() > MAX_SECTIONS {
        return None;
    }
    let mut ids: Vec<i64> = named.iter().filter_map(|v| v.parse().ok()).collect();
    let target = |prefix: &str, ids: &[i64]| {
        op.strip_prefix(prefix)
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| ids.iter().position(|x| *x == id).map(|i| (i, id)))
    };
    let mut moved = None;
    if let Some((i, id)) = target("up:", &ids) {
        if i > 0 {
            ids.swap(i, i - 1);
        }
        moved = Some(id);
    } else if let Some((i, id)) = target("down:", &ids) {
        if i + 1 < ids.len() {
            ids.swap(i, i + 1);
        }
        moved = Some(id);
    }
    Some((ids, moved))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteQuery {
    /// The section its articles move to; empty when it has none.
    to: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    to: String,
    csrf: String,
}

/// `GET /newsroom/sections/{id}/delete?to=ID`: what deleting the section
/// will do, and the button that does it (a page of its own, so the step
/// works without script).
pub async fn confirm_delete(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Query(q): Query<DeleteQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageSections)?;
    render_delete(&state, &member, id, &q.to, None, StatusCode::OK).await
}

async fn render_delete(
    state: &AppState,
    member: &Member,
    id: i64,
    to: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let doomed = sections::doomed(&state.app, member.actor(), id).await?;
    let section = &doomed.section;
    let lang = section.section.language;
    let target = doomed.target(to);
    // A target named that is not another section of the language.
    let error = error.or_else(|| {
        (!to.trim().is_empty() && target.is_none())
            .then(|| message(state, member, "nr-sections-error-move-to"))
    });
    let others: Vec<_> = doomed
        .others
        .iter()
        .map(|s| context! { id => s.id, name => s.section.name, slug => s.section.slug })
        .collect();
    Page::new(
        "nr-sections.html",
        "nr-sections-delete-title",
        member.lang,
        context! {
            confirm => true,
            tab => lang.code(),
            section => context! {
                id => section.id, name => section.section.name, slug => section.section.slug,
                articles => section.articles, published => section.published,
            },
            target => target.map(|t| context! { id => t.id, name => t.section.name, slug => t.section.slug }),
            others, error,
        },
    )
    .member(member)
    .current("/newsroom/sections")
    .status(status)
    .render(state)
}

/// `POST /newsroom/sections/{id}/delete`: deletes the section, its
/// articles moved to `to` first.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageSections)?;
    let refused = |to: &'static str| {
        let why = message(&state, &member, "nr-sections-error-move-to");
        render_delete(
            &state,
            &member,
            id,
            to,
            Some(why),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let to = match form.to.trim() {
        "" => None,
        t => match t.parse::<i64>() {
            Ok(t) => Some(t),
            Err(_) => return refused("").await,
        },
    };
    let now = OffsetDateTime::now_utc();
    match sections::delete(&state.app, member.actor(), id, to, now).await? {
        Deleted::Done { language, moved } => {
            let mut back = format!("/newsroom/sections?lang={}&done=deleted", language.code());
            if moved > 0 {
                back.push_str(&format!("&moved={moved}"));
            }
            Ok(frame::see_other(&back))
        }
        // Articles arrived since the page was shown, or the target went.
        Deleted::MoveTo => {
            let why = message(&state, &member, "nr-sections-error-move-to");
            render_delete(
                &state,
                &member,
                id,
                &form.to,
                Some(why),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::moves;

    fn form(ids: &[&str]) -> Vec<(String, String)> {
        ids.iter()
            .map(|i| ("id".to_string(), i.to_string()))
            .collect()
    }

    #[test]
    fn up_and_down_move_one_step_and_stop_at_the_ends() {
        let f = form(&["1", "2", "3"]);
        assert_eq!(moves(&f, "up:2"), Some((vec![2, 1, 3], Some(2))));
        assert_eq!(moves(&f, "down:2"), Some((vec![1, 3, 2], Some(2))));
        assert_eq!(moves(&f, "up:1"), Some((vec![1, 2, 3], Some(1))));
        assert_eq!(moves(&f, "down:3"), Some((vec![1, 2, 3], Some(3))));
        assert_eq!(moves(&f, "save"), Some((vec![1, 2, 3], None)));
        assert_eq!(moves(&f, "up:9"), Some((vec![1, 2, 3], None)));
        assert_eq!(
            moves(&form(&["1", "x", "2"]), "save"),
            Some((vec![1, 2], None))
        );
    }

    #[test]
    fn an_order_longer_than_any_language_is_refused() {
        let many: Vec<String> = (0..=dateline_store::MAX_SECTIONS)
            .map(|i| i.to_string())
            .collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(moves(&form(&refs), "save"), None);
    }
}
