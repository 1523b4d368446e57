//! Dateline's checks and transformations for the newsroom's media uploads.
//!
//! Every function here is pure: bytes in, values out. The crate does no I/O of
//! its own — no filesystem, no network, no clock — it only reads the bytes it is
//! handed and returns new values, so the caller decides where files come from and
//! where results go.
//!
//! - [`sniff`] tells what a file really is from its content (magic numbers),
//!   never from a file name or a declared content type.
//! - [`process_image`] checks an uploaded JPEG, PNG or WebP image, refuses
//!   decompression bombs before decoding, and makes resized renditions with the
//!   metadata stripped.
//! - [`probe_audio`] checks an uploaded MP3 or M4A file and reads its duration.

mod audio;
mod images;
mod sniff;

pub use audio::{probe_audio, AudioInfo};
pub use images::{process_image, ProcessedImage, Rendition};
pub use sniff::sniff;

/// What the bytes really are, judged from their content (magic numbers), never from a file name or a declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    /// A JPEG image.
    Jpeg,
    /// A PNG image.
    Png,
    /// A WebP image.
    Webp,
    /// MPEG-1/2 Layer III audio, with or without an ID3 tag.
    Mp3,
    /// Audio in an ISO base media (MP4) container, usually AAC.
    M4a,
}

impl MediaKind {
    /// The MIME type to serve the file with.
    pub fn content_type(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "image/jpeg",
            MediaKind::Png => "image/png",
            MediaKind::Webp => "image/webp",
            MediaKind::Mp3 => "audio/mpeg",
            MediaKind::M4a => "audio/mp4",
        }
    }

    /// The usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MediaKind::Jpeg => "jpg",
            MediaKind::Png => "png",
            MediaKind::Webp => "webp",
            MediaKind::Mp3 => "mp3",
            MediaKind::M4a => "m4a",
        }
    }

    /// Whether this is one of the image kinds.
    pub fn is_image(self) -> bool {
        matches!(self, MediaKind::Jpeg | MediaKind::Png | MediaKind::Webp)
    }

    /// Whether this is one of the audio kinds.
    pub fn is_audio(self) -> bool {
        matches!(self, MediaKind::Mp3 | MediaKind::M4a)
    }
}

/// The bounds every upload is held to.
pub mod limits {
    /// The largest image file accepted, in bytes.
    pub const IMAGE_BYTES: usize = 15 * 1024 * 1024;
    /// The largest audio file accepted, in bytes.
    pub const AUDIO_BYTES: usize = 200 * 1024 * 1024;
    /// The most pixels an image may have; checked from the header, before decoding.
    pub const MAX_PIXELS: u64 = 50_000_000;
    /// The longest side an image may have, in pixels; checked from the header, before decoding.
    pub const MAX_SIDE: u32 = 12_000;
    /// The most memory an image's decoded pixels may take (width × height ×
    /// bytes per pixel, from the header, before decoding): 100 MiB. A 24
    /// megapixel photo (6000 × 4000, 8-bit RGB) takes 72 MB; a small file
    /// that claims 400 MB of pixels (a decompression bomb) is refused unread.
    pub const DECODED_BYTES: u64 = 100 * 1024 * 1024;
}

/// Widths of the responsive renditions (never wider than the original; the original's width is always included as the largest when it is smaller than the biggest width listed)
pub const WIDTHS: &[u32] = &[320, 640, 1024, 1600];

/// Why an upload was refused. The messages are meant to be shown next to the
/// upload field, so they say what is wrong in terms a reporter can act on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    /// The file has more bytes than allowed for its kind.
    #[error("the file is larger than {}", mebibytes(*limit))]
    TooLarge {
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
    /// The bytes are not one of the accepted image formats.
    #[error("this file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// The bytes are not one of the accepted audio formats.
    #[error("this file is not MP3 or M4A audio")]
    NotAudio,
    /// The image's dimensions are over [`limits::MAX_PIXELS`] or [`limits::MAX_SIDE`].
    #[error(
        "the image is too large: at most {} pixels on a side and {} megapixels in all",
        limits::MAX_SIDE,
        limits::MAX_PIXELS / 1_000_000
    )]
    TooManyPixels,
    /// The image's decoded pixels would take more than [`limits::DECODED_BYTES`].
    #[error(
        "the image is too large to process: its pixels would take {} MB of memory once opened, and at most {} MB is allowed; save it smaller or with 8 bits a channel",
        needed.div_ceil(1_000_000),
        limits::DECODED_BYTES / 1_000_000
    )]
    TooMuchMemory {
        /// The bytes its decoded pixels would take.
        needed: u64,
    },
    /// The file is of an accepted kind but could not be read.
    #[error("the file is damaged: {0}")]
    Corrupt(String),
}

/// "15 MiB", or the exact byte count for limits that are not whole mebibytes.
fn mebibytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    let (whole, rest) = (bytes / MIB, bytes % MIB);
    if rest == 0 {
        format!("{whole} MiB")
    } else {
        format!("{bytes} bytes")
    }
}

/// Runs a third-party parser on untrusted bytes, turning a panic inside it into
/// [`MediaError::Corrupt`] so that one malformed upload cannot take the caller down.
fn guarded<T>(f: impl FnOnce() -> Result<T, MediaError>) -> Result<T, MediaError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(MediaError::Corrupt(
            "its contents could not be read".to_string(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_name_their_types() {
        let all = [
            MediaKind::Jpeg,
            MediaKind::Png,
            MediaKind::Webp,
            MediaKind::Mp3,
            MediaKind::M4a,
        ];
        let types: Vec<_> = all.iter().map(|k| k.content_type()).collect();
        assert_eq!(
            types,
            [
                "image/jpeg",
                "image/png",
                "image/webp",
                "audio/mpeg",
                "audio/mp4"
            ]
        );
        let exts: Vec<_> = all.iter().map(|k| k.extension()).collect();
        assert_eq!(exts, ["jpg", "png", "webp", "mp3", "m4a"]);
        for kind in all {
            assert_ne!(kind.is_image(), kind.is_audio(), "{kind:?}");
            assert_eq!(kind.is_image(), kind.content_type().starts_with("image/"));
        }
    }

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(
            MediaError::TooLarge {
                limit: limits::IMAGE_BYTES
            }
            .to_string(),
            "the file is larger than 15 MiB"
        );
        assert_eq!(
            MediaError::TooLarge {
                limit: limits::AUDIO_BYTES
            }
            .to_string(),
            "the file is larger than 200 MiB"
        );
        assert_eq!(
            MediaError::TooLarge { limit: 1000 }.to_string(),
            "the file is larger than 1000 bytes"
        );
        assert_eq!(
            MediaError::NotAnImage.to_string(),
            "this file is not a JPEG, PNG or WebP image"
        );
        assert_eq!(
            MediaError::NotAudio.to_string(),
            "this file is not MP3 or M4A audio"
        );
        assert_eq!(
            MediaError::TooManyPixels.to_string(),
            "the image is too large: at most 12000 pixels on a side and 50 megapixels in all"
        );
        assert_eq!(
            MediaError::TooMuchMemory {
                needed: 392_000_000
            }
            .to_string(),
            "the image is too large to process: its pixels would take 392 MB of memory once opened, and at most 104 MB is allowed; save it smaller or with 8 bits a channel"
        );
        assert_eq!(
            MediaError::Corrupt("it ends too soon".into()).to_string(),
            "the file is damaged: it ends too soon"
        );
    }

    #[test]
    fn widths_are_ascending() {
        assert!(WIDTHS.windows(2).all(|w| w[0] < w[1]));
    }
}
