//! `dateline serve`: run the site until interrupted.

use super::DataDir;
use dateline::config::{Config, LogFormat, Overrides};
use dateline_core::Language;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "DATELINE_LISTEN", value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// Public origin for canonical links, e.g. https://news.example.org [default: http://ADDR]
    #[arg(long, env = "DATELINE_BASE_URL", value_name = "URL")]
    base_url: Option<String>,
    /// The site's name, shown in the masthead [default: Dateline]
    #[arg(long, env = "DATELINE_SITE_NAME", value_name = "NAME")]
    site_name: Option<String>,
    /// Language that / leads to: en, es, fr, pt, ar, eo or it [default: en]
    #[arg(long, env = "DATELINE_DEFAULT_LANGUAGE", value_name = "LANG")]
    default_language: Option<Language>,
    /// Folder of templates that replace the built-in ones of the same name
    #[arg(long, env = "DATELINE_THEME_DIR", value_name = "DIR")]
    theme_dir: Option<PathBuf>,
    /// Do not load the demo edition into an empty database
    #[arg(long, env = "DATELINE_NO_DEMO")]
    no_demo: bool,
    /// Behind a reverse proxy on this machine: trust X-Forwarded-For and
    /// X-Forwarded-Proto from loopback peers
    #[arg(long, env = "DATELINE_BEHIND_PROXY")]
    behind_proxy: bool,
    /// A reverse proxy or load balancer (address or CIDR range) trusted to
    /// name the reader's address and scheme; repeat for several, or give a
    /// comma-separated list
    #[arg(
        long = "trusted-proxy",
        env = "DATELINE_TRUSTED_PROXIES",
        value_name = "CIDR",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<String>,
    /// Send Strict-Transport-Security with this max-age (seconds) when the base URL is https [default: off]
    #[arg(long, env = "DATELINE_HSTS", value_name = "SECONDS")]
    hsts: Option<u64>,
    /// Serve Prometheus metrics at /metrics on this private address and
    /// port (never on --listen) [default: off]
    #[arg(long, env = "DATELINE_METRICS_LISTEN", value_name = "ADDR")]
    metrics_listen: Option<SocketAddr>,
    /// Log lines as text or as one JSON object per line [default: text]
    #[arg(long, env = "DATELINE_LOG_FORMAT", value_name = "FORMAT")]
    log_format: Option<LogFormat>,
    /// A cache server in front of the nodes (Varnish with xkey) to purge on
    /// every change, e.g. http://127.0.0.1:6081/; repeat for several, or
    /// give a comma-separated list [default: none]
    #[arg(
        long = "cdn-purge",
        env = "DATELINE_CDN_PURGE",
        value_name = "URL",
        value_delimiter = ','
    )]
    cdn_purge: Vec<String>,
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let overrides = Overrides {
        listen: args.listen,
        base_url: args.base_url,
        site_name: args.site_name,
        default_language: args.default_language,
        theme_dir: args.theme_dir,
        demo: args.no_demo.then_some(false),
        behind_proxy: args.behind_proxy.then_some(true),
        trusted_proxies: (!args.trusted_proxies.is_empty()).then_some(args.trusted_proxies),
        hsts: args.hsts,
        metrics_listen: args.metrics_listen,
        log_format: args.log_format,
        cdn_purge: (!args.cdn_purge.is_empty()).then_some(args.cdn_purge),
        ..args.data.overrides()
    };
    let config = Config::load(file, required, overrides)?;
    let _log = super::init_logging_as(&config.log, config.log_format);
    let running = dateline::server::start(&config).await?;
    let url = match &config.base_url {
        Some(_) => config.base_url(),
        None => format!("http://{}", running.addr),
    };
    // Written, not printed: a console that went away (a closed pipe) must
    // not stop the server.
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "Dateline is serving {url}/ (data in {})",
        config.data_dir.display()
    );
    if let Some(link) = &running.setup_url {
        let _ = writeln!(
            out,
            "No newsroom accounts yet: open {link} to make the first administrator \
             (or run `dateline user add --role admin EMAIL`)."
        );
    }
    if let Some(addr) = running.metrics_addr {
        let _ = writeln!(out, "Metrics for Prometheus at http://{addr}/metrics");
    }
    let _ = out.flush();
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight");
    running.stop().await?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or SIGTERM (what service managers and orchestrators send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
