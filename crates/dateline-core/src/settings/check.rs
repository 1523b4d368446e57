//! The checks of values the kinds alone do not settle: footer links, https
//! URLs, and a WebSub hub's address (public, unless allowed).

use super::*;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Footer links from their text, one a line as `Label = URL` (blank lines
/// skipped): at most `max`, each checked by [`check_link`].
pub fn parse_links(text: &str, max: usize) -> Result<Vec<Link>, Problem> {
    let mut links = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // The URL has no spaces, so the last " = " splits the line even
        // when the label holds one.
        let (label, url) = match line.rsplit_once(" = ") {
            Some(pair) => pair,
            None => match line.strip_prefix('=') {
                Some(url) => ("", url),
                None => (line, ""),
            },
        };
        let link = check_link(label, url).map_err(|problem| Problem::Link {
            row: i + 1,
            problem,
        })?;
        if links.len() == max {
            return Err(Problem::TooManyLinks { max });
        }
        links.push(link);
    }
    Ok(links)
}

/// One footer link, checked: a label of 1 to [`MAX_LINK_LABEL`] characters
/// on one line, and a URL that is http(s) or an address on this site
/// (starting with one `/`), never `javascript:` or another scheme.
pub fn check_link(label: &str, url: &str) -> Result<Link, LinkProblem> {
    let label = label.trim();
    let url = url.trim();
    if label.is_empty() {
        return Err(LinkProblem::NoLabel);
    }
    if label.chars().count() > MAX_LINK_LABEL || label.chars().any(char::is_control) {
        return Err(LinkProblem::LabelTooLong);
    }
    if url.is_empty() {
        return Err(LinkProblem::NoUrl);
    }
    if url.len() > MAX_URL {
        return Err(LinkProblem::UrlTooLong);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.contains('\\') {
        return Err(LinkProblem::BadUrl);
    }
    let site_relative = url.starts_with('/') && !url.starts_with("//");
    if !site_relative && web_url(url, &["http", "https"]).is_err() {
        return Err(LinkProblem::BadUrl);
    }
    Ok(Link {
        label: label.to_string(),
        url: url.to_string(),
    })
}

/// An https URL with a host and no user name or password.
pub(super) fn check_https(url: &str) -> Result<(), ()> {
    if url.len() > MAX_URL {
        return Err(());
    }
    web_url(url, &["https"])
}

/// A URL of one of these schemes, with a host, no credentials, and no
/// spaces or control characters.
fn web_url(text: &str, schemes: &[&str]) -> Result<(), ()> {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) || text.contains('\\') {
        return Err(());
    }
    let url = url::Url::parse(text).map_err(|_| ())?;
    if !schemes.contains(&url.scheme())
        || url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(());
    }
    Ok(())
}

/// Why a WebSub hub URL cannot be used, or Ok. Checks what can be checked
/// without the network: the scheme, the host's form, and, when the host is
/// an address, that it is public (unless private ones are allowed). Names
/// are resolved, and every address checked again, by the caller that has
/// the network (when the setting is set, and before each ping).
pub fn check_hub(url: &str, allow_private: bool) -> Result<(), HubProblem> {
    let host = hub_host(url)?;
    if allow_private {
        return Ok(());
    }
    if let Some(ip) = parse_ip(&host) {
        if !is_public_address(ip) {
            return Err(HubProblem::Local {
                address: Some(ip.to_string()),
                host,
            });
        }
    } else if host == "localhost" || host.ends_with(".localhost") {
        return Err(HubProblem::Local {
            host,
            address: None,
        });
    }
    Ok(())
}

/// The host of an http(s) URL (lowercased, without brackets or port), or
/// why there is none.
pub fn hub_host(url: &str) -> Result<String, HubProblem> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(HubProblem::NotHttp)?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.len() > 2000 {
        return Err(HubProblem::Malformed);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(HubProblem::Credentials);
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    let host = host.trim_end_matches('.');
    if host.is_empty() {
        return Err(HubProblem::NoHost);
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
