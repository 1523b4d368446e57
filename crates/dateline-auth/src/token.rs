//! Random tokens, their stored digests, and constant-time comparison.
//!
//! A token is handed to the browser (a session cookie, a setup link, a CSRF
//! secret); the database keeps only [`digest`] of it, so a leaked table holds
//! nothing that can be used as a session.

use data_encoding::{BASE64URL_NOPAD, HEXLOWER};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Length in bytes of the randomness in a [`random`] token.
const TOKEN_BYTES: usize = 32;

/// A new token: 32 random bytes from the OS random number generator,
/// base64url without padding (43 characters from `A-Z a-z 0-9 - _`).
///
/// For session ids, setup links and CSRF secrets.
///
/// # Panics
///
/// If the operating system cannot provide random numbers.
#[must_use]
pub fn random() -> String {
    BASE64URL_NOPAD.encode(&crate::os_random::<TOKEN_BYTES>())
}

/// The SHA-256 of a token as 64 lowercase hex characters: what the database
/// stores and looks sessions up by.
#[must_use]
pub fn digest(token: &str) -> String {
    HEXLOWER.encode(&Sha256::digest(token.as_bytes()))
}

/// Whether two strings are equal, in time that does not depend on where they
/// first differ. Only the length can be told apart by timing.
#[must_use]
pub fn equal(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn random_tokens_are_43_url_safe_characters() {
        let token = random();
        assert_eq!(token.len(), 43);
        assert!(token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(
            BASE64URL_NOPAD
                .decode(token.as_bytes())
                .expect("a token is base64url")
                .len(),
            TOKEN_BYTES
        );
    }

    #[test]
    fn a_thousand_random_tokens_are_distinct() {
        let tokens: HashSet<String> = (0..1000).map(|_| random()).collect();
        assert_eq!(tokens.len(), 1000);
    }

    #[test]
    fn digest_is_stable_lowercase_hex() {
        let cases = [
            (
                "",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                "abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (token, expected) in cases {
            assert_eq!(digest(token), expected, "digest of {token:?}");
        }
        let token = random();
        let d = digest(&token);
        assert_eq!(d.len(), 64);
        assert!(d.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
        assert_eq!(d, digest(&token));
        assert_ne!(d, digest(&random()));
    }

    #[test]
    fn equal_compares_whole_strings() {
        let cases = [
            ("", "", true),
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("abc", "ab", false),
            ("ab", "abc", false),
            ("", "a", false),
            ("Abc", "abc", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(equal(a, b), expected, "equal({a:?}, {b:?})");
        }
        let token = random();
        assert!(equal(&token, &token.clone()));
    }
}
