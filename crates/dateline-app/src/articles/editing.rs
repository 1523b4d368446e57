//! What the newsroom's article pages show: the list, the editor around its
//! form (what the member may do to the article, the choices its fields
//! offer, an autosave to recover), and the revision history with its diff.

use super::fields::Fields;
use crate::App;
use dateline_core::media::MediaKind;
use dateline_core::newsroom::{may_edit, Action, Transition};
use dateline_core::revision::DiffLine;
use dateline_core::{Section, Status};
use dateline_store::{
    MediaItem, NewsroomArticle, NewsroomFilter, Page, Programme, Revision, StoreError, User,
};

/// Pictures and sound files the editor's pickers offer: the newest.
const PICKER_FILES: i64 = 200;

/// Everything the editor shows besides the form.
#[derive(Debug)]
pub struct Editor {
    /// The saved article (None for a new one).
    pub article: Option<NewsroomArticle>,
    /// Whether this member may change its content.
    pub editable: bool,
    /// The moves this member may make from its status.
    pub moves: Vec<Transition>,
    /// Every language's sections, for the section field.
    pub sections: Vec<Section>,
    pub images: Vec<MediaItem>,
    pub audio: Vec<MediaItem>,
    pub programmes: Vec<Programme>,
    /// The related pins as the form shows them (those just refused, kept
    /// as typed, else the saved ones, for those who may pin).
    pub pinned: String,
    /// An autosave of this member's newer than the saved article.
    pub autosaved: Option<Revision>,
    pub may_note: bool,
    pub may_pin: bool,
}

/// The editor of article `id` (a new one when None) for `user`. `form`
/// names the picture and sound chosen (offered even when they are old);
/// `kept_pins` is the pins' text as just typed, when it was refused.
pub async fn editor(
    app: &App,
    user: &User,
    id: Option<i64>,
    form: &Fields,
    kept_pins: Option<String>,
) -> Result<Editor, StoreError> {
    let store = &app.store;
    let article = match id {
        Some(id) => Some(store.newsroom_article(id).await?),
        None => None,
    };
    let current = article.as_ref().map(|m| m.status).unwrap_or(Status::Draft);
    let is_author = article
        .as_ref()
        .map(|m| m.created_by == Some(user.id))
        .unwrap_or(true);
    let mut images = store
        .media_list(Some(MediaKind::Image), PICKER_FILES, 0)
        .await?;
    let mut audio = store
        .media_list(Some(MediaKind::Audio), PICKER_FILES, 0)
        .await?;
    // The files an article carries are offered even when they are old.
    for (list, chosen) in [(&mut images, &form.image_id), (&mut audio, &form.audio_id)] {
        if let Ok(chosen) = chosen.trim().parse::<i64>() {
            if !list.iter().any(|m| m.id == chosen) {
                if let Ok(m) = store.media(chosen).await {
                    list.push(m);
                }
            }
        }
    }
    let may_pin = user.role.may(Action::EditAny);
    let pinned = match (id, kept_pins) {
        (_, Some(kept)) => kept,
        (Some(id), None) if may_pin => super::extras::pinned_text(app, id).await?,
        _ => String::new(),
    };
    let autosaved = match id {
        Some(id) => store.pending_autosave(id, user.id).await?,
        None => None,
    };
    Ok(Editor {
        article,
        editable: may_edit(user.role, is_author, current),
        moves: Transition::from_status(current)
            .into_iter()
            .filter(|t| user.role.may(t.action()))
            .collect(),
        sections: store.all_sections().await?,
        images,
        audio,
        programmes: store.all_programmes().await?,
        pinned,
        autosaved,
        may_note: user.role.may(Action::AddNote) && current == Status::Published,
        may_pin,
    })
}

/// The fields of a new article: the default language's first section, and
/// the member's name as the byline.
pub async fn new_fields(app: &App, user: &User) -> Result<Fields, StoreError> {
    let lang = app.config.default_language;
    let section = app
        .store
        .sections(lang)
        .await?
        .first()
        .map(|s| s.slug.clone())
        .unwrap_or_default();
    Ok(Fields {
        language: lang.code().into(),
        section,
        byline: user.name.clone(),
        ..Default::default()
    })
}

/// The saved article's fields, at its current version.
pub async fn saved_fields(app: &App, id: i64) -> Result<Fields, StoreError> {
    let input = app.store.article_input(id).await?;
    let version = app.store.article_version(id).await?;
    Ok(Fields::from_input(&input, version, &app.site().time_zone))
}

/// A page of the newsroom's list.
pub async fn list(
    app: &App,
    filter: &NewsroomFilter,
    limit: i64,
    offset: i64,
) -> Result<Page<NewsroomArticle>, StoreError> {
    app.store.newsroom_articles(filter, limit, offset).await
}

/// An article's revisions, and the diff between two of them.
#[derive(Debug)]
pub struct History {
    pub article: NewsroomArticle,
    pub revisions: Vec<Revision>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub diff: Option<Vec<DiffLine>>,
}

/// The history of article `id`, with the diff from revision `from` to
/// `to`: by default the newest against the one before it (or, when only
/// `from` is given, against the newest other one).
pub async fn history(
    app: &App,
    id: i64,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<History, StoreError> {
    let article = app.store.newsroom_article(id).await?;
    let revisions = app.store.revisions(id).await?;
    let to = to.or_else(|| revisions.iter().map(|r| r.id).find(|r| Some(*r) != from));
    let from = from.or_else(|| revisions.iter().map(|r| r.id).find(|r| Some(*r) != to));
    let diff = match (from, to) {
        (Some(a), Some(b)) => {
            let (a, b) = (
                app.store.revision(id, a).await?,
                app.store.revision(id, b).await?,
            );
            Some(dateline_core::revision::diff(&a.content, &b.content))
        }
        _ => None,
    };
    Ok(History {
        article,
        revisions,
        from,
        to,
        diff,
    })
}
