//! The site's own pages (About, Contact, Privacy), as editors write them:
//! the same Markdown, limits and preview as the article editor, each page
//! at its language's path `/{lang}/page/{slug}`. The store records each
//! save in the change feed, so every node's pages follow.

use crate::body::BodyError;
use crate::{Actor, App, Denied};
use dateline_core::markdown::SafeHtml;
use dateline_core::newsroom::Action;
use dateline_core::page::PageInput;
use dateline_store::{PageView, StoreError};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Every page, by language and position.
pub async fn list(app: &App, by: Actor<'_>) -> Result<Vec<PageView>, Denied> {
    by.require(Action::ManagePages)?;
    Ok(app.store.all_pages().await?)
}

/// One page.
pub async fn page(app: &App, by: Actor<'_>, id: i64) -> Result<PageView, Denied> {
    by.require(Action::ManagePages)?;
    Ok(app.store.page(id).await?)
}

/// What can be wrong with a page, by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The page's own rules (`dateline_core::page`), or the store's
    /// refusal (a path another page has): the sentence, in English.
    Field(String),
    /// The body could not be rendered.
    Body(BodyError),
}

/// Problems by form field.
pub type Problems = BTreeMap<&'static str, Problem>;

/// What became of a save or a preview.
#[derive(Debug)]
pub enum Saved {
    Done {
        id: i64,
    },
    /// The body as readers would see it; nothing stored.
    Preview(SafeHtml),
    /// Nothing stored.
    Refused(Problems),
}

/// Saves a page (a new one when `id` is None), or only renders its body
/// when `preview`.
pub async fn save(
    app: &App,
    by: Actor<'_>,
    id: Option<i64>,
    input: &PageInput,
    preview: bool,
    now: OffsetDateTime,
) -> Result<Saved, Denied> {
    by.require(Action::ManagePages)?;
    let mut problems = Problems::new();
    if let Err(found) = input.validate() {
        for e in found {
            problems.entry(e.field).or_insert(Problem::Field(e.message));
        }
    }
    // The body is rendered off the async threads, before any transaction.
    let body = match crate::body::render(&input.body_markdown).await {
        Ok(html) => Some(html),
        Err(e) => {
            problems.entry("body").or_insert(Problem::Body(e));
            None
        }
    };
    let (Some(body), true) = (body, problems.is_empty()) else {
        return Ok(Saved::Refused(problems));
    };
    if preview {
        return Ok(Saved::Preview(body));
    }
    match app
        .store
        .save_page(id, input, &body, by.user_id(), now)
        .await
    {
        Ok(id) => Ok(Saved::Done { id }),
        Err(StoreError::Invalid(why)) => {
            let (field, sentence) = why.split_once(": ").unwrap_or(("slug", why.as_str()));
            let field = match field {
                "language" => "language",
                "title" => "title",
                "body" => "body",
                "story_key" => "story_key",
                "position" => "position",
                _ => "slug",
            };
            let mut sentence = sentence.to_string();
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + &sentence[1..];
            }
            Ok(Saved::Refused(Problems::from([(
                field,
                Problem::Field(sentence),
            )])))
        }
        Err(e) => Err(e.into()),
    }
}
