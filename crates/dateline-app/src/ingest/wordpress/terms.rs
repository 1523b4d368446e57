//! Categories as sections, tags as tags, authors as bylines and disabled
//! newsroom accounts; with their archives' and feeds' old addresses.

use super::plan::Plan;
use super::Context;
use crate::reading::old_links;
use dateline_core::newsroom::{is_plausible_email, Role};
use dateline_core::slug::{is_section_slug, slugify};
use dateline_core::Section;
use dateline_import::wordpress::wxr::{Author, Category, Item, Tag};
use dateline_store::{LinkTarget, StoreError};
use std::collections::HashMap;

/// The section of posts without a category, as WordPress names it.
const UNCATEGORIZED: &str = "uncategorized";

/// A WordPress author, as posts name them.
#[derive(Debug, Clone)]
pub(super) struct Writer {
    pub byline: String,
    /// Their newsroom account, made disabled (or one that existed).
    pub user_id: Option<i64>,
}

/// The terms met so far in this import.
#[derive(Default)]
pub(super) struct Terms {
    /// Category slug (as the export writes it) → section slug.
    sections: HashMap<String, String>,
    /// Login → author.
    writers: HashMap<String, Writer>,
}

impl Terms {
    /// The site's own feed.
    pub(super) async fn site(&mut self, cx: &mut Context<'_>) {
        let feed = format!("/{}/feed.xml", cx.language.code());
        let old = cx.structure.feed_path();
        link(cx, &old, LinkTarget::Path(feed.clone())).await;
        link(cx, "/?feed=rss2", LinkTarget::Path(feed)).await;
    }

    pub(super) async fn author(&mut self, cx: &mut Context<'_>, author: Author) {
        let full = format!("{} {}", author.first_name.trim(), author.last_name.trim());
        let byline = [author.display_name.trim(), full.trim(), author.login.trim()]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or("Staff");
        let byline: String = byline.chars().take(200).collect();
        let user_id = account(cx, &author, &byline).await;
        let slug = slugify(&byline);
        let slug = if slug.is_empty() {
            "staff".into()
        } else {
            slug
        };
        let target = LinkTarget::Path(format!("/{}/author/{slug}", cx.language.code()));
        let old = cx.structure.author_path(&author.login);
        link(cx, &old, target.clone()).await;
        if let Some(id) = author.id {
            link(cx, &format!("/?author={id}"), target).await;
        }
        let seen = seen_before(cx, "byline", &author.login).await;
        cx.report.authors.done(!seen);
        self.writers
            .insert(author.login.clone(), Writer { byline, user_id });
    }

    /// The author of an item (its `dc:creator` login).
    pub(super) fn writer(&self, login: &str) -> Option<&Writer> {
        self.writers.get(login)
    }

    pub(super) async fn category(&mut self, cx: &mut Context<'_>, plan: &Plan, c: Category) {
        let Some(section) = self.section_of(cx, &c.slug, &c.name).await else {
            return;
        };
        let chain = plan.category_chain(&c.slug);
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        let lang = cx.language.code();
        let page = LinkTarget::Path(format!("/{lang}/{section}/"));
        let feed = LinkTarget::Path(format!("/{lang}/{section}/feed.xml"));
        let old = cx.structure.category_path(&chain);
        link(cx, &old, page.clone()).await;
        let old = cx.structure.category_feed_path(&chain);
        link(cx, &old, feed).await;
        if let Some(id) = c.term_id {
            link(cx, &format!("/?cat={id}"), page).await;
        }
    }

    pub(super) async fn tag(&mut self, cx: &mut Context<'_>, t: Tag) {
        let name = if t.name.trim().is_empty() {
            dateline_import::wordpress::wxr::Slug::new(&t.slug).decoded
        } else {
            t.name.clone()
        };
        let slug = slugify(&name);
        if slug.is_empty() {
            cx.report.tags.skip("a name with no letters or digits");
            return;
        }
        let lang = cx.language.code();
        let page = LinkTarget::Path(format!("/{lang}/tag/{slug}"));
        let feed = LinkTarget::Path(format!("/{lang}/tag/{slug}/feed.xml"));
        let old = cx.structure.tag_path(&t.slug);
        link(cx, &old, page.clone()).await;
        let old = cx.structure.tag_feed_path(&t.slug);
        link(cx, &old, feed).await;
        link(cx, &format!("/?tag={}", t.slug), page).await;
        let seen = seen_before(cx, "tag", &t.slug).await;
        cx.report.tags.done(!seen);
    }

    /// The section an item goes to: its first category's, else the
    /// uncategorized one's.
    pub(super) async fn section_for(
        &mut self,
        cx: &mut Context<'_>,
        item: &Item,
    ) -> Option<String> {
        let first = item
            .terms_of("category")
            .find_map(|t| t.slug.clone().map(|slug| (slug, t.name.clone())));
        match first {
            Some((slug, name)) => self.section_of(cx, &slug, &name).await,
            None => self.section_of(cx, UNCATEGORIZED, "Uncategorized").await,
        }
    }

    /// The section of a category, made the first time it is met.
    async fn section_of(
        &mut self,
        cx: &mut Context<'_>,
        wp_slug: &str,
        name: &str,
    ) -> Option<String> {
        if let Some(known) = self.sections.get(wp_slug) {
            return Some(known.clone());
        }
        let mapped = cx
            .options
            .section_map
            .iter()
            .find(|(from, _)| {
                from == wp_slug
                    || *from == dateline_import::wordpress::wxr::Slug::new(wp_slug).decoded
            })
            .map(|(_, to)| to.clone());
        let slug = mapped.unwrap_or_else(|| section_slug(wp_slug, name));
        let name = match name.trim() {
            "" => slug.replace('-', " "),
            n => n.chars().take(dateline_store::SECTION_NAME_CHARS).collect(),
        };
        let section = Section {
            language: cx.language,
            slug: slug.clone(),
            name,
            position: 0,
            key: None,
        };
        match cx.app.store.section(cx.language, &slug).await {
            Ok(_) => cx.report.sections.done(false),
            Err(StoreError::NotFound) => {
                match cx.app.store.create_section(&section, cx.now).await {
                    Ok(_) => cx.report.sections.done(true),
                    Err(StoreError::Conflict(_)) => cx.report.sections.done(false),
                    Err(e) => {
                        cx.report.sections.failed += 1;
                        cx.report.note(format!(
                            "the category {wp_slug:?} did not become a section: {e}"
                        ));
                        return None;
                    }
                }
            }
            Err(e) => {
                cx.report.sections.failed += 1;
                cx.report.note(format!("the category {wp_slug:?}: {e}"));
                return None;
            }
        }
        self.sections.insert(wp_slug.to_string(), slug.clone());
        Some(slug)
    }
}

/// A section slug for a category: its own slug made readable, else its
/// name's; one a route takes gets `-section` after it.
fn section_slug(wp_slug: &str, name: &str) -> String {
    let decoded = dateline_import::wordpress::wxr::Slug::new(wp_slug).decoded;
    let mut slug = slugify(&decoded);
    if slug.is_empty() {
        slug = slugify(name);
    }
    if slug.is_empty() {
        slug = UNCATEGORIZED.into();
    }
    if !is_section_slug(&slug) {
        slug = format!("{slug}-section");
    }
    slug
}

/// The author's newsroom account: one that exists with their address is
/// used as it is; else one is made, as a contributor, disabled and without
/// a password, for an administrator to invite.
async fn account(cx: &mut Context<'_>, author: &Author, name: &str) -> Option<i64> {
    let store = &cx.app.store;
    if let Ok(Some(id)) = store.wordpress_id(&cx.site, "author", &author.login).await {
        if store.user(id).await.is_ok() {
            cx.report.accounts.done(false);
            return Some(id);
        }
    }
    let email = author.email.trim();
    if !is_plausible_email(email) {
        cx.report.accounts.skip("no usable email address");
        return None;
    }
    let id = match store.credentials(email).await {
        Ok(Some(existing)) => {
            cx.report
                .accounts
                .skip("an account with the address exists");
            existing.user.id
        }
        Ok(None) => {
            let name: String = name.chars().take(100).collect();
            let made = store
                .create_user(email, &name, Role::Contributor, None, cx.now)
                .await;
            let id = match made {
                Ok(id) => id,
                Err(e) => {
                    cx.report.accounts.failed += 1;
                    cx.report
                        .note(format!("no account for the author {:?}: {e}", author.login));
                    return None;
                }
            };
            if let Err(e) = store
                .update_user(id, &name, Role::Contributor, true, cx.now)
                .await
            {
                cx.report.note(format!(
                    "the account of {:?} was not disabled: {e}",
                    author.login
                ));
            }
            let detail = format!(
                "disabled contributor for the WordPress author {}",
                author.login
            );
            if let Err(e) = store
                .audit(cx.now, None, "create", "user", Some(id), Some(&detail))
                .await
            {
                tracing::warn!(error = %e, "the audit entry was not written");
            }
            cx.report.accounts.done(true);
            id
        }
        Err(e) => {
            cx.report.accounts.failed += 1;
            cx.report
                .note(format!("the author {:?}: {e}", author.login));
            return None;
        }
    };
    if let Err(e) = store
        .set_wordpress_id(&cx.site, "author", &author.login, id, cx.now)
        .await
    {
        cx.report
            .note(format!("the author {:?}: {e}", author.login));
    }
    Some(id)
}

/// Whether an earlier import met this author or tag, which has no row of
/// its own to map to (a byline and a tag are made with the first article
/// that carries them): it is recorded with local id 0.
async fn seen_before(cx: &mut Context<'_>, kind: &str, key: &str) -> bool {
    let store = &cx.app.store;
    if let Ok(Some(_)) = store.wordpress_id(&cx.site, kind, key).await {
        return true;
    }
    if let Err(e) = store.set_wordpress_id(&cx.site, kind, key, 0, cx.now).await {
        cx.report.note(format!("the {kind} {key:?}: {e}"));
    }
    false
}

/// Keeps `old` (a path, with a query on the site root) as an address that
/// answers 301 to `target`.
pub(super) async fn link(cx: &mut Context<'_>, old: &str, target: LinkTarget) {
    keep_link(cx, old, target, true).await;
}

/// Keeps `old` as [`link`] does, unless it is kept already (for an address
/// worked out from the permalink structure: two posts of one slug make the
/// same one, and the export's own link must win).
pub(super) async fn weak_link(cx: &mut Context<'_>, old: &str, target: LinkTarget) {
    keep_link(cx, old, target, false).await;
}

async fn keep_link(cx: &mut Context<'_>, old: &str, target: LinkTarget, replace: bool) {
    let (path, query) = match old.split_once('?') {
        Some((path, query)) => (if path.is_empty() { "/" } else { path }, Some(query)),
        None => (old, None),
    };
    let Some(key) = old_links::key(path, query) else {
        return;
    };
    match cx
        .app
        .store
        .add_wordpress_link(&key, &target, replace, cx.now)
        .await
    {
        Ok(()) => cx.report.old_links += 1,
        Err(e) => cx
            .report
            .note(format!("the old address {old} was not kept: {e}")),
    }
}
