//! Editors' page for the site's own pages (About, Contact, Privacy): the
//! list, and one form that writes a page or changes one, with the same
//! Markdown, limits and preview as the article editor.

use super::auth::Member;
use super::frame::{self, FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::pages::{self, Problem, Saved};
use dateline_core::newsroom::Action;
use dateline_core::page::PageInput;
use dateline_core::Language;
use dateline_render::context;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

/// The form as typed, so that what was typed comes back with the errors.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PageForm {
    id: String,
    language: String,
    slug: String,
    title: String,
    body: String,
    story_key: String,
    position: String,
    /// A checkbox: present ("1") when ticked.
    published: String,
    /// `save` or `preview`.
    #[serde(skip_serializing)]
    intent: String,
    #[serde(skip_serializing)]
    csrf: String,
}

#[derive(Deserialize, Default)]
pub struct PagesQuery {
    edit: Option<i64>,
    done: Option<String>,
}

/// `GET /newsroom/pages`: every page, and the form (empty, or filled with
/// the page `?edit=` names).
pub async fn list(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<PagesQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManagePages)?;
    let form = match q.edit {
        Some(id) => {
            let p = pages::page(&state.app, member.actor(), id).await?;
            PageForm {
                id: p.id.to_string(),
                language: p.language.code().into(),
                slug: p.slug,
                title: p.title,
                body: p.body_markdown,
                story_key: p.story_key.unwrap_or_default(),
                position: p.position.to_string(),
                published: if p.published {
                    "1".into()
                } else {
                    String::new()
                },
                ..PageForm::default()
            }
        }
        None => PageForm {
            language: state.config.default_language.code().into(),
            position: "0".into(),
            ..PageForm::default()
        },
    };
    render(
        &state,
        &member,
        &form,
        &FieldErrors::new(),
        None,
        q.done.is_some(),
        StatusCode::OK,
    )
    .await
}

async fn render(
    state: &AppState,
    member: &Member,
    form: &PageForm,
    errors: &FieldErrors,
    preview: Option<String>,
    saved: bool,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let pages = pages::list(&state.app, member.actor()).await?;
    let languages: Vec<_> = Language::ALL
        .iter()
        .map(|l| context! { value => l.code(), label => l.native_name() })
        .collect();
    Page::new(
        "nr-pages.html",
        "nr-pages-title",
        member.lang,
        context! { pages, form, errors, languages, preview, saved },
    )
    .member(member)
    .current("/newsroom/pages")
    .status(status)
    .render(state)
}

/// `POST /newsroom/pages`: preview, or save (a new page, or the one `id`
/// names). A refusal keeps everything typed, with a sentence at the field.
pub async fn save(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<PageForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::ManagePages)?;
    let id = match form.id.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return Err(NewsroomError::BadRequest("no such page".into())),
        },
    };
    let position = match form.position.trim() {
        "" => 0,
        p => p.parse::<i64>().unwrap_or(-1),
    };
    let input = PageInput {
        language: form.language.parse().ok(),
        slug: form.slug.trim().to_string(),
        title: form.title.clone(),
        body_markdown: form.body.clone(),
        story_key: Some(form.story_key.trim().to_string()).filter(|k| !k.is_empty()),
        position,
        published: !form.published.is_empty(),
    };
    let preview = form.intent == "preview";
    let now = OffsetDateTime::now_utc();
    let (errors, preview, status) =
        match pages::save(&state.app, member.actor(), id, &input, preview, now).await? {
            Saved::Done { id } => {
                return Ok(frame::see_other(&format!(
                    "/newsroom/pages?edit={id}&done=1"
                )))
            }
            Saved::Preview(body) => (FieldErrors::new(), Some(body.into_string()), StatusCode::OK),
            Saved::Refused(problems) => {
                let mut errors = FieldErrors::new();
                for (field, problem) in problems {
                    let sentence = match problem {
                        Problem::Field(sentence) => sentence,
                        Problem::Body(e) => e.to_string(),
                    };
                    errors.insert(field, sentence);
                }
                (errors, None, StatusCode::UNPROCESSABLE_ENTITY)
            }
        };
    render(&state, &member, &form, &errors, preview, false, status).await
}
