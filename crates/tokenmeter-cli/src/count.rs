//! `tokenmeter count`.

use serde::Serialize;
use tokenmeter::{ChatFormat, Result};

use crate::input::{read_text, tokenizer_for};

#[derive(clap::Args)]
pub struct Args {
    /// A bundled tiktoken encoding (o200k_base, cl100k_base, p50k_base, p50k_edit, r50k_base, o200k_harmony).
    #[arg(long, conflicts_with = "model")]
    encoding: Option<String>,
    /// A model id or alias from the catalog; its tokenizer is used (default: o200k_base).
    #[arg(long)]
    model: Option<String>,
    /// Count a chat request: a JSON array of messages, or an object with `messages` and `tools`.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    chat: Option<String>,
    /// Parse special-token text such as <|endoftext|> as special tokens.
    #[arg(long)]
    allow_special: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Files to count; standard input when none (or `-`).
    files: Vec<String>,
}

#[derive(Serialize)]
struct FileCount {
    path: String,
    tokens: usize,
}

#[derive(Serialize)]
struct CountReport {
    total: usize,
    exact: bool,
    files: Vec<FileCount>,
}

#[derive(Serialize)]
struct ChatReport {
    tokens: usize,
    exact: bool,
}

pub fn run(args: Args) -> Result<()> {
    let (tokenizer, model) = tokenizer_for(args.encoding.as_deref(), args.model.as_deref())?;
    let tokenizer = tokenizer.allow_special(args.allow_special);
    if let Some(chat) = &args.chat {
        let (messages, tools) = tokenmeter::parse_chat(&read_text(chat)?)?;
        let format = model.map(|m| m.chat_format).unwrap_or(ChatFormat::Openai);
        let counted = tokenmeter::count_chat(&tokenizer, format, &messages, &tools)?;
        if args.json {
            print_json(&ChatReport { tokens: counted.tokens, exact: counted.exact });
        } else {
            outln!("{}", counted.tokens);
        }
        return Ok(());
    }
    let paths = if args.files.is_empty() { vec!["-".to_string()] } else { args.files };
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let text = read_text(&path)?;
        files.push(FileCount { tokens: tokenizer.count(&text)?, path });
    }
    let total = files.iter().map(|f| f.tokens).sum();
    if args.json {
        print_json(&CountReport { total, exact: tokenizer.is_exact(), files });
    } else if files.len() == 1 {
        outln!("{total}");
    } else {
        for f in &files {
            outln!("{:>10} {}", f.tokens, f.path);
        }
        outln!("{total:>10} total");
    }
    Ok(())
}

#[allow(clippy::expect_used)] // our own Serialize types with string keys cannot fail
pub fn print_json<T: Serialize>(value: &T) {
    outln!("{}", serde_json::to_string(value).expect("serializable"));
}
