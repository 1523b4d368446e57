//! `process_image` on real images encoded in memory.

use std::io::Cursor;

use dateline_media::{limits, process_image, sniff, MediaError, MediaKind, ProcessedImage};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, GenericImageView, ImageEncoder, ImageFormat, RgbImage, RgbaImage};

/// A colourful gradient: smooth enough to compress, varied enough to notice a
/// swapped axis.
fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            ((x + y) % 256) as u8,
        ])
    })
}

fn encode(picture: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, format)
        .expect("encode the fixture");
    out.into_inner()
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(&gradient(width, height).into(), ImageFormat::Jpeg)
}

fn png(width: u32, height: u32) -> Vec<u8> {
    encode(&gradient(width, height).into(), ImageFormat::Png)
}

fn webp(width: u32, height: u32) -> Vec<u8> {
    encode(&gradient(width, height).into(), ImageFormat::WebP)
}

/// Checks the renditions against the expected widths, the original's aspect
/// ratio and their declared kind, and that each decodes to what it claims.
fn assert_renditions(processed: &ProcessedImage, widths: &[u32], kind: MediaKind) {
    let got: Vec<u32> = processed.renditions.iter().map(|r| r.width).collect();
    assert_eq!(got, widths);
    let ratio = f64::from(processed.width) / f64::from(processed.height);
    for rendition in &processed.renditions {
        assert_eq!(rendition.kind, kind);
        assert_eq!(sniff(&rendition.bytes), Some(kind));
        let expected_height = (f64::from(rendition.width) / ratio).round() as u32;
        assert!(
            rendition.height.abs_diff(expected_height) <= 1,
            "{}x{} from {}x{}",
            rendition.width,
            rendition.height,
            processed.width,
            processed.height
        );
        let decoded = image::load_from_memory(&rendition.bytes).expect("the rendition decodes");
        assert_eq!(decoded.dimensions(), (rendition.width, rendition.height));
    }
}

#[test]
fn jpeg_gives_jpeg_renditions_at_every_width() {
    let processed = process_image(&jpeg(2000, 1000)).expect("a good JPEG");
    assert_eq!(processed.kind, MediaKind::Jpeg);
    assert_eq!((processed.width, processed.height), (2000, 1000));
    assert_renditions(&processed, &[320, 640, 1024, 1600], MediaKind::Jpeg);
    let heights: Vec<u32> = processed.renditions.iter().map(|r| r.height).collect();
    assert_eq!(heights, [160, 320, 512, 800]);
}

#[test]
fn png_gives_png_renditions_up_to_its_own_width() {
    let processed = process_image(&png(700, 500)).expect("a good PNG");
    assert_eq!(processed.kind, MediaKind::Png);
    assert_renditions(&processed, &[320, 640, 700], MediaKind::Png);
    let largest = processed.renditions.last().expect("a rendition");
    assert_eq!((largest.width, largest.height), (700, 500));
}

#[test]
fn webp_gives_webp_renditions() {
    let processed = process_image(&webp(1100, 733)).expect("a good WebP");
    assert_eq!(processed.kind, MediaKind::Webp);
    assert_renditions(&processed, &[320, 640, 1024, 1100], MediaKind::Webp);
}

#[test]
fn a_narrow_image_gives_one_rendition_of_its_own_size() {
    for bytes in [jpeg(300, 450), png(300, 450), webp(300, 450)] {
        let processed = process_image(&bytes).expect("a good image");
        assert_eq!(processed.renditions.len(), 1);
        let only = &processed.renditions[0];
        assert_eq!((only.width, only.height), (300, 450));
    }
}

#[test]
fn exactly_the_largest_width_is_kept_once() {
    let processed = process_image(&png(1600, 10)).expect("a good PNG");
    assert_renditions(&processed, &[320, 640, 1024, 1600], MediaKind::Png);
}

#[test]
fn a_tall_sliver_keeps_at_least_one_pixel() {
    let processed = process_image(&png(4000, 3)).expect("a good PNG");
    let heights: Vec<u32> = processed.renditions.iter().map(|r| r.height).collect();
    assert_eq!(heights, [1, 1, 1, 1]);
}

#[test]
fn transparency_survives_in_png_and_webp() {
    let picture = RgbaImage::from_fn(400, 200, |x, _| image::Rgba([200, 30, 30, (x % 256) as u8]));
    let picture = DynamicImage::from(picture);
    for format in [ImageFormat::Png, ImageFormat::WebP] {
        let processed = process_image(&encode(&picture, format)).expect("a good image");
        for rendition in &processed.renditions {
            let decoded = image::load_from_memory(&rendition.bytes).expect("decodes");
            assert!(
                decoded.color().has_alpha(),
                "{format:?} lost its alpha channel"
            );
        }
    }
}

/// A minimal EXIF block (big-endian TIFF) with one IFD entry: the orientation,
/// plus an ASCII note so that stripping can be checked.
fn exif_with_orientation(orientation: u16) -> Vec<u8> {
    let mut exif = b"MM\0\x2a\0\0\0\x08".to_vec();
    exif.extend_from_slice(&2u16.to_be_bytes()); // two entries
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]); // Orientation, SHORT, 1
    exif.extend_from_slice(&orientation.to_be_bytes());
    exif.extend_from_slice(&[0, 0]);
    let note = b"secret-location-48.85N\0";
    exif.extend_from_slice(&[0x01, 0x0E, 0, 2]); // ImageDescription, ASCII
    exif.extend_from_slice(&(note.len() as u32).to_be_bytes());
    exif.extend_from_slice(&38u32.to_be_bytes()); // offset of the note
    exif.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    assert_eq!(exif.len(), 38);
    exif.extend_from_slice(note);
    exif
}

#[test]
fn jpeg_is_turned_upright_and_its_exif_dropped() {
    let picture = gradient(400, 200);
    let mut bytes = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 90);
    encoder
        .set_exif_metadata(exif_with_orientation(6))
        .expect("the JPEG encoder writes EXIF");
    encoder
        .write_image(picture.as_raw(), 400, 200, image::ExtendedColorType::Rgb8)
        .expect("encode");
    assert!(contains(&bytes, b"secret-location"));

    let processed = process_image(&bytes).expect("a good JPEG");
    // Orientation 6: the camera was turned a quarter; displayed, the picture is tall.
    assert_eq!((processed.width, processed.height), (200, 400));
    assert_renditions(&processed, &[200], MediaKind::Jpeg);
    for rendition in &processed.renditions {
        assert!(!contains(&rendition.bytes, b"secret-location"));
        assert!(!contains(&rendition.bytes, b"Exif\0"));
    }
}

/// Not a usable profile, only its header's colour space field (bytes 16..20)
/// and a marker to look for: the encoders copy a profile as it is, which is all
/// these tests check.
fn fake_profile(space: &[u8; 4], marker: &[u8]) -> Vec<u8> {
    let mut profile = vec![0u8; 128];
    profile[16..20].copy_from_slice(space);
    profile.extend_from_slice(marker);
    profile
}

fn png_with_profile(picture: &RgbImage, profile: Vec<u8>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = PngEncoder::new(&mut bytes);
    encoder
        .set_icc_profile(profile)
        .expect("PNG takes a profile");
    encoder
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode");
    bytes
}

#[test]
fn an_rgb_colour_profile_is_kept() {
    let picture = gradient(64, 64);
    let profile = fake_profile(b"RGB ", b"dateline-rgb-profile");
    let processed =
        process_image(&png_with_profile(&picture, profile.clone())).expect("a good PNG");
    let mut decoder =
        image::codecs::png::PngDecoder::new(Cursor::new(processed.renditions[0].bytes.as_slice()))
            .expect("decodes");
    use image::ImageDecoder as _;
    assert_eq!(decoder.icc_profile().expect("readable"), Some(profile));

    // WebP as well.
    let mut bytes = Vec::new();
    let mut encoder = WebPEncoder::new_lossless(&mut bytes);
    encoder
        .set_icc_profile(fake_profile(b"RGB ", b"another-profile"))
        .expect("WebP takes a profile");
    encoder
        .write_image(picture.as_raw(), 64, 64, image::ExtendedColorType::Rgb8)
        .expect("encode");
    let processed = process_image(&bytes).expect("a good WebP");
    assert!(contains(&processed.renditions[0].bytes, b"another-profile"));
}

#[test]
fn a_profile_for_another_colour_space_is_dropped() {
    let picture = gradient(64, 64);
    let profile = fake_profile(b"CMYK", b"dateline-cmyk-profile");
    let processed = process_image(&png_with_profile(&picture, profile)).expect("a good PNG");
    assert!(!contains(
        &processed.renditions[0].bytes,
        b"dateline-cmyk-profile"
    ));
}

#[test]
fn sixteen_bit_and_grey_images_are_handled() {
    let grey = DynamicImage::ImageLuma8(image::GrayImage::from_fn(500, 300, |x, _| {
        image::Luma([(x % 256) as u8])
    }));
    let deep = DynamicImage::ImageRgb16(image::ImageBuffer::from_fn(500, 300, |x, y| {
        image::Rgb([(x * 100) as u16, (y * 200) as u16, 40_000])
    }));
    for (picture, format) in [
        (&grey, ImageFormat::Jpeg),
        (&grey, ImageFormat::Png),
        (&grey, ImageFormat::WebP),
        (&deep, ImageFormat::Png),
    ] {
        let processed = process_image(&encode(picture, format)).expect("a good image");
        assert_eq!(processed.renditions.len(), 2, "{format:?}");
        assert_renditions(&processed, &[320, 500], processed.kind);
    }
}

#[test]
fn things_that_are_not_images_are_refused() {
    let html = b"<!DOCTYPE html>\n<html><body><img src=x onerror=alert(1)></body></html>";
    assert_eq!(refusal(html), MediaError::NotAnImage);
    assert_eq!(refusal(b"just some text"), MediaError::NotAnImage);
    assert_eq!(refusal(b""), MediaError::NotAnImage);
    let mp3 = include_bytes!("../fixtures/tone-3s-cbr.mp3");
    assert_eq!(refusal(mp3), MediaError::NotAnImage);
    let m4a = include_bytes!("../fixtures/tone-4s-aac.m4a");
    assert_eq!(refusal(m4a), MediaError::NotAnImage);
    let gif = encode(&gradient(10, 10).into(), ImageFormat::Png);
    let mut gif_like = b"GIF89a".to_vec();
    gif_like.extend_from_slice(&gif[6..]);
    assert_eq!(refusal(&gif_like), MediaError::NotAnImage);
}

#[test]
fn a_truncated_jpeg_is_damaged() {
    let bytes = jpeg(800, 600);
    for cut in [bytes.len() / 2, bytes.len() - 200, 400, 100, 20] {
        match process_image(&bytes[..cut]) {
            Err(MediaError::Corrupt(reason)) => {
                assert!(!reason.is_empty());
                let message = MediaError::Corrupt(reason).to_string();
                assert!(message.starts_with("the file is damaged: "), "{message}");
            }
            Err(other) => panic!("cut at {cut} of {}: {other:?}", bytes.len()),
            Ok(_) => panic!("cut at {cut} of {} was accepted", bytes.len()),
        }
    }
}

#[test]
fn truncated_png_and_webp_are_damaged() {
    for bytes in [png(800, 600), webp(800, 600)] {
        let cut = &bytes[..bytes.len() / 2];
        let result = process_image(cut).map(|p| (p.width, p.height));
        assert!(matches!(result, Err(MediaError::Corrupt(_))), "{result:?}");
    }
}

/// CRC-32 (IEEE), bit by bit: enough for hand-made PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG whose header claims `width`×`height` RGBA pixels, followed by a few
/// bytes of image data that could never fill them.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn the_hand_made_png_is_well_formed() {
    // A small image with the same construction is read as far as its pixels,
    // which shows that the refusals below come from the header check.
    let small = png_claiming(4, 4);
    assert!(matches!(process_image(&small), Err(MediaError::Corrupt(_))));
}

#[test]
fn decompression_bombs_are_refused_from_the_header() {
    let started = std::time::Instant::now();
    // 60000×60000 RGBA would be 14.4 GB once decoded.
    assert_eq!(
        refusal(&png_claiming(60_000, 60_000)),
        MediaError::TooManyPixels
    );
    // Each side within the limit, 60 megapixels in all.
    assert_eq!(
        refusal(&png_claiming(10_000, 6_000)),
        MediaError::TooManyPixels
    );
    assert_eq!(
        refusal(&png_claiming(100, 12_001)),
        MediaError::TooManyPixels
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn a_jpeg_header_claiming_too_many_pixels_is_refused() {
    // Rewrite the frame header of a real JPEG to claim 60000×60000.
    let mut bytes = jpeg(16, 16);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bytes[sof + 5..sof + 7].copy_from_slice(&60_000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&60_000u16.to_be_bytes());
    assert_eq!(refusal(&bytes), MediaError::TooManyPixels);
}

#[test]
fn files_over_the_byte_limit_are_refused_before_anything_else() {
    let mut bytes = jpeg(16, 16);
    bytes.resize(limits::IMAGE_BYTES + 1, 0);
    let error = process_image(&bytes).expect_err("too large");
    assert_eq!(
        error,
        MediaError::TooLarge {
            limit: limits::IMAGE_BYTES
        }
    );
    assert_eq!(error.to_string(), "the file is larger than 15 MiB");
    // Size comes first, even for things that are not images.
    assert_eq!(
        refusal(&vec![b'a'; limits::IMAGE_BYTES + 1]),
        MediaError::TooLarge {
            limit: limits::IMAGE_BYTES
        }
    );
}

/// Why `process_image` refused `bytes`.
fn refusal(bytes: &[u8]) -> MediaError {
    process_image(bytes).expect_err("the image should be refused")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn bombs_within_the_pixel_bounds_are_refused_by_their_memory() {
    // 7000×7000 is under 50 megapixels, but in RGBA its pixels take 196 MB.
    let refused = refusal(&png_claiming(7000, 7000));
    assert_eq!(
        refused,
        MediaError::TooMuchMemory {
            needed: 7000 * 7000 * 4
        }
    );
    assert!(refused
        .to_string()
        .starts_with("the image is too large to process: its pixels would take 196 MB"));
    // 5000×5000 RGBA, 100 MB, is within the budget: it is read as far as its
    // (missing) pixels.
    assert!(matches!(
        process_image(&png_claiming(5000, 5000)),
        Err(MediaError::Corrupt(_))
    ));
}

#[test]
fn a_24_megapixel_photo_is_within_the_budget() {
    // 6000 × 4000 in 8-bit RGB, as a camera writes it: 72 MB of pixels.
    let photo = jpeg(6000, 4000);
    let processed = process_image(&photo).expect("a camera's photo is accepted");
    assert_eq!((processed.width, processed.height), (6000, 4000));
    assert_renditions(&processed, &[320, 640, 1024, 1600], MediaKind::Jpeg);
}
