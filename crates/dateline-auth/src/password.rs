//! Password hashing with Argon2id.
//!
//! Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) that
//! carry their own parameters, so a stored hash keeps verifying after the
//! parameters are raised; [`needs_rehash`] says when to store a new one.
//!
//! Each hash or verification fills its memory cost in 1 KiB blocks (19 MiB
//! today). [`hash`], [`verify`] and [`verify_dummy`] take that memory from
//! the allocator and give it back; a caller that hashes all day (the web
//! server) keeps a [`Memory`] per thread and calls the `_with` forms, so
//! the process holds exactly that much however many logins come: glibc's
//! allocator, given back 19 MiB at a time, keeps much of it (twenty
//! verifications one after another on one thread kept 152 MiB).

use std::sync::OnceLock;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::AuthError;

/// Memory cost in KiB: OWASP's recommendation for Argon2id (19 MiB).
const M_COST: u32 = 19_456;
/// Number of passes.
const T_COST: u32 = 2;
/// Degree of parallelism.
const P_COST: u32 = 1;
/// Bytes of salt from the OS random number generator.
const SALT_BYTES: usize = 16;

/// Fewest characters in a new password.
pub const MIN_CHARS: usize = 10;
/// Most bytes (UTF-8) in a new password.
pub const MAX_BYTES: usize = 256;

/// The largest memory cost (KiB) a stored hash may ask a verification to
/// fill: 256 MiB, far above today's 19 MiB. A hash asking for more is not
/// one Dateline made, and does not verify.
const MAX_VERIFY_KIB: u32 = 256 * 1024;

/// Working memory for Argon2, kept from one hash or verification to the
/// next. It starts empty and grows, once, to the memory cost of the first
/// hash it serves (19 MiB with today's parameters).
#[derive(Default)]
pub struct Memory {
    blocks: Vec<Block>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Bytes held now.
    pub fn bytes(&self) -> usize {
        self.blocks.len() * Block::SIZE
    }

    fn blocks(&mut self, count: usize) -> &mut [Block] {
        if self.blocks.len() < count {
            self.blocks.resize(count, Block::new());
        }
        &mut self.blocks[..count]
    }
}

/// Today's parameters.
fn params() -> Result<Params, AuthError> {
    Params::new(M_COST, T_COST, P_COST, None).map_err(|err| AuthError::Hash(err.to_string()))
}

/// Argon2 of `password` and `salt` into `out`, in `memory`.
fn compute(
    memory: &mut Memory,
    algorithm: Algorithm,
    version: Version,
    params: Params,
    password: &str,
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let blocks = params.block_count();
    Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        out,
        memory.blocks(blocks),
    )
}

fn hash_with_salt(memory: &mut Memory, password: &str, salt: &[u8]) -> Result<String, AuthError> {
    let failed = |err: &dyn std::fmt::Display| AuthError::Hash(err.to_string());
    let params = params()?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    compute(
        memory,
        Algorithm::Argon2id,
        Version::V0x13,
        params.clone(),
        password,
        salt,
        &mut out,
    )
    .map_err(|e| failed(&e))?;
    let salt = SaltString::encode_b64(salt).map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

/// Hashes a password with Argon2id (m=19456 KiB, t=2, p=1, OWASP's current
/// recommendation) and a random 16-byte salt from the OS, as a PHC string.
///
/// # Errors
///
/// [`AuthError::Hash`] if the OS random number generator fails or Argon2
/// refuses the input. The message never contains the password.
pub fn hash(password: &str) -> Result<String, AuthError> {
    hash_with(&mut Memory::new(), password)
}

/// [`hash`] in memory kept by the caller.
///
/// # Errors
///
/// As [`hash`].
pub fn hash_with(memory: &mut Memory, password: &str) -> Result<String, AuthError> {
    let mut salt = [0u8; SALT_BYTES];
    getrandom::getrandom(&mut salt).map_err(|err| AuthError::Hash(err.to_string()))?;
    hash_with_salt(memory, password, &salt)
}

/// Whether `password` matches the PHC string `hash`, compared in constant
/// time. The parameters are taken from the hash itself, so hashes made with
/// older parameters still verify. A malformed hash gives `false`, never a
/// panic.
///
/// Hashes are expected to come from Dateline's own store: the memory cost
/// written in the hash is what verification fills (up to 256 MiB; a hash
/// that asks for more does not verify).
#[must_use]
pub fn verify(hash: &str, password: &str) -> bool {
    verify_with(&mut Memory::new(), hash, password)
}

/// [`verify`] in memory kept by the caller.
#[must_use]
pub fn verify_with(memory: &mut Memory, hash: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    if params.m_cost() > MAX_VERIFY_KIB {
        return false;
    }
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    if compute(memory, algorithm, version, params, password, salt, &mut out).is_err() {
        return false;
    }
    // `Output`'s equality is constant-time.
    Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// A hash with today's parameters of a password nobody knows, made on first
/// use with a fixed salt (so it needs no randomness and cannot fail for
/// lack of it).
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_with_salt(
            &mut Memory::new(),
            "dateline: no account has this password",
            b"dateline.dummy.salt",
        )
        .unwrap_or_default()
    })
}

/// Spends the same time as [`verify`] against a real account and returns
/// `false`.
///
/// Call it when the email address given at sign-in has no account, so that
/// response times do not reveal which addresses do.
#[must_use]
pub fn verify_dummy(password: &str) -> bool {
    verify_dummy_with(&mut Memory::new(), password)
}

/// [`verify_dummy`] in memory kept by the caller.
#[must_use]
pub fn verify_dummy_with(memory: &mut Memory, password: &str) -> bool {
    let _ = verify_with(memory, dummy_hash(), password);
    false
}

/// The rules for a new password: at least 10 characters, at most 256 bytes,
/// not only whitespace.
///
/// # Errors
///
/// A short English sentence for the form, saying which rule is broken.
pub fn check_new(password: &str) -> Result<(), String> {
    check_new_password(password).map_err(|p| p.to_string())
}

/// Why a new password is refused, as a value (the newsroom words it in the
/// member's language; `Display` is the English the command line prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("Choose a password that is not just spaces.")]
    Blank,
    #[error("Use at least {MIN_CHARS} characters.")]
    TooShort,
    #[error("Use a shorter password (at most {MAX_BYTES} bytes; accented letters and symbols count as more than one).")]
    TooLong,
}

/// [`check_new`], with the problem as a value.
pub fn check_new_password(password: &str) -> Result<(), PasswordProblem> {
    if password.trim().is_empty() {
        return Err(PasswordProblem::Blank);
    }
    if password.chars().count() < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if password.len() > MAX_BYTES {
        return Err(PasswordProblem::TooLong);
    }
    Ok(())
}

/// Whether a stored hash was made with other parameters than today's
/// (another algorithm or version, another memory or time cost, parallelism
/// or output length), so that it should be replaced by [`hash`] of the
/// password just verified. A hash that cannot be read also needs rehashing.
#[must_use]
pub fn needs_rehash(hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return true;
    };
    if parsed.algorithm != Algorithm::Argon2id.ident()
        || parsed.version != Some(Version::V0x13.into())
    {
        return true;
    }
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    params.m_cost() != M_COST
        || params.t_cost() != T_COST
        || params.p_cost() != P_COST
        || params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN) != Params::DEFAULT_OUTPUT_LEN
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    const PREFIX: &str = "$argon2id$v=19$m=19456,t=2,p=1$";

    // Argon2 with 19 MiB is slow in an unoptimised build: the tests below
    // make as few full-cost hashes as they can and share them.

    #[test]
    fn hash_verify_and_rehash() {
        let password = "correct horse battery staple";
        let first = hash(password).expect("hashing works");
        assert!(first.starts_with(PREFIX), "{first}");
        assert!(verify(&first, password));
        assert!(!needs_rehash(&first), "a fresh hash is up to date");

        let wrong = [
            "correct horse battery stapl",
            "Correct horse battery staple",
            "correct horse battery staple ",
            "",
        ];
        for candidate in wrong {
            assert!(!verify(&first, candidate), "{candidate:?} must not verify");
        }

        let second = hash(password).expect("hashing works");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(second.starts_with(PREFIX), "{second}");
    }

    #[test]
    fn kept_memory_hashes_as_the_library_does_and_is_reused() {
        let mut memory = Memory::new();
        assert_eq!(memory.bytes(), 0);
        let ours = hash_with(&mut memory, "a passphrase").expect("hash");
        assert_eq!(memory.bytes(), M_COST as usize * 1024, "today's cost, once");
        // What the library verifies, we verify, and the reverse.
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(Argon2::default()
            .verify_password(b"a passphrase", &parsed)
            .is_ok());
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params().expect("p"))
            .hash_password(
                b"a passphrase",
                &SaltString::encode_b64(b"sixteen byte salt").expect("salt"),
            )
            .expect("hash")
            .to_string();
        assert!(verify_with(&mut memory, &theirs, "a passphrase"));
        assert!(!verify_with(&mut memory, &theirs, "a passphrase!"));
        assert!(!verify_dummy_with(&mut memory, "a passphrase"));
        assert_eq!(memory.bytes(), M_COST as usize * 1024, "and no more");
        // A hash asking for more memory than Dateline ever uses is refused
        // without filling it.
        let greedy = theirs.replace("m=19456", "m=4194304");
        assert!(!verify_with(&mut memory, &greedy, "a passphrase"));
        assert_eq!(memory.bytes(), M_COST as usize * 1024);
    }

    #[test]
    fn older_parameters_verify_but_need_rehash() {
        let params = Params::new(4096, 3, 1, None).expect("valid parameters");
        let old = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(
                b"an old password",
                &SaltString::encode_b64(b"sixteen byte salt").expect("valid salt"),
            )
            .expect("hashing works")
            .to_string();
        assert!(old.starts_with("$argon2id$v=19$m=4096,t=3,p=1$"), "{old}");
        assert!(verify(&old, "an old password"));
        assert!(!verify(&old, "another password"));
        assert!(needs_rehash(&old));

        let argon2i = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(M_COST, T_COST, P_COST, None).expect("valid parameters"),
        )
        .hash_password(
            b"x",
            &SaltString::encode_b64(b"sixteen byte salt").expect("valid salt"),
        )
        .expect("hashing works")
        .to_string();
        assert!(argon2i.starts_with("$argon2i$"), "{argon2i}");
        assert!(needs_rehash(&argon2i), "another algorithm");
    }

    #[test]
    fn malformed_hashes_never_verify() {
        let garbage = [
            "",
            "not a hash",
            "$argon2id$",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$???",
            "$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$md5$whatever",
        ];
        for hash in garbage {
            assert!(!verify(hash, "password"), "{hash:?}");
            assert!(needs_rehash(hash), "{hash:?}");
        }
    }

    #[test]
    fn verify_dummy_is_always_false() {
        assert!(
            dummy_hash().starts_with(PREFIX),
            "the dummy costs as much as a real hash"
        );
        for password in ["", "dateline: no account has this password", "hunter2"] {
            assert!(!verify_dummy(password), "{password:?}");
        }
    }

    #[test]
    fn new_password_rules() {
        let long_ascii = "a".repeat(MAX_BYTES);
        let too_long_ascii = "a".repeat(MAX_BYTES + 1);
        // 129 two-byte characters: few characters, too many bytes.
        let too_long_accents = "é".repeat(129);
        let cases: Vec<(&str, bool)> = vec![
            ("", false),
            ("short", false),
            ("123456789", false),
            ("1234567890", true),
            ("correct horse battery staple", true),
            ("          ", false),
            ("\t\n\t\n\t\n\t\n\t\n\t\n", false),
            ("   ten chars   ", true),
            // Ten characters, twenty bytes: characters count, not bytes.
            ("éééééééééé", true),
            ("ééééééééé", false),
            (&long_ascii, true),
            (&too_long_ascii, false),
            (&too_long_accents, false),
        ];
        for (password, ok) in cases {
            let result = check_new(password);
            assert_eq!(result.is_ok(), ok, "{password:?}: {result:?}");
            if let Err(message) = result {
                assert!(message.ends_with('.'), "a sentence: {message}");
                assert!(!message.is_empty());
            }
        }
        assert_eq!(
            check_new("short"),
            Err("Use at least 10 characters.".to_string())
        );
    }
}
