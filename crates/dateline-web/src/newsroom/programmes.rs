//! Editors' page for programmes (audio series with a podcast each): each
//! language's programmes in their order (moved by Up and Down buttons, or
//! dragged where script runs), one form that adds a programme or edits one
//! (a new slug moves its page and podcast feed; the old addresses answer
//! 301), and deleting one after a confirmation that says what becomes of
//! its episodes.

use super::auth::Member;
use super::frame::{self, FieldErrors, NewsroomError, Page};
use super::sections::moves;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::programmes::{self, Deleted, Problem, ProgrammeSave, Reordered, Saved};
use dateline_core::newsroom::Action;
use dateline_core::programme::CATEGORIES;
use dateline_core::Language;
use dateline_render::context;
use dateline_store::Programme;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

/// The form as typed: strings, so that what was typed comes back with the
/// errors.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ProgrammeForm {
    /// The programme being edited; empty for a new one.
    id: String,
    /// "1" from the page's "Add" form: a slug already taken is refused.
    /// Without it (and without `id`), a save changes the programme of the
    /// same language and slug, as this form always did.
    create: String,
    language: String,
    slug: String,
    name: String,
    description: String,
    author: String,
    category: String,
    /// A checkbox: present ("1") when ticked.
    explicit: String,
    cover_id: String,
    #[serde(skip_serializing)]
    csrf: String,
}

impl ProgrammeForm {
    fn from_programme(p: &Programme) -> ProgrammeForm {
        ProgrammeForm {
            id: p.id.to_string(),
            create: String::new(),
            language: p.language.code().into(),
            slug: p.slug.clone(),
            name: p.name.clone(),
            description: p.description.clone().unwrap_or_default(),
            author: p.author.clone().unwrap_or_default(),
            category: p.category.clone().unwrap_or_default(),
            explicit: if p.explicit {
                "1".into()
            } else {
                String::new()
            },
            cover_id: p.cover_id.map(|i| i.to_string()).unwrap_or_default(),
            csrf: String::new(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProgrammesQuery {
    lang: String,
    /// The programme to fill the form with.
    edit: Option<i64>,
    /// What was just done: `saved`, `deleted` or `order`.
    done: String,
}

fn message(state: &AppState, member: &Member, key: &str) -> String {
    state.renderer.message(member.lang, key, &[])
}

/// `GET /newsroom/programmes?lang=en`: a language's programmes, and the
/// form (empty, or filled with the programme `?edit=` names).
pub async fn list(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<ProgrammesQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageProgrammes)?;
    let mut lang = q.lang.parse().unwrap_or(state.config.default_language);
    let form = match q.edit {
        Some(id) => {
            let p = programmes::programme(&state.app, member.actor(), id).await?;
            lang = p.language;
            ProgrammeForm::from_programme(&p)
        }
        None => ProgrammeForm {
            language: lang.code().into(),
            create: "1".into(),
            category: "News".into(),
            ..Default::default()
        },
    };
    let notice = match q.done.as_str() {
        "deleted" => Some(message(&state, &member, "nr-programmes-deleted")),
        "order" => Some(message(&state, &member, "nr-programmes-order-saved")),
        "" => None,
        _ => Some(message(&state, &member, "nr-notice-saved")),
    };
    render(
        &state,
        &member,
        lang,
        &form,
        notice,
        None,
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    member: &Member,
    lang: Language,
    form: &ProgrammeForm,
    notice: Option<String>,
    order_error: Option<String>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let editing_id = form.id.parse::<i64>().ok();
    let desk = programmes::desk(&state.app, member.actor(), editing_id).await?;
    let all = &desk.programmes;
    let languages: Vec<_> = Language::ALL
        .into_iter()
        .map(|l| {
            context! {
                code => l.code(), name => l.native_name(), current => l == lang,
                count => all.iter().filter(|p| p.language == l).count(),
            }
        })
        .collect();
    let programmes: Vec<&Programme> = all.iter().filter(|p| p.language == lang).collect();
    let editing = editing_id.and_then(|id| all.iter().find(|p| p.id == id));
    let (articles, others): (i64, Vec<&Programme>) = match editing {
        Some(p) => (
            desk.articles,
            programmes
                .iter()
                .filter(|o| o.id != p.id)
                .copied()
                .collect(),
        ),
        None => (0, Vec::new()),
    };
    let choices: Vec<_> = Language::ALL
        .into_iter()
        .map(|l| context! { value => l.code(), label => l.native_name() })
        .collect();
    let images = &desk.images;
    Page::new(
        "nr-programmes.html",
        "nr-programmes-title",
        member.lang,
        context! {
            tab => lang.code(), lang_name => lang.native_name(),
            languages, programmes, form, notice, order_error, errors, images,
            choices, categories => CATEGORIES,
            editing => editing.map(|p| context! {
                id => p.id, name => p.name, slug => p.slug, language => p.language.code(),
                episodes => p.episode_count, articles,
            }),
            others => others.iter().map(|o| context! { id => o.id, name => o.name }).collect::<Vec<_>>(),
        },
    )
    .member(member)
    .current("/newsroom/programmes")
    .status(status)
    .render(state)
}

/// What to tell the editor about a field the model refused.
fn field_message(field: &str) -> &'static str {
    match field {
        "slug" => "nr-programmes-error-slug",
        "name" => "nr-programmes-error-name",
        "description" => "nr-programmes-error-description",
        "author" => "nr-programmes-error-author",
        "category" => "nr-programmes-error-category",
        _ => "nr-programmes-error-field",
    }
}

/// `POST /newsroom/programmes`: a new programme, a change to the one `id`
/// names, or (from a form without either) to the one of the same language
/// and slug.
pub async fn save(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<ProgrammeForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageProgrammes)?;
    let id = match form.id.trim() {
        "" => None,
        n => Some(n.parse::<i64>().map_err(|_| NewsroomError::NotFound)?),
    };
    let input = ProgrammeSave {
        id,
        create: !form.create.is_empty(),
        language: form.language.parse().ok(),
        slug: form.slug.clone(),
        name: form.name.clone(),
        description: form.description.clone(),
        author: form.author.clone(),
        category: form.category.clone(),
        explicit: !form.explicit.is_empty(),
        cover_id: form.cover_id.clone(),
    };
    let now = OffsetDateTime::now_utc();
    let (language, problems) =
        match programmes::save(&state.app, member.actor(), &input, now).await? {
            Saved::Done { id } => {
                return Ok(frame::see_other(&format!(
                    "/newsroom/programmes?edit={id}&done=saved"
                )))
            }
            Saved::Refused { language, problems } => (language, problems),
        };
    let mut errors = FieldErrors::new();
    for (field, problem) in problems {
        errors.insert(field, word(&state, &member, field, &problem));
    }
    render(
        &state,
        &member,
        language,
        &form,
        None,
        None,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// A programme's problem in the member's language.
fn word(state: &AppState, member: &Member, field: &str, problem: &Problem) -> String {
    match problem {
        Problem::Language => message(state, member, "nr-programmes-error-language"),
        Problem::Cover => message(state, member, "nr-programmes-error-cover"),
        Problem::Field(_) => message(state, member, field_message(field)),
        Problem::SlugTaken { name } => state.renderer.message(
            member.lang,
            "nr-programmes-error-taken",
            &[("name", name.clone().into())],
        ),
    }
}

/// `POST /newsroom/programmes/order`: a language's programmes in the order
/// of the form's `id` fields, after the button pressed (`op`): `save`,
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
    member.require(Action::ManageProgrammes)?;
    let lang: Language = get("lang").parse().unwrap_or(state.config.default_language);
    let Some((ids, moved)) = moves(&fields, get("op")) else {
        return Err(NewsroomError::BadRequest("Too many programmes.".into()));
    };
    let now = OffsetDateTime::now_utc();
    match programmes::reorder(&state.app, member.actor(), lang, &ids, now).await? {
        Reordered::Done => {
            let anchor = moved.map(|id| format!("#p-{id}")).unwrap_or_default();
            Ok(frame::see_other(&format!(
                "/newsroom/programmes?lang={}&done=order{anchor}",
                lang.code()
            )))
        }
        Reordered::Stale => {
            let form = ProgrammeForm {
                language: lang.code().into(),
                create: "1".into(),
                category: "News".into(),
                ..Default::default()
            };
            render(
                &state,
                &member,
                lang,
                &form,
                None,
                Some(message(&state, &member, "nr-order-stale")),
                &FieldErrors::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteQuery {
    /// The programme its episodes move to; empty: they keep no programme.
    to: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    to: String,
    csrf: String,
}

/// `GET /newsroom/programmes/{id}/delete?to=ID`: what deleting the
/// programme will do, and the button that does it.
pub async fn confirm_delete(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Query(q): Query<DeleteQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageProgrammes)?;
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
    let doomed = programmes::doomed(&state.app, member.actor(), id).await?;
    let (programme, articles) = (&doomed.programme, doomed.articles);
    let target = doomed.target(to);
    let error = error.or_else(|| {
        (!to.trim().is_empty() && target.is_none())
            .then(|| message(state, member, "nr-programmes-error-move-to"))
    });
    Page::new(
        "nr-programmes.html",
        "nr-programmes-delete-title",
        member.lang,
        context! {
            confirm => true,
            tab => programme.language.code(),
            programme => context! {
                id => programme.id, name => programme.name, slug => programme.slug,
                episodes => programme.episode_count, articles,
            },
            target => target.map(|t| context! { id => t.id, name => t.name, slug => t.slug }),
            error,
        },
    )
    .member(member)
    .current("/newsroom/programmes")
    .status(status)
    .render(state)
}

/// `POST /newsroom/programmes/{id}/delete`: deletes the programme; its
/// articles name `to`, or no programme.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageProgrammes)?;
    let refused = || {
        let why = message(&state, &member, "nr-programmes-error-move-to");
        render_delete(
            &state,
            &member,
            id,
            &form.to,
            Some(why),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let to = match form.to.trim() {
        "" => None,
        t => match t.parse::<i64>() {
            Ok(t) => Some(t),
            Err(_) => return refused().await,
        },
    };
    let now = OffsetDateTime::now_utc();
    match programmes::delete(&state.app, member.actor(), id, to, now).await? {
        Deleted::Done { language, .. } => Ok(frame::see_other(&format!(
            "/newsroom/programmes?lang={}&done=deleted",
            language.code()
        ))),
        Deleted::MoveTo => refused().await,
    }
}
