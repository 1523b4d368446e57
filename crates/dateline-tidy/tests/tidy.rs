//! Tidy: the rules of ARCHITECTURE.md that a reader of the code could break
//! without a test noticing, checked over the source itself.
//!
//! - SQL only in `dateline-store`; HTTP (axum, hyper, tower) only in
//!   `dateline-web` (and the benchmark tools).
//! - Neither of the web crate's surfaces (`public/`, `newsroom/`) imports
//!   the other.
//! - No cycle between the web crate's modules (a `mod.rs` and its own
//!   children aside).
//! - Handlers reach the store through the application layer: direct store
//!   calls in `dateline-web` may only become fewer (`allow/store-calls.txt`).
//! - No source file longer than [`MAX_LINES`], tests aside; the files that
//!   were longer when the rule came may only shrink (`allow/long-files.txt`).
//! - A dependency that two crates use is declared once, in
//!   `[workspace.dependencies]`, with its features there (those declared
//!   twice when the rule came wait in `allow/shared-deps.txt`).
//!
//! A file of the allow-lists that has shrunk below its entry makes the test
//! say so, so the entry is lowered (or removed) with the change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be, not counting its `#[cfg(test)]` module.
const MAX_LINES: usize = 600;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The crates' `src/` folders, by crate folder name.
fn crate_sources() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("crates"))
        .expect("crates/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        let src = entry.path().join("src");
        if src.is_dir() {
            out.push((name, src));
        }
    }
    out.sort();
    out
}

/// The code of a file without its `#[cfg(test)]` module (the tests stay
/// with the code they test, and do not count against it).
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// An allow-list: `path count` lines, `#` comments.
fn allow_list(name: &str) -> BTreeMap<String, usize> {
    read(&root().join("crates/dateline-tidy/allow").join(name))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (path, n) = l.rsplit_once(' ')?;
            Some((path.trim().to_string(), n.trim().parse().ok()?))
        })
        .collect()
}

/// Compares counts with an allow-list: an error for each file past its
/// entry (or past zero without one), and a note for each below it.
fn ratchet(
    found: &BTreeMap<String, usize>,
    list: &str,
    what: &str,
    limit_without_entry: usize,
) -> Vec<String> {
    let allowed = allow_list(list);
    let mut problems = Vec::new();
    for (path, n) in found {
        let limit = allowed.get(path).copied().unwrap_or(limit_without_entry);
        if *n > limit {
            problems.push(format!("{path}: {n} {what} (allowed {limit})"));
        }
    }
    for (path, limit) in &allowed {
        let n = found.get(path).copied().unwrap_or(0);
        if n < *limit {
            problems.push(format!(
                "{path}: now {n} {what}; lower its entry in allow/{list} from {limit} to {n}"
            ));
        }
    }
    problems
}

#[test]
fn sql_lives_in_the_store_only() {
    const SQL: [&str; 6] = [
        "\"SELECT ",
        "\"INSERT INTO",
        "\"DELETE FROM",
        "\"UPDATE ",
        "\"CREATE TABLE",
        "sqlx::",
    ];
    let mut found = Vec::new();
    for (name, src) in crate_sources() {
        if name == "dateline-store" {
            continue;
        }
        for file in rust_files(&src) {
            let text = read(&file);
            for (i, line) in text.lines().enumerate() {
                if SQL.iter().any(|s| line.contains(s)) {
                    found.push(format!("{}:{}: {}", relative(&file), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside dateline-store:\n{}",
        found.join("\n")
    );
}

#[test]
fn http_lives_in_the_web_crate_only() {
    const HTTP: [&str; 5] = ["axum::", "hyper::", "tower::", "tower_http::", "http::"];
    let mut found = Vec::new();
    for (name, src) in crate_sources() {
        // The benchmarks' reference server speaks HTTP by its nature.
        if name == "dateline-web" || name == "dateline-bench" {
            continue;
        }
        for file in rust_files(&src) {
            for (i, line) in read(&file).lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if HTTP.iter().any(|h| {
                    code.match_indices(h).any(|(at, _)| {
                        // `http::` as a path of its own, not `ureq::http::`.
                        at == 0
                            || !code[..at]
                                .ends_with(|c: char| c == ':' || c.is_alphanumeric() || c == '_')
                    })
                }) {
                    found.push(format!("{}:{}: {}", relative(&file), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "HTTP outside dateline-web:\n{}",
        found.join("\n")
    );
}

/// The web crate's module of a file (`newsroom::articles::save`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The modules of the crate a file names with `crate::a::b` or
/// `super::x` paths (to the depth of a module that exists).
fn imports(
    module: &str,
    text: &str,
    modules: &BTreeSet<String>,
    is_mod_rs: bool,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let here: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    // `super` of a `mod.rs` (or of lib.rs) is its parent; of `x.rs` too.
    let parent: Vec<&str> = if here.is_empty() {
        Vec::new()
    } else {
        here[..here.len() - 1].to_vec()
    };
    let _ = is_mod_rs;
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        for (at, _) in code.match_indices(prefix) {
            if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            {
                continue;
            }
            let rest = &code[at + prefix.len()..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let mut full: Vec<&str> = base.clone();
            let mut best = None;
            for segment in path {
                full.push(segment);
                let name = full.join("::");
                if modules.contains(&name) {
                    best = Some(name);
                } else {
                    break;
                }
            }
            if let Some(m) = best {
                if m != module {
                    out.insert(m);
                }
            }
        }
    }
    out
}

/// The web crate's modules and what each imports.
fn web_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("crates/dateline-web/src");
    let files = rust_files(&src);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    files
        .iter()
        .map(|f| {
            let m = module_of(&src, f);
            let is_mod_rs = f.file_name().is_some_and(|n| n == "mod.rs");
            let i = imports(&m, &read(f), &modules, is_mod_rs);
            (m, i)
        })
        .collect()
}

#[test]
fn the_web_surfaces_do_not_import_each_other() {
    let mut found = Vec::new();
    for (module, imported) in web_graph() {
        for (surface, other) in [("public", "newsroom"), ("newsroom", "public")] {
            if module == surface || module.starts_with(&format!("{surface}::")) {
                for i in &imported {
                    if i == other || i.starts_with(&format!("{other}::")) {
                        found.push(format!("{module} imports {i}"));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "one surface imports the other:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_web_modules_import_one_another_without_cycles() {
    let graph = web_graph();
    // A module and its own children may name each other (`mod.rs` declares
    // them, they use what it holds): only edges between strangers count.
    let related = |a: &str, b: &str| {
        a.is_empty()
            || b.is_empty()
            || a.starts_with(&format!("{b}::"))
            || b.starts_with(&format!("{a}::"))
    };
    let edges: BTreeMap<&str, Vec<&str>> = graph
        .iter()
        .map(|(m, to)| {
            (
                m.as_str(),
                to.iter()
                    .map(String::as_str)
                    .filter(|t| !related(m, t))
                    .collect(),
            )
        })
        .collect();
    let mut cycles = BTreeSet::new();
    for start in edges.keys() {
        // Depth-first from each module, looking for a way back to it.
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(at).map(Vec::as_slice).unwrap_or(&[]) {
                if next == start {
                    let mut cycle = path.clone();
                    let smallest = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, m)| **m)
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(smallest);
                    cycles.insert(cycle.join(" → "));
                } else if seen.insert(*next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules of dateline-web that import each other:\n{}",
        cycles.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn handlers_reach_the_store_through_the_application_only_fewer() {
    let src = root().join("crates/dateline-web/src");
    let mut found = BTreeMap::new();
    for file in rust_files(&src) {
        let text = read(&file);
        let code = without_tests(&text);
        // `state.app.store.x(…)`, written on one line or over several.
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join("");
        let n = flat.matches(".store.").count()
            + flat.matches("(&state.app.store").count()
            + flat.matches("(&app.store").count();
        if n > 0 {
            found.insert(relative(&file), n);
        }
    }
    let problems = ratchet(&found, "store-calls.txt", "direct store calls", 0);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn source_files_stay_short() {
    let mut found = BTreeMap::new();
    for (_, src) in crate_sources() {
        for file in rust_files(&src) {
            let text = read(&file);
            let n = without_tests(&text).lines().count();
            if n > MAX_LINES {
                found.insert(relative(&file), n);
            }
        }
    }
    let problems = ratchet(&found, "long-files.txt", "lines", MAX_LINES);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn shared_dependencies_are_declared_once() {
    let manifest = |path: &Path| -> toml::Table {
        read(path)
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", relative(path)))
    };
    let workspace = manifest(&root().join("Cargo.toml"));
    let declared: BTreeSet<String> = workspace
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table())
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default();
    // Dependency → the crates that declare it themselves.
    let mut own: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, src) in crate_sources() {
        let path = src.join("../Cargo.toml");
        let m = manifest(&path);
        for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
            let Some(deps) = m.get(section).and_then(|d| d.as_table()) else {
                continue;
            };
            for (dep, spec) in deps {
                let inherited = spec
                    .as_table()
                    .and_then(|t| t.get("workspace"))
                    .and_then(|w| w.as_bool())
                    .unwrap_or(false);
                if inherited {
                    continue;
                }
                if declared.contains(dep) {
                    problems.push(format!(
                        "{name} declares {dep} itself; it is in [workspace.dependencies]: use `{dep}.workspace = true`"
                    ));
                }
                own.entry(dep.clone()).or_default().push(name.clone());
            }
        }
    }
    // Declared by several crates when the rule came, until moved.
    let waiting: BTreeSet<String> = allow_list("shared-deps.txt").into_keys().collect();
    for (dep, crates) in own {
        let crates: BTreeSet<String> = crates.into_iter().collect();
        if crates.len() > 1 && !waiting.contains(&dep) {
            problems.push(format!(
                "{dep} is declared by {}: declare it once in [workspace.dependencies]",
                crates.into_iter().collect::<Vec<_>>().join(", ")
            ));
        } else if crates.len() <= 1 && waiting.contains(&dep) {
            problems.push(format!(
                "{dep} is declared once now: remove it from allow/shared-deps.txt"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
