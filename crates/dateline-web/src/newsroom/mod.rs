//! The newsroom at `/newsroom`: accounts, the article editor and workflow,
//! revisions, media, comment moderation, the wire desk, programmes, users,
//! sections, settings and the audit log. Server-rendered like the public site; the
//! little JavaScript it has (live preview, autosave) only adds to forms that
//! work without it.
//!
//! Every route but the login pages takes a [`auth::Member`], and every
//! change checks the member's role through `dateline_core::newsroom` and the
//! form's CSRF token through [`auth::Member::check_csrf`]. Pages are never
//! cached (`no-store`) and never shown to search engines.

mod account;
mod articles;
pub(crate) mod auth;
mod comments;
mod desk;
pub(crate) mod failure;
pub(crate) mod frame;
mod fronts;
mod imports;
mod links;
mod login;
pub(crate) mod media;
mod pages;
mod passwords;
mod people;
mod previews;
mod programmes;
mod sections;
mod site;
mod wire;

use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// Largest upload: a programme's audio file, with room for the form.
pub const UPLOAD_LIMIT: usize = dateline_media::limits::AUDIO_BYTES + 64 * 1024;
/// Largest ordinary newsroom form (an article's body is at most 500 kB).
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// Largest WordPress export taken, with room for the form.
pub const IMPORT_LIMIT: usize =
    dateline_app::ingest::wordpress::runs::MAX_UPLOAD_BYTES as usize + 64 * 1024;

/// Largest paste form: one copy as large as an uploaded wire file.
pub const PASTE_LIMIT: usize = dateline_app::ingest::MAX_COPY_BYTES + 64 * 1024;

/// Largest moderation form: a page of ids, or a comment's text (5,000
/// characters, at most 20 kB) with room to spare; more is 413 unread.
pub const MODERATION_LIMIT: usize = 64 * 1024;

/// Newsroom routes. Reading pages are GET; everything that changes
/// something is a POST with a CSRF token.
pub fn router() -> Router<Arc<AppState>> {
    let moderation = Router::new()
        .route("/newsroom/comments", post(comments::moderate))
        .route("/newsroom/comments/{id}/edit", post(comments::edit))
        .route("/newsroom/comments/{id}/reply", post(comments::reply))
        .layer(DefaultBodyLimit::max(MODERATION_LIMIT))
        .layer(crate::timeout(crate::REQUEST_TIMEOUT));
    let uploads = Router::new()
        .route("/newsroom/media", post(media::upload))
        .route("/newsroom/wire", post(wire::upload))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(crate::timeout(crate::UPLOAD_TIMEOUT));
    // A WordPress export, written to a file as it arrives.
    let imports = Router::new()
        .route("/newsroom/import", post(imports::upload))
        .layer(DefaultBodyLimit::max(IMPORT_LIMIT))
        .layer(crate::timeout(crate::UPLOAD_TIMEOUT));
    // Pasted copy: as large as one uploaded file, with room for the form.
    let paste = Router::new()
        .route("/newsroom/wire/paste", post(wire::paste))
        .layer(DefaultBodyLimit::max(PASTE_LIMIT))
        .layer(crate::timeout(crate::UPLOAD_TIMEOUT));
    Router::new()
        .route("/newsroom", get(frame::add_slash))
        .route("/newsroom/", get(desk::dashboard))
        .route("/newsroom/login", get(login::form).post(login::submit))
        .route(
            "/newsroom/login/code",
            get(login::code_form).post(login::code_submit),
        )
        .route("/newsroom/logout", post(login::logout))
        .route(
            "/newsroom/setup/{token}",
            get(links::setup_form).post(links::setup_submit),
        )
        .route(
            "/newsroom/reset/{token}",
            get(links::reset_form).post(links::reset_submit),
        )
        .route(
            "/newsroom/articles",
            get(articles::list).post(articles::create),
        )
        .route("/newsroom/articles/new", get(articles::new))
        .route(
            "/newsroom/articles/{id}",
            get(articles::edit).post(articles::save),
        )
        .route("/newsroom/articles/{id}/workflow", post(articles::workflow))
        .route("/newsroom/articles/{id}/notes", post(articles::note))
        .route("/newsroom/articles/{id}/related", post(articles::related))
        .route("/newsroom/articles/autosave", post(articles::autosave_new))
        .route("/newsroom/articles/{id}/autosave", post(articles::autosave))
        .route(
            "/newsroom/articles/{id}/revisions",
            get(articles::revisions),
        )
        .route(
            "/newsroom/articles/{id}/revisions/{rev}/restore",
            post(articles::restore),
        )
        .route("/newsroom/previews", post(previews::open))
        .route("/newsroom/media", get(media::library))
        .route("/newsroom/media/{id}/{file}", get(media::file))
        .route(
            "/newsroom/media/t/{token}/{file}",
            get(media::file_by_token),
        )
        .route("/newsroom/comments", get(comments::queue))
        .route("/newsroom/wire", get(wire::desk))
        .route("/newsroom/wire/{id}/take", post(wire::take))
        .route("/newsroom/wire/{id}/spike", post(wire::spike))
        .route("/newsroom/wire/{id}/restore", post(wire::restore))
        .route("/newsroom/account", get(account::page))
        .route("/newsroom/account/password", post(account::password))
        .route("/newsroom/account/totp", post(account::totp))
        .route(
            "/newsroom/account/logout-everywhere",
            post(account::logout_everywhere),
        )
        .route("/newsroom/users", get(people::list).post(people::create))
        .route(
            "/newsroom/users/{id}",
            get(people::edit).post(people::update),
        )
        .route("/newsroom/users/{id}/reset", post(people::reset))
        .route("/newsroom/users/{id}/logout", post(people::logout))
        .route(
            "/newsroom/sections",
            get(sections::page).post(sections::save),
        )
        .route("/newsroom/sections/order", post(sections::order))
        .route(
            "/newsroom/sections/{id}/delete",
            get(sections::confirm_delete).post(sections::delete),
        )
        .route(
            "/newsroom/programmes",
            get(programmes::list).post(programmes::save),
        )
        .route("/newsroom/programmes/order", post(programmes::order))
        .route(
            "/newsroom/programmes/{id}/delete",
            get(programmes::confirm_delete).post(programmes::delete),
        )
        .route(
            "/newsroom/settings",
            get(site::settings).post(site::save_settings),
        )
        .route("/newsroom/audit", get(site::audit))
        .route("/newsroom/fronts", get(fronts::page))
        .route("/newsroom/pages", get(pages::list).post(pages::save))
        .route("/newsroom/import", get(imports::page))
        .route("/newsroom/fronts/order", post(fronts::order))
        .route("/newsroom/fronts/section", post(fronts::section_lead))
        .route("/newsroom/fronts/breaking", post(fronts::breaking))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(crate::timeout(crate::REQUEST_TIMEOUT))
        .merge(uploads)
        .merge(paste)
        .merge(imports)
        .merge(moderation)
}
