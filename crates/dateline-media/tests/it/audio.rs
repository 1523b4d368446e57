//! `probe_audio` on the fixtures in `tests/fixtures` (see `SOURCE.md` there).

use std::time::Duration;

use dateline_media::{limits, probe_audio, sniff, AudioInfo, MediaError, MediaKind};

const CBR_3S: &[u8] = include_bytes!("../fixtures/tone-3s-cbr.mp3");
const VBR_2_5S: &[u8] = include_bytes!("../fixtures/tone-2.5s-vbr.mp3");
const VBR_2S_NO_XING: &[u8] = include_bytes!("../fixtures/tone-2s-vbr-noxing.mp3");
const AAC_4S: &[u8] = include_bytes!("../fixtures/tone-4s-aac.m4a");
const VIDEO_1S: &[u8] = include_bytes!("../fixtures/video-1s.mp4");

fn assert_close(info: &AudioInfo, seconds: f64) {
    let got = info.duration.as_secs_f64();
    assert!(
        (got - seconds).abs() <= 0.1,
        "{:?}: {got} s, expected {seconds} s",
        info.kind
    );
}

#[test]
fn cbr_mp3_with_an_id3_tag_and_no_xing_header() {
    assert!(CBR_3S.starts_with(b"ID3"));
    let info = probe_audio(CBR_3S).expect("a good MP3");
    assert_eq!(info.kind, MediaKind::Mp3);
    assert_close(&info, 3.0);
}

#[test]
fn vbr_mp3_with_a_xing_header() {
    let info = probe_audio(VBR_2_5S).expect("a good MP3");
    assert_eq!(info.kind, MediaKind::Mp3);
    assert_close(&info, 2.5);
}

#[test]
fn vbr_mp3_without_a_xing_header_is_counted_frame_by_frame() {
    // Quiet first second, loud chirp after: an estimate from the first frames'
    // bitrate would be well off (ffprobe says 2.18 s for this file).
    assert!(!VBR_2S_NO_XING.starts_with(b"ID3"));
    let info = probe_audio(VBR_2S_NO_XING).expect("a good MP3");
    assert_eq!(info.kind, MediaKind::Mp3);
    assert_close(&info, 2.0);
}

#[test]
fn aac_in_m4a() {
    assert_eq!(sniff(AAC_4S), Some(MediaKind::M4a));
    let info = probe_audio(AAC_4S).expect("a good M4A");
    assert_eq!(info.kind, MediaKind::M4a);
    assert_close(&info, 4.0);
}

#[test]
fn a_video_is_not_audio_even_with_sound() {
    assert_eq!(sniff(VIDEO_1S), Some(MediaKind::M4a));
    assert_eq!(probe_audio(VIDEO_1S), Err(MediaError::NotAudio));
}

#[test]
fn things_that_are_not_audio_are_refused() {
    assert_eq!(probe_audio(b""), Err(MediaError::NotAudio));
    assert_eq!(
        probe_audio(b"<html><body>podcast.mp3</body></html>"),
        Err(MediaError::NotAudio)
    );
    assert_eq!(
        probe_audio(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"),
        Err(MediaError::NotAudio)
    );
    assert_eq!(
        probe_audio(b"RIFF\x24\0\0\0WAVEfmt "),
        Err(MediaError::NotAudio)
    );
    assert_eq!(
        probe_audio(b"OggS\0\x02\0\0\0\0\0\0\0\0"),
        Err(MediaError::NotAudio)
    );
}

#[test]
fn an_id3_tag_with_nothing_or_garbage_after_it_is_damaged() {
    let tag_len = 10 + 0x55; // the fixture's tag, from its header
    let tag = &CBR_3S[..tag_len];
    assert!(matches!(probe_audio(tag), Err(MediaError::Corrupt(_))));

    let mut garbage = tag.to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    assert!(matches!(probe_audio(&garbage), Err(MediaError::Corrupt(_))));

    let mut text = tag.to_vec();
    text.extend_from_slice(&b"this is not audio at all. ".repeat(400));
    let error = probe_audio(&text).expect_err("text after a tag");
    assert!(matches!(error, MediaError::Corrupt(_)), "{error:?}");
    assert!(error.to_string().starts_with("the file is damaged: "));
}

#[test]
fn a_tag_claiming_to_be_longer_than_the_file_is_damaged() {
    assert!(matches!(
        probe_audio(b"ID3\x03\0\0\x7f\x7f\x7f\x7f"),
        Err(MediaError::Corrupt(_))
    ));
}

#[test]
fn a_truncated_mp3_is_shorter_or_damaged() {
    let half = &CBR_3S[..CBR_3S.len() / 2];
    match probe_audio(half) {
        Ok(info) => assert!(info.duration < Duration::from_millis(1700), "{info:?}"),
        Err(MediaError::Corrupt(_)) => {}
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn a_truncated_m4a_is_damaged() {
    for cut in [AAC_4S.len() / 2, AAC_4S.len() - 100, 40, 20] {
        let result = probe_audio(&AAC_4S[..cut]);
        assert!(
            matches!(result, Err(MediaError::Corrupt(_))),
            "cut at {cut}: {result:?}"
        );
    }
}

#[test]
fn files_over_the_byte_limit_are_refused_first() {
    let mut bytes = CBR_3S.to_vec();
    bytes.resize(limits::AUDIO_BYTES + 1, 0);
    let error = probe_audio(&bytes).expect_err("too large");
    assert_eq!(
        error,
        MediaError::TooLarge {
            limit: limits::AUDIO_BYTES
        }
    );
    assert_eq!(error.to_string(), "the file is larger than 200 MiB");
}
