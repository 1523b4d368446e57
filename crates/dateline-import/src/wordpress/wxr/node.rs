//! One channel-level element (an item, an author, a term) as a small tree,
//! built from the XML events under a byte budget, then read into typed
//! values by `build`. Elements are told apart by namespace URI, not by
//! prefix, so `wp:` bound elsewhere (or another prefix bound to WordPress's
//! namespace) is read as it means.

/// The namespaces an export uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// No namespace: RSS's own elements.
    None,
    /// `http(s)://wordpress.org/export/1.x/`.
    Wp,
    /// `http(s)://wordpress.org/export/1.x/excerpt/`.
    Excerpt,
    /// `http://purl.org/rss/1.0/modules/content/`.
    Content,
    /// `http://purl.org/dc/elements/1.1/`.
    Dc,
    Other,
}

impl Ns {
    /// The namespace of a URI. Both http and https are accepted (WordPress
    /// teams publish exports with either), and any `1.x` version.
    pub fn of(uri: &[u8]) -> Ns {
        let rest = uri
            .strip_prefix(b"http://")
            .or_else(|| uri.strip_prefix(b"https://"));
        let Some(rest) = rest else {
            return Ns::Other;
        };
        if let Some(version) = rest.strip_prefix(b"wordpress.org/export/") {
            let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
            let (number, tail) = match version.iter().position(|&b| b == b'/') {
                Some(at) => (&version[..at], &version[at + 1..]),
                None => return Ns::Other,
            };
            let versioned = match number.iter().position(|&b| b == b'.') {
                Some(dot) => digits(&number[..dot]) && digits(&number[dot + 1..]),
                None => false,
            };
            return match (versioned, tail) {
                (true, b"") => Ns::Wp,
                (true, b"excerpt/") => Ns::Excerpt,
                _ => Ns::Other,
            };
        }
        match rest {
            b"purl.org/rss/1.0/modules/content/" => Ns::Content,
            b"purl.org/dc/elements/1.1/" => Ns::Dc,
            _ => Ns::Other,
        }
    }
}

/// An element with its direct text and its child elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub ns: Ns,
    pub name: String,
    /// Attributes by local name (prefixes dropped; `xmlns` ones left out).
    pub attrs: Vec<(String, String)>,
    /// Text and CDATA directly inside, concatenated.
    pub text: String,
    pub children: Vec<Node>,
    pub line: u64,
}

impl Node {
    pub fn new(ns: Ns, name: String, line: u64) -> Node {
        Node {
            ns,
            name,
            attrs: Vec::new(),
            text: String::new(),
            children: Vec::new(),
            line,
        }
    }

    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The first child of that name: as WordPress's importer reads a
    /// field given twice.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    pub fn all<'a>(&'a self, ns: Ns, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The bytes a record may take in memory, nodes included.
pub struct Budget {
    left: usize,
    pub exceeded: bool,
}

/// What a node costs besides its text, roughly its size in memory.
const NODE_COST: usize = 96;

impl Budget {
    pub fn new(bytes: usize) -> Budget {
        Budget {
            left: bytes,
            exceeded: false,
        }
    }

    /// Takes `bytes` from the budget; false (and exceeded from then on)
    /// when they do not fit.
    pub fn take(&mut self, bytes: usize) -> bool {
        if self.exceeded || bytes > self.left {
            self.exceeded = true;
            return false;
        }
        self.left -= bytes;
        true
    }

    pub fn take_node(&mut self, name: &str) -> bool {
        self.take(NODE_COST + name.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_by_uri() {
        for (uri, ns) in [
            ("http://wordpress.org/export/1.2/", Ns::Wp),
            ("https://wordpress.org/export/1.2/", Ns::Wp),
            ("http://wordpress.org/export/1.0/", Ns::Wp),
            ("http://wordpress.org/export/1.1/excerpt/", Ns::Excerpt),
            ("https://wordpress.org/export/1.2/excerpt/", Ns::Excerpt),
            ("http://purl.org/rss/1.0/modules/content/", Ns::Content),
            ("http://purl.org/dc/elements/1.1/", Ns::Dc),
            ("http://wordpress.org/export/", Ns::Other),
            ("http://wordpress.org/export/x.y/", Ns::Other),
            ("http://example.com/fake/", Ns::Other),
            ("ftp://wordpress.org/export/1.2/", Ns::Other),
        ] {
            assert_eq!(Ns::of(uri.as_bytes()), ns, "{uri}");
        }
    }

    #[test]
    fn budget_runs_out_once() {
        let mut b = Budget::new(10);
        assert!(b.take(6));
        assert!(!b.take(6));
        assert!(!b.take(1));
        assert!(b.exceeded);
    }
}
