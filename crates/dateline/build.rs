//! Embeds the demo edition (`demo/` at the workspace root) in the binary, so
//! that `dateline serve` on an empty data directory shows a whole site.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
    println!("cargo:rerun-if-changed={}", demo.display());
    println!("cargo:rerun-if-changed={}", demo.join("articles").display());
    let mut files: Vec<_> = std::fs::read_dir(demo.join("articles"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// The demo edition's articles: (file name, contents).\npub const ARTICLES: &[(&str, &str)] = &[\n");
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .ok();
    }
    out.push_str("];\n");
    writeln!(
        out,
        "/// The demo edition's sections.\npub const SECTIONS: &str = include_str!({:?});",
        demo.join("sections.toml").display().to_string()
    )
    .ok();
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("demo_files.rs");
    std::fs::write(dest, out).unwrap_or_else(|e| panic!("cannot write the demo file list: {e}"));
}
