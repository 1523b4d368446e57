//! A language's front page: what the newsroom pinned leads, the newest
//! fill the top, and each section's rail shows its stories not already
//! shown above.

use crate::App;
use dateline_core::{Language, Section};
use dateline_store::{ArticleCard, StoreError};
use std::collections::HashSet;

/// The top of the front page: the lead story and the featured ones beside it.
pub const FEATURED: usize = 5;
const TOP: usize = 1 + FEATURED;
/// Stories per section rail: a row of three on a wide screen.
pub const PER_SECTION: usize = 3;

#[derive(Debug, serde::Serialize)]
pub struct Rail {
    pub section: Section,
    pub articles: Vec<ArticleCard>,
}

#[derive(Debug)]
pub struct FrontPage {
    pub lead: Option<ArticleCard>,
    pub featured: Vec<ArticleCard>,
    /// The sections with something not shown above, in their order.
    pub rails: Vec<Rail>,
}

pub async fn front(app: &App, lang: Language) -> Result<FrontPage, StoreError> {
    let store = &app.store;
    // What the newsroom pinned leads, in its order (published stories
    // only); the newest fill the rest.
    let pins = store.front_pins(lang, dateline_store::FRONT_PAGE).await?;
    let mut top = store.cards(&pins).await?;
    top.truncate(TOP);
    let newest = store.newest(lang, (TOP + top.len()) as i64).await?;
    for card in newest {
        if top.len() < TOP && !top.iter().any(|c| c.id == card.id) {
            top.push(card);
        }
    }
    let mut shown: HashSet<i64> = top.iter().map(|a| a.id).collect();
    let mut top = top.into_iter();
    let lead = top.next();
    let featured: Vec<_> = top.collect();
    let mut rails = Vec::new();
    for section in store.sections(lang).await? {
        // A few more than shown, so that stories already shown above can
        // be skipped without leaving the rail short.
        let candidates = store
            .section_newest(lang, &section.slug, (PER_SECTION + TOP) as i64)
            .await?;
        let articles: Vec<_> = candidates
            .into_iter()
            .filter(|a| !shown.contains(&a.id))
            .take(PER_SECTION)
            .collect();
        shown.extend(articles.iter().map(|a| a.id));
        if !articles.is_empty() {
            rails.push(Rail { section, articles });
        }
    }
    Ok(FrontPage {
        lead,
        featured,
        rails,
    })
}
