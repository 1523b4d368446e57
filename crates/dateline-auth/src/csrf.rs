//! CSRF tokens bound to a session.
//!
//! The token is `HMAC-SHA256(secret, "csrf:" + session_token)` in base64url
//! without padding. Nothing needs storing: the server recomputes it from the
//! session, and a token taken from another session (or made with another
//! secret) is refused.

use crate::signing;
use data_encoding::BASE64URL_NOPAD;

/// Domain separation, so this HMAC never equals another use of the secret.
const CONTEXT: &str = "csrf:";

/// The CSRF token for a session: 43 characters of base64url.
///
/// `secret` is the server's CSRF secret (for instance 32 bytes from
/// [`crate::token::random`]); `session_token` is the session's token as the
/// browser holds it.
#[must_use]
pub fn token(secret: &[u8], session_token: &str) -> String {
    BASE64URL_NOPAD.encode(&signing::tag(secret, CONTEXT, session_token.as_bytes()))
}

/// Whether `presented` is the CSRF token of this session, compared in
/// constant time. Empty, malformed or truncated tokens are refused.
#[must_use]
pub fn verify(secret: &[u8], session_token: &str, presented: &str) -> bool {
    let Ok(tag) = BASE64URL_NOPAD.decode(presented.as_bytes()) else {
        return false;
    };
    tag.len() == 32 && signing::verify(secret, CONTEXT, session_token.as_bytes(), &tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
    const SESSION: &str = "l3Yk8m6Yl9tq1x0GJb1wQkZ2c3ZpYmF2ZW5uZWxhYmM";

    #[test]
    fn token_is_base64url_of_an_hmac_sha256() {
        let t = token(SECRET, SESSION);
        assert_eq!(t.len(), 43);
        assert_eq!(t, token(SECRET, SESSION), "stable for one session");
        // RFC 4231 test case 2 (key "Jefe") with our context prefix folded
        // into the message: "csrf:" + "what do ya want for nothing?".
        let mut expected = Hmac::<Sha256>::new_from_slice(b"Jefe").expect("any key length");
        expected.update(b"csrf:what do ya want for nothing?");
        assert_eq!(
            token(b"Jefe", "what do ya want for nothing?"),
            BASE64URL_NOPAD.encode(&expected.finalize().into_bytes())
        );
    }

    #[test]
    fn verify_accepts_only_the_token_of_this_session_and_secret() {
        let good = token(SECRET, SESSION);
        let other_session = token(SECRET, "another-session");
        let other_secret = token(b"another secret, just as long....", SESSION);

        let mut flipped_first = good.clone().into_bytes();
        flipped_first[0] = if flipped_first[0] == b'A' { b'B' } else { b'A' };
        let flipped_first = String::from_utf8(flipped_first).expect("ascii");

        let cases: Vec<(&str, String, bool)> = vec![
            ("the right token", good.clone(), true),
            ("a token from another session", other_session, false),
            ("a token made with another secret", other_secret, false),
            ("a tampered first character", flipped_first, false),
            ("a truncated token", good[..42].to_string(), false),
            ("a token with an extra character", format!("{good}A"), false),
            ("a padded token", format!("{good}="), false),
            (
                "the token with surrounding space",
                format!(" {good}"),
                false,
            ),
            ("an empty token", String::new(), false),
            ("the session token itself", SESSION.to_string(), false),
        ];
        for (what, presented, expected) in cases {
            assert_eq!(verify(SECRET, SESSION, &presented), expected, "{what}");
        }
        assert!(!verify(SECRET, "", &good), "an empty session");
    }

    #[test]
    fn every_single_character_change_is_refused() {
        let good = token(SECRET, SESSION);
        for i in 0..good.len() {
            for replacement in ['A', 'z', '0', '-', '_'] {
                let mut tampered: Vec<char> = good.chars().collect();
                if tampered[i] == replacement {
                    continue;
                }
                tampered[i] = replacement;
                let tampered: String = tampered.into_iter().collect();
                assert!(!verify(SECRET, SESSION, &tampered), "position {i}");
            }
        }
    }
}
