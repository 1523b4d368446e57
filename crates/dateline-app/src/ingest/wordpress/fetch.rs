//! Pictures fetched from the old site, when the operator asks for it
//! (`--fetch`) and the uploads folder does not hold them: over HTTP or
//! HTTPS only, from public addresses only (the name is resolved and every
//! address checked inside the client, on each redirect too, so neither DNS
//! rebinding nor a redirect reaches the machine itself, the private network
//! or a cloud's metadata address), within a deadline and the media
//! library's size limit.

use crate::announce::PublicOnly;
use std::time::Duration;

/// How long one picture may take, all in.
const TIMEOUT: Duration = Duration::from_secs(20);
/// Redirects followed (each checked like the first address).
const REDIRECTS: u32 = 3;

/// The picture at `url`: its file name and bytes, or why not.
pub(super) async fn fetch(url: &str) -> Result<(String, Vec<u8>), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err("not an http or https address".into());
    }
    let url = url.to_string();
    tokio::task::spawn_blocking(move || get(&url))
        .await
        .map_err(|_| "the fetch did not finish".to_string())?
}

fn get(url: &str) -> Result<(String, Vec<u8>), String> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(REDIRECTS)
        .proxy(None)
        .build();
    let agent = ureq::Agent::with_parts(
        config,
        ureq::unversioned::transport::DefaultConnector::default(),
        PublicOnly {
            allow_private: false,
        },
    );
    let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
    let max = dateline_media::limits::IMAGE_BYTES as u64;
    let bytes = response
        .body_mut()
        .with_config()
        .limit(max)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    Ok((file_name(url), bytes))
}

/// The last part of the address's path, as a file name.
fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(last).decode_utf8_lossy();
    let name: String = decoded
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .take(120)
        .collect();
    if name.is_empty() {
        "picture".into()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::{fetch, file_name};

    #[tokio::test]
    async fn never_from_the_machine_or_its_network() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        for url in [
            format!("http://127.0.0.1:{port}/a.png"),
            format!("http://localhost:{port}/a.png"),
            "http://169.254.169.254/latest/meta-data/".to_string(),
            "http://10.0.0.1/a.png".to_string(),
        ] {
            let refused = fetch(&url).await.expect_err("refused");
            assert!(refused.contains("not a public address"), "{url}: {refused}");
        }
        assert!(listener.accept().is_err(), "the machine was contacted");
        assert!(fetch("file:///etc/passwd").await.is_err());
        assert!(fetch("ftp://example.org/a.png").await.is_err());
    }

    #[test]
    fn names() {
        assert_eq!(
            file_name("https://a.example/x/My%20photo.jpg?w=150"),
            "My photo.jpg"
        );
        assert_eq!(file_name("https://a.example/"), "picture");
    }
}
