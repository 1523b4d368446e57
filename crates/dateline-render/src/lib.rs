//! Rendering: page templates, translation catalogues, locale-aware dates and
//! the fingerprinted static assets.
//!
//! Templates are Jinja (minijinja), embedded in the binary and overridable
//! file by file from a theme folder. HTML is escaped by default; the only
//! `|safe` output is an article body, which the store sanitised on save.
//!
//! Architecture invariant: rendering is pure given its inputs. This crate
//! reads no database and speaks no HTTP; it turns view values into bytes.

pub mod assets;
pub mod dates;
pub mod i18n;

use dateline_core::zone::SiteZone;
use dateline_core::Language;
use i18n::Catalogues;
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, State, Value};
use std::path::PathBuf;
use std::sync::Arc;

/// A catalogue message's argument, for callers that word messages themselves.
pub use fluent_bundle::FluentValue;
pub use minijinja::context;
pub use minijinja::Value as ContextValue;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("front.html", include_str!("../templates/front.html")),
    ("list.html", include_str!("../templates/list.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("comments.html", include_str!("../templates/comments.html")),
    (
        "corrections.html",
        include_str!("../templates/corrections.html"),
    ),
    (
        "programmes.html",
        include_str!("../templates/programmes.html"),
    ),
    (
        "programme.html",
        include_str!("../templates/programme.html"),
    ),
    ("feed.rss.xml", include_str!("../templates/feed.rss.xml")),
    (
        "podcast.rss.xml",
        include_str!("../templates/podcast.rss.xml"),
    ),
    ("feed.atom.xml", include_str!("../templates/feed.atom.xml")),
    (
        "sitemap-index.xml",
        include_str!("../templates/sitemap-index.xml"),
    ),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    (
        "news-sitemap.xml",
        include_str!("../templates/news-sitemap.xml"),
    ),
    // The newsroom at /newsroom.
    ("nr-base.html", include_str!("../newsroom/nr-base.html")),
    ("nr-macros.html", include_str!("../newsroom/nr-macros.html")),
    ("nr-error.html", include_str!("../newsroom/nr-error.html")),
    ("nr-login.html", include_str!("../newsroom/nr-login.html")),
    ("nr-code.html", include_str!("../newsroom/nr-code.html")),
    (
        "nr-password.html",
        include_str!("../newsroom/nr-password.html"),
    ),
    ("nr-desk.html", include_str!("../newsroom/nr-desk.html")),
    (
        "nr-articles.html",
        include_str!("../newsroom/nr-articles.html"),
    ),
    ("nr-editor.html", include_str!("../newsroom/nr-editor.html")),
    (
        "nr-revisions.html",
        include_str!("../newsroom/nr-revisions.html"),
    ),
    ("nr-media.html", include_str!("../newsroom/nr-media.html")),
    (
        "nr-comments.html",
        include_str!("../newsroom/nr-comments.html"),
    ),
    ("nr-wire.html", include_str!("../newsroom/nr-wire.html")),
    (
        "nr-account.html",
        include_str!("../newsroom/nr-account.html"),
    ),
    ("nr-users.html", include_str!("../newsroom/nr-users.html")),
    ("nr-user.html", include_str!("../newsroom/nr-user.html")),
    (
        "nr-sections.html",
        include_str!("../newsroom/nr-sections.html"),
    ),
    ("nr-fronts.html", include_str!("../newsroom/nr-fronts.html")),
    ("nr-pages.html", include_str!("../newsroom/nr-pages.html")),
    ("nr-import.html", include_str!("../newsroom/nr-import.html")),
    (
        "nr-settings.html",
        include_str!("../newsroom/nr-settings.html"),
    ),
    ("nr-audit.html", include_str!("../newsroom/nr-audit.html")),
    (
        "nr-programmes.html",
        include_str!("../newsroom/nr-programmes.html"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template: {0:#}")]
    Template(#[from] minijinja::Error),
    #[error("catalogue: {0}")]
    Catalogue(String),
}

/// Templates and catalogues, loaded once at start and shared by all requests.
pub struct Renderer {
    env: Environment<'static>,
    catalogues: Arc<Catalogues>,
}

impl Renderer {
    /// Builds the renderer. With a theme folder, a template file found there
    /// replaces the embedded one of the same name.
    pub fn new(theme_dir: Option<PathBuf>) -> Result<Renderer, RenderError> {
        let catalogues = Arc::new(Catalogues::load().map_err(RenderError::Catalogue)?);
        let mut env = Environment::new();
        env.set_loader(move |name| {
            if let Some(dir) = &theme_dir {
                // Only plain file names: a template name never walks out of the theme.
                if !name.contains(['/', '\\']) {
                    match std::fs::read_to_string(dir.join(name)) {
                        Ok(source) => return Ok(Some(source)),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => {
                            return Err(Error::new(
                                ErrorKind::InvalidOperation,
                                "theme template unreadable",
                            )
                            .with_source(e))
                        }
                    }
                }
            }
            Ok(TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| s.to_string()))
        });
        env.set_formatter(html_formatter);
        let cat = catalogues.clone();
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, Error> {
                let lang = page_language(state);
                let mut args = Vec::new();
                for name in kwargs.args() {
                    let value: Value = kwargs.get(name)?;
                    let fluent = match value.as_i64() {
                        Some(n) if value.is_number() => FluentValue::from(n),
                        _ => FluentValue::from(value.to_string()),
                    };
                    args.push((name, fluent));
                }
                Ok(cat.message(lang, key, &args))
            },
        );
        // Dates and times are shown on the site's clock: every page's
        // context carries the zone's IANA name as `tz` (UTC without it).
        env.add_filter("long_date", |state: &State, value: &str| {
            let lang = page_language(state);
            match parse_moment(value) {
                Some(Moment::Instant(at)) => with_zone(state, |z| dates::long_date_at(lang, at, z)),
                Some(Moment::Day(day)) => dates::long_date(lang, day),
                None => value.to_string(),
            }
        });
        env.add_filter("date_time", |state: &State, value: &str| {
            let lang = page_language(state);
            match parse_moment(value) {
                Some(Moment::Instant(at)) => with_zone(state, |z| dates::date_time(lang, at, z)),
                Some(Moment::Day(day)) => dates::long_date(lang, day),
                None => value.to_string(),
            }
        });
        Ok(Renderer { env, catalogues })
    }

    /// Renders a template with a context made by [`context!`].
    pub fn render(&self, template: &str, ctx: Value) -> Result<String, RenderError> {
        Ok(self.env.get_template(template)?.render(ctx)?)
    }

    pub fn catalogues(&self) -> &Catalogues {
        &self.catalogues
    }

    /// A message from the catalogue, for text built outside templates.
    pub fn message(
        &self,
        language: Language,
        key: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> String {
        self.catalogues.message(language, key, args)
    }

    /// The dateline in news style: "Washington, October 4 (RHC) —", with the
    /// day written the way the page's language writes it.
    pub fn dateline(
        &self,
        language: Language,
        place: &str,
        date: Option<time::Date>,
        agency: Option<&str>,
    ) -> String {
        let place = FluentValue::from(place.to_string());
        let date = date.map(|d| FluentValue::from(dates::month_day(language, d)));
        let agency = agency.map(|a| FluentValue::from(a.to_string()));
        match (date, agency) {
            (Some(date), Some(agency)) => self.message(
                language,
                "dateline-full",
                &[("place", place), ("date", date), ("agency", agency)],
            ),
            (Some(date), None) => self.message(
                language,
                "dateline-no-agency",
                &[("place", place), ("date", date)],
            ),
            (None, Some(agency)) => self.message(
                language,
                "dateline-no-date",
                &[("place", place), ("agency", agency)],
            ),
            (None, None) => self.message(language, "dateline-place", &[("place", place)]),
        }
    }
}

/// Escapes like minijinja's default formatter, minus `/`: slashes are safe
/// in HTML text and attributes, and escaping them bloats every URL.
fn html_formatter(out: &mut minijinja::Output, state: &State, value: &Value) -> Result<(), Error> {
    match value.as_str() {
        Some(text) if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            let mut last = 0;
            for (i, c) in text.char_indices() {
                let entity = match c {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    _ => continue,
                };
                out.write_str(&text[last..i]).map_err(Error::from)?;
                out.write_str(entity).map_err(Error::from)?;
                last = i + 1;
            }
            out.write_str(&text[last..]).map_err(Error::from)?;
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// The page's language, from the `lang` every page context carries.
fn page_language(state: &State) -> Language {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(Language::En)
}

/// A value a date filter was given: an RFC 3339 instant, or a bare day.
enum Moment {
    Instant(time::OffsetDateTime),
    Day(time::Date),
}

fn parse_moment(value: &str) -> Option<Moment> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(at) = time::OffsetDateTime::parse(value, &Rfc3339) {
        return Some(Moment::Instant(at));
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format).ok().map(Moment::Day)
}

/// Runs `f` with the page's zone (the context's `tz`, an IANA name; UTC
/// when there is none or the database does not know it). The last zone
/// looked up is kept per thread: a page asks for the same one many times.
fn with_zone<T>(state: &State, f: impl FnOnce(&SiteZone) -> T) -> T {
    thread_local! {
        static LAST: std::cell::RefCell<Option<SiteZone>> = const { std::cell::RefCell::new(None) };
    }
    let name = state.lookup("tz");
    let name = name.as_ref().and_then(|v| v.as_str()).unwrap_or("UTC");
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.as_ref().is_none_or(|z| z.name() != name) {
            *last = Some(SiteZone::parse(name).unwrap_or_default());
        }
        match last.as_ref() {
            Some(zone) => f(zone),
            None => f(&SiteZone::utc()),
        }
    })
}
