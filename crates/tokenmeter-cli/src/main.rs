//! `tokenmeter`: count, fit and price LLM tokens from the command line.
//!
//! Every subcommand prints its result on stdout (or one JSON object with `--json`) and, on bad
//! input, exits with status 1 and one line on stderr saying what was wrong. A command line that
//! cannot be parsed (unknown flag, missing value, conflicting flags) exits with status 2 and one
//! line on stderr.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};

mod compare;
mod cost;
mod count;
mod fit;
mod input;
mod preflight;
mod pricing_args;
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
    /// Price a call exactly: from a provider's usage object (or response), or from counts.
    Cost(cost::Args),
    /// Before the call: input tokens, fit, least and worst cost, warnings.
    Preflight(preflight::Args),
    /// Price one prompt across models, cheapest first.
    Compare(compare::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let result = match cli.command {
        Command::Count(args) => count::run(args),
        Command::Fit(args) => fit::run(args),
        Command::Prune(args) => prune::run(args),
        Command::Redact(args) => redact::run(args),
        Command::Cost(args) => cost::run(args),
        Command::Preflight(args) => preflight::run(args),
        Command::Compare(args) => compare::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tokenmeter: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Help and version go out as clap prints them; any other parse error becomes one line on
/// stderr (clap's own message is several lines with a usage block) and exit status 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(if e.use_stderr() { 2 } else { 0 })
        }
        _ => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("tokenmeter: error: {first} (see `tokenmeter --help`)");
            ExitCode::from(2)
        }
    }
}
