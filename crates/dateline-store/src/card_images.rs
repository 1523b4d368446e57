//! The lead picture of each card in a list, for every list at once.

use crate::{Result, Store};
use serde::Serialize;
use sqlx::Row;

/// A story's lead image as a list's card shows it: its renditions for
/// `srcset` and its size, so that the page keeps its place as it loads.
#[derive(Debug, Clone, Serialize)]
pub struct CardImage {
    /// The rendition about 640 pixels wide (or the widest there is).
    pub src: String,
    pub srcset: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
}

impl Store {
    /// Fills in the lead image of each card whose story has one, in one
    /// query for the whole list. An image without renditions (or of an
    /// unknown size) is left out: a card shows no picture rather than a
    /// broken one.
    pub(crate) async fn attach_images(&self, cards: &mut [crate::ArticleCard]) -> Result<()> {
        let mut ids: Vec<i64> = cards.iter().filter_map(|c| c.image_id).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT m.id, m.token, m.content_type, m.width, m.height, m.alt_text, v.variant, v.width AS variant_width
             FROM media m JOIN media_variants v ON v.media_id = m.id
             WHERE m.kind = 'image' AND v.variant <> 'original' AND m.id IN ({})
             ORDER BY m.id, v.width",
            crate::discovery::placeholders(1, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut images = std::collections::HashMap::new();
        let mut i = 0;
        while i < rows.len() {
            let id: i64 = rows[i].try_get("id")?;
            let mut renditions = Vec::new();
            let mut j = i;
            while j < rows.len() && rows[j].try_get::<i64, _>("id")? == id {
                renditions.push((
                    rows[j].try_get::<String, _>("variant")?,
                    rows[j]
                        .try_get::<Option<i64>, _>("variant_width")?
                        .unwrap_or(0),
                ));
                j += 1;
            }
            let row = &rows[i];
            let token: Option<String> = row.try_get("token")?;
            let content_type: String = row.try_get("content_type")?;
            let size: (Option<i64>, Option<i64>) = (row.try_get("width")?, row.try_get("height")?);
            if let (Some(token), (Some(width), Some(height))) = (token, size) {
                if let Some((src, srcset)) =
                    dateline_core::media::srcset(&token, &content_type, &renditions, 640)
                {
                    images.insert(
                        id,
                        CardImage {
                            src,
                            srcset,
                            width,
                            height,
                            alt: row
                                .try_get::<Option<String>, _>("alt_text")?
                                .unwrap_or_default(),
                        },
                    );
                }
            }
            i = j;
        }
        for card in cards {
            card.image = card.image_id.and_then(|id| images.get(&id).cloned());
        }
        Ok(())
    }
}
