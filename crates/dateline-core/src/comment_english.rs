//! The comment form's problems in English: for tests and tools that want a
//! sentence (the web layer words them in the reader's language, from
//! `CommentForm::validate_detailed`). Not in the release binary.

use crate::comment::{CommentForm, CommentProblem, ValidComment};
use crate::FieldError;

impl CommentForm {
    /// Checks the form and reports every problem at once, in English: for
    /// tests (the web layer words them in the reader's language, from
    /// `validate_detailed`).
    pub fn validate(&self) -> Result<ValidComment, Vec<FieldError>> {
        self.validate_detailed().map_err(|problems| {
            problems
                .into_iter()
                .map(|(field, problem)| FieldError {
                    field,
                    message: english(field, problem),
                })
                .collect()
        })
    }
}

fn english(field: &str, problem: CommentProblem) -> String {
    let what = match field {
        "name" => "your name",
        "email" => "your email address",
        _ => "your comment",
    };
    match (field, problem) {
        ("name", CommentProblem::Missing) => "Please enter your name.".into(),
        ("email", CommentProblem::Missing) => "Please enter your email address.".into(),
        (_, CommentProblem::Missing) => "Please write a comment.".into(),
        ("email", CommentProblem::Malformed) => {
            "Please enter a valid email address, such as name@example.org.".into()
        }
        (_, CommentProblem::Malformed) => format!("Please check {what}."),
        (_, CommentProblem::TooLong { limit, given }) => format!(
            "Please shorten {what} to {} characters or fewer; it has {}.",
            thousands(limit),
            thousands(given)
        ),
    }
}

/// Writes 5000 as "5,000" so that limits read the way the rules state them.
fn thousands(n: usize) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let groups: Vec<String> = digits.rchunks(3).rev().map(String::from_iter).collect();
    groups.join(",")
}
