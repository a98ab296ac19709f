//! Prints the pruning savings table of docs/fitting.md: o200k tokens of each realistic input in
//! `tests/data/savings/` before and after each pass (each pass alone on the original), and
//! after the pipeline suited to the input.
//!
//!     cargo run -p tokenmeter --example savings
//!
//! `tests/savings_table.rs` builds the same table and checks that the copies in docs/fitting.md
//! and README.md match it.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use tokenmeter::{Encoding, Pass, Pruner, Redactor, RedactionMap, Tokenizer};

fn main() -> Result<(), tokenmeter::Error> {
    print!("{}", table()?);
    Ok(())
}

/// The Markdown table, one row per input.
pub fn table() -> Result<String, tokenmeter::Error> {
    let mut out = String::new();
    let dir = format!("{}/../../tests/data/savings", env!("CARGO_MANIFEST_DIR"));
    let inputs: [(&str, &str, Vec<Pass>); 5] = [
        ("github-search-issues.json", "pretty-printed API response (GitHub search, from npm @octokit/fixtures 23.1.2)", vec![Pass::JsonTable, Pass::Whitespace]),
        ("support-thread.txt", "support thread with quoted replies (synthetic, mail-client shape)", vec![Pass::Dedupe, Pass::Whitespace]),
        ("regex-readme.md", "Markdown knowledge-base page (README.md of crates.io regex 1.13.2)", vec![Pass::Markdown, Pass::Dedupe, Pass::Whitespace]),
        ("dpkg.log", "log with repeated lines (first 600 lines of this Debian machine's /var/log/dpkg.log)", vec![Pass::Dedupe, Pass::Whitespace]),
        ("agent-chat.txt", "chat history that repeats its state (synthetic agent transcript)", vec![Pass::Dedupe, Pass::Whitespace]),
    ];
    let tok = Tokenizer::from_encoding(Encoding::O200kBase);
    let single = [Pass::Whitespace, Pass::Dedupe, Pass::Json, Pass::JsonTable, Pass::Markdown];
    out += "| input | original |";
    for p in single {
        out += &format!(" {p} |");
    }
    out += " pipeline | pipeline saved | redact (tokens) |\n";
    out += &format!("|---|---:|{}---:|---:|---:|\n", "---:|".repeat(single.len()));
    for (file, what, pipeline) in inputs {
        let text = std::fs::read_to_string(format!("{dir}/{file}"))
            .map_err(|e| tokenmeter::Error::Io { path: file.to_string(), reason: e.to_string() })?;
        let before = tok.count(&text)?;
        out += &format!("| `{file}`: {what} | {before} |");
        let pruner = Pruner::new(single.to_vec());
        for p in single {
            let after = tok.count(&pruner.apply(p, &text))?;
            out += &format!(" {after} |");
        }
        let run = Pruner::new(pipeline.clone()).run(&tok, &text)?;
        let names: Vec<&str> = pipeline.iter().map(|p| p.as_str()).collect();
        let saved = 100.0 * (before - run.tokens_after.min(before)) as f64 / before as f64;
        let redacted = Redactor::new().run(&tok, &text, RedactionMap::new())?;
        out += &format!(
            " {} ({}) | {saved:.1}% | {} ({} spans) |\n",
            run.tokens_after,
            names.join(" → "),
            redacted.tokens_after.unwrap_or(0),
            redacted.replaced
        );
    }
    Ok(out)
}
