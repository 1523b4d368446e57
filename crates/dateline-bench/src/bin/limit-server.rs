//! The practical limit: a minimal hyper server that answers every request
//! with the same bytes from memory.
//!
//! Usage: limit-server ADDR FILE [HEADERS]
//!
//! HEADERS is a response head as `curl -D` writes it: its header lines are
//! sent as they are (all but Date and Content-Length, which hyper writes),
//! so that the limit puts on the wire the bytes the measured page does.
//! Without it, a content type, an ETag and a cache lifetime are sent.

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: limit-server ADDR FILE"))?;
    let file = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: limit-server ADDR FILE"))?;
    let body = Bytes::from(std::fs::read(&file)?);
    let headers = match args.next() {
        Some(path) => head_lines(&std::fs::read_to_string(path)?)?,
        None => vec![
            ("content-type".into(), "text/html; charset=utf-8".into()),
            ("etag".into(), "\"0123456789abcdef01234567\"".into()),
            ("cache-control".into(), "public, max-age=30".into()),
        ],
    };
    let mut template = hyper::HeaderMap::new();
    for (name, value) in headers {
        template.append(
            hyper::header::HeaderName::from_bytes(name.as_bytes())?,
            hyper::header::HeaderValue::from_str(&value)?,
        );
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("serving {} bytes on {addr}", body.len());
    loop {
        let (stream, _) = listener.accept().await?;
        let body = body.clone();
        let template = template.clone();
        tokio::spawn(async move {
            let service = service_fn(move |_req: Request<Incoming>| {
                let mut response = Response::new(Full::new(body.clone()));
                *response.headers_mut() = template.clone();
                async move { Ok::<_, Infallible>(response) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The header lines of a response head, less those hyper writes itself.
fn head_lines(head: &str) -> anyhow::Result<Vec<(String, String)>> {
    let mut lines = head.lines().map(str::trim_end);
    let status = lines.next().unwrap_or_default();
    anyhow::ensure!(
        status.starts_with("HTTP/"),
        "not a response head: {status:?}"
    );
    Ok(lines
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .filter(|(name, _)| name != "date" && name != "content-length")
        .collect())
}
