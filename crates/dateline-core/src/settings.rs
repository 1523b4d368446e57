//! The site settings (comment policy and limits, blocklists, feeds): one
//! typed value, [`SiteSettings`], read from the store's key/value rows and
//! checked key by key against the ranges below.
//!
//! The command line, the newsroom and the readers all go through this
//! module, so a value one of them refuses the others refuse too, and no
//! reader ever works with a value outside its range: a bad value is refused
//! when it is set ([`SiteSettings::with`]), and one that is stored all the
//! same (an old release, an archive) is reported by [`SiteSettings::from_rows`]
//! and replaced by the documented default.

use crate::comment::ModerationPolicy;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What values a setting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `hold-all`, `hold-first-time` or `publish-all`.
    Policy,
    /// `true` or `false`.
    Bool,
    /// A whole number in `min..=max`.
    Number { min: i64, max: i64 },
    /// Free text of at most this many characters (blocklists).
    Text { max_chars: usize },
    /// Empty, or an http(s) URL of a WebSub hub.
    HubUrl,
    /// One of these words.
    Choice(&'static [&'static str]),
}

/// One setting: its key, the default a site starts with, what it does, and
/// what values it takes.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub key: &'static str,
    pub default: &'static str,
    pub help: &'static str,
    pub kind: Kind,
}

impl Spec {
    /// The values this setting takes, in words (for errors and `settings list`).
    pub fn allowed(&self) -> String {
        match self.kind {
            Kind::Policy => "hold-all, hold-first-time or publish-all".into(),
            Kind::Bool => "true or false".into(),
            Kind::Number { min, max } => format!("a whole number from {min} to {max}"),
            Kind::Text { max_chars } => format!("text of at most {max_chars} characters"),
            Kind::HubUrl => "empty, or an http:// or https:// URL of a public host".into(),
            Kind::Choice(words) => match words {
                [] => String::new(),
                [only] => (*only).to_string(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            },
        }
    }
}

/// Longest blocklist, in characters.
const LIST_CHARS: usize = 10_000;

/// Every setting, in the order `dateline settings list` and the newsroom
/// show them.
pub const SPECS: &[Spec] = &[
    Spec {
        key: "dateline.style",
        default: "run-in",
        help: "run-in: the dateline opens the first paragraph (\"Washington, October 4 (RHC) — The ...\"); own-line: it stands above the story",
        kind: Kind::Choice(&["run-in", "own-line"]),
    },
    Spec {
        key: "dateline.place",
        default: "as-typed",
        help: "as-typed: the place as written (Washington); capitals: in capitals (WASHINGTON), as AP sets it",
        kind: Kind::Choice(&["as-typed", "capitals"]),
    },
    Spec {
        key: "comments.policy",
        default: "hold-all",
        help: "hold-all, hold-first-time or publish-all",
        kind: Kind::Policy,
    },
    Spec {
        key: "feeds.full_content",
        default: "true",
        help: "true: feeds carry whole articles; false: summaries only",
        kind: Kind::Bool,
    },
    Spec {
        key: "feeds.websub_allow_private",
        default: "false",
        help: "true lets the WebSub hub be a loopback or private address (for testing only)",
        kind: Kind::Bool,
    },
    Spec {
        key: "feeds.websub_hub",
        default: "",
        help: "WebSub hub told of every publication, e.g. https://pubsubhubbub.appspot.com/; empty: none",
        kind: Kind::HubUrl,
    },
    Spec {
        key: "comments.close_after_days",
        default: "0",
        help: "close comments this many days after publication; 0 never",
        kind: Kind::Number { min: 0, max: 36_500 },
    },
    Spec {
        key: "comments.max_links",
        default: "2",
        help: "most links a comment may carry",
        kind: Kind::Number { min: 0, max: 100 },
    },
    Spec {
        key: "comments.rate_per_address",
        default: "5",
        help: "comments one address may post in 10 minutes",
        kind: Kind::Number {
            min: 1,
            max: 1_000_000,
        },
    },
    Spec {
        key: "comments.rate_per_email",
        default: "5",
        help: "comments one email may post in 10 minutes",
        kind: Kind::Number {
            min: 1,
            max: 1_000_000,
        },
    },
    Spec {
        key: "comments.per_form",
        default: "3",
        help: "comments one reader may post with one served form, before the form is refused as expired",
        kind: Kind::Number {
            min: 1,
            max: 1_000_000,
        },
    },
    Spec {
        key: "comments.min_seconds",
        default: "3",
        help: "a form sent back sooner than this after it was served is refused",
        kind: Kind::Number { min: 0, max: 3_600 },
    },
    Spec {
        key: "comments.max_hours",
        default: "4",
        help: "a form older than this is refused as expired (a refused form comes back with a fresh one)",
        kind: Kind::Number { min: 1, max: 24 },
    },
    Spec {
        key: "comments.blocked_words",
        default: "",
        help: "comma-separated words that send a comment to spam",
        kind: Kind::Text {
            max_chars: LIST_CHARS,
        },
    },
    Spec {
        key: "comments.blocked_domains",
        default: "",
        help: "comma-separated domains (email or links) that send a comment to spam",
        kind: Kind::Text {
            max_chars: LIST_CHARS,
        },
    },
];

/// The spec of a key, if it is a setting.
pub fn spec(key: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.key == key)
}

/// A value a setting does not take, as a sentence naming the key and what
/// it takes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("there is no setting {0:?}; `dateline settings list` shows them")]
    Unknown(String),
    #[error("{key} takes {allowed}, not {value:?}")]
    OutOfRange {
        key: &'static str,
        allowed: String,
        value: String,
    },
    #[error("{key}: {reason}")]
    Refused { key: &'static str, reason: String },
}

impl SettingError {
    /// The key the error is about.
    pub fn key(&self) -> &str {
        match self {
            SettingError::Unknown(k) => k,
            SettingError::OutOfRange { key, .. } | SettingError::Refused { key, .. } => key,
        }
    }
}

/// The site's settings, every one within its range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
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
                check_hub(hub, false).map_err(|reason| SettingError::Refused {
                    key: "feeds.websub_allow_private",
                    reason: format!("the hub {hub} needs it ({reason}); change the hub first"),
                })?;
            }
        }
        Ok((next, stored))
    }

    /// Sets one key from text, checking its range; the text to store.
    fn apply(&mut self, spec: &'static Spec, value: &str) -> Result<String, SettingError> {
        let out_of_range = || SettingError::OutOfRange {
            key: spec.key,
            allowed: spec.allowed(),
            value: value.chars().take(100).collect(),
        };
        let trimmed = value.trim();
        match spec.kind {
            Kind::Policy => {
                self.comments_policy = trimmed.parse().map_err(|_| out_of_range())?;
            }
            Kind::Bool => {
                let b = match trimmed {
                    "true" => true,
                    "false" => false,
                    _ => return Err(out_of_range()),
                };
                match spec.key {
                    "feeds.full_content" => self.feeds_full_content = b,
                    _ => self.websub_allow_private = b,
                }
            }
            Kind::Number { min, max } => {
                let n: i64 = trimmed.parse().map_err(|_| out_of_range())?;
                if !(min..=max).contains(&n) {
                    return Err(out_of_range());
                }
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
                    return Err(out_of_range());
                }
                match spec.key {
                    "comments.blocked_words" => self.blocked_words = value.to_string(),
                    _ => self.blocked_domains = value.to_string(),
                }
                return Ok(value.to_string());
            }
            Kind::Choice(words) => {
                let word = words
                    .iter()
                    .find(|w| **w == trimmed)
                    .ok_or_else(out_of_range)?;
                match spec.key {
                    "dateline.style" => self.dateline_run_in = *word == "run-in",
                    _ => self.dateline_capitals = *word == "capitals",
                }
            }
            Kind::HubUrl => {
                if trimmed.is_empty() {
                    self.websub_hub = None;
                } else {
                    check_hub(trimmed, self.websub_allow_private).map_err(|reason| {
                        SettingError::Refused {
                            key: spec.key,
                            reason,
                        }
                    })?;
                    self.websub_hub = Some(trimmed.to_string());
                }
            }
        }
        Ok(trimmed.to_string())
    }
}

/// Why a WebSub hub URL cannot be used, as a phrase, or Ok. Checks what can
/// be checked without the network: the scheme, the host's form, and, when
/// the host is an address, that it is public (unless private ones are
/// allowed). Names are resolved, and every address checked again, by the
/// caller that has the network (when the setting is set, and before each
/// ping).
pub fn check_hub(url: &str, allow_private: bool) -> Result<(), String> {
    let host = hub_host(url)?;
    if allow_private {
        return Ok(());
    }
    if let Some(ip) = parse_ip(&host) {
        if !is_public_address(ip) {
            return Err(format!(
                "{ip} is a loopback, private or otherwise local address; the hub must be public \
                 (feeds.websub_allow_private = true allows it, for testing)"
            ));
        }
    } else if host == "localhost" || host.ends_with(".localhost") {
        return Err(format!(
            "{host} is this machine; the hub must be public \
             (feeds.websub_allow_private = true allows it, for testing)"
        ));
    }
    Ok(())
}

/// The host of an http(s) URL (lowercased, without brackets or port), or
/// why there is none.
pub fn hub_host(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| "the hub must be an http:// or https:// URL".to_string())?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.len() > 2000 {
        return Err("the hub's URL may not contain spaces and is at most 2,000 bytes".into());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err("the hub's URL may not carry a user name or password".into());
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    let host = host.trim_end_matches('.');
    if host.is_empty() {
        return Err("the hub's URL has no host".into());
    }
    Ok(host.to_string())
}

/// A host written as an address: dotted IPv4, or IPv6 (bracketed in URLs).
fn parse_ip(host: &str) -> Option<IpAddr> {
    host.parse().ok()
}

/// Whether an address is on the public internet: not loopback, private,
/// link-local (the cloud metadata address 169.254.169.254 among them),
/// unique-local, unspecified, multicast, broadcast, shared (carrier NAT)
/// or reserved, and not an IPv6 form of one of those IPv4 addresses.
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    if s[0] == 0x2002 {
        return is_public_v4(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || s[0..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible and other ::/96
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_in_range_and_match_the_specs() {
        let d = SiteSettings::default();
        let (parsed, errors) = SiteSettings::from_rows(SPECS.iter().map(|s| (s.key, s.default)));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(parsed, d);
        assert_eq!(d.max_hours, 4);
        assert_eq!(d.comments_policy, ModerationPolicy::HoldAll);
    }

    #[test]
    fn the_dateline_house_style_is_one_of_its_words() {
        let s = SiteSettings::default();
        assert!(
            s.dateline_run_in && !s.dateline_capitals,
            "the seed's style"
        );
        let (s, stored) = s.with("dateline.style", " own-line ").unwrap();
        assert_eq!(stored, "own-line");
        assert!(!s.dateline_run_in);
        let (s, _) = s.with("dateline.place", "capitals").unwrap();
        assert!(s.dateline_capitals);
        let e = s
            .with("dateline.place", "CAPITALS")
            .unwrap_err()
            .to_string();
        assert!(e.contains("as-typed or capitals"), "{e}");
    }

    #[test]
    fn values_out_of_range_are_refused_with_a_sentence() {
        let s = SiteSettings::default();
        let refused = |key: &str, value: &str| {
            s.with(key, value)
                .expect_err(&format!("{key} = {value}"))
                .to_string()
        };
        assert_eq!(
            refused("comments.max_hours", "99999999999"),
            "comments.max_hours takes a whole number from 1 to 24, not \"99999999999\""
        );
        assert!(refused("comments.max_hours", "0").contains("from 1 to 24"));
        assert!(refused("comments.max_hours", "-1").contains("from 1 to 24"));
        assert!(refused("comments.min_seconds", "x").contains("whole number"));
        assert!(refused("comments.policy", "publish").contains("hold-all"));
        assert!(refused("feeds.full_content", "yes").contains("true or false"));
        assert!(refused("comments.blocked_words", &"x".repeat(10_001)).contains("10000"));
        assert!(refused("no.such", "1").contains("no setting"));
        let (next, stored) = s.with("comments.max_hours", " 12 ").expect("in range");
        assert_eq!((next.max_hours, stored.as_str()), (12, "12"));
        assert_eq!(next.max_form_seconds(), 12 * 3600);
    }

    #[test]
    fn a_private_hub_stored_with_its_allowance_is_read_back() {
        let (s, errors) = SiteSettings::from_rows([
            ("feeds.websub_hub", "http://127.0.0.1:9/"),
            ("feeds.websub_allow_private", "true"),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.websub_hub.as_deref(), Some("http://127.0.0.1:9/"));
        let allowance = SPECS
            .iter()
            .position(|s| s.key == "feeds.websub_allow_private");
        let hub = SPECS.iter().position(|s| s.key == "feeds.websub_hub");
        assert!(allowance < hub);
    }

    #[test]
    fn bad_stored_values_fall_back_to_the_default_and_are_reported() {
        let (s, errors) = SiteSettings::from_rows([
            ("comments.max_hours", "99999999999"),
            ("comments.max_links", "7"),
            ("secret.forms", "abc"),
        ]);
        assert_eq!(s.max_hours, 4);
        assert_eq!(s.max_links, 7);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key(), "comments.max_hours");
    }

    #[test]
    fn hubs_must_be_public_unless_allowed() {
        let s = SiteSettings::default();
        for bad in [
            "http://127.0.0.1:9/",
            "http://10.0.0.1/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data",
            "http://192.168.1.1/",
            "http://172.16.0.1/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/",
            "http://224.0.0.1/",
            "http://100.64.0.1/",
            "http://localhost:8080/",
            "https://hub.localhost/",
            "ftp://hub.example/",
            "https://user:pw@hub.example/",
            "https:///",
        ] {
            assert!(
                s.with("feeds.websub_hub", bad).is_err(),
                "{bad} was accepted"
            );
        }
        for good in [
            "https://pubsubhubbub.appspot.com/",
            "http://203.0.113.9:8080/hub",
            "https://[2001:db8::1]/",
            "",
        ] {
            assert!(s.with("feeds.websub_hub", good).is_ok(), "{good}");
        }
        let (allowed, _) = s
            .with("feeds.websub_allow_private", "true")
            .expect("a bool");
        let (with_hub, _) = allowed
            .with("feeds.websub_hub", "http://127.0.0.1:9/")
            .expect("allowed for tests");
        assert_eq!(with_hub.websub_hub.as_deref(), Some("http://127.0.0.1:9/"));
        // The allowance cannot be withdrawn from under a private hub.
        assert!(with_hub
            .with("feeds.websub_allow_private", "false")
            .is_err());
        // A stored private hub without the allowance is not used.
        let (read, errors) = SiteSettings::from_rows([("feeds.websub_hub", "http://10.0.0.1/")]);
        assert_eq!((read.websub_hub, errors.len()), (None, 1));
    }

    #[test]
    fn public_addresses() {
        for public in [
            "8.8.8.8",
            "203.0.113.1",
            "2606:4700::1111",
            "64:ff9b::808:808",
        ] {
            let ip: IpAddr = public.parse().expect("ip");
            assert!(is_public_address(ip), "{public}");
        }
        for local in [
            "127.0.0.2",
            "::",
            "64:ff9b::a00:1",
            "2002:a00:1::",
            "::127.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "fec0::1",
            "ff02::1",
        ] {
            let ip: IpAddr = local.parse().expect("ip");
            assert!(!is_public_address(ip), "{local}");
        }
    }
}
