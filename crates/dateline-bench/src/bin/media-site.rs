//! Adds an episode of `MB` mebibytes (MP3 frames) as the audio of the
//! newest English story of a site `gen-archive` made, for `bench/media.sh`;
//! prints its public path and its length.
//!
//!        media-site DATA_DIR MB

use dateline_core::Language;
use dateline_store::Store;
use std::path::PathBuf;
use time::OffsetDateTime;

/// One MPEG-1 Layer III frame (128 kb/s, 44.1 kHz): 417 bytes, numbered,
/// so that every part of the file differs.
fn frame(n: u32, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
    out.extend_from_slice(&[0; 32]);
    while out.len() < start + 417 {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.truncate(start + 417);
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = || anyhow::anyhow!("usage: media-site DATA_DIR MB");
    let dir = PathBuf::from(args.next().ok_or_else(usage)?);
    let mb: usize = args.next().ok_or_else(usage)?.parse()?;
    let store = Store::open(&dir, None).await?;
    let mut mp3 = Vec::with_capacity(mb * 1024 * 1024);
    let mut n = 0;
    while mp3.len() < mb * 1024 * 1024 {
        frame(n, &mut mp3);
        n += 1;
    }
    let len = mp3.len();
    let now = OffsetDateTime::now_utc();
    let media = store
        .add_media(
            &dateline_store::NewMedia {
                kind: dateline_core::media::MediaKind::Audio,
                content_type: "audio/mpeg".into(),
                file_name: "episode.mp3".into(),
                alt_text: None,
                caption: Some("A long episode".into()),
                credit: None,
                width: None,
                height: None,
                // 128 kb/s.
                duration_ms: Some((len as i64) * 8 / 128),
                files: vec![(
                    "original".into(),
                    None,
                    "audio/mpeg".into(),
                    bytes::Bytes::from(mp3),
                )],
            },
            None,
            now,
        )
        .await?;
    let newest = store.latest(Language::En, 1, 0).await?;
    let card = newest
        .items
        .first()
        .ok_or_else(|| anyhow::anyhow!("the site has no English story"))?;
    let mut input = store.article_input(card.id).await?;
    input.audio_id = Some(media);
    store.save_article(Some(card.id), &input, now).await?;
    let token = store.media(media).await?.token;
    println!("/media/{token}/original.mp3 {len}");
    store.close().await;
    Ok(())
}
