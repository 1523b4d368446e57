//! The newsroom's rules: who may do what (roles), and how an article moves
//! from draft to published and back (the workflow).
//!
//! Every newsroom route asks [`Role::may`] before it acts, and every change of
//! status goes through [`transition`], so that the rules live in one place
//! and a crafted request meets the same checks as the page.

use crate::Status;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A newsroom account's role. Each role has every right of the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes drafts and submits them; files wire copy.
    Contributor,
    /// Also edits anything, schedules, publishes, unpublishes, corrects,
    /// moderates comments and runs the programmes.
    Editor,
    /// Also runs users, sections and site settings, and reads the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Contributor, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Contributor => "contributor",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// Whether this role may do `action`. The one place rights are decided.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        let needed = match action {
            CreateArticle | EditOwnDraft | Submit | UploadMedia | ImportWire | TakeWire => {
                Role::Contributor
            }
            EditAny | Publish | Schedule | Unpublish | AddNote | SendBack | ModerateComments
            | RestoreRevision | ManageProgrammes | EditFronts | ManagePages | SpikeWire => {
                Role::Editor
            }
            ManageUsers | ManageSections | ManageSettings | ReadAudit => Role::Admin,
        };
        self >= needed
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: contributor, editor or admin")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "contributor" => Ok(Role::Contributor),
            "editor" => Ok(Role::Editor),
            "admin" | "administrator" => Ok(Role::Admin),
            other => Err(UnknownRole(other.to_string())),
        }
    }
}

/// Something a newsroom member may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    CreateArticle,
    /// Edit an article one wrote while it is a draft or submitted.
    EditOwnDraft,
    /// Edit any article in any status, published ones included.
    EditAny,
    Submit,
    /// Return a submitted article to its writer as a draft.
    SendBack,
    Schedule,
    Publish,
    Unpublish,
    AddNote,
    RestoreRevision,
    UploadMedia,
    /// Send agency copy to the wire desk's queue (paste, upload).
    ImportWire,
    /// Turn an item of the wire queue into a draft of one's own.
    TakeWire,
    /// Drop an item from the wire queue (kept under Spiked), or restore it.
    SpikeWire,
    ModerateComments,
    /// Create and change programmes (audio series and their podcasts).
    ManageProgrammes,
    /// Choose the stories that lead the fronts; set the breaking-news line.
    EditFronts,
    /// Write and publish the site's own pages (About, Contact, Privacy).
    ManagePages,
    ManageUsers,
    ManageSections,
    ManageSettings,
    ReadAudit,
}

/// May this member edit this article's content? Editors edit anything;
/// a contributor edits only their own article, and only before an editor
/// has taken it past submission.
pub fn may_edit(role: Role, is_author: bool, status: Status) -> bool {
    role.may(Action::EditAny)
        || (role.may(Action::EditOwnDraft)
            && is_author
            && matches!(status, Status::Draft | Status::Submitted))
}

/// A move of an article through the workflow:
/// draft → submitted → scheduled or published → (updated) → unpublished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transition {
    Submit,
    SendBack,
    Schedule,
    Unschedule,
    Publish,
    Unpublish,
}

impl Transition {
    pub const ALL: [Transition; 6] = [
        Transition::Submit,
        Transition::SendBack,
        Transition::Schedule,
        Transition::Unschedule,
        Transition::Publish,
        Transition::Unpublish,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::SendBack => "send-back",
            Transition::Schedule => "schedule",
            Transition::Unschedule => "unschedule",
            Transition::Publish => "publish",
            Transition::Unpublish => "unpublish",
        }
    }

    /// The right this move needs.
    pub fn action(self) -> Action {
        match self {
            Transition::Submit => Action::Submit,
            Transition::SendBack => Action::SendBack,
            Transition::Schedule | Transition::Unschedule => Action::Schedule,
            Transition::Publish => Action::Publish,
            Transition::Unpublish => Action::Unpublish,
        }
    }

    /// The moves open from a status, for the editor's buttons.
    pub fn from_status(status: Status) -> Vec<Transition> {
        Transition::ALL
            .into_iter()
            .filter(|t| transition(status, *t).is_ok())
            .collect()
    }
}

impl FromStr for Transition {
    type Err = WorkflowError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Transition::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or(WorkflowError::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("an article that is {from} cannot be {verb}")]
    NotAllowed { from: Status, verb: &'static str },
    #[error("unknown workflow action")]
    Unknown,
}

/// The status an article reaches by `t` from `from`, or why it cannot.
pub fn transition(from: Status, t: Transition) -> Result<Status, WorkflowError> {
    use Status::*;
    let to = match (from, t) {
        (Draft, Transition::Submit) => Submitted,
        (Submitted, Transition::SendBack) => Draft,
        (Draft | Submitted | Unpublished, Transition::Schedule) => Scheduled,
        (Scheduled, Transition::Unschedule) => Draft,
        (Draft | Submitted | Scheduled | Unpublished, Transition::Publish) => Published,
        (Published, Transition::Unpublish) => Unpublished,
        _ => {
            return Err(WorkflowError::NotAllowed {
                from,
                verb: match t {
                    Transition::Submit => "submitted",
                    Transition::SendBack => "sent back",
                    Transition::Schedule => "scheduled",
                    Transition::Unschedule => "unscheduled",
                    Transition::Publish => "published",
                    Transition::Unpublish => "unpublished",
                },
            })
        }
    };
    Ok(to)
}

/// Newsroom account emails are compared in lowercase, trimmed.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plausible address: one `@`, something on each side, a dot in the
/// domain, no spaces, at most 254 characters. Delivery is not our check.
pub fn is_plausible_email(email: &str) -> bool {
    let e = email.trim();
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !e.chars().any(char::is_whitespace)
        && e.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn rights_by_role() {
        let check = |role: Role, action: Action, expected: bool| {
            assert_eq!(role.may(action), expected, "{role} {action:?}");
        };
        check(Role::Contributor, Action::CreateArticle, true);
        check(Role::Contributor, Action::Submit, true);
        check(Role::Contributor, Action::ImportWire, true);
        check(Role::Contributor, Action::TakeWire, true);
        check(Role::Contributor, Action::SpikeWire, false);
        check(Role::Editor, Action::SpikeWire, true);
        check(Role::Contributor, Action::Publish, false);
        check(Role::Contributor, Action::ManageProgrammes, false);
        check(Role::Editor, Action::ManageProgrammes, true);
        check(Role::Admin, Action::ManageProgrammes, true);
        check(Role::Contributor, Action::Schedule, false);
        check(Role::Contributor, Action::EditAny, false);
        check(Role::Contributor, Action::ModerateComments, false);
        check(Role::Editor, Action::Publish, true);
        check(Role::Editor, Action::ModerateComments, true);
        check(Role::Editor, Action::ManageUsers, false);
        check(Role::Editor, Action::ReadAudit, false);
        check(Role::Admin, Action::ManageUsers, true);
        check(Role::Admin, Action::ManageSettings, true);
        check(Role::Admin, Action::Publish, true);
    }

    #[test]
    fn contributors_edit_their_own_drafts_only() {
        assert!(may_edit(Role::Contributor, true, Draft));
        assert!(may_edit(Role::Contributor, true, Submitted));
        assert!(!may_edit(Role::Contributor, true, Published));
        assert!(!may_edit(Role::Contributor, true, Scheduled));
        assert!(!may_edit(Role::Contributor, false, Draft));
        assert!(may_edit(Role::Editor, false, Published));
    }

    #[test]
    fn workflow_moves() {
        let ok = |from, t, to| assert_eq!(transition(from, t), Ok(to), "{from} {t:?}");
        ok(Draft, Transition::Submit, Submitted);
        ok(Submitted, Transition::SendBack, Draft);
        ok(Submitted, Transition::Schedule, Scheduled);
        ok(Scheduled, Transition::Unschedule, Draft);
        ok(Scheduled, Transition::Publish, Published);
        ok(Submitted, Transition::Publish, Published);
        ok(Published, Transition::Unpublish, Unpublished);
        ok(Unpublished, Transition::Publish, Published);
        for (from, t) in [
            (Published, Transition::Publish),
            (Published, Transition::Submit),
            (Draft, Transition::Unpublish),
            (Unpublished, Transition::Submit),
            (Draft, Transition::SendBack),
        ] {
            assert!(transition(from, t).is_err(), "{from} {t:?}");
        }
        assert_eq!(
            Transition::from_status(Published),
            vec![Transition::Unpublish]
        );
    }

    #[test]
    fn role_and_transition_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        for t in Transition::ALL {
            assert_eq!(t.as_str().parse::<Transition>(), Ok(t));
        }
        assert!("owner".parse::<Role>().is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(normalise_email("  Ana@Example.ORG "), "ana@example.org");
        for ok in ["a@b.org", "ana.maria+news@radio.example.cu"] {
            assert!(is_plausible_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.org", "a@.org", "a b@c.org", "a@b@c.org"] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
