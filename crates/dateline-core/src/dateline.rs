//! News datelines: "Washington, October 4 (RHC)--", "HAVANA, Nov 24 (Reuters) -".
//!
//! A dateline says where a story was filed, on which day, and by which agency.
//! The year is often missing in agency copy; callers resolve it.

use serde::{Deserialize, Serialize};
use time::Month;

/// A dateline as it appears at the head of agency copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place as written, e.g. "Washington" or "HAVANA".
    pub place: String,
    pub date: Option<DatelineDate>,
    /// The agency's short name, e.g. "RHC", "Reuters", "AP", "TASS".
    pub agency: Option<String>,
}

/// The day a dateline names; the year is optional because agencies leave it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineDate {
    pub year: Option<i32>,
    pub month: Month,
    pub day: u8,
}
