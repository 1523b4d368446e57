//! Image uploads: bounds checks, decoding and responsive renditions.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, GenericImageView, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, Limits,
};

use crate::{guarded, limits, sniff, MediaError, MediaKind, WIDTHS};

/// JPEG quality of the renditions: visually close to the original at a fraction of its size.
const JPEG_QUALITY: u8 = 82;

/// One resized copy of an uploaded image, ready to be stored and served.
#[derive(Debug, Clone)]
pub struct Rendition {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The format `bytes` are encoded in.
    pub kind: MediaKind,
    /// The encoded image, without the original's metadata.
    pub bytes: Vec<u8>,
}

/// An uploaded image that passed every check, with its renditions.
#[derive(Debug, Clone)]
pub struct ProcessedImage {
    /// The format of the upload.
    pub kind: MediaKind,
    /// Width of the upload in pixels, as displayed (after its EXIF orientation).
    pub width: u32,
    /// Height of the upload in pixels, as displayed (after its EXIF orientation).
    pub height: u32,
    /// The renditions, sorted by width ascending; never empty.
    pub renditions: Vec<Rendition>,
}

/// Checks an uploaded image and makes its renditions.
///
/// In order: the byte size against [`limits::IMAGE_BYTES`]; the content must sniff
/// as JPEG, PNG or WebP; the dimensions in the header against [`limits::MAX_SIDE`]
/// and [`limits::MAX_PIXELS`], and the memory its pixels would take (width ×
/// height × bytes per pixel) against [`limits::DECODED_BYTES`], before any
/// pixel is decoded; then the image is
/// decoded, turned upright following its EXIF orientation, and resized to each of
/// [`WIDTHS`] narrower than it, plus its own width when that is no wider than the
/// largest of [`WIDTHS`]. JPEG uploads give JPEG renditions, PNG give PNG and WebP
/// give lossless WebP. Re-encoding drops EXIF (camera, GPS position), XMP and
/// comments; the colour profile is kept so that colours do not shift.
pub fn process_image(bytes: &[u8]) -> Result<ProcessedImage, MediaError> {
    if bytes.len() > limits::IMAGE_BYTES {
        return Err(MediaError::TooLarge {
            limit: limits::IMAGE_BYTES,
        });
    }
    let (kind, format) = match sniff(bytes) {
        Some(MediaKind::Jpeg) => (MediaKind::Jpeg, ImageFormat::Jpeg),
        Some(MediaKind::Png) => (MediaKind::Png, ImageFormat::Png),
        Some(MediaKind::Webp) => (MediaKind::Webp, ImageFormat::WebP),
        _ => return Err(MediaError::NotAnImage),
    };
    guarded(|| process(bytes, kind, format))
}

fn process(
    bytes: &[u8],
    kind: MediaKind,
    format: ImageFormat,
) -> Result<ProcessedImage, MediaError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut bounds = Limits::default();
    bounds.max_image_width = Some(limits::MAX_SIDE);
    bounds.max_image_height = Some(limits::MAX_SIDE);
    // Decoders' own allocations, beyond the pixels budgeted below.
    bounds.max_alloc = Some(2 * limits::DECODED_BYTES);
    reader.limits(bounds);

    // Only the header has been read so far: refuse oversized images here,
    // before a buffer for their pixels is allocated.
    let mut decoder = reader.into_decoder().map_err(from_image_error)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    check_memory(decoder.total_bytes())?;

    // The JPEG decoder paints whatever is missing from a cut-short file grey
    // rather than failing; such a file is refused here instead.
    if kind == MediaKind::Jpeg && !jpeg_is_complete(bytes) {
        return Err(MediaError::Corrupt(
            "it ends before the image is complete".to_string(),
        ));
    }

    // A damaged EXIF block or colour profile is no reason to refuse the picture.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc_profile = decoder.icc_profile().ok().flatten();

    let mut picture = DynamicImage::from_decoder(decoder).map_err(from_image_error)?;
    picture.apply_orientation(orientation);
    let (width, height) = picture.dimensions();

    let icc_profile = icc_profile.filter(|profile| profile_fits(profile, &picture));
    let renditions = renditions(&picture, kind, icc_profile.as_deref())?;
    Ok(ProcessedImage {
        kind,
        width,
        height,
        renditions,
    })
}

/// Whether the JPEG's segments and entropy-coded data run, marker by marker,
/// from the start-of-image marker to an end-of-image marker. Bytes after the
/// end marker (some phones append a video there) are allowed.
pub(crate) fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let mut i = 2; // past SOI
    loop {
        // Find the next marker, skipping stray bytes and 0xFF fill bytes.
        while i < len && bytes[i] != 0xFF {
            i += 1;
        }
        while i < len && bytes[i] == 0xFF {
            i += 1;
        }
        let Some(&marker) = bytes.get(i) else {
            return false;
        };
        i += 1;
        match marker {
            0xD9 => return true,                   // EOI
            0x00 | 0x01 | 0xD0..=0xD8 => continue, // no length follows
            _ => {}
        }
        let Some(segment) = bytes.get(i..i + 2) else {
            return false;
        };
        i += usize::from(u16::from_be_bytes([segment[0], segment[1]]));
        if i > len {
            return false;
        }
        if marker == 0xDA {
            // Start of scan: entropy-coded data follows up to the next marker
            // that is neither a stuffed 0xFF00 nor a restart marker.
            while i + 1 < len {
                if bytes[i] == 0xFF && !matches!(bytes[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF) {
                    break;
                }
                i += 1;
            }
            if i + 1 >= len {
                return false;
            }
        }
    }
}

/// Whether an ICC profile describes the colour space the renditions are written
/// in: RGB for colour pictures, grey for grey ones. A CMYK JPEG is decoded to
/// RGB, so its CMYK profile would describe the wrong thing and is dropped.
fn profile_fits(profile: &[u8], picture: &DynamicImage) -> bool {
    let space = profile.get(16..20);
    if picture.color().has_color() {
        space == Some(b"RGB ")
    } else {
        space == Some(b"GRAY")
    }
}

fn check_dimensions(width: u32, height: u32) -> Result<(), MediaError> {
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt("the image has no pixels".to_string()));
    }
    if width > limits::MAX_SIDE
        || height > limits::MAX_SIDE
        || u64::from(width) * u64::from(height) > limits::MAX_PIXELS
    {
        return Err(MediaError::TooManyPixels);
    }
    Ok(())
}

/// Refuses an image whose decoded pixels would take more than
/// [`limits::DECODED_BYTES`].
fn check_memory(decoded_bytes: u64) -> Result<(), MediaError> {
    if decoded_bytes > limits::DECODED_BYTES {
        return Err(MediaError::TooMuchMemory {
            needed: decoded_bytes,
        });
    }
    Ok(())
}

/// The rendition widths for an image `width` pixels wide, ascending: each of
/// [`WIDTHS`] narrower than the image, then the image's own width unless it is
/// wider than the largest of them.
pub(crate) fn rendition_widths(width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if WIDTHS.last().is_none_or(|&largest| width <= largest) {
        widths.push(width);
    }
    widths
}

/// The height that keeps the aspect ratio of `width`×`height` at `new_width`,
/// rounded to the nearest pixel and never zero.
fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let (w, h, nw) = (u64::from(width), u64::from(height), u64::from(new_width));
    let scaled = (h * nw + w / 2) / w.max(1);
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

fn renditions(
    picture: &DynamicImage,
    kind: MediaKind,
    icc_profile: Option<&[u8]>,
) -> Result<Vec<Rendition>, MediaError> {
    let (width, height) = picture.dimensions();
    let widths = rendition_widths(width);

    // The largest rendition is made from the original; the smaller ones from the
    // largest, which is much cheaper and just as sharp at those sizes.
    let Some(&largest_width) = widths.last() else {
        return Err(MediaError::Corrupt("the image has no pixels".to_string()));
    };
    let largest = if largest_width == width {
        None
    } else {
        Some(picture.resize_exact(
            largest_width,
            scaled_height(width, height, largest_width),
            FilterType::Lanczos3,
        ))
    };
    let largest = largest.as_ref().unwrap_or(picture);

    widths
        .iter()
        .map(|&w| {
            let h = scaled_height(width, height, w);
            let resized;
            let pixels = if w == largest_width {
                largest
            } else {
                resized = largest.resize_exact(w, h, FilterType::Lanczos3);
                &resized
            };
            let bytes = encode(pixels, kind, icc_profile)?;
            Ok(Rendition {
                width: pixels.width(),
                height: pixels.height(),
                kind,
                bytes,
            })
        })
        .collect()
}

/// Encodes `pixels` as `kind`. The encoders write no metadata but the colour
/// profile, which is kept so that the colours look the same as the upload's.
fn encode(
    pixels: &DynamicImage,
    kind: MediaKind,
    icc_profile: Option<&[u8]>,
) -> Result<Vec<u8>, MediaError> {
    fn with_profile<E: ImageEncoder>(mut encoder: E, icc_profile: Option<&[u8]>) -> E {
        if let Some(profile) = icc_profile {
            // An encoder that cannot embed a profile still writes a good image.
            let _ = encoder.set_icc_profile(profile.to_vec());
        }
        encoder
    }

    let mut out = Vec::new();
    let written = match kind {
        MediaKind::Jpeg => pixels.write_with_encoder(with_profile(
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY),
            icc_profile,
        )),
        MediaKind::Png => pixels.write_with_encoder(with_profile(
            PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive),
            icc_profile,
        )),
        MediaKind::Webp => pixels.write_with_encoder(with_profile(
            WebPEncoder::new_lossless(&mut out),
            icc_profile,
        )),
        MediaKind::Mp3 | MediaKind::M4a => return Err(MediaError::NotAnImage),
    };
    written.map_err(|e| MediaError::Corrupt(format!("it could not be converted ({e})")))?;
    Ok(out)
}

fn from_image_error(error: ImageError) -> MediaError {
    match error {
        ImageError::Limits(_) => MediaError::TooManyPixels,
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            MediaError::Corrupt("it ends before the image is complete".to_string())
        }
        ImageError::Decoding(e) => MediaError::Corrupt(decoder_reason(&e)),
        ImageError::Unsupported(e) => {
            MediaError::Corrupt(format!("it uses a feature that cannot be read ({e})"))
        }
        other => MediaError::Corrupt(other.to_string()),
    }
}

/// The decoder's own words, without the "Format error decoding Png:" preamble
/// the image crate puts before them.
fn decoder_reason(error: &image::error::DecodingError) -> String {
    use std::error::Error as _;
    match error.source() {
        Some(source) => source.to_string(),
        None => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_for_each_size() {
        assert_eq!(rendition_widths(1), [1]);
        assert_eq!(rendition_widths(300), [300]);
        assert_eq!(rendition_widths(320), [320]);
        assert_eq!(rendition_widths(321), [320, 321]);
        assert_eq!(rendition_widths(1600), [320, 640, 1024, 1600]);
        assert_eq!(rendition_widths(1601), [320, 640, 1024, 1600]);
        assert_eq!(rendition_widths(12_000), [320, 640, 1024, 1600]);
        assert_eq!(rendition_widths(700), [320, 640, 700]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(4000, 3000, 320), 240);
        assert_eq!(scaled_height(1000, 333, 640), 213);
        assert_eq!(scaled_height(12_000, 1, 320), 1);
        assert_eq!(scaled_height(1, 12_000, 1), 12_000);
    }

    #[test]
    fn jpeg_structure() {
        // SOI, a comment segment, SOS with two bytes of data (one stuffed 0xFF
        // and a restart marker), EOI.
        let whole =
            b"\xFF\xD8\xFF\xFE\x00\x04hi\xFF\xDA\x00\x02\x12\xFF\x00\x34\xFF\xD0\x56\xFF\xD9";
        assert!(jpeg_is_complete(whole));
        for cut in 0..whole.len() - 1 {
            assert!(!jpeg_is_complete(&whole[..cut]), "cut at {cut}");
        }
        let mut trailer = whole.to_vec();
        trailer.extend_from_slice(b"\0\0\0\x18ftypmp42");
        assert!(jpeg_is_complete(&trailer));
        // A segment length running past the end.
        assert!(!jpeg_is_complete(b"\xFF\xD8\xFF\xE1\xFF\xFF\xFF\xD9"));
    }

    #[test]
    fn memory_bounds() {
        // A 24 megapixel photo in 8-bit RGB, and with alpha.
        assert_eq!(check_memory(6000 * 4000 * 3), Ok(()));
        assert_eq!(check_memory(6000 * 4000 * 4), Ok(()));
        assert_eq!(check_memory(limits::DECODED_BYTES), Ok(()));
        // 7000 × 7000 in 16-bit RGBA: within the pixel bounds, 392 MB decoded.
        assert_eq!(
            check_memory(7000 * 7000 * 8),
            Err(MediaError::TooMuchMemory {
                needed: 392_000_000
            })
        );
    }

    #[test]
    fn dimension_bounds() {
        assert_eq!(check_dimensions(12_000, 4_000), Ok(()));
        assert_eq!(check_dimensions(12_001, 10), Err(MediaError::TooManyPixels));
        assert_eq!(check_dimensions(10, 12_001), Err(MediaError::TooManyPixels));
        assert_eq!(check_dimensions(10_000, 5_000), Ok(()));
        assert_eq!(
            check_dimensions(10_000, 5_001),
            Err(MediaError::TooManyPixels)
        );
        assert!(matches!(
            check_dimensions(0, 5),
            Err(MediaError::Corrupt(_))
        ));
    }
}
