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
use dateline_core::newsroom::Action;
use dateline_core::page::PageInput;
use dateline_core::Language;
use dateline_render::context;
use dateline_store::StoreError;
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
            let p = state.app.store.page(id).await?;
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
    let pages = state.app.store.all_pages().await?;
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
    let mut errors = FieldErrors::new();
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
    if let Err(found) = input.validate() {
        for e in found {
            errors.entry(e.field).or_insert(e.message);
        }
    }
    // The body is rendered off the async threads, before any transaction.
    let body = match dateline_app::body::render(&form.body).await {
        Ok(html) => Some(html),
        Err(e) => {
            errors.entry("body").or_insert(e.to_string());
            None
        }
    };
    let (Some(body), true) = (body.clone(), errors.is_empty()) else {
        return render(
            &state,
            &member,
            &form,
            &errors,
            None,
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    if form.intent == "preview" {
        return render(
            &state,
            &member,
            &form,
            &errors,
            Some(body.into_string()),
            false,
            StatusCode::OK,
        )
        .await;
    }
    let now = OffsetDateTime::now_utc();
    match state
        .app
        .store
        .save_page(id, &input, &body, Some(member.user.id), now)
        .await
    {
        Ok(id) => Ok(frame::see_other(&format!(
            "/newsroom/pages?edit={id}&done=1"
        ))),
        Err(StoreError::Invalid(why)) => {
            let (field, sentence) = why.split_once(": ").unwrap_or(("slug", why.as_str()));
            let field = match field {
                "language" => "language",
                "title" => "title",
                "body" => "body",
                "story_key" => "story_key",
                "position" => "position",
                _ => "slug",
            };
            let mut sentence = sentence.to_string();
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + &sentence[1..];
            }
            errors.insert(field, sentence);
            render(
                &state,
                &member,
                &form,
                &errors,
                None,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
