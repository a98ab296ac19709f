//! Fixtures shared by the criterion benches: the corpus and slices of it by size.
//!
//! The corpus is what `benches/corpus.py` writes to `target/bench-corpus/` (real text from
//! files of a Debian machine and registry packages; see that script). When it has not been
//! built (for example under `cargo test --all-targets`, which runs each bench once as a smoke
//! test), the benches fall back to this repository's own sources and data files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Input sizes, in bytes, that each bench group runs over.
pub const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The corpus directory: `$TOKENMETER_CORPUS`, else `target/bench-corpus`.
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("TOKENMETER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/bench-corpus"))
}

/// `(file name, text)` of every corpus file, sorted by name; the fallback when not built.
pub fn corpus_files() -> Vec<(String, String)> {
    let dir = corpus_dir();
    let mut files = read_texts(&dir);
    if files.is_empty() {
        let root = workspace_root();
        files = read_texts(&root.join("crates/tokenmeter/src"));
        files.extend(read_texts(&root.join("crates/tokenmeter/data")));
    }
    files
}

fn read_texts(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(String, String)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "rs" || x == "json"))
        .filter(|p| !p.ends_with("MANIFEST.txt"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    files.sort();
    files
}

/// All corpus files concatenated: the mixed corpus.
pub fn mixed_corpus() -> String {
    corpus_files().into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n")
}

/// A slice of `text` of about `size` bytes (cut at character boundaries), taken from several
/// places so small inputs are not all from the first file.
pub fn sample(text: &str, size: usize, index: usize) -> &str {
    if text.len() <= size {
        return text;
    }
    let span = text.len() - size;
    let mut start = (index.wrapping_mul(7_919_993) ^ 0x5bd1e995) % span;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = start + size;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end]
}
