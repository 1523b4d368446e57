//! Pictures: a post's featured image and the pictures in its body, read
//! from the uploads folder the operator names (`--uploads DIR`, holding
//! WordPress's `YYYY/MM/file` paths) and put in the media library through
//! the newsroom's own upload (the same checks, renditions and storage).
//!
//! A picture the folder does not hold is fetched from its address only when
//! the operator asks (`--fetch`, see [`super::fetch`]); else it is reported
//! and stays a link to where it was. A path from the export
//! never leaves the folder (no `..`, no absolute path, no link out of it),
//! and a file larger than the library takes is not read.

use super::plan::{url_key, Plan};
use super::Context;
use crate::media::{upload, Upload, Uploaded};
use crate::Actor;
use dateline_core::media::media_path;
use dateline_import::wordpress::plain_text;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Pictures remembered by address (placed, or known to be missing); past
/// this the memory is cleared and the mapping table answers again.
const REMEMBERED: usize = 100_000;

/// A picture in the media library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placed {
    pub id: i64,
    /// Its address, as a body shows it.
    pub path: String,
}

/// The pictures placed so far in this import.
#[derive(Default)]
pub(super) struct Pictures {
    uploads: Option<PathBuf>,
    seen: HashMap<String, Option<Placed>>,
}

impl Pictures {
    pub(super) fn new(uploads: Option<PathBuf>) -> Pictures {
        Pictures {
            uploads: uploads.and_then(|dir| dir.canonicalize().ok()),
            seen: HashMap::new(),
        }
    }

    /// The attachment `id`'s picture, uploaded on first use.
    pub(super) async fn attachment(
        &mut self,
        cx: &mut Context<'_>,
        plan: &Plan,
        id: u64,
    ) -> Option<Placed> {
        let attachment = plan.attachments.get(&id)?;
        let alt = [&attachment.alt, &attachment.title]
            .into_iter()
            .map(|t| t.trim())
            .find(|t| !t.is_empty())
            .unwrap_or_default()
            .to_string();
        let caption = plain_text(&attachment.caption, 1000);
        self.place(cx, &attachment.url.clone(), &alt, &caption)
            .await
    }

    /// The picture at `url` (or the attachment it is a smaller copy of).
    pub(super) async fn image(
        &mut self,
        cx: &mut Context<'_>,
        plan: &Plan,
        url: &str,
        attachment: Option<u64>,
        alt: &str,
        caption: &str,
    ) -> Option<Placed> {
        let known = attachment
            .filter(|id| plan.attachments.contains_key(id))
            .or_else(|| plan.by_url.get(&url_key(url)).copied());
        if let Some(id) = known {
            if let Some(placed) = self.attachment(cx, plan, id).await {
                return Some(placed);
            }
        }
        if url.is_empty() {
            return None;
        }
        self.place(cx, url, alt, caption).await
    }

    /// Uploads the file `url` names from the uploads folder, once.
    async fn place(
        &mut self,
        cx: &mut Context<'_>,
        url: &str,
        alt: &str,
        caption: &str,
    ) -> Option<Placed> {
        let key = url_key(url);
        if key.is_empty() {
            return None;
        }
        if let Some(known) = self.seen.get(&key) {
            return known.clone();
        }
        if self.seen.len() >= REMEMBERED {
            self.seen.clear();
        }
        let placed = self.place_new(cx, url, &key, alt, caption).await;
        self.seen.insert(key, placed.clone());
        placed
    }

    async fn place_new(
        &mut self,
        cx: &mut Context<'_>,
        url: &str,
        key: &str,
        alt: &str,
        caption: &str,
    ) -> Option<Placed> {
        let app = cx.app;
        if let Ok(Some(id)) = app.store.wordpress_id(&cx.site, "upload", key).await {
            if let Ok(item) = app.store.media(id).await {
                cx.report.pictures.done(false);
                return Some(Placed {
                    id,
                    path: body_path(&item),
                });
            }
        }
        let (name, bytes) = match self.uploads.as_deref().and_then(|dir| find(dir, url)) {
            Some(file) => match read_bounded(&file) {
                Ok(bytes) => {
                    let name = file
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_else(|| "picture".into());
                    (name, bytes)
                }
                Err(why) => {
                    cx.report.pictures.failed += 1;
                    cx.report
                        .note(format!("the picture {url} was not read: {why}"));
                    return None;
                }
            },
            None if cx.options.fetch => match super::fetch::fetch(url).await {
                Ok(fetched) => fetched,
                Err(why) => {
                    cx.report.pictures.skip("not found, and not fetched");
                    cx.report
                        .note(format!("the picture {url} was not fetched: {why}"));
                    return None;
                }
            },
            None if self.uploads.is_none() => {
                cx.report
                    .pictures
                    .skip("not found: no --uploads folder given (nor --fetch)");
                return None;
            }
            None => {
                cx.report
                    .pictures
                    .skip("not found in the uploads folder (nor fetched: no --fetch)");
                return None;
            }
        };
        let alt = match alt.trim() {
            "" => name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem)
                .replace(['-', '_'], " "),
            given => given.to_string(),
        };
        let sent = Upload {
            file: Some((name, bytes.into())),
            alt_text: cut(&alt, crate::media::TEXT_CHARS),
            caption: cut(caption, crate::media::TEXT_CHARS),
            credit: String::new(),
        };
        match upload(app, Actor::Operator, sent, cx.now).await {
            Ok(Uploaded::Done(item)) => {
                if let Err(e) = app
                    .store
                    .set_wordpress_id(&cx.site, "upload", key, item.id, cx.now)
                    .await
                {
                    cx.report.note(format!("the picture {url}: {e}"));
                }
                cx.report.pictures.done(true);
                Some(Placed {
                    id: item.id,
                    path: body_path(&item),
                })
            }
            Ok(Uploaded::Refused(problems)) => {
                cx.report.pictures.failed += 1;
                let why: Vec<String> = problems
                    .iter()
                    .map(|(field, p)| format!("{field}: {p:?}"))
                    .collect();
                cx.report.note(format!(
                    "the picture {url} was refused by the media library: {}",
                    why.join("; ")
                ));
                None
            }
            Ok(Uploaded::Busy) => {
                cx.report.pictures.failed += 1;
                cx.report.note(format!(
                    "the picture {url} was not processed: the server was busy"
                ));
                None
            }
            Err(e) => {
                cx.report.pictures.failed += 1;
                cx.report.note(format!("the picture {url}: {e}"));
                None
            }
        }
    }
}

/// The address a body names a picture by, as the newsroom's editor does:
/// a rendition about as wide as the article column (readers are never
/// served an original).
fn body_path(item: &dateline_store::MediaItem) -> String {
    let variant = item
        .renditions
        .iter()
        .find(|(_, w)| *w >= 1024)
        .or(item.renditions.last())
        .map_or("original", |(v, _)| v.as_str());
    media_path(&item.token, &item.content_type, variant)
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The file in `dir` that `url` names: the part after `/uploads/` (or, for
/// a `files.wordpress.com` address, its whole path), percent-decoded, of
/// plain names only, and inside `dir` once links are followed.
pub(super) fn find(dir: &Path, url: &str) -> Option<PathBuf> {
    let no_query = url.split(['?', '#']).next()?;
    let path = match no_query.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/')?..],
        None => no_query,
    };
    let relative = match path.find("/uploads/") {
        Some(at) => &path[at + "/uploads/".len()..],
        None if no_query.contains(".files.wordpress.com/") => path.trim_start_matches('/'),
        None => {
            // `/files/2012/01/x.jpg` (old multisite) or a bare `2012/01/x.jpg`.
            let rest = path.trim_start_matches('/');
            rest.strip_prefix("files/").unwrap_or(rest)
        }
    };
    let decoded = percent_encoding::percent_decode_str(relative)
        .decode_utf8()
        .ok()?
        .into_owned();
    let relative = Path::new(&decoded);
    if decoded.is_empty()
        || decoded.contains('\0')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let full = dir.join(relative).canonicalize().ok()?;
    (full.starts_with(dir) && full.is_file()).then_some(full)
}

/// The file's bytes, unless it is larger than the library takes.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let max = dateline_media::limits::IMAGE_BYTES as u64;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(format!("it is larger than {max} bytes"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn paths_stay_in_the_folder() {
        let dir = tempfile_dir();
        let inside = dir.join("2012/01");
        std::fs::create_dir_all(&inside).expect("dir");
        std::fs::write(inside.join("a b.jpg"), b"x").expect("file");
        let dir = dir.canonicalize().expect("canonical");
        let found = find(
            &dir,
            "https://x.example/wp-content/uploads/2012/01/a%20b.jpg",
        );
        assert_eq!(found, Some(dir.join("2012/01/a b.jpg")));
        assert_eq!(
            find(
                &dir,
                "https://x.example/wp-content/uploads/../../etc/passwd"
            ),
            None
        );
        assert_eq!(
            find(&dir, "https://x.example/wp-content/uploads/%2e%2e/x"),
            None
        );
        assert_eq!(
            find(&dir, "https://x.example/wp-content/uploads//etc/passwd"),
            None
        );
        assert_eq!(
            find(
                &dir,
                "https://x.example/wp-content/uploads/2012/01/none.jpg"
            ),
            None
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "dateline-wp-pictures-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }
}
