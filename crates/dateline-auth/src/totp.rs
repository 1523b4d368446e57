//! Time-based one-time codes (RFC 6238) as authenticator apps make them:
//! HMAC-SHA-1, 6 digits, 30-second steps.
//!
//! Secrets are base32 (RFC 4648, no padding). [`verify`] returns the step it
//! matched so that the caller can store it and refuse the same step twice.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Bytes of randomness in a new secret (160 bits, as RFC 4226 recommends).
const SECRET_BYTES: usize = 20;
/// Seconds in one step.
const PERIOD: i64 = 30;
/// Digits in a code.
const DIGITS: usize = 6;
/// `10^DIGITS`.
const MODULUS: u32 = 1_000_000;

/// A new TOTP secret: 20 random bytes from the OS random number generator,
/// base32 without padding (32 characters).
///
/// # Panics
///
/// If the operating system cannot provide random numbers.
#[must_use]
pub fn new_secret() -> String {
    BASE32_NOPAD.encode(&crate::os_random::<SECRET_BYTES>())
}

/// Decodes a base32 secret, tolerating lower case, spaces and trailing `=`
/// padding as people copy them. `None` if it is empty or not base32.
fn decode_secret(secret_b32: &str) -> Option<Vec<u8>> {
    let cleaned: String = secret_b32
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let key = BASE32_NOPAD
        .decode(cleaned.trim_end_matches('=').as_bytes())
        .ok()?;
    (!key.is_empty()).then_some(key)
}

/// RFC 4226 HOTP value of `counter`, as `DIGITS` decimal digits.
fn hotp(key: &[u8], counter: u64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226 section 5.3).
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:0width$}", binary % MODULUS, width = DIGITS)
}

/// The step number of a moment: whole periods since the Unix epoch.
fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(PERIOD)
}

/// The code for the step that contains `unix_seconds`. `None` if the secret
/// is malformed or the time is before 1970.
#[must_use]
pub fn code_at(secret_b32: &str, unix_seconds: i64) -> Option<String> {
    let key = decode_secret(secret_b32)?;
    let counter = u64::try_from(step_of(unix_seconds)).ok()?;
    Some(hotp(&key, counter))
}

/// Checks a code typed by the user against the step containing
/// `unix_seconds` and one step either side (for clock drift).
///
/// Returns the step number that matched (the latest, should two match), to
/// be stored by the caller: a code whose step is not later than the last one
/// used is a replay and must be refused. `None` for a wrong code, a code that
/// is not exactly six ASCII digits, or a malformed secret. Codes are compared
/// in constant time.
#[must_use]
pub fn verify(secret_b32: &str, code: &str, unix_seconds: i64) -> Option<i64> {
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let key = decode_secret(secret_b32)?;
    let current = step_of(unix_seconds);
    let mut matched = None;
    for step in [current - 1, current, current + 1] {
        let Ok(counter) = u64::try_from(step) else {
            continue;
        };
        if crate::token::equal(&hotp(&key, counter), code) {
            matched = Some(step);
        }
    }
    matched
}

/// Percent-encodes everything but RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`), so a space becomes `%20` and `@` becomes `%40`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// The `otpauth://` URI that an authenticator app reads (usually from a QR
/// code): `otpauth://totp/{issuer}:{account}?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30`,
/// with issuer and account percent-encoded. With an empty issuer the label is
/// the account alone and there is no `issuer` parameter.
#[must_use]
pub fn provisioning_uri(secret_b32: &str, account: &str, issuer: &str) -> String {
    let account = percent_encode(account);
    let secret = percent_encode(secret_b32);
    if issuer.is_empty() {
        format!(
            "otpauth://totp/{account}?secret={secret}&algorithm=SHA1&digits={DIGITS}&period={PERIOD}"
        )
    } else {
        let issuer = percent_encode(issuer);
        format!(
            "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={PERIOD}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ASCII "12345678901234567890", the SHA-1 seed of RFC 6238 Appendix B.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /// RFC 6238 Appendix B, SHA-1 rows: time and the 8-digit TOTP.
    const RFC_VECTORS: [(i64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn rfc_secret_is_the_ascii_seed() {
        assert_eq!(
            decode_secret(RFC_SECRET).expect("valid base32"),
            b"12345678901234567890"
        );
        assert_eq!(BASE32_NOPAD.encode(b"12345678901234567890"), RFC_SECRET);
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        for (time, eight_digits) in RFC_VECTORS {
            // Six digits are the low six of the RFC's eight.
            let expected = &eight_digits[2..];
            assert_eq!(
                code_at(RFC_SECRET, time).as_deref(),
                Some(expected),
                "time {time}"
            );
            assert_eq!(
                verify(RFC_SECRET, expected, time),
                Some(time.div_euclid(30)),
                "time {time}"
            );
        }
    }

    #[test]
    fn rfc_4226_hotp_vectors() {
        // RFC 4226 Appendix D, same seed, counters 0 to 9.
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (counter, code) in (0u64..).zip(expected) {
            assert_eq!(
                hotp(b"12345678901234567890", counter),
                code,
                "counter {counter}"
            );
        }
    }

    #[test]
    fn secrets_are_read_leniently_but_malformed_ones_refused() {
        let expected = code_at(RFC_SECRET, 59);
        for variant in [
            "gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====",
        ] {
            assert_eq!(code_at(variant, 59), expected, "{variant:?}");
        }
        for malformed in [
            "",
            "   ",
            "GEZDGNBVGY3TQOJ1",
            "GEZDGNBVGY3TQOJQ!",
            "0189",
            "A",
        ] {
            assert_eq!(code_at(malformed, 59), None, "{malformed:?}");
            assert_eq!(verify(malformed, "287082", 59), None, "{malformed:?}");
        }
        assert_eq!(code_at(RFC_SECRET, -1), None, "before 1970");
    }

    #[test]
    fn verify_allows_one_step_of_drift_and_returns_the_step() {
        let now = 1_111_111_111; // step 37037037, 1 second into it
        let step = step_of(now);
        assert_eq!(step, 37_037_037);
        let code_for = |offset: i64| code_at(RFC_SECRET, now + offset * PERIOD).expect("valid");
        let cases = [
            (-2, None),
            (-1, Some(step - 1)),
            (0, Some(step)),
            (1, Some(step + 1)),
            (2, None),
        ];
        for (offset, expected) in cases {
            assert_eq!(
                verify(RFC_SECRET, &code_for(offset), now),
                expected,
                "offset {offset}"
            );
        }
        // Same step from any second within it.
        let start = step * PERIOD;
        for t in [start, start + 29] {
            assert_eq!(verify(RFC_SECRET, &code_for(0), t), Some(step), "t {t}");
        }
    }

    #[test]
    fn verify_refuses_malformed_codes() {
        let code = code_at(RFC_SECRET, 59).expect("valid");
        assert_eq!(code, "287082");
        let malformed = [
            "",
            "28708",
            "2870820",
            "94287082",
            "28708a",
            "287 082",
            " 287082",
            "287082 ",
            "+28708",
            "-28708",
            "２８７０８２",
            "28708\u{0662}",
        ];
        for bad in malformed {
            assert_eq!(verify(RFC_SECRET, bad, 59), None, "{bad:?}");
        }
        assert_eq!(verify(RFC_SECRET, "287083", 59), None, "wrong code");
    }

    #[test]
    fn new_secrets_are_20_random_bytes() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(
            decode_secret(&secret).expect("valid base32").len(),
            SECRET_BYTES
        );
        assert!(secret
            .bytes()
            .all(|b| matches!(b, b'A'..=b'Z' | b'2'..=b'7')));
        assert_ne!(secret, new_secret());
        let now = 1_700_000_000;
        let code = code_at(&secret, now).expect("a new secret makes codes");
        assert_eq!(verify(&secret, &code, now), Some(step_of(now)));
    }

    #[test]
    fn provisioning_uri_escapes_issuer_and_account() {
        let cases = [
            (
                "ana@example.org",
                "Radio News",
                "otpauth://totp/Radio%20News:ana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Radio%20News&algorithm=SHA1&digits=6&period=30",
            ),
            (
                "jo+desk@example.org",
                "Dateline & Co: Ñews",
                "otpauth://totp/Dateline%20%26%20Co%3A%20%C3%91ews:jo%2Bdesk%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Dateline%20%26%20Co%3A%20%C3%91ews&algorithm=SHA1&digits=6&period=30",
            ),
            (
                "ana",
                "",
                "otpauth://totp/ana?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30",
            ),
        ];
        for (account, issuer, expected) in cases {
            assert_eq!(provisioning_uri(RFC_SECRET, account, issuer), expected);
        }
    }
}
