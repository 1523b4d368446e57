//! The parts of a page context every public page shares: language and
//! direction, the site's name, the section navigation (and the programmes
//! page, where the language has programmes), the language switcher,
//! the stylesheet and the canonical link.

use crate::AppState;
use dateline_core::Language;
use dateline_render::context;
use dateline_render::ContextValue as Value;
use serde::Serialize;

#[derive(Serialize)]
struct LanguageLink {
    code: &'static str,
    name: &'static str,
}

/// The shared context. `path` is the page's own path (with its page number
/// if any), for the canonical link; error pages pass None.
pub async fn base(state: &AppState, lang: Language, path: Option<&str>) -> Value {
    // The frame degrades rather than fails: an error page must still render
    // when the database cannot be read.
    let sections = state.store.sections(lang).await.unwrap_or_default();
    let mut languages = state.store.published_languages().await.unwrap_or_default();
    if !languages.contains(&lang) {
        languages.push(lang);
    }
    let languages: Vec<LanguageLink> = Language::ALL
        .into_iter()
        .filter(|l| languages.contains(l))
        .map(|l| LanguageLink {
            code: l.code(),
            name: l.native_name(),
        })
        .collect();
    // The programmes page joins the navigation once the language has one.
    let has_programmes = state.store.has_programmes(lang).await.unwrap_or(false);
    let canonical = path.map(|p| format!("{}{}", state.config.base_url, p));
    let footer_pages = state.store.page_links(lang).await.unwrap_or_default();
    let breaking = state
        .store
        .breaking(lang, time::OffsetDateTime::now_utc())
        .await
        .ok()
        .flatten();
    context! {
        lang => lang.code(),
        dir => lang.direction().as_str(),
        site => state.config.site_name,
        css => dateline_render::assets::stylesheet(),
        views_script => dateline_render::assets::views_script(),
        icon => dateline_render::assets::icon(),
        year => time::OffsetDateTime::now_utc().year(),
        sections => sections,
        has_programmes => has_programmes,
        languages => languages,
        canonical => canonical,
        current_section => Value::from(()),
        footer_pages => footer_pages,
        breaking => breaking,
        is_front => false,
    }
}
