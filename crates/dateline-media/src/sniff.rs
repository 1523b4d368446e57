//! Content sniffing: what a file is, judged from its first bytes.

use crate::MediaKind;

/// What the bytes really are, judged from their content (magic numbers), never
/// from a file name or a declared type. `None` when they are none of the kinds
/// Dateline accepts.
///
/// - JPEG: `FF D8 FF`; PNG: the eight-byte PNG signature; WebP: a RIFF file of
///   form type `WEBP`.
/// - MP3: an ID3v2 tag, or a valid MPEG audio Layer III frame header at the start.
/// - M4A: an ISO base media `ftyp` box whose major or compatible brands include a
///   brand audio files are written with (`M4A `, `M4B `, `mp42`, `isom`, `dash`…).
///   Such brands are shared with video files, so [`crate::probe_audio`] still checks
///   that the file holds an audio track and no video.
pub fn sniff(bytes: &[u8]) -> Option<MediaKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(MediaKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(MediaKind::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(MediaKind::Webp)
    } else if id3v2_len(bytes).is_some() || is_mpeg_audio_frame(bytes) {
        Some(MediaKind::Mp3)
    } else if is_audio_ftyp(bytes) {
        Some(MediaKind::M4a)
    } else {
        None
    }
}

/// The total length (header, body and footer) of the ID3v2 tag at the start of
/// `bytes`, if there is a well-formed tag header there. The length may run past
/// the end of `bytes` when the file is truncated.
pub(crate) fn id3v2_len(bytes: &[u8]) -> Option<usize> {
    let header = bytes.get(0..10)?;
    let (major, revision, flags) = (header[3], header[4], header[5]);
    let size = &header[6..10];
    if &header[0..3] != b"ID3"
        || !(2..=4).contains(&major)
        || revision == 0xFF
        || size.iter().any(|b| b & 0x80 != 0)
    {
        return None;
    }
    // Sizes are "synchsafe": seven bits to a byte.
    let body = size
        .iter()
        .fold(0usize, |acc, &b| (acc << 7) | usize::from(b));
    // ID3v2.4 may end with a ten-byte footer, flagged in the header.
    let footer = if major == 4 && flags & 0x10 != 0 {
        10
    } else {
        0
    };
    Some(10 + body + footer)
}

/// Whether `bytes` begins with a plausible MPEG-1, -2 or -2.5 Layer III frame header.
pub(crate) fn is_mpeg_audio_frame(bytes: &[u8]) -> bool {
    let Some(h) = bytes.get(0..4) else {
        return false;
    };
    let sync = h[0] == 0xFF && h[1] & 0xE0 == 0xE0;
    let version = (h[1] >> 3) & 0b11; // 0b01 is reserved
    let layer = (h[1] >> 1) & 0b11; // 0b01 is Layer III
    let bitrate = h[2] >> 4; // 0 is "free format", 15 is invalid
    let sample_rate = (h[2] >> 2) & 0b11; // 3 is reserved
    let emphasis = h[3] & 0b11; // 2 is reserved
    sync && version != 0b01
        && layer == 0b01
        && bitrate != 0
        && bitrate != 15
        && sample_rate != 3
        && emphasis != 2
}

/// Brands found in the `ftyp` box of audio-only MP4 files as common tools write them.
const AUDIO_BRANDS: &[&[u8; 4]] = &[
    b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6",
    b"dash",
];

/// Major brands of still-image files (HEIF, AVIF) built on the same box format;
/// their compatible brands can overlap with the audio ones.
const IMAGE_BRANDS: &[&[u8; 4]] = &[
    b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
];

fn is_audio_ftyp(bytes: &[u8]) -> bool {
    let Some(header) = bytes.get(0..16) else {
        return false;
    };
    if &header[4..8] != b"ftyp" {
        return false;
    }
    let declared = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    let Ok(declared) = usize::try_from(declared) else {
        return false;
    };
    if declared < 16 {
        return false;
    }
    let major = &header[8..12];
    if IMAGE_BRANDS.iter().any(|b| b.as_slice() == major) {
        return false;
    }
    // The brands are the major brand, a four-byte minor version, then the
    // compatible brands up to the end of the box.
    let end = declared.min(bytes.len());
    let compatible = bytes[16..end].chunks_exact(4);
    std::iter::once(major)
        .chain(compatible)
        .any(|brand| AUDIO_BRANDS.iter().any(|b| b.as_slice() == brand))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_signatures() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Some(MediaKind::Jpeg));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(MediaKind::Png)
        );
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some(MediaKind::Webp));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), None);
    }

    #[test]
    fn mp3_by_tag_or_frame() {
        assert_eq!(sniff(b"ID3\x03\0\0\0\0\x01\x7f"), Some(MediaKind::Mp3));
        assert_eq!(id3v2_len(b"ID3\x03\0\0\0\0\x01\x7f"), Some(10 + 255));
        assert_eq!(id3v2_len(b"ID3\x04\0\x10\0\0\0\x05"), Some(10 + 5 + 10));
        // A size byte with the high bit set is not synchsafe.
        assert_eq!(sniff(b"ID3\x03\0\0\0\0\x80\x00"), None);
        // MPEG-1 Layer III, 128 kb/s, 44.1 kHz.
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64]), Some(MediaKind::Mp3));
        // MPEG-2 Layer III, 32 kb/s, 22.05 kHz.
        assert_eq!(sniff(&[0xFF, 0xF3, 0x40, 0xC4]), Some(MediaKind::Mp3));
        // Layer II, a reserved version, a bad bitrate index: not MP3.
        assert_eq!(sniff(&[0xFF, 0xFD, 0x90, 0x64]), None);
        assert_eq!(sniff(&[0xFF, 0xEB, 0x90, 0x64]), None);
        assert_eq!(sniff(&[0xFF, 0xFB, 0xF0, 0x64]), None);
        assert_eq!(sniff(&[0xFF, 0xFB]), None);
    }

    #[test]
    fn m4a_by_brand() {
        let ftyp = |major: &[u8; 4], compatible: &[&[u8; 4]]| {
            let size = 16 + 4 * compatible.len();
            let mut b = (size as u32).to_be_bytes().to_vec();
            b.extend_from_slice(b"ftyp");
            b.extend_from_slice(major);
            b.extend_from_slice(&[0, 0, 2, 0]);
            for c in compatible {
                b.extend_from_slice(*c);
            }
            b.extend_from_slice(b"\0\0\0\x08free");
            b
        };
        assert_eq!(sniff(&ftyp(b"M4A ", &[b"isom"])), Some(MediaKind::M4a));
        assert_eq!(sniff(&ftyp(b"dash", &[])), Some(MediaKind::M4a));
        assert_eq!(sniff(&ftyp(b"XXXX", &[b"mp42"])), Some(MediaKind::M4a));
        assert_eq!(sniff(&ftyp(b"qt  ", &[b"qt  "])), None);
        assert_eq!(sniff(&ftyp(b"avif", &[b"mif1", b"iso4"])), None);
        assert_eq!(sniff(&ftyp(b"heic", &[b"mif1", b"heic"])), None);
    }

    #[test]
    fn text_is_nothing() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"<!doctype html><title>photo</title>"), None);
        assert_eq!(sniff(b"GIF89a"), None);
    }
}
