//! Editors' page for programmes (audio series with a podcast each): the
//! list, and one form that adds a programme or changes one.

use super::auth::Member;
use super::frame::{self, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_core::newsroom::Action;
use dateline_core::programme::CATEGORIES;
use dateline_core::{Language, ProgrammeInput};
use dateline_render::context;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

/// The form as typed: strings, so that what was typed comes back with the
/// errors.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ProgrammeForm {
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
    fn from_input(p: &ProgrammeInput) -> ProgrammeForm {
        ProgrammeForm {
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
pub struct ProgrammesQuery {
    /// The programme to fill the form with.
    edit: Option<i64>,
    done: Option<String>,
}

/// `GET /newsroom/programmes`: the programmes, and the form (empty, or
/// filled with the programme `?edit=` names).
pub async fn list(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<ProgrammesQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageProgrammes)?;
    let (form, editing) = match q.edit {
        Some(id) => {
            let p = state.store.programme_by_id(id).await?;
            (ProgrammeForm::from_input(&p.input()), Some(p.name))
        }
        None => (
            ProgrammeForm {
                language: state.config.default_language.code().into(),
                category: "News".into(),
                ..Default::default()
            },
            None,
        ),
    };
    let notice = q.done.as_deref().map(|_| "nr-notice-saved");
    render(
        &state,
        &member,
        &form,
        editing,
        notice,
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn render(
    state: &AppState,
    member: &Member,
    form: &ProgrammeForm,
    editing: Option<String>,
    notice: Option<&'static str>,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let programmes = state.store.all_programmes().await?;
    let languages: Vec<_> = Language::ALL
        .into_iter()
        .map(|l| context! { value => l.code(), label => l.native_name() })
        .collect();
    let images = state.store.media_list(Some("image"), 200, 0).await?;
    Page::new(
        "nr-programmes.html",
        "nr-programmes-title",
        member.lang,
        context! {
            programmes, form, editing, notice, errors, languages, images,
            categories => CATEGORIES,
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
        "slug" => "Lowercase letters, digits and hyphens, at most 80 characters.",
        "name" => "Give a name of 1 to 100 characters.",
        "description" => "At most 4,000 characters.",
        "author" => "At most 200 characters.",
        "category" => "Choose one of the listed categories.",
        _ => "Check this field.",
    }
}

/// `POST /newsroom/programmes`: a new programme, or a change to the one of
/// the same language and slug.
pub async fn save(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<ProgrammeForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManageProgrammes)?;
    let mut errors = FieldErrors::new();
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let language = match form.language.parse::<Language>() {
        Ok(l) => l,
        Err(_) => {
            errors.insert("language", "Choose one of the site's languages.".into());
            state.config.default_language
        }
    };
    let cover_id = match text(&form.cover_id) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(id) if matches!(state.store.media(id).await, Ok(m) if m.kind == "image") => Some(id),
            _ => {
                errors.insert("cover_id", "Choose an image from the media library.".into());
                None
            }
        },
    };
    let input = ProgrammeInput {
        language,
        slug: form.slug.trim().to_string(),
        name: form.name.trim().to_string(),
        description: text(&form.description),
        author: text(&form.author),
        category: text(&form.category),
        explicit: !form.explicit.is_empty(),
        cover_id,
    };
    if let Err(found) = input.validate() {
        for e in found {
            errors
                .entry(e.field)
                .or_insert_with(|| field_message(e.field).into());
        }
    }
    if errors.is_empty() {
        let now = OffsetDateTime::now_utc();
        let id = state.store.save_programme(&input, now).await?;
        member
            .audit(
                &state,
                now,
                "save",
                "programme",
                Some(id),
                Some(&format!("{}/{}", language.code(), input.slug)),
            )
            .await?;
        return Ok(frame::see_other(&format!(
            "/newsroom/programmes?edit={id}&done=saved"
        )));
    }
    render(
        &state,
        &member,
        &form,
        None,
        None,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
