//! Writing and publishing articles: the editor's fields read into an
//! article ([`fields`]), with every problem as a typed value
//! ([`problem`]); saving with edit-conflict detection, the workflow's moves
//! and their time rules ([`workflow`]); autosaves ([`autosave`]); and what
//! editors add to a published story: correction notes, pinned related
//! articles, restored revisions ([`extras`]).

pub mod autosave;
pub mod editing;
pub mod extras;
pub mod fields;
pub mod problem;
pub mod workflow;

pub use fields::Fields;
pub use problem::{Problem, Problems};
