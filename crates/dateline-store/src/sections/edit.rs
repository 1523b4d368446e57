//! Writing sections: adding, changing (a new slug moves its articles'
//! paths), deleting (its articles moved first) and ordering them.

use super::{check, key_of, Moved, MAX_SECTIONS};
use crate::corrupt;
use crate::{changes, Result, Store, StoreError};
use dateline_core::{Language, Section};
use sqlx::AnyConnection;
use std::collections::HashSet;
use time::OffsetDateTime;

impl Store {
    /// Creates a section or renames and repositions an existing one of the
    /// same language and slug (the demo edition and imports use this).
    pub async fn upsert_section(&self, section: &Section, now: OffsetDateTime) -> Result<()> {
        check(section)?;
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sections (language, slug, name, position, key) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (language, slug) DO UPDATE
                SET name = excluded.name, position = excluded.position, key = excluded.key
             RETURNING id",
        )
        .bind(section.language.code())
        .bind(&section.slug)
        .bind(section.name.trim())
        .bind(section.position)
        .bind(key_of(section))
        .fetch_one(&mut *tx)
        .await?;
        take_address(&mut tx, section.language, &section.slug).await?;
        changes::record(&mut tx, "section", Some(id), now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a section at the end of its language's order; returns its id.
    /// A slug the language already has is a `Conflict`.
    pub async fn create_section(&self, section: &Section, now: OffsetDateTime) -> Result<i64> {
        check(section)?;
        let mut tx = self.write_tx().await?;
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM sections WHERE language = $1 AND slug = $2")
                .bind(section.language.code())
                .bind(&section.slug)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!("slug: {:?}", section.slug)));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sections (language, slug, name, position, key)
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM sections WHERE language = $4), $5)
             RETURNING id",
        )
        .bind(section.language.code())
        .bind(&section.slug)
        .bind(section.name.trim())
        .bind(section.language.code())
        .bind(key_of(section))
        .fetch_one(&mut *tx)
        .await?;
        take_address(&mut tx, section.language, &section.slug).await?;
        changes::record(&mut tx, "section", Some(id), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a section's name, slug and key (its language and place stay).
    ///
    /// A new slug is a new address: every article of the section whose path
    /// is under the old one takes the same path under the new one (with
    /// `-2`, `-3`... on the slug if another article holds it) and keeps the
    /// old path as a redirect; the old slug's section page and feeds
    /// redirect too; the section page's pinned lead follows. A section
    /// without a key keeps its link to its versions in other languages by
    /// taking its old slug as its key. A slug another section of the
    /// language has is a `Conflict`.
    pub async fn update_section(
        &self,
        id: i64,
        section: &Section,
        now: OffsetDateTime,
    ) -> Result<Moved> {
        check(section)?;
        let mut tx = self.write_tx().await?;
        let (language, old_slug) = section_row(&mut tx, id).await?;
        if language != section.language {
            return Err(StoreError::Invalid(
                "language: a section keeps its language".into(),
            ));
        }
        let mut key = key_of(section).map(str::to_string);
        let mut moved = Moved::default();
        if old_slug != section.slug {
            let taken: Option<i64> =
                sqlx::query_scalar("SELECT id FROM sections WHERE language = $1 AND slug = $2")
                    .bind(language.code())
                    .bind(&section.slug)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                return Err(StoreError::Conflict(format!("slug: {:?}", section.slug)));
            }
            if key.is_none() {
                key = Some(old_slug.clone());
            }
            moved = move_paths(&mut tx, id, language, &old_slug, &section.slug, now).await?;
            sqlx::query("UPDATE front_pins SET place = $1 WHERE language = $2 AND place = $3")
                .bind(&section.slug)
                .bind(language.code())
                .bind(&old_slug)
                .execute(&mut *tx)
                .await?;
            take_address(&mut tx, language, &section.slug).await?;
            sqlx::query(
                "INSERT INTO section_redirects (language, slug, section_id) VALUES ($1, $2, $3)
                 ON CONFLICT (language, slug) DO UPDATE SET section_id = excluded.section_id",
            )
            .bind(language.code())
            .bind(&old_slug)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE sections SET slug = $1, name = $2, key = $3 WHERE id = $4")
            .bind(&section.slug)
            .bind(section.name.trim())
            .bind(key)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        changes::record(&mut tx, "section", Some(id), now).await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// Deletes a section. Its articles (of every status) move first to
    /// `move_to`, another section of the same language, taking paths under
    /// its address (the old ones redirect), and the deleted section's page
    /// and feeds redirect to that section's. A section that holds articles
    /// and is given nowhere to move them is refused (`Conflict`), as is a
    /// target of another language or the section itself (`Invalid`).
    pub async fn delete_section(
        &self,
        id: i64,
        move_to: Option<i64>,
        now: OffsetDateTime,
    ) -> Result<Moved> {
        let mut tx = self.write_tx().await?;
        let (language, slug) = section_row(&mut tx, id).await?;
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE section_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let target = match move_to {
            Some(target) => {
                let (target_language, target_slug) = match section_row(&mut tx, target).await {
                    Err(StoreError::NotFound) => {
                        return Err(StoreError::Invalid("move_to: no such section".into()))
                    }
                    other => other?,
                };
                if target == id || target_language != language {
                    return Err(StoreError::Invalid(
                        "move_to: another section of the same language".into(),
                    ));
                }
                Some((target, target_slug))
            }
            None if held > 0 => {
                return Err(StoreError::Conflict(format!(
                    "the section holds {held} articles"
                )))
            }
            None => None,
        };
        let mut moved = Moved::default();
        if let Some((target, target_slug)) = &target {
            moved = move_paths(&mut tx, id, language, &slug, target_slug, now).await?;
            let rows = sqlx::query("UPDATE articles SET section_id = $1 WHERE section_id = $2")
                .bind(*target)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            moved.articles = usize::try_from(rows).unwrap_or(usize::MAX);
            sqlx::query("UPDATE section_redirects SET section_id = $1 WHERE section_id = $2")
                .bind(*target)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO section_redirects (language, slug, section_id) VALUES ($1, $2, $3)
                 ON CONFLICT (language, slug) DO UPDATE SET section_id = excluded.section_id",
            )
            .bind(language.code())
            .bind(&slug)
            .bind(*target)
            .execute(&mut *tx)
            .await?;
            changes::record(&mut tx, "section", Some(*target), now).await?;
        }
        // The section page's pinned lead goes with the page.
        sqlx::query("DELETE FROM front_pins WHERE language = $1 AND place = $2")
            .bind(language.code())
            .bind(&slug)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sections WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        changes::record(&mut tx, "section", Some(id), now).await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// Puts a language's sections in the order of `ids` (1, 2, 3...); its
    /// sections the list leaves out follow, in their order before. An id
    /// of another language, or named twice, is refused and nothing changes.
    pub async fn reorder_sections(
        &self,
        language: Language,
        ids: &[i64],
        now: OffsetDateTime,
    ) -> Result<()> {
        if ids.len() > MAX_SECTIONS {
            return Err(StoreError::Invalid(format!(
                "at most {MAX_SECTIONS} sections"
            )));
        }
        let mut tx = self.write_tx().await?;
        let current: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM sections WHERE language = $1 ORDER BY position, name, id",
        )
        .bind(language.code())
        .fetch_all(&mut *tx)
        .await?;
        let order = full_order(&current, ids)?;
        for (i, id) in order.iter().enumerate() {
            sqlx::query("UPDATE sections SET position = $1 WHERE id = $2")
                .bind(i as i64 + 1)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        changes::record(&mut tx, "section", None, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A section's language and slug, in the caller's transaction.
async fn section_row(tx: &mut AnyConnection, id: i64) -> Result<(Language, String)> {
    let (language, slug): (String, String) =
        sqlx::query_as("SELECT language, slug FROM sections WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
    let language = language.parse().map_err(corrupt("sections.language"))?;
    Ok((language, slug))
}

/// A section now answers at this slug: an old redirect from it goes.
async fn take_address(tx: &mut AnyConnection, language: Language, slug: &str) -> Result<()> {
    sqlx::query("DELETE FROM section_redirects WHERE language = $1 AND slug = $2")
        .bind(language.code())
        .bind(slug)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// `ids` first, in that order, then the rest of `current` in its order.
/// An id not in `current`, or named twice, is refused.
pub(crate) fn full_order(current: &[i64], ids: &[i64]) -> Result<Vec<i64>> {
    let mut seen = HashSet::new();
    for id in ids {
        if !current.contains(id) {
            return Err(StoreError::Invalid(format!("no item {id} here")));
        }
        if !seen.insert(*id) {
            return Err(StoreError::Invalid(format!("item {id} named twice")));
        }
    }
    let mut order = ids.to_vec();
    order.extend(current.iter().filter(|id| !seen.contains(id)));
    Ok(order)
}

/// Gives every article of section `id` whose path is under
/// `/{language}/{from}/` the same path under `/{language}/{to}/`, keeping
/// the old one as a redirect. A path another article holds (or answers
/// from, as a redirect) gets `-2`, `-3`... on its slug, as a save does.
async fn move_paths(
    tx: &mut AnyConnection,
    id: i64,
    language: Language,
    from: &str,
    to: &str,
    now: OffsetDateTime,
) -> Result<Moved> {
    let old_prefix = format!("/{}/{from}/", language.code());
    let new_prefix = format!("/{}/{to}/", language.code());
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, path FROM articles WHERE section_id = $1 AND path IS NOT NULL ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let moving: Vec<(i64, String)> = rows
        .into_iter()
        .filter(|(_, p)| p.starts_with(&old_prefix))
        .collect();
    let mine: HashSet<i64> = moving.iter().map(|(a, _)| *a).collect();
    // What others hold under the new address, read once.
    let others: Vec<(String, i64)> = sqlx::query_as(
        "SELECT path, id FROM articles WHERE path LIKE $1
         UNION ALL SELECT path, article_id FROM redirects WHERE path LIKE $2",
    )
    // A prefix of a language code and a slug holds no `%` or `_`.
    .bind(format!("{new_prefix}%"))
    .bind(format!("{new_prefix}%"))
    .fetch_all(&mut *tx)
    .await?;
    let mut taken: HashSet<String> = others
        .into_iter()
        .filter(|(p, holder)| p.starts_with(&new_prefix) && !mine.contains(holder))
        .map(|(p, _)| p)
        .collect();
    let mut moved = Moved::default();
    for (article, old) in &moving {
        let rest = &old[old_prefix.len()..];
        let (day, slug) = rest.rsplit_once('/').unwrap_or(("", rest));
        let mut new = String::new();
        let mut new_slug = slug.to_string();
        for n in 1..1000 {
            new_slug = if n == 1 {
                slug.to_string()
            } else {
                format!("{slug}-{n}")
            };
            new = if day.is_empty() {
                format!("{new_prefix}{new_slug}")
            } else {
                format!("{new_prefix}{day}/{new_slug}")
            };
            if !taken.contains(&new) {
                break;
            }
        }
        taken.insert(new.clone());
        sqlx::query("DELETE FROM redirects WHERE path = $1")
            .bind(&new)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE articles SET path = $1, slug = $2 WHERE id = $3")
            .bind(&new)
            .bind(&new_slug)
            .bind(*article)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO redirects (path, article_id) VALUES ($1, $2)
             ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id",
        )
        .bind(old)
        .bind(*article)
        .execute(&mut *tx)
        .await?;
        changes::record(&mut *tx, "article", Some(*article), now).await?;
        moved.paths += 1;
    }
    moved.articles = moved.paths;
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::full_order;

    #[test]
    fn an_order_names_each_item_once_and_keeps_the_rest_after() {
        assert_eq!(full_order(&[1, 2, 3, 4], &[3, 1]).unwrap(), [3, 1, 2, 4]);
        assert_eq!(full_order(&[1, 2], &[]).unwrap(), [1, 2]);
        assert!(full_order(&[1, 2], &[1, 1]).is_err());
        assert!(full_order(&[1, 2], &[9]).is_err());
    }
}
