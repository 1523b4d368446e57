//! What every newsroom page shares: the frame's context (language, the
//! member, the navigation their role opens, the CSRF token), the answer's
//! headers, and the error type handlers return.

use super::auth::Member;
use crate::AppState;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_render::{context, ContextValue as Value};
use serde::Serialize;

#[derive(Serialize)]
struct NavItem {
    href: &'static str,
    key: &'static str,
}

/// The navigation a member's role opens.
fn navigation(member: &Member) -> Vec<NavItem> {
    let role = member.user.role;
    let mut items = vec![
        NavItem {
            href: "/newsroom/",
            key: "nr-nav-desk",
        },
        NavItem {
            href: "/newsroom/articles",
            key: "nr-nav-articles",
        },
        NavItem {
            href: "/newsroom/articles/new",
            key: "nr-nav-new",
        },
        NavItem {
            href: "/newsroom/media",
            key: "nr-nav-media",
        },
        NavItem {
            href: "/newsroom/wire",
            key: "nr-nav-wire",
        },
    ];
    if role.may(Action::ModerateComments) {
        items.push(NavItem {
            href: "/newsroom/comments",
            key: "nr-nav-comments",
        });
    }
    if role.may(Action::EditFronts) {
        items.push(NavItem {
            href: "/newsroom/fronts",
            key: "nr-nav-fronts",
        });
    }
    if role.may(Action::ManagePages) {
        items.push(NavItem {
            href: "/newsroom/pages",
            key: "nr-nav-pages",
        });
    }
    if role.may(Action::ManageUsers) {
        items.push(NavItem {
            href: "/newsroom/import",
            key: "nr-nav-import",
        });
    }
    if role.may(Action::ManageProgrammes) {
        items.push(NavItem {
            href: "/newsroom/programmes",
            key: "nr-nav-programmes",
        });
    }
    if role.may(Action::ManageUsers) {
        items.push(NavItem {
            href: "/newsroom/users",
            key: "nr-nav-users",
        });
    }
    if role.may(Action::ManageSections) {
        items.push(NavItem {
            href: "/newsroom/sections",
            key: "nr-nav-sections",
        });
    }
    if role.may(Action::ManageSettings) {
        items.push(NavItem {
            href: "/newsroom/settings",
            key: "nr-nav-settings",
        });
    }
    if role.may(Action::ReadAudit) {
        items.push(NavItem {
            href: "/newsroom/audit",
            key: "nr-nav-audit",
        });
    }
    items
}

/// A form's problems, by field name: sentences shown at the fields.
pub type FieldErrors = std::collections::BTreeMap<&'static str, String>;

/// A sentence of the newsroom's catalogue in the member's language, with
/// its arguments (text or whole numbers).
pub fn say(state: &AppState, lang: Language, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, dateline_render::FluentValue<'_>)> = args
        .iter()
        .map(|(name, value)| {
            let value = match value.parse::<i64>() {
                Ok(n) => dateline_render::FluentValue::from(n),
                Err(_) => dateline_render::FluentValue::from(value.as_str()),
            };
            (*name, value)
        })
        .collect();
    state.renderer.message(lang, key, &args)
}

/// A problem core found with an article, worded for the member.
pub fn say_problem(
    state: &AppState,
    lang: Language,
    problem: &dateline_core::ArticleProblem,
) -> String {
    let args: Vec<(&str, String)> = problem
        .args()
        .into_iter()
        .map(|(name, n)| (name, n.to_string()))
        .collect();
    say(state, lang, problem.id(), &args)
}

/// Why a body could not be rendered, worded for the member.
pub fn say_body(state: &AppState, lang: Language, error: &dateline_app::body::BodyError) -> String {
    match error {
        dateline_app::body::BodyError::Refused(e) => {
            say_problem(state, lang, &dateline_core::ArticleProblem::Body(e.clone()))
        }
        dateline_app::body::BodyError::Busy => say(state, lang, "nr-err-body-busy", &[]),
    }
}

/// A form that carries nothing but its CSRF token (a button).
#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// A newsroom page about to be rendered.
pub struct Page<'a> {
    pub template: &'static str,
    pub title_key: &'static str,
    pub member: Option<&'a Member>,
    pub lang: Language,
    /// The page's own values, merged over the frame's.
    pub ctx: Value,
    /// The nav entry to mark current.
    pub current: &'static str,
    pub status: StatusCode,
}

impl<'a> Page<'a> {
    pub fn new(
        template: &'static str,
        title_key: &'static str,
        lang: Language,
        ctx: Value,
    ) -> Self {
        Page {
            template,
            title_key,
            member: None,
            lang,
            ctx,
            current: "",
            status: StatusCode::OK,
        }
    }
    pub fn member(mut self, member: &'a Member) -> Self {
        self.member = Some(member);
        self.lang = member.lang;
        self
    }
    pub fn current(mut self, href: &'static str) -> Self {
        self.current = href;
        self
    }
    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn render(self, state: &AppState) -> Result<Response, NewsroomError> {
        let title = state.renderer.message(self.lang, self.title_key, &[]);
        let frame = context! {
            lang => self.lang.code(),
            dir => self.lang.direction().as_str(),
            site => state.app.site_name(),
            // The site's time zone, which the date filters read.
            tz => state.app.site().time_zone.name(),
            css => dateline_render::assets::newsroom_stylesheet(),
            js => dateline_render::assets::newsroom_script(),
            icon => dateline_render::assets::icon(),
            title => title,
            user => self.member.map(|m| context! {
                id => m.user.id,
                name => m.user.name,
                email => m.user.email,
                role => m.user.role.as_str(),
            }),
            csrf => self.member.map(|m| m.csrf.clone()),
            nav => self.member.map(navigation),
            current => self.current,
        };
        let ctx = context! { ..self.ctx, ..frame };
        let html = state
            .renderer
            .render(self.template, ctx)
            .map_err(|e| NewsroomError::Internal(e.to_string()))?;
        Ok(private((self.status, Html(html)).into_response()))
    }
}

pub use crate::headers::private;

/// Whether the request came from a script of the newsroom's, which reads
/// JSON (the moderation queue, the editor's previews).
pub fn wants_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub use super::failure::{add_slash, escape, see_other, NewsroomError};
