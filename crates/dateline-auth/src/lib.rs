//! The newsroom's credentials, as plain functions.
//!
//! This crate holds everything Dateline needs to let editors and reporters
//! sign in, and nothing else: no I/O, no database, no HTTP, no async.
//!
//! - [`password`]: Argon2id hashing and verification of passwords, the rules
//!   for a new password, and when a stored hash should be upgraded.
//! - [`token`]: random tokens for session ids, setup links and CSRF secrets,
//!   the SHA-256 digest that the database stores instead of the token, and
//!   constant-time comparison.
//! - [`csrf`]: CSRF tokens bound to a session with HMAC-SHA256.
//! - [`totp`]: time-based one-time codes (RFC 6238) for authenticator apps.
//! - [`signing`]: HMAC-SHA256 signatures with the site's secret, checked in
//!   constant time, and hex: the one signing helper of every crate.
//!
//! Nothing here ever logs or prints a secret: passwords, tokens, hashes and
//! TOTP secrets only go in and out through arguments and return values, and
//! error messages never carry them.
//!
//! ```
//! use dateline_auth::{csrf, password, token, totp};
//!
//! // Sign-up: check and hash the password, store only the hash.
//! password::check_new("correct horse battery staple").expect("a good password");
//! let stored = password::hash("correct horse battery staple").expect("hashed");
//!
//! // Sign-in: verify, then hand out a session token and store its digest.
//! assert!(password::verify(&stored, "correct horse battery staple"));
//! let session = token::random();
//! let _in_the_database = token::digest(&session);
//!
//! // Forms carry a CSRF token bound to that session.
//! let secret = token::random();
//! let form_token = csrf::token(secret.as_bytes(), &session);
//! assert!(csrf::verify(secret.as_bytes(), &session, &form_token));
//!
//! // Second factor.
//! let totp_secret = totp::new_secret();
//! let code = totp::code_at(&totp_secret, 1_700_000_000).expect("valid secret");
//! assert!(totp::verify(&totp_secret, &code, 1_700_000_010).is_some());
//! ```

pub mod csrf;
pub mod password;
pub mod signing;
pub mod token;
pub mod totp;

/// What can go wrong while making a credential.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Hashing a password failed (the OS random number generator or the
    /// Argon2 implementation refused). The message never contains the password.
    #[error("could not hash the password: {0}")]
    Hash(String),
}

/// `N` bytes from the operating system's random number generator.
///
/// # Panics
///
/// If the operating system cannot provide random numbers. A token or secret
/// made without them would be guessable, so there is no fallback.
fn os_random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if let Err(err) = getrandom::getrandom(&mut bytes) {
        panic!("the operating system's random number generator failed: {err}");
    }
    bytes
}
