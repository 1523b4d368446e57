//! The series the use cases count (the web layer describes and serves
//! them with its own; see `dateline_web::metrics`). Each label's values
//! come from a fixed list here, so hostile input cannot make new series.
//! Without an installed recorder every count is a no-op.

use dateline_core::comment::CommentStatus;

pub const COMMENT_POSTS: &str = "dateline_comment_posts_total";
pub const SCHEDULER_RUNS: &str = "dateline_scheduler_runs_total";
pub const SCHEDULER_PUBLISHED: &str = "dateline_scheduler_published_total";

/// Describes the use cases' series (HELP lines); call once after the
/// recorder is installed.
pub fn describe() {
    use metrics::describe_counter;
    describe_counter!(
        COMMENT_POSTS,
        "Readers' comment posts by outcome: accepted (shown at once), held (for \
         moderation), spam, or why it was refused (closed, token, invalid, rate_limited, \
         form_spent), or failed (the database)."
    );
    describe_counter!(
        SCHEDULER_RUNS,
        "Runs of the scheduler (publishing due articles), by outcome (ok, failed)."
    );
    describe_counter!(
        SCHEDULER_PUBLISHED,
        "Scheduled articles this node published when their time came."
    );
}

/// The outcome label of a comment post.
pub(crate) fn comment_outcome(
    result: &Result<crate::comments::Posted, crate::comments::PostError>,
) -> &'static str {
    use crate::comments::{PostError, Refusal};
    match result {
        Ok(posted) => match posted.status {
            CommentStatus::Approved => "accepted",
            CommentStatus::Pending => "held",
            CommentStatus::Spam => "spam",
            CommentStatus::Rejected => "rejected",
        },
        Err(PostError::Refused(refusal)) => match refusal {
            Refusal::NotPublished | Refusal::Closed => "closed",
            Refusal::Token(_) => "token",
            Refusal::Fields(_) | Refusal::TooManyLinks { .. } | Refusal::ReplyGone => "invalid",
            Refusal::RateLimited => "rate_limited",
            Refusal::FormSpent => "form_spent",
        },
        Err(PostError::Store(_)) => "failed",
    }
}
