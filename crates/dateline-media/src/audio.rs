//! Audio uploads: format checks and duration.

use std::io::Cursor;
use std::time::Duration;

use symphonia::core::codecs::CodecParameters;
use symphonia::core::errors::Error as DemuxError;
use symphonia::core::formats::{FormatOptions, FormatReader, Track};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions, ReadBytes, ReadOnlySource};
use symphonia::core::units::TimeBase;
use symphonia::default::formats::{IsoMp4Reader, MpaReader};

use crate::sniff::id3v2_len;
use crate::{guarded, limits, sniff, MediaError, MediaKind};

/// What was learnt about an audio upload.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioInfo {
    /// The format of the upload.
    pub kind: MediaKind,
    /// How long it plays.
    pub duration: Duration,
}

/// Checks an uploaded audio file and reads how long it plays.
///
/// In order: the byte size against [`limits::AUDIO_BYTES`]; the content must sniff
/// as MP3 or M4A; then the whole file is read through. An MP3's duration is
/// counted frame by frame (a Xing or VBRI header, which only some encoders write
/// and which says nothing about a truncated file, is not relied upon), less the
/// encoder delay and padding when a LAME tag gives them. An M4A must hold an
/// audio track and no video; its duration is the one its headers declare, and
/// every sample of it must be readable.
pub fn probe_audio(bytes: &[u8]) -> Result<AudioInfo, MediaError> {
    if bytes.len() > limits::AUDIO_BYTES {
        return Err(MediaError::TooLarge {
            limit: limits::AUDIO_BYTES,
        });
    }
    let kind = sniff(bytes)
        .filter(|kind| kind.is_audio())
        .ok_or(MediaError::NotAudio)?;
    let duration = guarded(|| match kind {
        MediaKind::M4a => m4a_duration(bytes),
        _ => mp3_duration(bytes),
    })?;
    Ok(AudioInfo { kind, duration })
}

fn stream<'a>(source: Box<dyn symphonia::core::io::MediaSource + 'a>) -> MediaSourceStream<'a> {
    MediaSourceStream::new(source, MediaSourceStreamOptions::default())
}

fn mp3_duration(bytes: &[u8]) -> Result<Duration, MediaError> {
    let audio = strip_tags(bytes);
    if audio.is_empty() {
        return Err(MediaError::Corrupt(
            "it holds a tag but no audio".to_string(),
        ));
    }

    // Read as a stream that cannot seek, so that the reader never estimates a
    // length from the bitrate of the first frames: the frames are counted instead.
    let source = stream(Box::new(ReadOnlySource::new(audio)));
    let mut reader = MpaReader::try_new(source, FormatOptions::default()).map_err(|_| no_mp3())?;

    let track = reader.tracks().first().cloned().ok_or_else(no_mp3)?;
    let sample_rate = match &track.codec_params {
        Some(CodecParameters::Audio(params)) => params.sample_rate,
        _ => None,
    }
    .filter(|&rate| rate > 0)
    .ok_or_else(no_mp3)?;

    // Each packet is one MPEG frame. Timestamps start at minus the encoder delay
    // and advance by the full length of every frame, so the last frame's
    // timestamp plus its length is the stream's length less the delay.
    let mut frames: u64 = 0;
    let mut frame_bytes: u64 = 0;
    let mut first_ts: i64 = 0;
    let mut last_ts: i64 = 0;
    let mut last_dur: u64 = 0;
    loop {
        let packet = match reader.next_packet() {
            Ok(Some(packet)) => packet,
            Ok(None) => break,
            Err(e) => return Err(MediaError::Corrupt(demux_reason(&e))),
        };
        let ts = packet.pts.get();
        if frames == 0 {
            first_ts = ts;
        }
        frames += 1;
        last_ts = ts;
        last_dur = packet
            .dur
            .get()
            .saturating_add(packet.trim_start.get())
            .saturating_add(packet.trim_end.get());
        frame_bytes = frame_bytes.saturating_add(packet.data.len() as u64);
    }
    if frames == 0 {
        return Err(no_mp3());
    }
    // MPEG frames of one stream all have the same number of samples.
    let frame_len = if frames > 1 {
        (i128::from(last_ts) - i128::from(first_ts)) / i128::from(frames - 1)
    } else {
        i128::from(last_dur)
    };

    // Random bytes can now and then look like a frame header; a real MP3 is
    // almost nothing but frames.
    if frame_bytes.saturating_mul(2) < audio.len() as u64 {
        return Err(MediaError::Corrupt(
            "most of it is not MP3 audio".to_string(),
        ));
    }

    let end = i128::from(last_ts) + frame_len;
    let padding = i128::from(track.padding.unwrap_or(0));
    let samples = u64::try_from((end - padding).max(0)).unwrap_or(0);
    Ok(ticks_to_duration(samples, 1, sample_rate))
}

fn no_mp3() -> MediaError {
    MediaError::Corrupt("no MP3 audio was found in it".to_string())
}

/// The MPEG audio between any ID3v2 tags at the start and any APEv2 and ID3v1
/// tags at the end.
fn strip_tags(bytes: &[u8]) -> &[u8] {
    let mut audio = bytes;
    // Some taggers leave more than one ID3v2 tag in a row.
    while let Some(len) = id3v2_len(audio) {
        audio = audio.get(len..).unwrap_or_default();
    }
    if audio.len() >= 128 && audio[audio.len() - 128..].starts_with(b"TAG") {
        audio = &audio[..audio.len() - 128];
    }
    if let Some(len) = apev2_len(audio) {
        audio = &audio[..audio.len() - len];
    }
    audio
}

/// The length of an APEv2 tag at the end of `bytes`, from its 32-byte footer.
fn apev2_len(bytes: &[u8]) -> Option<usize> {
    let footer = bytes.get(bytes.len().checked_sub(32)?..)?;
    if !footer.starts_with(b"APETAGEX") {
        return None;
    }
    let le = |at: usize| {
        u32::from_le_bytes([footer[at], footer[at + 1], footer[at + 2], footer[at + 3]])
    };
    // The size counts the items and the footer; a flagged header comes on top.
    let size = usize::try_from(le(12)).ok()?;
    let header = if le(20) & (1 << 31) != 0 { 32 } else { 0 };
    let total = size.checked_add(header)?;
    (total >= 32 && total <= bytes.len()).then_some(total)
}

fn m4a_duration(bytes: &[u8]) -> Result<Duration, MediaError> {
    let mut source = stream(Box::new(Cursor::new(bytes)));
    // The reader expects to start just after the box size, where the `ftyp`
    // marker a format probe stops at is.
    source
        .read_quad_bytes()
        .map_err(|_| MediaError::Corrupt("it ends before the audio begins".to_string()))?;
    let mut reader = IsoMp4Reader::try_new(source, FormatOptions::default()).map_err(|e| {
        MediaError::Corrupt(format!(
            "it could not be read as MP4 ({})",
            demux_reason(&e)
        ))
    })?;

    let tracks = reader.tracks().to_vec();
    if tracks
        .iter()
        .any(|t| matches!(t.codec_params, Some(CodecParameters::Video(_))))
    {
        // A film, even one with sound, is not an audio upload.
        return Err(MediaError::NotAudio);
    }
    let track = tracks
        .iter()
        .find(|t| matches!(t.codec_params, Some(CodecParameters::Audio(_))))
        .ok_or(MediaError::NotAudio)?;

    // Read every sample of the track, so that a file cut short or with broken
    // sample tables is refused now rather than failing to play later.
    let mut packets: u64 = 0;
    let mut played: u64 = 0;
    loop {
        let packet = match reader.next_packet() {
            Ok(Some(packet)) => packet,
            Ok(None) => break,
            Err(_) => {
                return Err(MediaError::Corrupt(
                    "its audio data is cut short or broken".to_string(),
                ))
            }
        };
        if packet.track_id == track.id {
            packets += 1;
            played = played.saturating_add(packet.dur.get());
        }
    }
    if packets == 0 {
        return Err(MediaError::Corrupt("its audio track is empty".to_string()));
    }

    // The movie header's duration accounts for edit lists (which hide the AAC
    // encoder's priming samples); the track's own duration is the fallback
    // for files without one, such as fragmented MP4, and then the samples read.
    let declared = [
        declared_duration(reader.media_info().time_base, reader.media_info().duration),
        track_duration(track),
    ];
    let duration = declared
        .into_iter()
        .flatten()
        .filter(|d| !d.is_zero())
        .min()
        .or_else(|| {
            let tb = track.time_base?;
            Some(ticks_to_duration(played, tb.numer.get(), tb.denom.get()))
        })
        .unwrap_or_default();
    Ok(duration)
}

fn track_duration(track: &Track) -> Option<Duration> {
    declared_duration(track.time_base, track.duration)
}

fn declared_duration(
    time_base: Option<TimeBase>,
    duration: Option<symphonia::core::units::Duration>,
) -> Option<Duration> {
    let tb = time_base?;
    Some(ticks_to_duration(
        duration?.get(),
        tb.numer.get(),
        tb.denom.get(),
    ))
}

/// `ticks` × `numer` / `denom` seconds, to the nanosecond.
fn ticks_to_duration(ticks: u64, numer: u32, denom: u32) -> Duration {
    let nanos = u128::from(ticks) * u128::from(numer) * 1_000_000_000 / u128::from(denom.max(1));
    let secs = u64::try_from(nanos / 1_000_000_000).unwrap_or(u64::MAX);
    let sub = u32::try_from(nanos % 1_000_000_000).unwrap_or(0);
    Duration::new(secs, sub)
}

/// The demuxer's reason, without its module prefix.
fn demux_reason(error: &DemuxError) -> String {
    match error {
        DemuxError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the file ends too soon".to_string()
        }
        DemuxError::DecodeError(msg)
        | DemuxError::Unsupported(msg)
        | DemuxError::LimitError(msg) => msg
            .split_once(": ")
            .map_or(*msg, |(_, rest)| rest)
            .to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_convert_exactly() {
        assert_eq!(ticks_to_duration(44_100, 1, 44_100), Duration::from_secs(1));
        assert_eq!(ticks_to_duration(1, 1, 2), Duration::from_millis(500));
        assert_eq!(ticks_to_duration(u64::MAX, u32::MAX, 1).as_secs(), u64::MAX);
        assert_eq!(ticks_to_duration(5, 1, 0), Duration::from_secs(5));
    }

    #[test]
    fn tags_are_stripped() {
        let mut file = b"ID3\x03\0\0\0\0\0\x02ab".to_vec();
        file.extend_from_slice(b"ID3\x04\0\0\0\0\0\x01c");
        file.extend_from_slice(b"AUDIO");
        let mut ape = vec![0u8; 10];
        ape.extend_from_slice(b"APETAGEX");
        ape.extend_from_slice(&2000u32.to_le_bytes());
        ape.extend_from_slice(&42u32.to_le_bytes()); // size: 10 bytes of items + footer
        ape.extend_from_slice(&1u32.to_le_bytes());
        ape.extend_from_slice(&0u32.to_le_bytes());
        ape.extend_from_slice(&[0; 8]);
        file.extend_from_slice(&ape);
        let mut v1 = b"TAG".to_vec();
        v1.resize(128, b' ');
        file.extend_from_slice(&v1);
        assert_eq!(strip_tags(&file), b"AUDIO");
        // A tag that claims more bytes than there are leaves nothing.
        assert_eq!(strip_tags(b"ID3\x03\0\0\0\0\x7f\x7f"), b"");
    }
}
