//! The parts of a page context every public page shares: language and
//! direction, the site's identity (name, logo, footer links, social
//! accounts) and time zone (`tz`, which the date filters read), the
//! section navigation (and the programmes page, where the language has
//! programmes), the language switcher, the stylesheet and the canonical
//! link.

use crate::AppState;
use dateline_core::Language;
use dateline_render::context;
use dateline_render::ContextValue as Value;
use dateline_store::MediaItem;
use serde::Serialize;

#[derive(Serialize)]
struct LanguageLink {
    code: &'static str,
    name: &'static str,
}

/// The shared context. `path` is the page's own path (with its page number
/// if any), for the canonical link; error pages pass None.
pub async fn base(state: &AppState, lang: Language, path: Option<&str>) -> Value {
    let frame =
        dateline_app::reading::frame(&state.app, lang, time::OffsetDateTime::now_utc()).await;
    let languages: Vec<LanguageLink> = frame
        .languages
        .iter()
        .map(|l| LanguageLink {
            code: l.code(),
            name: l.native_name(),
        })
        .collect();
    let canonical = path.map(|p| format!("{}{}", state.config.base_url, p));
    let site = state.app.site();
    context! {
        lang => lang.code(),
        dir => lang.direction().as_str(),
        site => state.app.site_name(),
        tz => site.time_zone.name(),
        logo => frame.logo.as_ref().and_then(masthead_logo),
        footer_links => &site.footer_links,
        social => &site.social,
        css => dateline_render::assets::stylesheet(),
        views_script => dateline_render::assets::views_script(),
        icon => dateline_render::assets::icon(),
        year => time::OffsetDateTime::now_utc().year(),
        sections => frame.sections,
        has_programmes => frame.has_programmes,
        languages => languages,
        canonical => canonical,
        current_section => Value::from(()),
        footer_pages => frame.footer_pages,
        breaking => frame.breaking,
        is_front => false,
    }
}

/// Height of the logo in the masthead, in CSS pixels (style.css agrees).
const LOGO_HEIGHT: i64 = 48;
/// Widest the masthead lets a logo be, in CSS pixels.
const LOGO_MAX_WIDTH: i64 = 280;

/// The masthead's `<img>`: the renditions as `srcset`, sized for the
/// height the masthead gives it, with its own proportions so the page
/// keeps its place while it loads.
fn masthead_logo(m: &MediaItem) -> Option<Value> {
    let (width, height) = (m.width?, m.height?);
    if width <= 0 || height <= 0 {
        return None;
    }
    let shown = (LOGO_HEIGHT * width / height).clamp(1, LOGO_MAX_WIDTH);
    let path = |variant: &str| dateline_core::media::media_path(&m.token, &m.content_type, variant);
    let srcset: Vec<String> = m
        .renditions
        .iter()
        .map(|(variant, w)| format!("{} {w}w", path(variant)))
        .collect();
    Some(context! {
        src => path(&m.renditions.first()?.0),
        srcset => srcset.join(", "),
        sizes => format!("{shown}px"),
        width => shown,
        height => shown * height / width,
    })
}

/// Schema.org's Organization for the site: its name, its logo (the site's
/// own, else the icon) and its social accounts as `sameAs`.
pub async fn organization(state: &AppState) -> serde_json::Value {
    let site = state.app.site();
    let base = &state.config.base_url;
    let logo = match dateline_app::reading::logo(&state.app).await {
        Some(m) => m.renditions.last().map(|(variant, _)| {
            dateline_core::media::media_path(&m.token, &m.content_type, variant)
        }),
        None => None,
    }
    .unwrap_or_else(|| dateline_render::assets::icon().to_string());
    let mut org = serde_json::json!({
        "@type": "Organization",
        "name": state.app.site_name(),
        "url": format!("{base}/"),
        "logo": { "@type": "ImageObject", "url": format!("{base}{logo}") },
    });
    if !site.social.is_empty() {
        org["sameAs"] = serde_json::json!(site
            .social
            .iter()
            .map(|a| a.url.clone())
            .collect::<Vec<_>>());
    }
    org
}
