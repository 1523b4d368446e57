//! `/{lang}/corrections/`: every correction, clarification and update note
//! on the language's published articles, newest first.

use crate::error::PageError;
use crate::extract::{self, PageQuery};
use crate::{view, AppState};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_render::context;
use std::sync::Arc;

const PER_PAGE: i64 = 50;

pub async fn list(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let n = q.number(lang)?;
    let found = dateline_app::reading::pages::corrections(&state.app, lang, n)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    if n > pages {
        return Err(PageError::not_found(lang));
    }
    let base_path = format!("/{}/corrections/", lang.code());
    let canonical = if n > 1 {
        format!("{base_path}?page={n}")
    } else {
        base_path.clone()
    };
    let notes: Vec<_> = found
        .items
        .into_iter()
        .map(|(note, headline, path)| context! { kind => note.kind.as_str(), text => note.text, at => note.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(), headline, path })
        .collect();
    // Every language has its corrections page: the switcher leads to it.
    let switch: std::collections::BTreeMap<&str, String> = dateline_core::Language::ALL
        .iter()
        .map(|l| (l.code(), format!("/{}/corrections/", l.code())))
        .collect();
    let base = view::base(&state, lang, Some(&canonical)).await;
    let title = state.renderer.message(lang, "corrections-title", &[]);
    let html = state
        .renderer
        .render(
            "corrections.html",
            context! {
                title => format!("{title} · {}", state.app.site_name()),
                notes, page => n, pages, base => base_path, switch,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(super::paged(html, n))
}
