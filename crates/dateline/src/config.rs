//! Configuration: one typed struct, loaded once.
//!
//! Precedence, highest first: command-line flags, `DATELINE_*` environment
//! variables (clap reads both, and `--help` shows each variable's name),
//! the `dateline.toml` file, then the defaults below.

use dateline_core::Language;
use dateline_store::DatabaseUrl;
use figment::providers::{Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Every setting, as `dateline.toml` spells it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folder holding the SQLite database (and later the search index and media).
    pub data_dir: PathBuf,
    /// A PostgreSQL URL (`postgres://user:password@host/db`) to run on
    /// instead of the SQLite file in `data_dir`. Never logged with its password.
    pub database_url: Option<DatabaseUrl>,
    /// Address and port the server listens on.
    pub listen: SocketAddr,
    /// Public origin for canonical links, e.g. `https://news.example.org`.
    /// Defaults to `http://{listen}`.
    pub base_url: Option<String>,
    /// The site's name in the masthead and page titles.
    pub site_name: String,
    /// The language `/` leads to.
    pub default_language: Language,
    /// A folder whose templates replace the built-in ones of the same name.
    pub theme_dir: Option<PathBuf>,
    /// Load the bundled demo edition when the database is empty.
    pub demo: bool,
    /// Served behind a reverse proxy on this machine (loopback) that appends
    /// the reader's address to `X-Forwarded-For`; shorthand for
    /// `trusted_proxies = ["127.0.0.0/8", "::1/128"]`.
    pub behind_proxy: bool,
    /// The reverse proxies and load balancers (addresses or CIDR ranges)
    /// allowed to name the reader's address (`X-Forwarded-For`) and scheme
    /// (`X-Forwarded-Proto`). From any other peer those headers are dropped.
    pub trusted_proxies: Vec<String>,
    /// Most connections open at once from one address (trusted proxies
    /// excepted); past it a new connection from that address is closed.
    pub connections_per_address: u32,
    /// Most mebibytes of pages (with their compressed forms) the in-memory
    /// page cache holds; the least recently used go first.
    pub cache_mib: u64,
    /// HSTS: `Strict-Transport-Security: max-age=` this many seconds on
    /// every response, when `base_url` is https. Off when unset.
    pub hsts: Option<u64>,
    /// Log filter, e.g. `info` or `dateline=debug,info` (RUST_LOG wins).
    pub log: String,
    /// Where new uploads' bytes go: `files`, the file store (the data
    /// directory's `media` folder, or `media_store_url`), or `database`.
    pub media_storage: MediaPlace,
    /// The file store in an S3-compatible bucket, `s3://bucket[/prefix]`,
    /// which every node of a site reads (endpoint, region and keys from the
    /// standard `AWS_*` variables). Unset: the data directory's `media`
    /// folder, which only this node sees.
    pub media_store_url: Option<String>,
    /// How log lines are written: `text` (one line of key=value pairs) or
    /// `json` (one JSON object per line, for a log collector).
    pub log_format: LogFormat,
    /// Address and port of the private listener that answers Prometheus'
    /// `GET /metrics`, e.g. `127.0.0.1:9100` or an internal interface's
    /// address. Off when unset; never served on `listen`.
    pub metrics_listen: Option<SocketAddr>,
    /// The cache servers in front of the nodes (Varnish with its `xkey`
    /// module, or any CDN that takes a `PURGE` with an `xkey-purge`
    /// header), e.g. `["http://127.0.0.1:6081/"]`. When set, pages carry
    /// their surrogate keys and a shared-cache lifetime, and each change
    /// is purged there once, by the first node to claim it.
    pub cdn_purge: Vec<String>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// See [`Config::media_storage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MediaPlace {
    Files,
    Database,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("dateline-data"),
            database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            base_url: None,
            site_name: "Dateline".into(),
            default_language: Language::En,
            theme_dir: None,
            demo: true,
            behind_proxy: false,
            trusted_proxies: Vec::new(),
            connections_per_address: 512,
            cache_mib: 128,
            hsts: None,
            log: "info".into(),
            media_storage: MediaPlace::Files,
            media_store_url: None,
            log_format: LogFormat::Text,
            metrics_listen: None,
            cdn_purge: Vec::new(),
        }
    }
}

/// The subset of settings given on the command line or in the environment;
/// unset fields leave the file's or the default value alone.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<DatabaseUrl>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_storage: Option<MediaPlace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_store_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_language: Option<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub behind_proxy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_proxies: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hsts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdn_purge: Option<Vec<String>>,
}

impl Config {
    /// Loads `file` (when it exists, or always when `required`) under the overrides.
    pub fn load(file: &Path, required: bool, overrides: Overrides) -> anyhow::Result<Config> {
        if required && !file.exists() {
            anyhow::bail!("the configuration file {} does not exist", file.display());
        }
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration ({}): {e}", file.display()))?;
        Ok(config)
    }

    /// The trusted proxies as networks: those listed, or loopback when only
    /// `behind_proxy` is set; none otherwise. A bad entry is an error that
    /// names it.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<ipnet::IpNet>> {
        let mut nets = Vec::new();
        for entry in &self.trusted_proxies {
            let entry = entry.trim();
            let net = entry
                .parse::<ipnet::IpNet>()
                .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    anyhow::anyhow!(
                        "trusted_proxies: {entry:?} is neither an address nor a CIDR range \
                         (such as 10.0.0.0/8 or 2001:db8::/32)"
                    )
                })?;
            nets.push(net);
        }
        if nets.is_empty() && self.behind_proxy {
            nets = ["127.0.0.0/8", "::1/128"]
                .iter()
                .filter_map(|n| n.parse().ok())
                .collect();
        }
        Ok(nets)
    }

    /// Where uploads' bytes are kept, with the file store opened (the
    /// folder made when missing).
    pub fn media(&self) -> anyhow::Result<dateline_app::media_storage::MediaStorage> {
        let files = match &self.media_store_url {
            Some(url) => dateline_files::Files::s3(url)?,
            // Files are named `media/…`: they land in the data directory's
            // media folder.
            None => dateline_files::Files::folder(&self.data_dir)?,
        };
        Ok(dateline_app::media_storage::MediaStorage {
            files: Some(files),
            uploads_in_files: self.media_storage == MediaPlace::Files,
        })
    }

    /// The cache servers to purge, each an http(s) URL.
    pub fn cdn_purge(&self) -> anyhow::Result<Vec<String>> {
        for url in &self.cdn_purge {
            let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
            if !scheme_ok || url.chars().any(char::is_whitespace) {
                anyhow::bail!(
                    "cdn_purge: {url:?} is not an http:// or https:// address of a cache server"
                );
            }
        }
        Ok(self.cdn_purge.clone())
    }

    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.listen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_file_beats_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("dateline.toml");
        std::fs::write(
            &file,
            "site_name = \"Radio Habana\"\nlisten = \"127.0.0.1:9000\"\n",
        )
        .expect("write");
        let config = Config::load(
            &file,
            true,
            Overrides {
                listen: Some("127.0.0.1:9100".parse().expect("addr")),
                ..Default::default()
            },
        )
        .expect("load");
        assert_eq!(config.site_name, "Radio Habana");
        assert_eq!(config.listen.port(), 9100);
        assert_eq!(config.data_dir, PathBuf::from("dateline-data"));
    }

    #[test]
    fn hsts_is_off_unless_set() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("dateline.toml");
        assert_eq!(
            Config::load(&file, false, Overrides::default())
                .expect("load")
                .hsts,
            None
        );
        std::fs::write(&file, "hsts = 31536000\n").expect("write");
        let config = Config::load(&file, true, Overrides::default()).expect("load");
        assert_eq!(config.hsts, Some(31_536_000));
        let flagged = Config::load(
            &file,
            true,
            Overrides {
                hsts: Some(600),
                ..Default::default()
            },
        )
        .expect("load");
        assert_eq!(flagged.hsts, Some(600));
        std::fs::write(&file, "hsts = -1\n").expect("write");
        assert!(Config::load(&file, true, Overrides::default()).is_err());
    }

    #[test]
    fn metrics_and_log_format_are_read_from_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("dateline.toml");
        let config = Config::load(&file, false, Overrides::default()).expect("load");
        assert_eq!(config.metrics_listen, None, "off unless set");
        assert_eq!(config.log_format, LogFormat::Text);
        std::fs::write(
            &file,
            "metrics_listen = \"10.0.0.5:9100\"\nlog_format = \"json\"\n",
        )
        .expect("write");
        let config = Config::load(&file, true, Overrides::default()).expect("load");
        assert_eq!(
            config.metrics_listen,
            Some("10.0.0.5:9100".parse().expect("addr"))
        );
        assert_eq!(config.log_format, LogFormat::Json);
        std::fs::write(&file, "log_format = \"xml\"\n").expect("write");
        assert!(Config::load(&file, true, Overrides::default()).is_err());
    }

    #[test]
    fn the_database_password_never_shows() {
        let config = Config {
            database_url: Some(DatabaseUrl::new("postgres://news:hunter2@db/news")),
            ..Config::default()
        };
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("dateline.toml");
        std::fs::write(&file, "sitename = \"typo\"\n").expect("write");
        let err = Config::load(&file, true, Overrides::default()).expect_err("must fail");
        assert!(err.to_string().contains("sitename"), "{err}");
    }

    #[test]
    fn a_named_file_must_exist() {
        assert!(Config::load(
            Path::new("/nonexistent/dateline.toml"),
            true,
            Overrides::default()
        )
        .is_err());
        assert!(Config::load(
            Path::new("/nonexistent/dateline.toml"),
            false,
            Overrides::default()
        )
        .is_ok());
    }

    #[test]
    fn cache_servers_to_purge_must_be_http_addresses() {
        let mut config = Config {
            cdn_purge: vec![
                "http://10.0.0.7:6081/".into(),
                "https://cdn.example.org/".into(),
            ],
            ..Config::default()
        };
        assert_eq!(config.cdn_purge().expect("valid").len(), 2);
        config.cdn_purge = vec!["varnish:6081".into()];
        let refused = config.cdn_purge().expect_err("no scheme");
        assert!(refused.to_string().contains("cdn_purge"), "{refused}");
    }
}
