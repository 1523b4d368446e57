//! The site's settings as one typed value, every one within its range.

use super::check::check_https;
use super::*;
use crate::comment::ModerationPolicy;
use crate::zone::SiteZone;

/// The site's settings, every one within its range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// The site's name; None: the configured `--site-name`.
    pub site_name: Option<String>,
    /// The masthead's logo: an image of the media library.
    pub logo_id: Option<i64>,
    /// The zone every time a person reads is shown in.
    pub time_zone: SiteZone,
    pub footer_links: Vec<Link>,
    /// The site's social accounts, in [`Network::ALL`]'s order.
    pub social: Vec<SocialAccount>,
    pub comments_policy: ModerationPolicy,
    pub feeds_full_content: bool,
    /// The WebSub hub, when one is set.
    pub websub_hub: Option<String>,
    /// Whether the hub may be a loopback or private address (tests only).
    pub websub_allow_private: bool,
    pub close_after_days: i64,
    pub max_links: usize,
    pub rate_per_address: i64,
    pub rate_per_email: i64,
    /// Comments one reader may post with one served form.
    pub per_form: i64,
    pub min_seconds: i64,
    pub max_hours: i64,
    pub blocked_words: String,
    pub blocked_domains: String,
    /// House style: the dateline opens the first paragraph (else it
    /// stands on its own line).
    pub dateline_run_in: bool,
    /// House style: the dateline's place in capitals.
    pub dateline_capitals: bool,
}

impl Default for SiteSettings {
    /// Every setting at its documented default.
    fn default() -> SiteSettings {
        let mut s = SiteSettings {
            site_name: None,
            logo_id: None,
            time_zone: SiteZone::utc(),
            footer_links: Vec::new(),
            social: Vec::new(),
            comments_policy: ModerationPolicy::HoldAll,
            feeds_full_content: true,
            websub_hub: None,
            websub_allow_private: false,
            close_after_days: 0,
            max_links: 2,
            rate_per_address: 5,
            rate_per_email: 5,
            per_form: 3,
            min_seconds: 3,
            max_hours: 4,
            blocked_words: String::new(),
            blocked_domains: String::new(),
            dateline_run_in: true,
            dateline_capitals: false,
        };
        for spec in SPECS {
            // The defaults are in range by construction (a test checks).
            let _ = s.apply(spec, spec.default);
        }
        s
    }
}

impl SiteSettings {
    /// A form older than this (in seconds) is refused as expired.
    pub fn max_form_seconds(&self) -> i64 {
        self.max_hours.saturating_mul(3600)
    }

    /// The site's name: the setting, else the configured one.
    pub fn name_or<'a>(&'a self, configured: &'a str) -> &'a str {
        self.site_name.as_deref().unwrap_or(configured)
    }

    /// The settings from stored rows (unknown keys, such as the site's
    /// secrets, are ignored). A stored value out of its range is not used:
    /// the key keeps its default and the error is returned, for the caller
    /// to log.
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (SiteSettings, Vec<SettingError>) {
        let mut settings = SiteSettings::default();
        let mut errors = Vec::new();
        let rows: Vec<(&str, &str)> = rows.into_iter().collect();
        // In the order of SPECS, where the allowance comes before the hub
        // that may depend on it.
        for spec in SPECS {
            if let Some((_, value)) = rows.iter().find(|(k, _)| *k == spec.key) {
                if let Err(e) = settings.apply(spec, value) {
                    errors.push(e);
                }
            }
        }
        (settings, errors)
    }

    /// These settings with `key` set to `value`, or why it cannot be; the
    /// value as it should be stored comes with it (trimmed).
    pub fn with(&self, key: &str, value: &str) -> Result<(SiteSettings, String), SettingError> {
        let spec = spec(key).ok_or_else(|| SettingError::Unknown(key.to_string()))?;
        let mut next = self.clone();
        let stored = next.apply(spec, value)?;
        // Withdrawing the allowance while a private hub is set would leave a
        // value the site refuses: say so instead.
        if spec.key == "feeds.websub_allow_private" && !next.websub_allow_private {
            if let Some(hub) = &next.websub_hub {
                if check_hub(hub, false).is_err() {
                    return Err(SettingError::Invalid {
                        key: spec.key,
                        value: value.chars().take(100).collect(),
                        problem: Problem::HubNeedsAllowance { hub: hub.clone() },
                    });
                }
            }
        }
        Ok((next, stored))
    }

    /// Sets one key from text, checking its range; the text to store.
    fn apply(&mut self, spec: &'static Spec, value: &str) -> Result<String, SettingError> {
        let refuse = |problem: Problem| SettingError::Invalid {
            key: spec.key,
            value: value.chars().take(100).collect(),
            problem,
        };
        let trimmed = value.trim();
        match spec.kind {
            Kind::Bool => {
                let b = match trimmed {
                    "true" => true,
                    "false" => false,
                    _ => return Err(refuse(Problem::NotOneOf)),
                };
                match spec.key {
                    "feeds.full_content" => self.feeds_full_content = b,
                    _ => self.websub_allow_private = b,
                }
            }
            Kind::Number { min, max } => {
                let n: i64 = trimmed
                    .parse()
                    .ok()
                    .filter(|n| (min..=max).contains(n))
                    .ok_or_else(|| refuse(Problem::Range { min, max }))?;
                match spec.key {
                    "comments.close_after_days" => self.close_after_days = n,
                    "comments.max_links" => self.max_links = usize::try_from(n).unwrap_or(0),
                    "comments.rate_per_address" => self.rate_per_address = n,
                    "comments.rate_per_email" => self.rate_per_email = n,
                    "comments.per_form" => self.per_form = n,
                    "comments.min_seconds" => self.min_seconds = n,
                    _ => self.max_hours = n,
                }
            }
            Kind::Text { max_chars } => {
                if value.chars().count() > max_chars {
                    return Err(refuse(Problem::TooLong { max_chars }));
                }
                match spec.key {
                    "comments.blocked_words" => self.blocked_words = value.to_string(),
                    _ => self.blocked_domains = value.to_string(),
                }
                return Ok(value.to_string());
            }
            Kind::Line { max_chars } => {
                if trimmed.chars().any(char::is_control) {
                    return Err(refuse(Problem::NotOneLine));
                }
                if trimmed.chars().count() > max_chars {
                    return Err(refuse(Problem::TooLong { max_chars }));
                }
                self.site_name = Some(trimmed.to_string()).filter(|n| !n.is_empty());
            }
            Kind::Choice(words) => {
                let word = words
                    .iter()
                    .find(|w| **w == trimmed)
                    .ok_or_else(|| refuse(Problem::NotOneOf))?;
                match spec.key {
                    "comments.policy" => {
                        self.comments_policy =
                            word.parse().map_err(|_| refuse(Problem::NotOneOf))?
                    }
                    "dateline.style" => self.dateline_run_in = *word == "run-in",
                    _ => self.dateline_capitals = *word == "capitals",
                }
            }
            Kind::HubUrl => {
                if trimmed.is_empty() {
                    self.websub_hub = None;
                } else {
                    check_hub(trimmed, self.websub_allow_private)
                        .map_err(|why| refuse(Problem::Hub(why)))?;
                    self.websub_hub = Some(trimmed.to_string());
                }
            }
            Kind::MediaId => {
                self.logo_id = match trimmed {
                    "" => None,
                    id => Some(
                        id.parse::<i64>()
                            .ok()
                            .filter(|id| *id > 0)
                            .ok_or_else(|| refuse(Problem::NotAnImage))?,
                    ),
                };
            }
            Kind::TimeZone => {
                let zone = SiteZone::parse(trimmed).ok_or_else(|| refuse(Problem::UnknownZone))?;
                let name = zone.name().to_string();
                self.time_zone = zone;
                return Ok(name);
            }
            Kind::Links { max } => {
                let links = parse_links(value, max).map_err(refuse)?;
                let stored = links
                    .iter()
                    .map(|l| format!("{} = {}", l.label, l.url))
                    .collect::<Vec<_>>()
                    .join("\n");
                self.footer_links = links;
                return Ok(stored);
            }
            Kind::HttpsUrl => {
                let network = Network::of_key(spec.key);
                self.social.retain(|a| Some(a.network) != network);
                if !trimmed.is_empty() {
                    check_https(trimmed).map_err(|()| refuse(Problem::NotHttps))?;
                    if let Some(network) = network {
                        self.social.push(SocialAccount {
                            network,
                            name: network.name(),
                            url: trimmed.to_string(),
                        });
                        self.social
                            .sort_by_key(|a| Network::ALL.iter().position(|n| *n == a.network));
                    }
                }
            }
        }
        Ok(trimmed.to_string())
    }
}
