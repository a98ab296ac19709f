//! `tokenmeter compare`: one prompt priced across models, cheapest first.

use tokenmeter::{Error, PreflightInput, Result};

use crate::count::print_json;
use crate::input::read_text;
use crate::pricing_args::{PricingArgs, tokens};

#[derive(clap::Args)]
pub struct Args {
    /// Comma-separated model ids or aliases.
    #[arg(long, value_delimiter = ',', required = true)]
    models: Vec<String>,
    /// Expected output tokens per request (default 0: input only).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    output_tokens: Option<String>,
    /// Read the prompt as a chat request (messages and tools) instead of plain text.
    #[arg(long)]
    chat: bool,
    #[command(flatten)]
    pricing: PricingArgs,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// The prompt file (`-` or nothing: standard input).
    file: Option<String>,
}

#[derive(serde::Serialize)]
struct Report<'a> {
    currency: &'static str,
    output_tokens: u64,
    rows: &'a [tokenmeter::CompareRow],
}

pub fn run(args: Args) -> Result<()> {
    let text = read_text(args.file.as_deref().unwrap_or("-"))?;
    let input = if args.chat {
        let (messages, tools) = tokenmeter::parse_chat(&text)?;
        PreflightInput::chat(messages, tools)
    } else {
        PreflightInput::text(text)
    };
    let output_tokens = match &args.output_tokens {
        Some(n) => tokens("--output-tokens", n).map_err(|_| Error::InvalidInput {
            reason: format!("--output-tokens must be a whole, non-negative number of tokens, got `{n}`"),
        })?,
        None => 0,
    };
    let models: Vec<&str> = args.models.iter().map(|m| m.trim()).filter(|m| !m.is_empty()).collect();
    let catalog = args.pricing.catalog()?;
    let rows = tokenmeter::compare(&catalog, &models, &input, output_tokens, &args.pricing.options()?)?;
    if args.json {
        print_json(&Report { currency: "USD", output_tokens, rows: &rows });
        return Ok(());
    }
    println!("{:<34} {:>10} {:>6} {:>16} {:>16}", "model", "input", "exact", "$/request", "$/1k requests");
    for r in &rows {
        println!(
            "{:<34} {:>10} {:>6} {:>16} {:>16}",
            r.model,
            r.input_tokens,
            if r.exact { "yes" } else { "~" },
            r.cost_per_request.to_string(),
            r.cost_per_1k_requests.to_string()
        );
    }
    Ok(())
}
