//! Starting the site: open the store, load the demo edition into an empty
//! one, build the renderer and bind the listener.

use crate::config::Config;
use dateline_render::Renderer;
use dateline_store::Store;
use dateline_web::{AppState, WebConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// A running server: its address, and the means to stop it.
pub struct Running {
    pub addr: SocketAddr,
    /// On a site without newsroom accounts: the one-time link that makes
    /// the first administrator (printed to the console by `serve`).
    pub setup_url: Option<String>,
    /// Where Prometheus scrapes `/metrics`, when metrics are on.
    pub metrics_addr: Option<SocketAddr>,
    pub state: Arc<AppState>,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    metrics_task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Stops accepting, finishes requests in flight, and closes the store.
    pub async fn stop(self) -> std::io::Result<()> {
        let _ = self.shutdown.send(());
        let result = self.task.await.unwrap_or(Ok(()));
        if let Some(metrics) = self.metrics_task {
            metrics.abort();
        }
        self.state.app.store.close().await;
        result
    }
}

/// Opens everything and starts serving in the background.
pub async fn start(config: &Config) -> anyhow::Result<Running> {
    let store = Store::open(&config.data_dir, config.database_url.as_ref())
        .await
        .map_err(|e| match &config.database_url {
            Some(url) => anyhow::anyhow!("cannot open the database {url}: {e}"),
            None => anyhow::anyhow!(
                "cannot open the database in {}: {e}",
                config.data_dir.display()
            ),
        })?;
    // Nodes started together on one empty PostgreSQL load the demo once.
    let setup = store.lock_setup().await?;
    if config.demo && store.is_empty().await? {
        let report = crate::demo::load(&store, OffsetDateTime::now_utc()).await?;
        tracing::info!("loaded the demo edition: {}", report.summary());
        for failure in &report.failed {
            tracing::warn!("demo edition: {failure}");
        }
    }
    setup.release().await?;
    let renderer = Renderer::new(config.theme_dir.clone())?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr()?;
    // Bound, and the recorder installed, before the state is made: the
    // state's request series are handles on the installed recorder.
    let metrics = match config.metrics_listen {
        Some(at) => {
            let listener = tokio::net::TcpListener::bind(at)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen for metrics on {at}: {e}"))?;
            let handle = dateline_web::metrics::install()
                .map_err(|e| anyhow::anyhow!("cannot record metrics: {e}"))?;
            Some((listener, handle))
        }
        None => None,
    };
    let base_url = match &config.base_url {
        Some(_) => config.base_url(),
        None => format!("http://{addr}"),
    };
    let web = WebConfig {
        site_name: config.site_name.clone(),
        base_url,
        default_language: config.default_language,
        cache_bytes: config.cache_mib.saturating_mul(1024 * 1024),
        follow_interval: Duration::from_millis(500),
        trusted_proxies: config.trusted_proxies()?,
        hsts: config.hsts,
        connections_per_address: config.connections_per_address.max(1),
        media: config.media()?,
        cdn_purge: config.cdn_purge()?,
    };
    let secret = store.site_secret().await?;
    let setup_url = setup_link(&store, &web.base_url).await?;
    let (search, opened) = crate::index::open(config)?;
    let rebuild = match opened {
        dateline_search::Opened::Current { cursor } => {
            tracing::info!(cursor, articles = search.len(), "search index opened");
            false
        }
        dateline_search::Opened::Rebuild { reason } => {
            tracing::info!("rebuilding the search index: {reason}");
            true
        }
    };
    let discovery = dateline_app::discovery::Discovery::new(search, !rebuild);
    let state = AppState::new(store, renderer, web, secret, discovery);
    if rebuild {
        // The site serves meanwhile; searches answer from what is in.
        dateline_app::discovery::index::spawn_rebuild(state.app.clone(), crate::index::progress());
    }
    let (metrics_addr, metrics_task) = match metrics {
        Some((listener, handle)) => (
            Some(listener.local_addr()?),
            Some(tokio::spawn(dateline_web::metrics::serve(
                listener,
                state.clone(),
                handle,
                std::future::pending(),
            ))),
        ),
        None => (None, None),
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(dateline_web::serve(listener, state.clone(), async move {
        let _ = rx.await;
    }));
    Ok(Running {
        addr,
        setup_url,
        metrics_addr,
        state,
        shutdown: tx,
        task,
        metrics_task,
    })
}

/// The first administrator's setup link, on a fresh site (see
/// `dateline_app::accounts::links::new_setup_link`).
async fn setup_link(store: &Store, base_url: &str) -> anyhow::Result<Option<String>> {
    let token =
        dateline_app::accounts::links::new_setup_link(store, OffsetDateTime::now_utc()).await?;
    Ok(token.map(|token| format!("{base_url}/newsroom/setup/{token}")))
}
