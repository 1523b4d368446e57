//! What an upload is ([`MediaKind`]), and where readers find its files:
//! `/media/{token}/{variant}.{ext}`. One rule, used by the pages, the feeds
//! and the lists' pictures alike.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an upload is: a picture (kept with its renditions) or a sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Audio,
}

impl MediaKind {
    /// The word the database, the forms and the templates use.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Audio => "audio",
        }
    }
}

impl fmt::Display for MediaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MediaKind {
    type Err = crate::comment::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "image" => Ok(MediaKind::Image),
            "audio" => Ok(MediaKind::Audio),
            other => Err(crate::comment::UnknownValue::new("media kind", other)),
        }
    }
}

/// The file extension of a stored file's content type.
pub fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "audio/mpeg" => "mp3",
        "audio/mp4" => "m4a",
        _ => "bin",
    }
}

/// The address of one file (`original`, or a rendition such as `w640`) of
/// the upload named `token`, whose original is of `content_type`.
pub fn media_path(token: &str, content_type: &str, variant: &str) -> String {
    format!("/media/{token}/{variant}.{}", extension(content_type))
}

/// The `srcset` of an image's renditions, (variant, width) narrowest
/// first, and the one to name in `src`: the narrowest at least `preferred`
/// pixels wide, else the widest. None when there is no rendition.
pub fn srcset(
    token: &str,
    content_type: &str,
    renditions: &[(String, i64)],
    preferred: i64,
) -> Option<(String, String)> {
    let src = renditions
        .iter()
        .find(|(_, w)| *w >= preferred)
        .or(renditions.last())
        .map(|(v, _)| media_path(token, content_type, v))?;
    let set = renditions
        .iter()
        .map(|(v, w)| format!("{} {w}w", media_path(token, content_type, v)))
        .collect::<Vec<_>>()
        .join(", ");
    Some((src, set))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_srcset() {
        assert_eq!(
            media_path("abc", "image/jpeg", "w320"),
            "/media/abc/w320.jpg"
        );
        let r = vec![("w320".to_string(), 320), ("w640".to_string(), 640)];
        let (src, set) = srcset("abc", "image/png", &r, 640).unwrap();
        assert_eq!(src, "/media/abc/w640.png");
        assert_eq!(set, "/media/abc/w320.png 320w, /media/abc/w640.png 640w");
        let (src, _) = srcset("abc", "image/png", &r, 1024).unwrap();
        assert_eq!(
            src, "/media/abc/w640.png",
            "the widest when none is wide enough"
        );
        assert!(srcset("abc", "image/png", &[], 640).is_none());
    }
}
