//! Pricing: `Usage`, `Cost`, `Catalog.cost`, `Catalog.preflight` and `Catalog.compare`.
//!
//! Money crosses as exact decimal strings (`"0.01245"`): parse them with `BigDecimal` (Kotlin)
//! or `Decimal(string:)` (Swift); never round-trip them through a float.

use crate::catalog::Catalog;
use crate::chat::{Message, Tool, to_core};
use crate::error::{Result, TokenmeterError, guard};

/// What a call consumed, in disjoint counts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Usage {
    /// Uncached input tokens.
    pub input_tokens: u64,
    pub output_tokens: u64,
    #[uniffi(default = 0)]
    pub cache_read_tokens: u64,
    #[uniffi(default = 0)]
    pub cache_write_5m_tokens: u64,
    #[uniffi(default = 0)]
    pub cache_write_1h_tokens: u64,
    /// Reasoning tokens, where priced apart from output.
    #[uniffi(default = 0)]
    pub reasoning_tokens: u64,
    /// The provider format it was read from: `openai_chat`, `openai_responses`, `anthropic`,
    /// `gemini`, `deepseek`, `xai` or `plain`.
    #[uniffi(default = "plain")]
    pub format: String,
    /// True when an `openai_chat` object's `total_tokens` showed its reasoning inside the
    /// completion count: `cost` on an xAI model then keeps OpenAI's rule instead of xAI's.
    #[uniffi(default = false)]
    pub reasoning_inside_confirmed: bool,
}

/// Options of `cost`, `preflight` and `compare`. Unset fields take the core's defaults
/// (the standard variant, today's prices, the model's own token bucket).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct CostOptions {
    /// `standard`, `batch`, `flex` or `priority`.
    #[uniffi(default = None)]
    pub variant: Option<String>,
    /// The date (`2025-10-10`) or UTC time whose prices apply.
    #[uniffi(default = None)]
    pub at: Option<String>,
    #[uniffi(default = None)]
    pub token_bucket: Option<u64>,
}

/// One line of a bill.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CostLine {
    /// `input`, `cache_read`, `cache_write_5m`, `cache_write_1h`, `output`, `reasoning`, `request`.
    pub kind: String,
    pub quantity: u64,
    pub billed_quantity: u64,
    /// USD per token (or per request), exact decimal string.
    pub unit_price: String,
    /// USD, exact decimal string.
    pub amount: String,
    pub variant: String,
    pub tier: Option<u64>,
    pub note: Option<String>,
}

/// Where a request stands against a long-context price tier.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TierStatus {
    pub above: u64,
    pub input_tokens: u64,
    pub crossed: bool,
    pub tokens_until_crossing: u64,
}

/// An itemized, exact price.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Cost {
    pub model: String,
    pub currency: String,
    /// Exact decimal string.
    pub total: String,
    pub lines: Vec<CostLine>,
    pub variant: String,
    pub price_effective: String,
    pub price_source: String,
    pub tier: Option<TierStatus>,
    /// What one more input or output token would cost, exact decimal strings.
    pub marginal_input_token: Option<String>,
    pub marginal_output_token: Option<String>,
    pub token_bucket: Option<u64>,
}

/// What `preflight` and `compare` measure: a text or a chat request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PreflightInput {
    Text { text: String },
    Chat { messages: Vec<Message>, tools: Vec<Tool> },
}

/// A warning of `preflight`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Warning {
    /// `no_max_output`, `cap_above_model_max`, `near_window`, `does_not_fit`, `tier_crossed`,
    /// `near_tier`, `estimated`.
    pub kind: String,
    pub message: String,
}

/// Before the call: input tokens, reserved output, fits or not, least and worst cost.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Preflight {
    pub model: String,
    pub input_tokens: u64,
    pub input_tokens_lower: u64,
    pub input_tokens_upper: u64,
    pub exact: bool,
    pub relative_error: f64,
    pub context_window: u64,
    pub model_max_output: u64,
    pub max_output: Option<u64>,
    pub reserved_output: u64,
    pub fits: bool,
    pub room_left: i64,
    pub least_cost: Cost,
    pub worst_cost: Cost,
    pub warnings: Vec<Warning>,
}

/// One model's row of `compare`. Money as exact decimal strings.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CompareRow {
    pub model: String,
    pub input_tokens: u64,
    pub input_tokens_upper: u64,
    pub exact: bool,
    pub output_tokens: u64,
    pub cost_per_request: String,
    pub cost_per_1k_requests: String,
    pub worst_cost_per_request: String,
    pub fits: bool,
}

/// Reads a provider's usage object (OpenAI chat or responses, Anthropic, Gemini, DeepSeek),
/// detecting the format.
#[uniffi::export]
pub fn usage_from_json(json: String) -> Result<Usage> {
    guard(|| Ok(tokenmeter::Usage::from_json(&json)?.into()))
}

/// Reads a usage object in the given `format` (names as in `Usage.format`).
#[uniffi::export]
pub fn usage_from_json_as(json: String, format: String) -> Result<Usage> {
    guard(|| Ok(tokenmeter::Usage::from_json_as(&json, format.parse()?)?.into()))
}

#[uniffi::export]
impl Catalog {
    /// Prices `usage` on the model called `model`.
    #[uniffi::method(default(options = None))]
    pub fn cost(&self, model: String, usage: Usage, options: Option<CostOptions>) -> Result<Cost> {
        guard(|| {
            let options = options.unwrap_or_default().try_into()?;
            Ok(self.inner.cost(&model, &usage.try_into()?, &options)?.into())
        })
    }

    /// Before the call: tokens of `input`, whether it fits with `max_output` reserved, and the
    /// least and worst cost.
    #[uniffi::method(default(max_output = None, options = None))]
    pub fn preflight(
        &self,
        model: String,
        input: PreflightInput,
        max_output: Option<u64>,
        options: Option<CostOptions>,
    ) -> Result<Preflight> {
        guard(|| {
            let options = options.unwrap_or_default().try_into()?;
            Ok(self.inner.preflight(&model, &input.try_into()?, max_output, &options)?.into())
        })
    }

    /// Prices one `input` with `output_tokens` of reply on each of `models`.
    #[uniffi::method(default(options = None))]
    pub fn compare(
        &self,
        models: Vec<String>,
        input: PreflightInput,
        output_tokens: u64,
        options: Option<CostOptions>,
    ) -> Result<Vec<CompareRow>> {
        guard(|| {
            let options = options.unwrap_or_default().try_into()?;
            let rows = tokenmeter::compare(&self.inner, &models, &input.try_into()?, output_tokens, &options)?;
            Ok(rows.into_iter().map(Into::into).collect())
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Conversions

impl TryFrom<Usage> for tokenmeter::Usage {
    type Error = TokenmeterError;
    fn try_from(u: Usage) -> Result<Self> {
        Ok(tokenmeter::Usage::new(u.input_tokens, u.output_tokens)
            .with_cache_read(u.cache_read_tokens)
            .with_cache_writes(u.cache_write_5m_tokens, u.cache_write_1h_tokens)
            .with_reasoning(u.reasoning_tokens)
            .with_format(u.format.parse()?)
            .with_reasoning_inside_confirmed(u.reasoning_inside_confirmed))
    }
}

impl From<tokenmeter::Usage> for Usage {
    fn from(u: tokenmeter::Usage) -> Self {
        Self {
            input_tokens: u.input_tokens,
            output_tokens: u.output_tokens,
            cache_read_tokens: u.cache_read_tokens,
            cache_write_5m_tokens: u.cache_write_5m_tokens,
            cache_write_1h_tokens: u.cache_write_1h_tokens,
            reasoning_tokens: u.reasoning_tokens,
            format: u.format.as_str().to_string(),
            reasoning_inside_confirmed: u.reasoning_inside_confirmed(),
        }
    }
}

impl TryFrom<CostOptions> for tokenmeter::CostOptions {
    type Error = TokenmeterError;
    fn try_from(o: CostOptions) -> Result<Self> {
        let mut options = tokenmeter::CostOptions::new();
        if let Some(variant) = o.variant {
            options = options.with_variant(variant.parse()?);
        }
        if let Some(at) = o.at {
            options = options.with_at(at.parse()?);
        }
        if let Some(bucket) = o.token_bucket {
            options = options.with_token_bucket(bucket);
        }
        Ok(options)
    }
}

impl From<tokenmeter::Cost> for Cost {
    fn from(c: tokenmeter::Cost) -> Self {
        Self {
            model: c.model,
            currency: c.currency,
            total: c.total.to_string(),
            lines: c
                .lines
                .into_iter()
                .map(|l| CostLine {
                    kind: l.kind.as_str().to_string(),
                    quantity: l.quantity,
                    billed_quantity: l.billed_quantity,
                    unit_price: l.unit_price.to_string(),
                    amount: l.amount.to_string(),
                    variant: l.variant,
                    tier: l.tier,
                    note: l.note,
                })
                .collect(),
            variant: c.variant.as_str().to_string(),
            price_effective: c.price_effective,
            price_source: c.price_source,
            tier: c.tier.map(|t| TierStatus {
                above: t.above,
                input_tokens: t.input_tokens,
                crossed: t.crossed,
                tokens_until_crossing: t.tokens_until_crossing,
            }),
            marginal_input_token: c.marginal_input_token.map(|d| d.to_string()),
            marginal_output_token: c.marginal_output_token.map(|d| d.to_string()),
            token_bucket: c.token_bucket,
        }
    }
}

impl TryFrom<PreflightInput> for tokenmeter::PreflightInput {
    type Error = TokenmeterError;
    fn try_from(i: PreflightInput) -> Result<Self> {
        Ok(match i {
            PreflightInput::Text { text } => tokenmeter::PreflightInput::text(text),
            PreflightInput::Chat { messages, tools } => {
                let (messages, tools) = to_core(messages, tools)?;
                tokenmeter::PreflightInput::chat(messages, tools)
            }
        })
    }
}

impl From<tokenmeter::Preflight> for Preflight {
    fn from(p: tokenmeter::Preflight) -> Self {
        Self {
            model: p.model,
            input_tokens: p.input_tokens,
            input_tokens_lower: p.input_tokens_lower,
            input_tokens_upper: p.input_tokens_upper,
            exact: p.exact,
            relative_error: p.relative_error,
            context_window: p.context_window,
            model_max_output: p.model_max_output,
            max_output: p.max_output,
            reserved_output: p.reserved_output,
            fits: p.fits,
            room_left: p.room_left,
            least_cost: p.least_cost.into(),
            worst_cost: p.worst_cost.into(),
            warnings: p
                .warnings
                .into_iter()
                .map(|w| Warning { kind: w.kind.as_str().to_string(), message: w.message })
                .collect(),
        }
    }
}

impl From<tokenmeter::CompareRow> for CompareRow {
    fn from(r: tokenmeter::CompareRow) -> Self {
        Self {
            model: r.model,
            input_tokens: r.input_tokens,
            input_tokens_upper: r.input_tokens_upper,
            exact: r.exact,
            output_tokens: r.output_tokens,
            cost_per_request: r.cost_per_request.to_string(),
            cost_per_1k_requests: r.cost_per_1k_requests.to_string(),
            worst_cost_per_request: r.worst_cost_per_request.to_string(),
            fits: r.fits,
        }
    }
}
