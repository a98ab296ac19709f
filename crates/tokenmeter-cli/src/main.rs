//! `tokenmeter`: count, fit and price LLM tokens from the command line.
//!
//! Every subcommand prints its result on stdout (or one JSON object with `--json`) and, on bad
//! input, exits with status 1 and one line on stderr saying what was wrong.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod count;
mod fit;
mod input;
mod prune;
mod redact;

#[derive(Parser)]
#[command(name = "tokenmeter", version, about = "Count, fit and price LLM tokens before the call")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Count the tokens of files (or standard input), or of a chat request.
    Count(count::Args),
    /// Truncate a text, or fit a chat history, to a token budget.
    Fit(fit::Args),
    /// Remove tokens with deterministic passes (whitespace, dedupe, json, markdown, ...).
    Prune(prune::Args),
    /// Replace personal data with stable placeholders, or restore it with --restore.
    Redact(redact::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Count(args) => count::run(args),
        Command::Fit(args) => fit::run(args),
        Command::Prune(args) => prune::run(args),
        Command::Redact(args) => redact::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tokenmeter: error: {e}");
            ExitCode::FAILURE
        }
    }
}
