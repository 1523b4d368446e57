//! The comment form's signed token.

use dateline_auth::signing;
use serde::{Deserialize, Serialize};

/// A signed note of which article a form was served for and when, so that a
/// submission can prove it came from our page and was not sent too fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormToken {
    pub article_id: i64,
    /// Unix seconds.
    pub issued_at: i64,
}

/// Why a form token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenProblem {
    #[error("the form token is malformed")]
    Malformed,
    #[error("the form token's signature does not match")]
    BadSignature,
    #[error("the form token is for another article")]
    WrongArticle,
    #[error("the form was sent too soon after it was served")]
    TooFast,
    #[error("the form token has expired")]
    Expired,
}

/// How far a token may come from the future, for clocks that disagree
/// between nodes; beyond that it was not issued by us as it claims.
const FUTURE_SKEW_SECS: i64 = 60;

impl FormToken {
    /// `"{article_id}.{issued_at}.{hex hmac-sha256}"`, safe in a form field.
    pub fn sign(&self, secret: &[u8]) -> String {
        let payload = format!("{}.{}", self.article_id, self.issued_at);
        let tag = signing::tag(secret, "", payload.as_bytes());
        format!("{payload}.{}", signing::hex(&tag))
    }

    /// Checks a token from a submitted form. The signature is checked before
    /// anything the token claims is believed.
    pub fn verify(
        token: &str,
        secret: &[u8],
        article_id: i64,
        now_unix: i64,
        min_age_secs: i64,
        max_age_secs: i64,
    ) -> Result<FormToken, TokenProblem> {
        let (payload, tag) = token.rsplit_once('.').ok_or(TokenProblem::Malformed)?;
        let (id, issued) = payload.split_once('.').ok_or(TokenProblem::Malformed)?;
        let parsed = FormToken {
            article_id: id.parse().map_err(|_| TokenProblem::Malformed)?,
            issued_at: issued.parse().map_err(|_| TokenProblem::Malformed)?,
        };
        let tag = signing::from_hex(tag).ok_or(TokenProblem::Malformed)?;
        if tag.len() != 32 || !signing::verify(secret, "", payload.as_bytes(), &tag) {
            return Err(TokenProblem::BadSignature);
        }

        let age = now_unix.saturating_sub(parsed.issued_at);
        if age < -FUTURE_SKEW_SECS {
            return Err(TokenProblem::Malformed);
        }
        if parsed.article_id != article_id {
            return Err(TokenProblem::WrongArticle);
        }
        if age < min_age_secs {
            return Err(TokenProblem::TooFast);
        }
        if age > max_age_secs {
            return Err(TokenProblem::Expired);
        }
        Ok(parsed)
    }
}
