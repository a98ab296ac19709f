//! `tokenmeter cost`: the exact, itemized price of a call, from a provider's usage object or
//! from plain counts.

use serde::Serialize;
use tokenmeter::{Cost, Error, Result, Usage};

use crate::count::print_json;
use crate::input::read_text;
use crate::pricing_args::{PricingArgs, tokens};

#[derive(clap::Args)]
pub struct Args {
    /// A model id or alias (Azure, Bedrock and Vertex names resolve too).
    #[arg(long)]
    model: String,
    /// A provider usage object, or the whole response containing it (OpenAI Chat or Responses,
    /// Anthropic, Gemini, DeepSeek; detected from its fields). `-` reads standard input.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["input", "output", "cached_input"])]
    usage: Option<String>,
    /// Read --usage as this provider's format instead of detecting it: openai_chat,
    /// openai_responses, anthropic, gemini, deepseek, xai (Grok: reasoning outside completion)
    /// or plain.
    #[arg(long, value_name = "FORMAT", requires = "usage")]
    usage_format: Option<String>,
    /// All input tokens, cached ones included (as OpenAI's prompt_tokens).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    input: Option<String>,
    /// Output tokens.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    output: Option<String>,
    /// How many of the --input tokens were read from a cache.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    cached_input: Option<String>,
    /// Round each line up to a multiple of N tokens (per-1K billing: 1000).
    #[arg(long, value_name = "N")]
    bucket: Option<String>,
    #[command(flatten)]
    pricing: PricingArgs,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    cost: &'a Cost,
    usage: &'a Usage,
}

pub fn run(args: Args) -> Result<()> {
    let usage = match (&args.usage, &args.input, &args.output) {
        (Some(path), _, _) => match &args.usage_format {
            Some(format) => Usage::from_json_as(&read_text(path)?, format.parse()?)?,
            None => Usage::from_json(&read_text(path)?)?,
        },
        (None, Some(input), Some(output)) => {
            let input = tokens("--input", input)?;
            let cached = match &args.cached_input {
                Some(c) => tokens("--cached-input", c)?,
                None => 0,
            };
            if cached > input {
                return Err(Error::InvalidUsage {
                    reason: format!("--cached-input ({cached}) is more than --input ({input}), which includes it"),
                });
            }
            Usage::new(input - cached, tokens("--output", output)?).with_cache_read(cached)
        }
        _ => {
            return Err(Error::InvalidInput {
                reason: "give --usage FILE, or both --input N and --output N".into(),
            });
        }
    };
    let mut options = args.pricing.options()?;
    if let Some(b) = &args.bucket {
        let b = tokens("--bucket", b)?;
        if b == 0 {
            return Err(Error::InvalidInput { reason: "--bucket must be at least 1".into() });
        }
        options = options.with_token_bucket(b);
    }
    let catalog = args.pricing.catalog()?;
    // The counts as the model's provider bills them (xAI: reasoning outside completion), so the
    // usage shown is the one priced.
    let usage = usage.as_billed_by(&catalog.get(&args.model)?.provider);
    let cost = catalog.cost(&args.model, &usage, &options)?;
    if args.json {
        print_json(&Report { cost: &cost, usage: &usage });
    } else {
        print_text(&cost);
    }
    Ok(())
}

pub fn print_text(cost: &Cost) {
    outln!("{} ({} prices from {}, {})", cost.model, cost.variant, cost.price_effective, cost.price_source);
    for l in &cost.lines {
        let billed = if l.billed_quantity != l.quantity { format!(" (billed {})", l.billed_quantity) } else { String::new() };
        let unit = if l.kind == tokenmeter::LineKind::Request { "/request" } else { "/M" };
        let tier = l.tier.map(|t| format!(" [over {t} tokens]")).unwrap_or_default();
        outln!(
            "  {:<15} {:>10}{billed} x ${}{unit} = ${}  {}{tier}",
            l.kind.as_str(),
            l.quantity,
            l.unit_price,
            l.amount,
            l.variant
        );
    }
    if let Some(t) = cost.tier {
        if t.crossed {
            outln!("  long-context tier: {} input tokens > {}: the whole request is at tier rates", t.input_tokens, t.above);
        } else {
            outln!("  long-context tier: {} more input tokens would reprice the whole request (over {})", t.tokens_until_crossing, t.above);
        }
    }
    if let Some(m) = cost.marginal_input_token {
        outln!("  next input token: ${m}");
    }
    outln!("total ${} {}", cost.total, cost.currency);
}
