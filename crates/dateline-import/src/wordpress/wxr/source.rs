//! The caller's reader, seen by the XML parser through a wrapper that counts
//! lines (for positions in errors) and bounds how much one XML token may
//! take (quick-xml buffers a whole token, so a 2 GB text node would
//! otherwise be held in memory at once).

use std::io::{self, BufRead, Read};

/// The bytes of one token (tag, text run, CDATA section) may not exceed
/// this: well above the largest text value read (see `limits`).
pub const MAX_TOKEN_BYTES: usize = 16 * 1024 * 1024;

/// The most handed to the parser at once.
const PIECE: usize = 64 * 1024;

pub struct Source<R> {
    inner: R,
    /// Newlines consumed so far.
    newlines: u64,
    /// Bytes consumed since the current token began.
    token: usize,
    /// Set when a token ran past [`MAX_TOKEN_BYTES`].
    overflowed: bool,
}

impl<R: BufRead> Source<R> {
    pub fn new(inner: R) -> Self {
        Source {
            inner,
            newlines: 0,
            token: 0,
            overflowed: false,
        }
    }

    /// The 1-based line of what was consumed last.
    pub fn line(&self) -> u64 {
        self.newlines + 1
    }

    /// Called before each token is read.
    pub fn start_token(&mut self) {
        self.token = 0;
    }

    pub fn overflowed(&self) -> bool {
        self.overflowed
    }
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.token > MAX_TOKEN_BYTES {
            self.overflowed = true;
            return Err(io::Error::other("an XML token is too large"));
        }
        // Handed out in pieces, so that the bound is checked within a
        // token even when the caller's buffer holds the whole file.
        let available = self.inner.fill_buf()?;
        Ok(&available[..available.len().min(PIECE)])
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let taken = &buf[..amount.min(buf.len())];
            self.newlines += taken.iter().filter(|&&b| b == b'\n').count() as u64;
        }
        self.token = self.token.saturating_add(amount);
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_bounds_tokens() {
        let mut s = Source::new(&b"a\nb\nc"[..]);
        let mut all = Vec::new();
        s.read_to_end(&mut all).expect("reads");
        assert_eq!(s.line(), 3);
        let big = vec![b'x'; MAX_TOKEN_BYTES + 10];
        let mut s = Source::new(io::BufReader::new(&big[..]));
        let mut all = Vec::new();
        assert!(s.read_to_end(&mut all).is_err());
        assert!(s.overflowed());
    }
}
