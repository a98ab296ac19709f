//! [`preflight`]: before the call, the request's tokens, whether it fits, and what it will
//! cost at least and at worst.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::chat::{Message, Tool, count_chat};
use crate::cost::{Cost, CostOptions, cost};
use crate::error::{Error, Result};
use crate::model::Model;
use crate::usage::Usage;

/// The prompt of a planned request: plain text, or a chat with optional tools.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PreflightInput {
    /// A plain prompt.
    Text(String),
    /// Chat messages and tool definitions, counted with the model's chat framing.
    Chat {
        /// The messages.
        messages: Vec<Message>,
        /// The tools.
        tools: Vec<Tool>,
    },
}

impl PreflightInput {
    /// A plain-text prompt.
    pub fn text(text: impl Into<String>) -> Self {
        PreflightInput::Text(text.into())
    }

    /// A chat request.
    pub fn chat(messages: Vec<Message>, tools: Vec<Tool>) -> Self {
        PreflightInput::Chat { messages, tools }
    }

    /// The request from the optional parts a caller gave (what the bindings receive): either
    /// `text`, or `messages` with optional `tools`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when both or neither of `text` and
    /// `messages` are given, or when `tools` come with `text` (a plain prompt has no tools;
    /// dropping them would under-count the request).
    pub fn from_parts(text: Option<String>, messages: Option<Vec<Message>>, tools: Option<Vec<Tool>>) -> Result<Self> {
        match (text, messages, tools) {
            (Some(text), None, None) => Ok(PreflightInput::Text(text)),
            (None, Some(messages), tools) => Ok(PreflightInput::chat(messages, tools.unwrap_or_default())),
            (Some(_), None, Some(_)) => {
                Err(Error::invalid("tools need chat messages: give `messages` (with `tools`) instead of `text`"))
            }
            (Some(_), Some(_), _) => Err(Error::invalid("give either `text` or `messages`, not both")),
            (None, None, _) => Err(Error::invalid("give either `text`, or `messages` (with optional `tools`)")),
        }
    }
}

/// What a preflight warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// No max-output cap: the worst case reserves the model's output limit (at most what the
    /// window leaves after the prompt).
    NoMaxOutput,
    /// The cap is above what the model can produce; the model's limit is used.
    CapAboveModelMax,
    /// The prompt takes 90% or more of the context window.
    NearWindow,
    /// Prompt plus reserved output do not fit the context window.
    DoesNotFit,
    /// The prompt is over a long-context threshold that reprices the whole request.
    TierCrossed,
    /// The prompt is within 10% of such a threshold (an estimate's error may cross it).
    NearTier,
    /// The token count is an estimate with an error bound.
    Estimated,
}

impl WarningKind {
    /// The canonical name.
    pub fn as_str(&self) -> &'static str {
        match self {
            WarningKind::NoMaxOutput => "no_max_output",
            WarningKind::CapAboveModelMax => "cap_above_model_max",
            WarningKind::NearWindow => "near_window",
            WarningKind::DoesNotFit => "does_not_fit",
            WarningKind::TierCrossed => "tier_crossed",
            WarningKind::NearTier => "near_tier",
            WarningKind::Estimated => "estimated",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One preflight warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Warning {
    /// What it is about.
    pub kind: WarningKind,
    /// A sentence for a person.
    pub message: String,
}

/// The result of [`preflight`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Preflight {
    /// The catalog model id.
    pub model: String,
    /// The counted (or estimated) input tokens.
    pub input_tokens: u64,
    /// The lower end of the count's error bound (equal to `input_tokens` when exact).
    pub input_tokens_lower: u64,
    /// The upper end of the count's error bound; the worst case uses it.
    pub input_tokens_upper: u64,
    /// True when the count is the provider's own.
    pub exact: bool,
    /// The estimate's relative error bound (0 when exact).
    pub relative_error: f64,
    /// The model's context window.
    pub context_window: u64,
    /// The model's largest output.
    pub model_max_output: u64,
    /// The cap the caller set, if any.
    pub max_output: Option<u64>,
    /// The output tokens reserved for the worst case: the cap (at most the model's limit), or
    /// without a cap the model's limit, at most what the window leaves after the prompt.
    pub reserved_output: u64,
    /// Whether the worst-case input plus the reserved output fit the window.
    pub fits: bool,
    /// Window tokens left after the worst-case input and the reserved output (negative when over).
    pub room_left: i64,
    /// The cost with the lower-bound input and no output.
    pub least_cost: Cost,
    /// The cost with the upper-bound input and the reserved output (at the dearer of the
    /// output and reasoning rates).
    pub worst_cost: Cost,
    /// What deserves attention before sending.
    pub warnings: Vec<Warning>,
}

impl Catalog {
    /// [`preflight`] on the model called `name`.
    ///
    /// # Errors
    /// [`crate::Error::UnknownModel`], plus those of [`preflight`].
    pub fn preflight(
        &self,
        name: &str,
        input: &PreflightInput,
        max_output: Option<u64>,
        options: &CostOptions,
    ) -> Result<Preflight> {
        preflight(self.get(name)?, input, max_output, options)
    }
}

/// Counts the prompt, checks it against the model's limits and prices the best and worst case.
///
/// ```
/// use tokenmeter::{Catalog, CostOptions, PreflightInput, WarningKind};
/// let p = Catalog::bundled().preflight("gpt-4o", &PreflightInput::text("hello world"), None,
///     &CostOptions::new().with_at("2025-01-15".parse()?))?;
/// assert_eq!(p.input_tokens, 2);
/// assert_eq!(p.reserved_output, 16_384);
/// assert!(p.warnings.iter().any(|w| w.kind == WarningKind::NoMaxOutput));
/// // 2 x $2.50 + 16384 x $10, per million tokens.
/// assert_eq!(p.worst_cost.total.to_string(), "0.163845");
/// # Ok::<(), tokenmeter::Error>(())
/// ```
///
/// # Errors
/// Tokenizer errors for a bad chat; [`crate::Error::PriceUnavailable`] when the model has no
/// price at the requested date and variant.
pub fn preflight(
    model: &Model,
    input: &PreflightInput,
    max_output: Option<u64>,
    options: &CostOptions,
) -> Result<Preflight> {
    let tokenizer = model.tokenizer()?;
    let (tokens, mut exact) = match input {
        PreflightInput::Text(text) => (tokenizer.count(text)?, tokenizer.is_exact()),
        PreflightInput::Chat { messages, tools } => {
            let c = count_chat(&tokenizer, model.chat_format, messages, tools)?;
            (c.tokens, c.exact)
        }
    };
    exact &= tokenizer.is_exact();
    let relative_error = if exact { 0.0 } else { tokenizer.accuracy().relative_error };
    let (lower, upper) = bounds(tokens as u64, relative_error);
    let tokens = tokens as u64;

    let mut warnings = Vec::new();
    let mut warn = |kind, message: String| warnings.push(Warning { kind, message });
    let window = model.context_window;
    let reserved = match max_output {
        None => {
            // Without a cap the reply may run to the model's output limit, but never past the
            // window: where output shares the window (max output = window, as for Grok and
            // Mistral), reserving the whole limit would call every prompt too big.
            let reserved = model.max_output.min(window.saturating_sub(upper));
            warn(
                WarningKind::NoMaxOutput,
                format!(
                    "no max output set: the worst case reserves {reserved} output tokens (the model's limit is {}, and the reply cannot pass the {window}-token window)",
                    model.max_output
                ),
            );
            reserved
        }
        Some(cap) if cap > model.max_output => {
            warn(
                WarningKind::CapAboveModelMax,
                format!("max output {cap} is above {}'s limit of {}; the limit applies", model.id, model.max_output),
            );
            model.max_output
        }
        Some(cap) => cap,
    };
    if !exact {
        warn(
            WarningKind::Estimated,
            format!(
                "{} tokens is an estimate (±{:.0}%): between {lower} and {upper}",
                tokens,
                relative_error * 100.0
            ),
        );
    }
    let room_left = window as i64 - upper as i64 - reserved as i64;
    let fits = room_left >= 0;
    if upper.saturating_mul(10) >= window.saturating_mul(9) {
        warn(
            WarningKind::NearWindow,
            format!("the prompt ({upper} tokens at most) takes 90% or more of the {window}-token window"),
        );
    }
    if !fits {
        warn(
            WarningKind::DoesNotFit,
            format!("{upper} input + {reserved} reserved output tokens exceed the {window}-token window by {}", -room_left),
        );
    }

    let least_cost = cost(model, &Usage::new(lower, 0), options)?;
    let as_output = cost(model, &Usage::new(upper, reserved), options)?;
    let as_reasoning = cost(model, &Usage::new(upper, 0).with_reasoning(reserved), options)?;
    let worst_cost = if as_reasoning.total > as_output.total { as_reasoning } else { as_output };
    if let Some(t) = worst_cost.tier {
        if t.crossed {
            warn(
                WarningKind::TierCrossed,
                format!(
                    "the prompt is over {} input tokens: the whole request is billed at the long-context rates",
                    t.above
                ),
            );
        } else if upper.saturating_mul(10) >= t.above.saturating_mul(9) {
            warn(
                WarningKind::NearTier,
                format!(
                    "the prompt is {} tokens short of the {}-token long-context threshold, above which the whole request is repriced",
                    t.tokens_until_crossing, t.above
                ),
            );
        }
    }
    Ok(Preflight {
        model: model.id.clone(),
        input_tokens: tokens,
        input_tokens_lower: lower,
        input_tokens_upper: upper,
        exact,
        relative_error,
        context_window: window,
        model_max_output: model.max_output,
        max_output,
        reserved_output: reserved,
        fits,
        room_left,
        least_cost,
        worst_cost,
        warnings,
    })
}

/// `tokens x (1 ± relative_error)`, rounded outward.
pub(crate) fn bounds(tokens: u64, relative_error: f64) -> (u64, u64) {
    if relative_error <= 0.0 {
        return (tokens, tokens);
    }
    let t = tokens as f64;
    let lower = (t * (1.0 - relative_error)).floor().max(0.0) as u64;
    let upper = (t * (1.0 + relative_error)).ceil() as u64;
    (lower, upper.max(tokens))
}

/// Cost for 1,000 requests of this cost.
pub(crate) fn per_thousand(amount: Decimal) -> Decimal {
    (amount * Decimal::from(1000u32)).normalize()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::TokenizerSpec;
    use crate::price::{Price, Rates};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A model with a tiny window and a long-context tier, counted with o200k_base
    /// ("hello world" is 2 tokens).
    fn tiny(window: u64, max_output: u64, tier_above: u64) -> Model {
        Model::new("tiny", "test", TokenizerSpec::Encoding("o200k_base".into()), window, max_output).with_prices(vec![
            Price::new("2024-01-01", "https://example.invalid", Rates::new(d("1"), d("2")))
                .with_tier(tier_above, Rates::new(d("10"), d("20"))),
        ])
    }

    fn kinds(p: &Preflight) -> Vec<WarningKind> {
        p.warnings.iter().map(|w| w.kind).collect()
    }

    #[test]
    fn from_parts_takes_text_or_chat_and_never_drops_tools() {
        let hi = || vec![Message::new("user", "hi")];
        let tool = || -> Vec<Tool> { serde_json::from_str(r#"[{"type": "function", "function": {"name": "f"}}]"#).unwrap() };
        assert_eq!(PreflightInput::from_parts(Some("x".into()), None, None).unwrap(), PreflightInput::text("x"));
        assert_eq!(
            PreflightInput::from_parts(None, Some(hi()), Some(tool())).unwrap(),
            PreflightInput::chat(hi(), tool())
        );
        assert_eq!(PreflightInput::from_parts(None, Some(hi()), None).unwrap(), PreflightInput::chat(hi(), vec![]));
        for (text, messages, tools, says) in [
            (Some("x".to_string()), None, Some(tool()), "tools need chat messages"),
            (Some("x".to_string()), Some(hi()), None, "not both"),
            (None, None, None, "either"),
        ] {
            let err = PreflightInput::from_parts(text, messages, tools).unwrap_err();
            assert_eq!(err.code(), "INVALID_INPUT");
            assert!(err.to_string().contains(says), "{err}");
        }
    }

    fn opts() -> CostOptions {
        CostOptions::new().with_at("2025-01-01".parse().unwrap())
    }

    #[test]
    fn near_window_and_does_not_fit() {
        let p = preflight(&tiny(2, 5, 1000), &PreflightInput::text("hello world"), Some(1), &opts()).unwrap();
        assert_eq!(p.input_tokens, 2);
        assert!(!p.fits);
        assert_eq!(p.room_left, -1);
        assert_eq!(kinds(&p), vec![WarningKind::NearWindow, WarningKind::DoesNotFit]);
    }

    #[test]
    fn tier_crossing_and_near_tier() {
        let over = preflight(&tiny(1000, 10, 1), &PreflightInput::text("hello world"), Some(10), &opts()).unwrap();
        assert_eq!(kinds(&over), vec![WarningKind::TierCrossed]);
        // 2 x $10 + 10 x $20 per million at the tier rates.
        assert_eq!(over.worst_cost.total, d("0.00022"));
        let near = preflight(&tiny(1000, 10, 2), &PreflightInput::text("hello world"), Some(10), &opts()).unwrap();
        assert_eq!(kinds(&near), vec![WarningKind::NearTier]);
        // 2 x $1 + 10 x $2 per million below the tier.
        assert_eq!(near.worst_cost.total, d("0.000022"));
        assert_eq!(near.least_cost.total, d("0.000002"));
    }

    #[test]
    fn worst_case_uses_the_dearer_reasoning_rate() {
        let m = Model::new("r", "test", TokenizerSpec::Encoding("o200k_base".into()), 1000, 100).with_prices(vec![
            Price::new("2024-01-01", "https://example.invalid", Rates::new(d("1"), d("2")).with_reasoning(d("7"))),
        ]);
        let p = preflight(&m, &PreflightInput::text("hello world"), Some(100), &opts()).unwrap();
        // 2 x $1 + 100 x $7 per million.
        assert_eq!(p.worst_cost.total, d("0.000702"));
    }

    #[test]
    fn estimates_widen_the_bounds() {
        assert_eq!(bounds(100, 0.0), (100, 100));
        assert_eq!(bounds(100, 0.25), (75, 125));
        assert_eq!(bounds(3, 0.2), (2, 4));
    }
}
