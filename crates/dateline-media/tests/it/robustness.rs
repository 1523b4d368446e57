//! Hostile and broken input: every call must return, never panic.
//!
//! The crate turns a panic inside a decoder into `MediaError::Corrupt`, which
//! would hide one from a plain "it returned" check, so these tests install a
//! panic hook that counts every panic, caught or not, on the threads of the
//! tests that asked for it: the other modules of this test binary may share
//! the process (`cargo test`), and their panics are not counted.

use std::cell::Cell;
use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use dateline_media::{probe_audio, process_image, sniff, MediaError};
use image::{DynamicImage, ImageFormat, RgbImage};

static PANICS: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

thread_local! {
    /// Whether this thread's panics are counted (a test of this file runs on it).
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

/// Counts every panic on the calling test's thread from now on.
fn count_panics() {
    COUNTED.with(|c| c.set(true));
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if COUNTED.with(Cell::get) {
                PANICS.fetch_add(1, Ordering::SeqCst);
            }
            default(info);
        }));
    });
}

/// xorshift64*: deterministic, good enough to make junk.
struct Junk(u64);

impl Junk {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Feeds `bytes` to both entry points; every outcome but a panic is fine.
fn feed(bytes: &[u8]) {
    let image = process_image(bytes);
    let audio = probe_audio(bytes);
    // Sanity of what came back: an accepted image has renditions; an accepted
    // upload was sniffed as its kind.
    if let Ok(processed) = image {
        assert!(!processed.renditions.is_empty());
        assert_eq!(sniff(bytes), Some(processed.kind));
    }
    if let Ok(info) = audio {
        assert_eq!(sniff(bytes), Some(info.kind));
    }
}

fn fixtures() -> Vec<Vec<u8>> {
    let picture = DynamicImage::from(RgbImage::from_fn(90, 60, |x, y| {
        image::Rgb([(x * 2) as u8, (y * 4) as u8, ((x ^ y) * 3) as u8])
    }));
    let mut files: Vec<Vec<u8>> = [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP]
        .into_iter()
        .map(|format| {
            let mut out = Cursor::new(Vec::new());
            picture.write_to(&mut out, format).expect("encode");
            out.into_inner()
        })
        .collect();
    files.push(include_bytes!("../fixtures/tone-3s-cbr.mp3").to_vec());
    files.push(include_bytes!("../fixtures/tone-2.5s-vbr.mp3").to_vec());
    files.push(include_bytes!("../fixtures/tone-2s-vbr-noxing.mp3").to_vec());
    files.push(include_bytes!("../fixtures/tone-4s-aac.m4a").to_vec());
    files.push(include_bytes!("../fixtures/video-1s.mp4").to_vec());
    files
}

/// Starts that steer random bytes past the sniffer into each parser.
const PREFIXES: &[&[u8]] = &[
    b"",
    b"\xFF\xD8\xFF",
    b"\x89PNG\r\n\x1a\n",
    b"RIFF\x00\x10\x00\x00WEBPVP8L",
    b"ID3\x03\x00\x00\x00\x00\x00\x10",
    b"\xFF\xFB\x90\x64",
    b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00isomM4A ",
];

#[test]
fn random_bytes_never_panic() {
    count_panics();
    let mut junk = Junk(0x9E37_79B9_7F4A_7C15);
    for round in 0..200 {
        let mut bytes = PREFIXES[round % PREFIXES.len()].to_vec();
        let len = junk.below(4096);
        bytes.extend(junk.bytes(len));
        feed(&bytes);
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn truncated_fixtures_never_panic() {
    count_panics();
    for file in fixtures() {
        let len = file.len();
        for cut in [
            0,
            1,
            2,
            3,
            4,
            8,
            11,
            12,
            16,
            32,
            64,
            100,
            257,
            len / 4,
            len / 2,
            len * 3 / 4,
            len - 1,
        ] {
            feed(&file[..cut.min(len)]);
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn damaged_fixtures_never_panic() {
    count_panics();
    let mut junk = Junk(0xD1B5_4A32_D192_ED03);
    for file in fixtures() {
        for _ in 0..25 {
            let mut damaged = file.clone();
            // Overwrite a few bytes, mostly past the magic number so that the
            // parsers get to see the damage.
            for _ in 0..1 + junk.below(8) {
                let at = junk.below(damaged.len());
                damaged[at] = junk.next() as u8;
            }
            feed(&damaged);
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

#[test]
fn garbage_after_an_id3_tag_is_refused_cleanly() {
    count_panics();
    let mut junk = Junk(42);
    for _ in 0..20 {
        let mut bytes = b"ID3\x04\x00\x00\x00\x00\x01\x00".to_vec();
        bytes.extend(junk.bytes(128));
        let len = 1 + junk.below(30_000);
        bytes.extend(junk.bytes(len));
        match probe_audio(&bytes) {
            Err(MediaError::Corrupt(_)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}
