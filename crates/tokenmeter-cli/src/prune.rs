//! `tokenmeter prune`: run deterministic pruning passes over a text.

use serde::Serialize;
use tokenmeter::{Pass, Pruner, Result};

use crate::count::print_json;
use crate::input::{read_text, tokenizer_for};

#[derive(clap::Args)]
pub struct Args {
    /// Comma-separated passes, run in order: whitespace, dedupe, json, json_table, markdown,
    /// boilerplate (default json,dedupe,whitespace).
    #[arg(long, value_name = "LIST")]
    passes: Option<String>,
    /// A regular expression for the boilerplate pass (repeatable).
    #[arg(long, value_name = "REGEX")]
    boilerplate: Vec<String>,
    /// A bundled tiktoken encoding to count with (default o200k_base).
    #[arg(long, conflicts_with = "model")]
    encoding: Option<String>,
    /// A model whose tokenizer counts the savings.
    #[arg(long)]
    model: Option<String>,
    /// Print one JSON object: the text and each pass's tokens before and after.
    #[arg(long)]
    json: bool,
    /// The text; standard input when absent (or `-`).
    file: Option<String>,
}

#[derive(Serialize)]
struct PassJson {
    pass: Pass,
    tokens_before: usize,
    tokens_after: usize,
    saved: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    text: &'a str,
    tokens_before: usize,
    tokens_after: usize,
    saved: usize,
    passes: Vec<PassJson>,
}

pub fn run(args: Args) -> Result<()> {
    let pruner = match &args.passes {
        Some(list) => Pruner::new(Pass::parse_list(list)?),
        None => Pruner::default(),
    }
    .with_boilerplate(&args.boilerplate)?;
    let (tokenizer, _) = tokenizer_for(args.encoding.as_deref(), args.model.as_deref())?;
    let text = read_text(args.file.as_deref().unwrap_or("-"))?;
    let pruned = pruner.run(&tokenizer, &text)?;
    if args.json {
        print_json(&Report {
            text: &pruned.text,
            tokens_before: pruned.tokens_before,
            tokens_after: pruned.tokens_after,
            saved: pruned.tokens_before.saturating_sub(pruned.tokens_after),
            passes: pruned
                .passes
                .iter()
                .map(|p| PassJson { pass: p.pass, tokens_before: p.tokens_before, tokens_after: p.tokens_after, saved: p.saved() })
                .collect(),
        });
    } else {
        print!("{}", pruned.text);
    }
    Ok(())
}
