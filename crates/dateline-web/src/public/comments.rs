//! Reader comments: the block under an article (approved comments, the
//! reader's own pending one, the form) and the form's POST.
//!
//! Every rule is checked before anything is written, in an order that tells
//! a reader what to fix: closed comments, the form token (too fast,
//! expired), the fields, links, the reply target, rate limits. Spam signals
//! (the honeypot, blocklists, a blocked commenter) do not refuse: the comment
//! is kept as spam for a moderator, and the sender is told it awaits
//! moderation like anyone else.

use super::article::{self, ArticleSegments};
use crate::error::PageError;
use crate::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use dateline_core::comment::{
    count_links, decide_status, duplicate_key, render_comment_body, Blocklist, CommentForm,
    CommentProblem, CommentStatus, FormToken, ModerationPolicy, TokenProblem,
};
use dateline_core::Language;
use dateline_render::{context, ContextValue};
use dateline_store::{ArticleView, CommentView, FormUse, Openness, Store};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// Top-level comments per page of an article's comments.
pub const PER_PAGE: i64 = 50;
/// How long a cached article page (and so its form token) lives.
pub const FORM_REFRESH: Duration = Duration::from_secs(60);
/// The cookie that lets a reader see their own comment awaiting moderation.
pub const PENDING_COOKIE: &str = "dl_pending";
/// The window the rate limits count in.
const RATE_WINDOW: time::Duration = time::Duration::minutes(10);

/// What the form shows: what the reader typed, and what is wrong with it.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FormState {
    pub name: String,
    pub email: String,
    pub body: String,
    pub parent_id: Option<i64>,
    pub errors: BTreeMap<&'static str, String>,
    pub form_error: Option<String>,
}

/// The comment rules in force, from the site settings.
struct Rules {
    policy: ModerationPolicy,
    close_after_days: i64,
    max_links: usize,
    per_address: i64,
    per_email: i64,
    per_form: i64,
    min_seconds: i64,
    max_seconds: i64,
    blocklist: Blocklist,
}

impl Rules {
    /// The rules from the site settings, which are typed and in range
    /// (`dateline_core::settings`): no limit here can overflow or be
    /// negative, whatever was once stored.
    async fn load(store: &Store) -> Result<Rules, dateline_store::StoreError> {
        let s = store.site_settings().await?;
        Ok(Rules {
            policy: s.comments_policy,
            close_after_days: s.close_after_days,
            max_links: s.max_links,
            per_address: s.rate_per_address,
            per_email: s.rate_per_email,
            per_form: s.per_form,
            min_seconds: s.min_seconds,
            max_seconds: s.max_form_seconds(),
            blocklist: Blocklist::parse(&s.blocked_words, &s.blocked_domains),
        })
    }
}

#[derive(Serialize)]
struct CommentItem {
    id: i64,
    name: String,
    body_html: String,
    created_at: String,
    /// Written in the newsroom: marked as the site's own.
    staff: bool,
    replies: Vec<CommentItem>,
}

fn item(c: &CommentView) -> CommentItem {
    CommentItem {
        id: c.id,
        name: c.name.clone(),
        body_html: render_comment_body(&c.body),
        staff: c.staff,
        created_at: c
            .created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        replies: c.replies.iter().map(item).collect(),
    }
}

/// The comments block's context for the article template.
pub async fn block(
    state: &AppState,
    article: &ArticleView,
    page: i64,
    form: FormState,
    pending: Option<CommentView>,
) -> Result<ContextValue, PageError> {
    let lang = article.language;
    let now = OffsetDateTime::now_utc();
    let store_err = |e| PageError::from_store(lang, e);
    let rules = Rules::load(&state.store).await.map_err(store_err)?;
    let openness = state
        .store
        .comments_openness(article.id, now, rules.close_after_days)
        .await
        .map_err(store_err)?;
    let (comments, total) = state
        .store
        .approved_comments(article.id, PER_PAGE, (page - 1) * PER_PAGE)
        .await
        .map_err(store_err)?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page > pages {
        return Err(PageError::not_found(lang));
    }
    let reply_to = match form.parent_id {
        Some(id) => comments
            .iter()
            .find(|c| c.id == id)
            .map(|c| context! { id => c.id, name => c.name.clone() }),
        None => None,
    };
    let token = FormToken {
        article_id: article.id,
        issued_at: now.unix_timestamp(),
    }
    .sign(&state.secret);
    let closed = match openness {
        Openness::Open => None,
        _ => Some(state.renderer.message(lang, "comments-closed", &[])),
    };
    Ok(context! {
        open => openness == Openness::Open,
        closed,
        total,
        page,
        pages,
        items => comments.iter().map(item).collect::<Vec<_>>(),
        pending => pending.as_ref().map(item),
        form,
        reply_to,
        token,
        max_links => rules.max_links,
        action => format!("{}/comments", article.path),
    })
}

/// The reader's own pending comment on this article, when their cookie
/// names one and its signature holds.
pub async fn pending_for(
    state: &AppState,
    headers: &HeaderMap,
    article_id: i64,
) -> Option<CommentView> {
    let value = crate::extract::cookie(headers, PENDING_COOKIE)?;
    let (id, signature) = value.split_once('.')?;
    let id: i64 = id.parse().ok()?;
    if !dateline_auth::token::equal(signature, &pending_signature(&state.secret, id)) {
        return None;
    }
    let (article, comment) = state.store.comment_view(id).await.ok()?;
    (article == article_id && comment.status != "approved").then_some(comment)
}

fn pending_signature(secret: &[u8], id: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(format!("pending:{id}").as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn problem_message(
    state: &AppState,
    lang: Language,
    field: &str,
    problem: &CommentProblem,
) -> String {
    let key = match (field, problem) {
        ("name", CommentProblem::Missing) => "comment-error-name-missing",
        ("name", _) => "comment-error-name-too-long",
        ("email", CommentProblem::Missing) => "comment-error-email-missing",
        ("email", CommentProblem::TooLong { .. }) => "comment-error-email-too-long",
        ("email", _) => "comment-error-email-malformed",
        ("body", CommentProblem::Missing) => "comment-error-body-missing",
        _ => "comment-error-body-too-long",
    };
    match problem {
        CommentProblem::TooLong { limit, given } => state.renderer.message(
            lang,
            key,
            &[
                ("limit", (*limit as i64).into()),
                ("given", (*given as i64).into()),
            ],
        ),
        _ => state.renderer.message(lang, key, &[]),
    }
}

/// `POST {article path}/comments`.
pub async fn post(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(segments): Path<ArticleSegments>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let article = match article::find(&state, &segments).await? {
        Ok(a) => a,
        Err(response) => return Ok(response),
    };
    let lang = article.language;
    let store_err = |e| PageError::from_store(lang, e);
    let now = OffsetDateTime::now_utc();
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let input = CommentForm {
        name: field("name"),
        email: field("email"),
        body: field("body"),
        parent_id: fields.get("parent_id").and_then(|p| p.trim().parse().ok()),
    };
    let mut form = FormState {
        name: input.name.clone(),
        email: input.email.clone(),
        body: input.body.clone(),
        parent_id: input.parent_id,
        ..FormState::default()
    };
    let message = |key: &str| state.renderer.message(lang, key, &[]);

    let rules = Rules::load(&state.store).await.map_err(store_err)?;
    match state
        .store
        .comments_openness(article.id, now, rules.close_after_days)
        .await
        .map_err(store_err)?
    {
        Openness::Open => {}
        Openness::NotPublished => return Err(PageError::not_found(lang)),
        _ => {
            form.form_error = Some(message("comments-closed"));
            return refuse(&state, article, form, StatusCode::FORBIDDEN).await;
        }
    }
    let token = field("token");
    let issued = match FormToken::verify(
        &token,
        &state.secret,
        article.id,
        now.unix_timestamp(),
        rules.min_seconds,
        rules.max_seconds,
    ) {
        Ok(issued) => issued,
        Err(problem) => {
            form.form_error = Some(message(match problem {
                TokenProblem::TooFast => "comment-error-too-fast",
                TokenProblem::Expired => "comment-error-expired",
                _ => "comment-error-invalid-form",
            }));
            return refuse(&state, article, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let valid = match input.validate_detailed() {
        Ok(valid) => valid,
        Err(problems) => {
            for (name, problem) in &problems {
                form.errors
                    .insert(name, problem_message(&state, lang, name, problem));
            }
            return refuse(&state, article, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    if count_links(&valid.body) > rules.max_links {
        let text = state.renderer.message(
            lang,
            "comment-error-too-many-links",
            &[("limit", (rules.max_links as i64).into())],
        );
        form.errors.insert("body", text);
        return refuse(&state, article, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if let Some(parent) = valid.parent_id {
        if !state
            .store
            .is_reply_target(article.id, parent)
            .await
            .map_err(store_err)?
        {
            form.parent_id = None;
            form.form_error = Some(message("comment-error-reply-gone"));
            return refuse(&state, article, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    }

    let key = duplicate_key(article.id, &valid);
    let address = state
        .store
        .address_hash(
            &crate::extract::client_address(&state, &headers, peer).to_string(),
            now,
        )
        .await
        .map_err(store_err)?;
    // A form's token could otherwise be replayed for as long as it is
    // valid. It is the same for every reader the cached page is served to
    // (it is stamped with the page's render time, and pages live at most a
    // minute in the page cache), so its uses are counted per reader
    // (address): `comments.per_form` comments each (3 by default: a few
    // replies from one page load), until `comments.max_hours` ends it.
    let form_use = FormUse {
        digest: dateline_auth::token::digest(&format!("{token}\n{address}")),
        max_uses: rules.per_form,
        expires_at: OffsetDateTime::from_unix_timestamp(
            issued
                .issued_at
                .saturating_add(rules.max_seconds)
                .saturating_add(60),
        )
        .unwrap_or(now),
    };
    // A double submit is answered like the first; it must not count against
    // the rate limits, so those are checked for new comments only.
    if !state.store.comment_exists(&key).await.map_err(store_err)? {
        let (by_address, by_email) = state
            .store
            .recent_comment_counts(&address, &valid.email, now - RATE_WINDOW)
            .await
            .map_err(store_err)?;
        if by_address >= rules.per_address || by_email >= rules.per_email {
            form.form_error = Some(message("comment-error-rate-limited"));
            let mut response = refuse(&state, article, form, StatusCode::TOO_MANY_REQUESTS).await?;
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("600"));
            return Ok(response);
        }
    }
    let honeypot = fields.get("website").is_some_and(|v| !v.trim().is_empty());
    let spam_reason = if honeypot {
        Some("honeypot".to_string())
    } else {
        rules.blocklist.matches(&valid)
    };
    let blocked = state
        .store
        .is_blocked(&valid.email, &address)
        .await
        .map_err(store_err)?;
    let approved_before = state
        .store
        .has_approved_comment(&valid.email)
        .await
        .map_err(store_err)?;
    let status = decide_status(
        rules.policy,
        approved_before,
        blocked,
        spam_reason.as_deref(),
    );
    let posted = state
        .store
        .post_comment_with_form(
            article.id,
            &valid,
            status,
            spam_reason.as_deref(),
            &address,
            &key,
            Some(&form_use),
            now,
        )
        .await
        .map_err(store_err)?;
    let Some(posted) = posted else {
        // This page's form has posted all it may: the refusal carries a
        // fresh form, so a reader only has to send again.
        form.form_error = Some(message("comment-error-expired"));
        return refuse(&state, article, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };

    // Committed: now, and only now, the reader is sent back to the article.
    let location = format!(
        "{}#comment-{}",
        crate::extract::encode_path(&article.path),
        posted.id
    );
    let mut response = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .header(header::CACHE_CONTROL, "no-store");
    if posted.status != CommentStatus::Approved {
        let secure = if crate::newsroom::auth::is_secure(&state, &headers) {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{PENDING_COOKIE}={}.{}; Path={}; Max-Age=86400; HttpOnly; SameSite=Lax{secure}",
            posted.id,
            pending_signature(&state.secret, posted.id),
            crate::extract::encode_path(&article.path)
        );
        response = response.header(header::SET_COOKIE, cookie);
    }
    Ok(response.body(axum::body::Body::empty()).unwrap_or_default())
}

/// Answers a refused submission: the article page again, with the reader's
/// input in the form and the reasons beside the fields.
async fn refuse(
    state: &AppState,
    article: ArticleView,
    form: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let html = article::render(state, article, 1, form, None).await?;
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
