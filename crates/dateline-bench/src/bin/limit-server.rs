//! The practical limit: a minimal hyper server that answers every request
//! with the same bytes from memory, with the headers a page carries.
//!
//! Usage: limit-server ADDR FILE

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
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("serving {} bytes on {addr}", body.len());
    loop {
        let (stream, _) = listener.accept().await?;
        let body = body.clone();
        tokio::spawn(async move {
            let service = service_fn(move |_req: Request<Incoming>| {
                let body = body.clone();
                async move {
                    Ok::<_, Infallible>(
                        Response::builder()
                            .header("content-type", "text/html; charset=utf-8")
                            .header("etag", "\"0123456789abcdef01234567\"")
                            .header("cache-control", "public, max-age=30")
                            .body(Full::new(body))
                            .unwrap_or_default(),
                    )
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
