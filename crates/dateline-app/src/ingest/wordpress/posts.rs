//! Posts as articles, pages as the site's pages, attachments into the
//! media library; each with its old addresses, and posts with their
//! comments ([`comments`]).

use super::pictures::{Pictures, Placed};
use super::plan::Plan;
use super::terms::{link, weak_link, Terms};
use super::{comments, Context};
use dateline_core::markdown::escape_markdown;
use dateline_core::page::PageInput;
use dateline_core::slug::slugify;
use dateline_core::{ArticleInput, Status};
use dateline_import::wordpress::wxr::{Item, PostType, Status as WpStatus};
use dateline_import::wordpress::{
    convert, permalinks, plain_text, Converted, ImageRef, PostFields,
};
use dateline_store::{LinkTarget, StoreError};
use std::collections::HashMap;
use std::sync::Mutex;
use time::OffsetDateTime;

/// Pictures placed in one body; past this they stay links.
const PICTURES_PER_BODY: usize = 200;

/// Imports one item of any kind.
pub(super) async fn item(
    cx: &mut Context<'_>,
    plan: &Plan,
    terms: &mut Terms,
    pictures: &mut Pictures,
    item: Item,
) {
    let line = item.position.line;
    let at = item.position;
    let outcome = match &item.post_type {
        PostType::Post => post(cx, plan, terms, pictures, &item).await,
        PostType::Page => page(cx, plan, pictures, &item).await,
        PostType::Attachment => {
            attachment(cx, plan, pictures, &item).await;
            Ok(())
        }
        PostType::NavMenuItem => {
            cx.report.other_item("nav_menu_item");
            Ok(())
        }
        PostType::Block => {
            cx.report.other_item("wp_block");
            Ok(())
        }
        PostType::Other(kind) => {
            cx.report.other_item(kind);
            Ok(())
        }
    };
    if let Err(message) = outcome {
        cx.report.problem(
            line,
            format!("item {} (post {}) {message}", at.ordinal, item.post_id),
        );
    }
}

/// What a WordPress status becomes; Err: left out, and why.
fn status(cx: &Context<'_>, item: &Item) -> Result<Status, &'static str> {
    let status = match item.status {
        WpStatus::Publish => Status::Published,
        WpStatus::Future => Status::Scheduled,
        WpStatus::Pending => Status::Submitted,
        WpStatus::Draft | WpStatus::Private | WpStatus::Other(_) => Status::Draft,
        WpStatus::Trash => return Err("in the trash"),
        WpStatus::AutoDraft => return Err("an automatic draft"),
        WpStatus::Inherit => return Err("a revision"),
    };
    // A password-protected post was not for everyone: a draft, for an
    // editor to decide.
    if cx.options.draft || !item.password.is_empty() {
        return Ok(Status::Draft);
    }
    Ok(status)
}

async fn post(
    cx: &mut Context<'_>,
    plan: &Plan,
    terms: &mut Terms,
    pictures: &mut Pictures,
    item: &Item,
) -> Result<(), String> {
    let status = match status(cx, item) {
        Ok(status) => status,
        Err(why) => {
            cx.report.posts.skip(why);
            return Ok(());
        }
    };
    let section = terms
        .section_for(cx, item)
        .await
        .ok_or("has a category that could not become a section")?;
    let headline = headline(cx, item);
    // One paragraph: a standfirst has no line breaks.
    let standfirst = Some(plain_text(&item.excerpt, 600))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty());
    let mut body = body(cx, plan, pictures, item).await;
    if body.trim().is_empty() {
        cx.report.note(format!(
            "{} (post {}) has no content; its standfirst or headline is its text",
            item.position, item.post_id
        ));
        body = escape_markdown(standfirst.as_deref().unwrap_or(&headline));
    }
    let image_id = match item.thumbnail_id() {
        Some(id) => pictures
            .attachment(cx, plan, id)
            .await
            .map(|p: Placed| p.id),
        None => None,
    };
    let writer = terms.writer(&item.creator).cloned();
    let published_at = item
        .date_gmt
        .or(item.pub_date)
        .or(item.date.map(|d| d.assume_utc()));
    let published_at = match status {
        Status::Published | Status::Scheduled => Some(published_at.unwrap_or(cx.now)),
        _ => published_at,
    };
    let mut tags: Vec<String> = Vec::new();
    for t in item.terms_of("post_tag") {
        let name: String = t.name.trim().chars().take(60).collect();
        if !name.is_empty() && !slugify(&name).is_empty() && !tags.contains(&name) {
            tags.push(name);
        }
    }
    if tags.len() > dateline_core::article::limits::TAGS {
        cx.report.note(format!(
            "{} (post {}): {} tags; the first {} kept",
            item.position,
            item.post_id,
            tags.len(),
            dateline_core::article::limits::TAGS
        ));
        tags.truncate(dateline_core::article::limits::TAGS);
    }
    let slug = [slugify(&item.slug.decoded), slugify(&headline)]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| format!("post-{}", item.post_id));
    let input = ArticleInput {
        language: cx.language,
        section,
        slug,
        headline,
        standfirst,
        dateline: None,
        dateline_date: None,
        // An export without its authors' list names them by login only.
        byline: writer.as_ref().map(|w| w.byline.clone()).or_else(|| {
            Some(item.creator.trim().chars().take(200).collect::<String>())
                .filter(|c| !c.is_empty())
        }),
        tags,
        body_markdown: body,
        status,
        published_at,
        story_key: None,
        source_key: Some(format!("wordpress:{}:post:{}", cx.site, item.post_id)),
        image_id,
        audio_id: None,
        programme_id: None,
    };
    let html = crate::body::render(&input.body_markdown)
        .await
        .map_err(|e| format!("has content that cannot be shown: {e}"))?;
    // The article is dated as WordPress last changed it.
    let changed = item.modified_gmt.or(published_at).unwrap_or(cx.now);
    let store = &cx.app.store;
    let key = item.post_id.to_string();
    let known = store
        .wordpress_id(&cx.site, "post", &key)
        .await
        .map_err(|e| e.to_string())?;
    let by = writer.and_then(|w| w.user_id);
    let saved = match store.save_rendered(known, &input, &html, changed, by).await {
        Err(StoreError::NotFound) => store.save_rendered(None, &input, &html, changed, by).await,
        other => other,
    };
    let outcome = saved.map_err(|e| format!("was refused: {e}"))?;
    store
        .set_wordpress_id(&cx.site, "post", &key, outcome.id, cx.now)
        .await
        .map_err(|e| e.to_string())?;
    cx.report.posts.done(outcome.created);
    // Comments closed on the old site stay closed (an open post is left as
    // the newsroom keeps it).
    if item.comment_status == "closed" {
        if let Err(e) = store
            .set_article_comments_open(outcome.id, false, cx.now)
            .await
        {
            cx.report.note(format!(
                "{} (post {}): comments were not closed: {e}",
                item.position, item.post_id
            ));
        }
    }
    let target = LinkTarget::Article(outcome.id);
    if let Some(date) = item.date {
        let category = item
            .terms_of("category")
            .find_map(|t| t.slug.clone())
            .map(|slug| plan.category_path(&slug))
            .unwrap_or_default();
        let fields = PostFields {
            id: item.post_id,
            date,
            slug: &item.slug.raw,
            category: &category,
            author: &item.creator,
        };
        let old = cx.structure.post_path(&fields);
        weak_link(cx, &old, target.clone()).await;
    }
    link(cx, &format!("/?p={}", item.post_id), target.clone()).await;
    own_link(cx, plan, item, target).await;
    comments::import(cx, outcome.id, item).await;
    Ok(())
}

async fn page(
    cx: &mut Context<'_>,
    plan: &Plan,
    pictures: &mut Pictures,
    item: &Item,
) -> Result<(), String> {
    let status = match status(cx, item) {
        Ok(status) => status,
        Err(why) => {
            cx.report.pages.skip(why);
            return Ok(());
        }
    };
    let chain = plan.page_chain(item.post_id, &item.slug.raw);
    let words: Vec<String> = chain
        .iter()
        .map(|s| dateline_import::wordpress::wxr::Slug::new(s).decoded)
        .collect();
    let title: String = headline(cx, item).chars().take(120).collect();
    let slug = [slugify(&words.join(" ")), slugify(&title)]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| format!("page-{}", item.post_id));
    let mut body = body(cx, plan, pictures, item).await;
    if body.trim().is_empty() {
        body = escape_markdown(&title);
    }
    let mut input = PageInput {
        language: Some(cx.language),
        slug,
        title,
        body_markdown: body,
        story_key: None,
        position: item.menu_order.clamp(0, 1000),
        published: status == Status::Published,
    };
    let html = crate::body::render(&input.body_markdown)
        .await
        .map_err(|e| format!("has content that cannot be shown: {e}"))?;
    let changed = item
        .modified_gmt
        .or(item.date_gmt)
        .or(item.pub_date)
        .unwrap_or(cx.now);
    let store = &cx.app.store;
    let key = item.post_id.to_string();
    let known = store
        .wordpress_id(&cx.site, "page", &key)
        .await
        .map_err(|e| e.to_string())?;
    let mut saved = save_page(cx, known, &input, &html, changed).await;
    if let Err(StoreError::Invalid(why)) = &saved {
        if why.starts_with("slug:") {
            // Another page holds the address: this one takes its id too.
            input.slug = format!(
                "{}-{}",
                input.slug.chars().take(60).collect::<String>(),
                item.post_id
            );
            saved = save_page(cx, known, &input, &html, changed).await;
        }
    }
    let id = saved.map_err(|e| format!("was refused: {e}"))?;
    let store = &cx.app.store;
    store
        .set_wordpress_id(&cx.site, "page", &key, id, cx.now)
        .await
        .map_err(|e| e.to_string())?;
    cx.report.pages.done(known.is_none());
    let target = LinkTarget::Page(id);
    let raw: Vec<&str> = chain.iter().map(String::as_str).collect();
    let old = cx.structure.page_path(item.post_id, &raw);
    weak_link(cx, &old, target.clone()).await;
    link(cx, &format!("/?page_id={}", item.post_id), target.clone()).await;
    own_link(cx, plan, item, target).await;
    for _ in &item.comments {
        cx.report
            .comments
            .skip("on a page (pages take no comments)");
    }
    Ok(())
}

async fn save_page(
    cx: &Context<'_>,
    known: Option<i64>,
    input: &PageInput,
    html: &dateline_core::markdown::SafeHtml,
    changed: OffsetDateTime,
) -> Result<i64, StoreError> {
    let store = &cx.app.store;
    match store.save_page(known, input, html, None, changed).await {
        Err(StoreError::NotFound) => store.save_page(None, input, html, None, changed).await,
        other => other,
    }
}

/// An attachment: into the library when its file is in the uploads
/// folder, and its old addresses (the file's, the attachment page's) to
/// the library's copy.
async fn attachment(cx: &mut Context<'_>, plan: &Plan, pictures: &mut Pictures, item: &Item) {
    let Some(placed) = pictures.attachment(cx, plan, item.post_id).await else {
        return;
    };
    let target = LinkTarget::Path(placed.path.clone());
    if let Some(url) = &item.attachment_url {
        if same_site(url, &plan.base) {
            let old = permalinks::path_of(url, &plan.base);
            link(cx, &old, target.clone()).await;
        }
    }
    link(
        cx,
        &format!("/?attachment_id={}", item.post_id),
        target.clone(),
    )
    .await;
    own_link(cx, plan, item, target).await;
}

/// The item's own `<link>`, when it is on the old site.
async fn own_link(cx: &mut Context<'_>, plan: &Plan, item: &Item, target: LinkTarget) {
    if !item.link.is_empty() && same_site(&item.link, &plan.base) {
        let old = permalinks::path_of(&item.link, &plan.base);
        link(cx, &old, target).await;
    }
}

/// Whether `url` is on the old site (its host is the base's), or relative.
fn same_site(url: &str, base: &str) -> bool {
    fn host(url: &str) -> Option<&str> {
        let rest = url.split_once("://")?.1;
        Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
    }
    match (host(url), host(base)) {
        (None, _) => url.starts_with('/'),
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (Some(_), None) => false,
    }
}

/// The title, or a note that there was none.
fn headline(cx: &mut Context<'_>, item: &Item) -> String {
    let title = plain_text(&item.title, dateline_core::article::limits::HEADLINE_CHARS);
    let title = title.replace('\n', " ");
    if title.trim().is_empty() {
        cx.report.note(format!(
            "{} (post {}) has no title; it is called \"Untitled\"",
            item.position, item.post_id
        ));
        return "Untitled".into();
    }
    title
}

/// A picture as the converter asked for it, owned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Asked {
    url: String,
    attachment: Option<u64>,
    alt: String,
    caption: Option<String>,
}

/// The content as Markdown, its pictures placed in the library first.
async fn body(cx: &mut Context<'_>, plan: &Plan, pictures: &mut Pictures, item: &Item) -> String {
    if item.content.trim().is_empty() {
        return String::new();
    }
    let content = super::expand::expand(
        &item.content,
        &plan.blocks,
        plan.attached.get(&item.post_id),
    );
    let content = content.as_str();
    // A first conversion finds the pictures the content shows ...
    let asked: std::sync::Arc<Mutex<Vec<Asked>>> = Default::default();
    let first = run_convert(content.to_string(), {
        let asked = asked.clone();
        move |image: &ImageRef<'_>| {
            if let Ok(mut list) = asked.lock() {
                if list.len() < PICTURES_PER_BODY {
                    list.push(Asked {
                        url: image.url.to_string(),
                        attachment: image.attachment_id,
                        alt: image.alt.to_string(),
                        caption: image.caption.map(str::to_string),
                    });
                }
            }
            None
        }
    })
    .await;
    let asked = asked.lock().map(|l| l.clone()).unwrap_or_default();
    let converted = if asked.is_empty() {
        first
    } else {
        // ... which are placed, then the content is converted with them.
        let mut placed: HashMap<(String, Option<u64>), String> = HashMap::new();
        for a in asked {
            let caption = a.caption.clone().unwrap_or_default();
            if let Some(p) = pictures
                .image(cx, plan, &a.url, a.attachment, &a.alt, &caption)
                .await
            {
                placed.insert((a.url, a.attachment), p.path);
            }
        }
        run_convert(content.to_string(), move |image: &ImageRef<'_>| {
            placed
                .get(&(image.url.to_string(), image.attachment_id))
                .cloned()
        })
        .await
    };
    match converted {
        Some(c) => {
            cx.report.conversion(&c.report);
            super::expand::relink(&c.markdown, &plan.base)
        }
        None => String::new(),
    }
}

/// Converts off the async threads (html5ever on a long post takes a while).
async fn run_convert(
    content: String,
    resolver: impl Fn(&ImageRef<'_>) -> Option<String> + Send + 'static,
) -> Option<Converted> {
    tokio::task::spawn_blocking(move || convert(&content, &resolver))
        .await
        .ok()
}
