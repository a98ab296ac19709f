//! `tokenmeter fit`: truncate a text, or fit a chat history, to a token budget.

use serde::Serialize;
use tokenmeter::{
    ChatFormat, Catalog, Error, FitPolicy, Fitted, Keep, Result, TruncateOptions,
};

use crate::count::print_json;
use crate::input::{read_text, tokenizer_for};

#[derive(clap::Args)]
pub struct Args {
    /// The token budget: of the text, or for --chat of the whole call (prompt plus reserved
    /// output; default the model's context window).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    budget: Option<String>,
    /// A bundled tiktoken encoding (default o200k_base).
    #[arg(long, conflicts_with = "model")]
    encoding: Option<String>,
    /// A model id or alias from the catalog; its tokenizer (and for --chat its framing and
    /// context window) is used.
    #[arg(long)]
    model: Option<String>,
    /// Which part of the text to keep: head (the default), tail or both.
    #[arg(long)]
    keep: Option<String>,
    /// The text between the two ends for --keep both.
    #[arg(long)]
    marker: Option<String>,
    /// Fit a chat history (a JSON array of messages, or an object with `messages` and `tools`).
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    chat: Option<String>,
    /// For --chat: tokens kept free for the reply.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    reserve_output: Option<String>,
    /// For --chat: cut the oldest kept message partially instead of dropping it.
    #[arg(long)]
    partial: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// The text to fit; standard input when absent (or `-`).
    file: Option<String>,
}

#[derive(Serialize)]
struct TextReport<'a> {
    text: &'a str,
    tokens: usize,
    cut_tokens: usize,
    truncated: bool,
    keep: Keep,
    budget: usize,
    exact: bool,
}

#[derive(Serialize)]
struct ChatReport<'a> {
    model: Option<&'a str>,
    reserve_output: usize,
    #[serde(flatten)]
    fitted: &'a Fitted,
}

fn count_arg(name: &str, value: &str, allow_zero: bool) -> Result<usize> {
    match value.trim().parse::<i64>() {
        Ok(n) if n > 0 || (allow_zero && n == 0) => usize::try_from(n).map_err(|_| Error::InvalidInput {
            reason: format!("--{name} {value} is too large"),
        }),
        Ok(_) => Err(Error::InvalidInput {
            reason: format!(
                "--{name} must be {} (got {value})",
                if allow_zero { "zero or more" } else { "a positive number of tokens" }
            ),
        }),
        Err(_) => Err(Error::InvalidInput { reason: format!("--{name} must be a whole number (got `{value}`)") }),
    }
}

pub fn run(args: Args) -> Result<()> {
    if args.chat.is_some() {
        // A flag that does not apply is an error, never silently ignored.
        if args.keep.is_some() || args.marker.is_some() {
            return Err(Error::InvalidInput {
                reason: "--keep and --marker apply to a text, not to --chat (use --partial to cut a message)".into(),
            });
        }
        return run_chat(args);
    }
    let budget = match &args.budget {
        Some(b) => count_arg("budget", b, false)?,
        None => return Err(Error::InvalidInput { reason: "fit needs --budget N".into() }),
    };
    if args.reserve_output.is_some() {
        return Err(Error::InvalidInput { reason: "--reserve-output applies to --chat only".into() });
    }
    if args.partial {
        return Err(Error::InvalidInput { reason: "--partial applies to --chat only".into() });
    }
    let keep: Keep = args.keep.as_deref().map(str::parse).transpose()?.unwrap_or_default();
    if args.marker.is_some() && keep != Keep::Both {
        return Err(Error::InvalidInput { reason: format!("--marker applies to --keep both only (got --keep {keep})") });
    }
    let (tokenizer, _) = tokenizer_for(args.encoding.as_deref(), args.model.as_deref())?;
    let text = read_text(args.file.as_deref().unwrap_or("-"))?;
    let mut opts = TruncateOptions::new(budget).with_keep(keep).with_count_cut(true);
    if let Some(m) = args.marker {
        opts = opts.with_marker(m);
    }
    let cut = tokenizer.truncate(&text, &opts)?;
    if args.json {
        print_json(&TextReport {
            text: &cut.text,
            tokens: cut.tokens,
            cut_tokens: cut.cut_tokens.unwrap_or(0),
            truncated: cut.truncated,
            keep,
            budget,
            exact: cut.exact,
        });
    } else {
        out!("{}", cut.text);
    }
    Ok(())
}

fn run_chat(args: Args) -> Result<()> {
    let path = args.chat.as_deref().unwrap_or("-");
    let (messages, tools) = tokenmeter::parse_chat(&read_text(path)?)?;
    let (tokenizer, format, window, model_id) = match (&args.model, &args.encoding) {
        (Some(name), _) => {
            let model = Catalog::bundled().get(name)?;
            let window = usize::try_from(model.context_window).unwrap_or(usize::MAX);
            (model.tokenizer()?, model.chat_format, Some(window), Some(model.id.as_str()))
        }
        (None, enc) => (tokenizer_for(enc.as_deref(), None)?.0, ChatFormat::Openai, None, None),
    };
    let reserve = match &args.reserve_output {
        Some(r) => count_arg("reserve-output", r, true)?,
        None => 0,
    };
    let total = match (&args.budget, window) {
        (Some(b), Some(w)) => count_arg("budget", b, false)?.min(w),
        (Some(b), None) => count_arg("budget", b, false)?,
        (None, Some(w)) => w,
        (None, None) => {
            return Err(Error::InvalidInput { reason: "fit --chat needs --budget N or --model ID".into() });
        }
    };
    if reserve >= total {
        return Err(Error::InvalidInput {
            reason: format!("--reserve-output {reserve} leaves no room in a budget of {total}"),
        });
    }
    let policy = FitPolicy::default().with_partial(args.partial);
    let fitted = tokenmeter::fit_messages(&tokenizer, format, &messages, &tools, total - reserve, &policy)?;
    if args.json {
        print_json(&ChatReport { model: model_id, reserve_output: reserve, fitted: &fitted });
    } else {
        print_json(&fitted.messages);
    }
    Ok(())
}
