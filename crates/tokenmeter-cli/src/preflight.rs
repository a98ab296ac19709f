//! `tokenmeter preflight`: before the call, the request's tokens, fit, best and worst cost.

use tokenmeter::{Error, PreflightInput, Result};

use crate::count::print_json;
use crate::input::read_text;
use crate::pricing_args::{PricingArgs, tokens};

#[derive(clap::Args)]
pub struct Args {
    /// A model id or alias.
    #[arg(long)]
    model: String,
    /// A chat request: a JSON array of messages, or an object with `messages` and `tools`.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    chat: Option<String>,
    /// The planned max output tokens (max_tokens / max_output_tokens).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    max_output: Option<String>,
    #[command(flatten)]
    pricing: PricingArgs,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// A plain-text prompt file (`-` or nothing: standard input).
    file: Option<String>,
}

pub fn run(args: Args) -> Result<()> {
    let input = match (&args.chat, &args.file) {
        (Some(chat), _) => {
            let (messages, tools) = tokenmeter::parse_chat(&read_text(chat)?)?;
            PreflightInput::chat(messages, tools)
        }
        (None, path) => PreflightInput::text(read_text(path.as_deref().unwrap_or("-"))?),
    };
    let max_output = match &args.max_output {
        Some(m) => Some(tokens("--max-output", m).map_err(|_| Error::InvalidInput {
            reason: format!("--max-output must be a whole, non-negative number of tokens, got `{m}`"),
        })?),
        None => None,
    };
    let catalog = args.pricing.catalog()?;
    let options = args.pricing.options()?;
    let p = catalog.preflight(&args.model, &input, max_output, &options)?;
    if args.json {
        print_json(&p);
        return Ok(());
    }
    let approx = if p.exact { String::new() } else { format!(" (estimate: {}..{})", p.input_tokens_lower, p.input_tokens_upper) };
    println!("{}: {} input tokens{approx}", p.model, p.input_tokens);
    println!(
        "window {}: {} ({} tokens left after {} reserved for output)",
        p.context_window,
        if p.fits { "fits" } else { "DOES NOT FIT" },
        p.room_left,
        p.reserved_output
    );
    println!("least cost ${} (no output), worst cost ${} ({} output tokens)", p.least_cost.total, p.worst_cost.total, p.reserved_output);
    for w in &p.warnings {
        println!("warning: {}: {}", w.kind, w.message);
    }
    Ok(())
}
