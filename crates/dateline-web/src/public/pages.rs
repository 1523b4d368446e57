//! `/{lang}/page/{slug}`: the site's own pages (About, Contact, Privacy).

use crate::error::PageError;
use crate::{extract, view, AppState};
use axum::extract::{Path, State};
use axum::response::Response;
use dateline_render::context;
use dateline_store::StoreError;
use std::sync::Arc;

pub async fn page(
    State(state): State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let (page, translations) =
        match dateline_app::reading::pages::page(&state.app, lang, &slug).await {
            Ok(found) => found,
            Err(StoreError::NotFound) => return Err(PageError::not_found(lang)),
            Err(e) => return Err(PageError::from_store(lang, e)),
        };
    // The switcher leads to this page where it is translated.
    let switch: std::collections::BTreeMap<&str, &str> = translations
        .iter()
        .map(|(l, path, _)| (l.code(), path.as_str()))
        .collect();
    let alternates: Vec<_> = if translations.is_empty() {
        Vec::new()
    } else {
        std::iter::once((lang, page.path.clone()))
            .chain(translations.iter().map(|(l, p, _)| (*l, p.clone())))
            .map(|(l, p)| context! { code => l.code(), href => format!("{}{}", state.config.base_url, p) })
            .collect()
    };
    let also_in: Vec<_> = translations
        .iter()
        .map(|(l, p, _)| context! { code => l.code(), name => l.native_name(), path => p })
        .collect();
    let description = dateline_core::markdown::plain_text(&page.body_markdown)
        .chars()
        .take(155)
        .collect::<String>();
    let base = view::base(&state, lang, Some(&page.path)).await;
    let html = state
        .renderer
        .render(
            "page.html",
            context! {
                title => format!("{} · {}", page.title, state.app.site_name()),
                description, switch, alternates, also_in, page, ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(super::page(html))
}
