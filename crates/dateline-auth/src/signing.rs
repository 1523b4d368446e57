//! Signing with the site's secret, and hex: the one place Dateline makes and
//! checks a signature (CSRF tokens, comment-form tokens, a reader's claim on
//! their own pending comment), so each is HMAC-SHA256, domain-separated by
//! a context, and checked in constant time.

use data_encoding::{HEXLOWER, HEXLOWER_PERMISSIVE};
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn mac(secret: &[u8], context: &str, message: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(context.as_bytes());
    mac.update(message);
    mac
}

/// `HMAC-SHA256(secret, context ‖ message)`: 32 bytes. The context keeps
/// each use of the secret apart (`"csrf:"`, `"pending:"`), so a signature
/// made for one is never valid for another.
#[must_use]
pub fn tag(secret: &[u8], context: &str, message: &[u8]) -> [u8; 32] {
    mac(secret, context, message).finalize().into_bytes().into()
}

/// Whether `tag` is the signature of `message` in `context`, compared in
/// constant time. A tag shorter than 32 bytes is checked as the signature's
/// first bytes (at least 16): a truncated signature, where one was made.
#[must_use]
pub fn verify(secret: &[u8], context: &str, message: &[u8], tag: &[u8]) -> bool {
    let mac = mac(secret, context, message);
    match tag.len() {
        32 => mac.verify_slice(tag).is_ok(),
        16..=31 => mac.verify_truncated_left(tag).is_ok(),
        _ => false,
    }
}

/// Lowercase hex.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    HEXLOWER.encode(bytes)
}

/// The bytes of hex text, in either case; None if it is not hex.
#[must_use]
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    HEXLOWER_PERMISSIVE.decode(text.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4231_case_2() {
        // Key "Jefe", data "what do ya want for nothing?".
        let t = tag(b"Jefe", "what do ya ", b"want for nothing?");
        assert_eq!(
            hex(&t),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn verify_is_bound_to_context_message_and_length() {
        let t = tag(b"k", "pending:", b"12");
        assert!(verify(b"k", "pending:", b"12", &t));
        assert!(verify(b"k", "pending:", b"12", &t[..16]));
        assert!(!verify(b"k", "pending:", b"12", &t[..15]));
        assert!(!verify(b"k", "csrf:", b"12", &t));
        assert!(!verify(b"k", "pending:", b"13", &t));
        assert!(!verify(b"other", "pending:", b"12", &t));
        assert!(!verify(b"k", "pending:", b"12", &[]));
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
        assert_eq!(from_hex("000FFF"), Some(vec![0, 15, 255]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }
}
