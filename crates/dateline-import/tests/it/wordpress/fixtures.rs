//! The real exports in the shared test data, read where they are (they are
//! large, and the importer's edge cases are kept with their licence note
//! there). Absent, each test says NOT RUN; under DATELINE_CI=1 it fails.

use std::path::PathBuf;

/// `shared/testdata/{folder}` beside the repository, if present.
pub fn folder(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testdata")
        .join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("DATELINE_CI").is_ok_and(|v| v == "1") {
        panic!("{} is missing, and DATELINE_CI=1 needs it", dir.display());
    }
    eprintln!("NOT RUN: {} is absent", dir.display());
    None
}

/// The bytes of one shared test file.
pub fn read(folder_name: &str, file: &str) -> Option<Vec<u8>> {
    let dir = folder(folder_name)?;
    Some(std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}")))
}
