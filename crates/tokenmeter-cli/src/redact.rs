//! `tokenmeter redact`: replace personal data with stable placeholders, or restore it.

use serde::Serialize;
use tokenmeter::{Error, RedactionMap, Redactor, Result};

use crate::count::print_json;
use crate::input::{read_text, tokenizer_for};

#[derive(clap::Args)]
pub struct Args {
    /// A caller pattern, `LABEL=REGEX` (repeatable); matches become `<LABEL_n>`.
    #[arg(long, value_name = "LABEL=REGEX")]
    pattern: Vec<String>,
    /// A JSON file of caller patterns: an object `{"LABEL": "REGEX", ...}`.
    #[arg(long, value_name = "FILE")]
    patterns: Option<String>,
    /// Continue a mapping saved earlier (same values keep their placeholders).
    #[arg(long, value_name = "FILE", conflicts_with = "restore")]
    mapping: Option<String>,
    /// Write the mapping (JSON) to this file.
    #[arg(long, value_name = "FILE", conflicts_with = "restore")]
    save_mapping: Option<String>,
    /// Restore a text (e.g. a model's reply) with a mapping file instead of redacting.
    #[arg(long, value_name = "MAPPING")]
    restore: Option<String>,
    /// A bundled tiktoken encoding to count the savings (default o200k_base).
    #[arg(long, conflicts_with = "model")]
    encoding: Option<String>,
    /// A model whose tokenizer counts the savings.
    #[arg(long)]
    model: Option<String>,
    /// Print one JSON object: text, mapping, replaced, tokens before/after/saved.
    #[arg(long)]
    json: bool,
    /// The text; standard input when absent (or `-`).
    file: Option<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    text: &'a str,
    mapping: &'a RedactionMap,
    replaced: usize,
    tokens_before: usize,
    tokens_after: usize,
    tokens_saved: usize,
}

pub fn run(args: Args) -> Result<()> {
    let text = read_text(args.file.as_deref().unwrap_or("-"))?;
    if let Some(path) = &args.restore {
        let map = RedactionMap::from_json(&read_text(path)?)?;
        let restored = map.restore(&text);
        if args.json {
            print_json(&serde_json::json!({ "text": restored }));
        } else {
            print!("{restored}");
        }
        return Ok(());
    }
    let mut redactor = Redactor::new();
    if let Some(path) = &args.patterns {
        let patterns: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&read_text(path)?)
            .map_err(|e| Error::InvalidInput { reason: format!("{path}: expected {{\"LABEL\": \"REGEX\"}}: {e}") })?;
        for (label, re) in patterns {
            let re = re.as_str().ok_or_else(|| Error::InvalidInput {
                reason: format!("{path}: pattern for `{label}` must be a string"),
            })?;
            redactor = redactor.with_pattern(&label, re)?;
        }
    }
    for spec in &args.pattern {
        let (label, re) = spec.split_once('=').ok_or_else(|| Error::InvalidInput {
            reason: format!("--pattern `{spec}` must be LABEL=REGEX"),
        })?;
        redactor = redactor.with_pattern(label, re)?;
    }
    let mapping = match &args.mapping {
        Some(path) => RedactionMap::from_json(&read_text(path)?)?,
        None => RedactionMap::new(),
    };
    let (tokenizer, _) = tokenizer_for(args.encoding.as_deref(), args.model.as_deref())?;
    let redacted = redactor.run(&tokenizer, &text, mapping)?;
    if let Some(path) = &args.save_mapping {
        let json = serde_json::to_string_pretty(&redacted.mapping)
            .map_err(|e| Error::InvalidInput { reason: format!("mapping: {e}") })?;
        std::fs::write(path, json + "\n").map_err(|e| Error::Io { path: path.clone(), reason: e.to_string() })?;
    }
    if args.json {
        print_json(&Report {
            text: &redacted.text,
            mapping: &redacted.mapping,
            replaced: redacted.replaced,
            tokens_before: redacted.tokens_before.unwrap_or(0),
            tokens_after: redacted.tokens_after.unwrap_or(0),
            tokens_saved: redacted.tokens_saved(),
        });
    } else {
        print!("{}", redacted.text);
    }
    Ok(())
}
