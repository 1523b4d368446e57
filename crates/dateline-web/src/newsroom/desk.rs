//! The desk (`/newsroom/`): what needs attention, first. Stories submitted
//! and waiting for an editor, the scheduled ones with when they go out,
//! the wire queue (its count and newest items), drafts taken from the wire
//! with their writers, pending comments for moderators, and the member's
//! own latest articles.
//!
//! It reads in three queries whatever the newsroom holds: every count in
//! one (`Store::desk_counts`), every article list in one
//! (`Store::desk_lists`), and the newest wire items; nothing is loaded to
//! be counted.

use super::auth::Member;
use super::frame::{NewsroomError, Page};
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use dateline_core::newsroom::Action;
use dateline_render::context;
use std::sync::Arc;

/// Articles in each of the desk's lists.
const LIST: i64 = 10;
/// Wire items the desk shows.
const WIRE: i64 = 5;

/// `GET /newsroom/`: the desk.
pub async fn dashboard(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    let store = &state.app.store;
    let counts = store.desk_counts().await?;
    let lists = store.desk_lists(member.user.id, LIST).await?;
    let wire = if counts.wire > 0 {
        store.wire_newest(WIRE).await?
    } else {
        Vec::new()
    };
    let moderator = member.user.role.may(Action::ModerateComments);
    Page::new(
        "nr-desk.html",
        "nr-desk-title",
        member.lang,
        context! {
            counts => counts,
            submitted => lists.submitted,
            scheduled => lists.scheduled,
            from_wire => lists.from_wire,
            mine => lists.mine,
            wire => wire,
            pending_comments => moderator.then_some(counts.comments),
            may_take => member.user.role.may(Action::TakeWire),
        },
    )
    .member(&member)
    .current("/newsroom/")
    .render(&state)
}
