//! Reader comments: the thread under an article, posting one, and what
//! moderators (in the newsroom or at the command line) do with them.
//!
//! Posting checks every rule before anything is written, in an order that
//! tells a reader what to fix: closed comments, the form token (too fast,
//! expired), the fields, links, the reply target, rate limits. Spam
//! signals (the honeypot, blocklists, a blocked commenter) do not refuse:
//! the comment is kept as spam for a moderator, and the sender is told it
//! awaits moderation like anyone else.

use crate::{Actor, App, Denied};
use dateline_auth::signing;
use dateline_core::comment::{
    comment_body, count_links, decide_status, duplicate_key, Blocklist, CommentForm,
    CommentProblem, CommentStatus, FormToken, ModerationPolicy, TokenProblem,
};
use dateline_core::newsroom::Action;
use dateline_core::settings::SiteSettings;
use dateline_store::{CommentTarget, CommentView, FormUse, Openness, StandingQuery, StoreError};
use std::net::IpAddr;
use time::OffsetDateTime;

/// Top-level comments per page of an article's comments.
pub const PER_PAGE: i64 = 50;
/// The window the rate limits count in.
const RATE_WINDOW: time::Duration = time::Duration::minutes(10);
/// How long a reader may see their own comment awaiting moderation.
pub const PENDING_SECONDS: i64 = 86_400;

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
    fn from_site(s: &SiteSettings) -> Rules {
        Rules {
            policy: s.comments_policy,
            close_after_days: s.close_after_days,
            max_links: s.max_links,
            per_address: s.rate_per_address,
            per_email: s.rate_per_email,
            per_form: s.per_form,
            min_seconds: s.min_seconds,
            max_seconds: s.max_form_seconds(),
            blocklist: Blocklist::parse(&s.blocked_words, &s.blocked_domains),
        }
    }
}

/// One page of an article's approved comments, and what its form needs.
#[derive(Debug)]
pub struct Thread {
    pub openness: Openness,
    pub comments: Vec<CommentView>,
    /// Approved comments in all.
    pub total: i64,
    /// Pages of [`PER_PAGE`] (at least one).
    pub pages: i64,
    /// The form's signed token, stamped now.
    pub token: String,
    pub max_links: usize,
}

/// Page `page` (from 1) of an article's thread; None past the last page.
pub async fn thread(
    app: &App,
    article_id: i64,
    page: i64,
    now: OffsetDateTime,
) -> Result<Option<Thread>, StoreError> {
    let rules = Rules::from_site(&app.site());
    let openness = app
        .store
        .comments_openness(article_id, now, rules.close_after_days)
        .await?;
    let (comments, total) = app
        .store
        .approved_comments(article_id, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page > pages {
        return Ok(None);
    }
    let token = FormToken {
        article_id,
        issued_at: now.unix_timestamp(),
    }
    .sign(&app.secret);
    Ok(Some(Thread {
        openness,
        comments,
        total,
        pages,
        token,
        max_links: rules.max_links,
    }))
}

/// A reader's comment as the form sent it.
#[derive(Debug, Clone)]
pub struct Submission {
    pub form: CommentForm,
    /// The form's signed token.
    pub token: String,
    /// Whether the field hidden from people was filled in (a robot).
    pub honeypot: bool,
    /// The reader's address (as the web layer established it).
    pub address: IpAddr,
}

/// Why a comment was not taken; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The article is not published: there is nothing to comment on.
    NotPublished,
    /// Comments on it are closed.
    Closed,
    /// The form token is too fresh, too old or not ours.
    Token(TokenProblem),
    /// The fields, each with its problem.
    Fields(Vec<(&'static str, CommentProblem)>),
    /// More links than the site allows.
    TooManyLinks { limit: usize },
    /// The comment it answers is gone.
    ReplyGone,
    /// Too many comments from this address or email lately.
    RateLimited,
    /// This page's form has posted all it may.
    FormSpent,
}

/// Why a comment was not posted.
#[derive(Debug, thiserror::Error)]
pub enum PostError {
    #[error("the comment was refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A comment taken (or a double submit of one already taken).
#[derive(Debug, Clone, Copy)]
pub struct Posted {
    pub id: i64,
    pub status: CommentStatus,
}

/// The article at `path` that a reader posts a comment to, with whether it
/// takes comments now; None when no article has that path (it may have
/// moved, or never been).
pub async fn target(
    app: &App,
    path: &str,
    now: OffsetDateTime,
) -> Result<Option<CommentTarget>, StoreError> {
    let rules = Rules::from_site(&app.site());
    app.store
        .comment_target(path, now, rules.close_after_days)
        .await
}

/// Posts a reader's comment on an article, or says why not. The comment
/// is durable when this returns.
pub async fn post(
    app: &App,
    article_id: i64,
    submission: &Submission,
    now: OffsetDateTime,
) -> Result<Posted, PostError> {
    let rules = Rules::from_site(&app.site());
    let openness = match app
        .store
        .comments_openness(article_id, now, rules.close_after_days)
        .await
    {
        Ok(openness) => openness,
        Err(e) => return counted(Err(e.into())),
    };
    counted(post_checked(app, article_id, openness, &rules, submission, now).await)
}

/// Posts a reader's comment on the article [`target`] found, or says why
/// not: as [`post`], with the article already read.
pub async fn post_to(
    app: &App,
    target: &CommentTarget,
    submission: &Submission,
    now: OffsetDateTime,
) -> Result<Posted, PostError> {
    let rules = Rules::from_site(&app.site());
    counted(post_checked(app, target.id, target.openness, &rules, submission, now).await)
}

/// Counts a post by its outcome, for the metrics.
fn counted(result: Result<Posted, PostError>) -> Result<Posted, PostError> {
    metrics::counter!(
        crate::metrics::COMMENT_POSTS,
        "outcome" => crate::metrics::comment_outcome(&result)
    )
    .increment(1);
    result
}

async fn post_checked(
    app: &App,
    article_id: i64,
    openness: Openness,
    rules: &Rules,
    submission: &Submission,
    now: OffsetDateTime,
) -> Result<Posted, PostError> {
    let refuse = |r| Err(PostError::Refused(r));
    match openness {
        Openness::Open => {}
        Openness::NotPublished => return refuse(Refusal::NotPublished),
        _ => return refuse(Refusal::Closed),
    }
    let issued = match FormToken::verify(
        &submission.token,
        &app.secret,
        article_id,
        now.unix_timestamp(),
        rules.min_seconds,
        rules.max_seconds,
    ) {
        Ok(issued) => issued,
        Err(problem) => return refuse(Refusal::Token(problem)),
    };
    let valid = match submission.form.validate_detailed() {
        Ok(valid) => valid,
        Err(problems) => return refuse(Refusal::Fields(problems)),
    };
    if count_links(&valid.body) > rules.max_links {
        return refuse(Refusal::TooManyLinks {
            limit: rules.max_links,
        });
    }
    if let Some(parent) = valid.parent_id {
        if !app.store.is_reply_target(article_id, parent).await? {
            return refuse(Refusal::ReplyGone);
        }
    }

    let key = duplicate_key(article_id, &valid);
    let address = app
        .store
        .address_hash(&submission.address.to_string(), now)
        .await?;
    // A form's token could otherwise be replayed for as long as it is
    // valid. It is the same for every reader the cached page is served to
    // (it is stamped with the page's render time, and pages live at most a
    // minute in the page cache), so its uses are counted per reader
    // (address): `comments.per_form` comments each (3 by default: a few
    // replies from one page load), until `comments.max_hours` ends it.
    let form_use = FormUse {
        digest: dateline_auth::token::digest(&format!("{}\n{address}", submission.token)),
        max_uses: rules.per_form,
        expires_at: OffsetDateTime::from_unix_timestamp(
            issued
                .issued_at
                .saturating_add(rules.max_seconds)
                .saturating_add(60),
        )
        .unwrap_or(now),
    };
    let standing = app
        .store
        .commenter_standing(&StandingQuery {
            duplicate_key: &key,
            address_hash: &address,
            email: &valid.email,
            since: now - RATE_WINDOW,
            address_limit: rules.per_address,
            email_limit: rules.per_email,
        })
        .await?;
    // A double submit is answered like the first; it must not count against
    // the rate limits, so those are checked for new comments only.
    if !standing.seen
        && (standing.by_address >= rules.per_address || standing.by_email >= rules.per_email)
    {
        return refuse(Refusal::RateLimited);
    }
    let spam_reason = if submission.honeypot {
        Some("honeypot".to_string())
    } else {
        rules.blocklist.matches(&valid)
    };
    let (blocked, approved_before) = (standing.blocked, standing.approved_before);
    let status = decide_status(
        rules.policy,
        approved_before,
        blocked,
        spam_reason.as_deref(),
    );
    let posted = app
        .store
        .post_comment_with_form(
            article_id,
            &valid,
            status,
            spam_reason.as_deref(),
            &address,
            &key,
            Some(&form_use),
            now,
        )
        .await?;
    match posted {
        Some(posted) => Ok(Posted {
            id: posted.id,
            status: posted.status,
        }),
        None => refuse(Refusal::FormSpent),
    }
}

/// The claim a reader keeps (in a cookie) to see their own comment while
/// it awaits moderation: the comment's id, signed.
pub fn pending_claim(app: &App, comment_id: i64) -> String {
    let tag = signing::tag(&app.secret, PENDING, comment_id.to_string().as_bytes());
    format!("{comment_id}.{}", signing::hex(&tag[..16]))
}

/// The signing context of a pending-comment claim.
const PENDING: &str = "pending:";

/// The reader's own comment awaiting moderation on this article, when
/// `claim` (from [`pending_claim`]) names one and its signature holds.
pub async fn pending_for(app: &App, claim: &str, article_id: i64) -> Option<CommentView> {
    let (id, signature) = claim.split_once('.')?;
    let id: i64 = id.parse().ok()?;
    let tag = signing::from_hex(signature)?;
    if tag.len() != 16 || !signing::verify(&app.secret, PENDING, id.to_string().as_bytes(), &tag) {
        return None;
    }
    let (article, comment) = app.store.comment_view(id).await.ok()?;
    (article == article_id && comment.status != CommentStatus::Approved).then_some(comment)
}

/// What a moderator does to comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Approve,
    Reject,
    Spam,
    /// Blocks the commenter (their next comments go to spam) and marks
    /// this comment as spam.
    Block,
    /// Deletes the comment, with the replies to it.
    Delete,
}

impl Moderation {
    /// The word the forms and the audit log use.
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Approve => "approve",
            Moderation::Reject => "reject",
            Moderation::Spam => "spam",
            Moderation::Block => "block",
            Moderation::Delete => "delete",
        }
    }

    pub fn parse(word: &str) -> Option<Moderation> {
        Some(match word {
            "approve" => Moderation::Approve,
            "reject" => Moderation::Reject,
            "spam" => Moderation::Spam,
            "block" => Moderation::Block,
            "delete" => Moderation::Delete,
            _ => return None,
        })
    }
}

/// Applies a moderator's action to comments; how many changed.
pub async fn moderate(
    app: &App,
    by: Actor<'_>,
    action: Moderation,
    ids: &[i64],
    now: OffsetDateTime,
) -> Result<u64, Denied> {
    by.require(Action::ModerateComments)?;
    let changed = match action {
        Moderation::Delete => app.store.delete_comments(ids, now).await?,
        Moderation::Block => {
            for id in ids {
                match app.store.block_commenter(None, Some(*id), now).await {
                    Ok(_) | Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            app.store
                .set_comment_status(ids, CommentStatus::Spam, now)
                .await?
        }
        Moderation::Approve | Moderation::Reject | Moderation::Spam => {
            let status = match action {
                Moderation::Approve => CommentStatus::Approved,
                Moderation::Reject => CommentStatus::Rejected,
                _ => CommentStatus::Spam,
            };
            app.store.set_comment_status(ids, status, now).await?
        }
    };
    for id in ids {
        by.audit(&app.store, now, action.as_str(), "comment", Some(*id), None)
            .await?;
    }
    Ok(changed)
}

/// A moderator's text for a comment: checked as a reader's comment is.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("the text was refused: {0:?}")]
    Refused(CommentProblem),
    #[error(transparent)]
    Denied(#[from] Denied),
}

impl From<StoreError> for TextError {
    fn from(e: StoreError) -> TextError {
        TextError::Denied(e.into())
    }
}

/// Replaces a comment's text; the text as saved.
pub async fn edit(
    app: &App,
    by: Actor<'_>,
    id: i64,
    text: &str,
    now: OffsetDateTime,
) -> Result<String, TextError> {
    by.require(Action::ModerateComments)?;
    let body = comment_body(text).map_err(TextError::Refused)?;
    app.store.edit_comment(id, &body, now).await?;
    by.audit(&app.store, now, "edit", "comment", Some(id), None)
        .await?;
    Ok(body)
}

/// Replies to a comment in the member's name, published at once and marked
/// as the site's own; the reply's id.
pub async fn reply(
    app: &App,
    by: Actor<'_>,
    to: i64,
    text: &str,
    now: OffsetDateTime,
) -> Result<i64, TextError> {
    by.require(Action::ModerateComments)?;
    let Actor::Member(member) = by else {
        // Only a person replies as staff: the reply carries their name.
        return Err(Denied::Forbidden.into());
    };
    let body = comment_body(text).map_err(TextError::Refused)?;
    let reply = app
        .store
        .staff_reply(to, &member.name, &member.email, &body, now)
        .await?;
    by.audit(&app.store, now, "reply", "comment", Some(reply), None)
        .await?;
    Ok(reply)
}

/// Blocks a commenter, by email or as the author of a comment (by email
/// and hashed address): their next comments go straight to spam. The
/// email blocked.
pub async fn block(
    app: &App,
    by: Actor<'_>,
    email: Option<&str>,
    comment: Option<i64>,
    now: OffsetDateTime,
) -> Result<String, Denied> {
    by.require(Action::ModerateComments)?;
    let email = app.store.block_commenter(email, comment, now).await?;
    by.audit(&app.store, now, "block", "commenter", comment, Some(&email))
        .await?;
    Ok(email)
}

/// Lifts the blocks on an email; how many were lifted.
pub async fn unblock(
    app: &App,
    by: Actor<'_>,
    email: &str,
    now: OffsetDateTime,
) -> Result<u64, Denied> {
    by.require(Action::ModerateComments)?;
    let n = app.store.unblock_commenter(email).await?;
    by.audit(&app.store, now, "unblock", "commenter", None, Some(email))
        .await?;
    Ok(n)
}

/// Erases a reader's comments (with the replies to them) and blocks, at
/// their request; how many comments went.
pub async fn erase(
    app: &App,
    by: Actor<'_>,
    email: &str,
    now: OffsetDateTime,
) -> Result<u64, Denied> {
    by.require(Action::ModerateComments)?;
    let n = app.store.erase_commenter(email, now).await?;
    // The log keeps that an erasure happened, not whose.
    by.audit(&app.store, now, "erase", "commenter", None, None)
        .await?;
    Ok(n)
}

/// Where comments are opened or closed.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    Article(i64),
    Section(dateline_core::Language, &'a str),
}

/// Opens or closes comments on an article or a whole section.
pub async fn set_open(
    app: &App,
    by: Actor<'_>,
    place: Place<'_>,
    open: bool,
    now: OffsetDateTime,
) -> Result<(), Denied> {
    by.require(Action::ModerateComments)?;
    let word = if open {
        "open-comments"
    } else {
        "close-comments"
    };
    match place {
        Place::Article(id) => {
            app.store.set_article_comments_open(id, open, now).await?;
            by.audit(&app.store, now, word, "article", Some(id), None)
                .await?;
        }
        Place::Section(lang, slug) => {
            app.store
                .set_section_comments_open(lang, slug, open, now)
                .await?;
            let detail = format!("{}/{slug}", lang.code());
            by.audit(&app.store, now, word, "section", None, Some(&detail))
                .await?;
        }
    }
    Ok(())
}

/// The moderation queue: comments of `status` (every status when None),
/// on one article or all, newest first, at most `limit`.
pub async fn queue(
    app: &App,
    by: Actor<'_>,
    status: Option<CommentStatus>,
    article_id: Option<i64>,
    limit: i64,
) -> Result<Vec<dateline_store::ModerationItem>, Denied> {
    by.require(Action::ModerateComments)?;
    Ok(app
        .store
        .moderation_queue(status, article_id, limit)
        .await?)
}

/// How many comments there are of each status (the queue's tabs).
pub async fn counts(app: &App, by: Actor<'_>) -> Result<dateline_store::StatusCounts, Denied> {
    by.require(Action::ModerateComments)?;
    Ok(app.store.comment_counts().await?)
}
