//! `Usage`: what a call consumed, read from the usage objects the official SDKs return.

use std::str::FromStr;

use napi_derive::napi;

use crate::error::{JsErr, OrThrow, Result};
use crate::number::{to_u64, to_number_u64};

/// Normalized usage: every count is separate (cache reads are not inside `inputTokens`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Usage {
    /// Input tokens neither read from nor written to a cache.
    pub input_tokens: f64,
    /// Input tokens read from a prompt cache.
    pub cache_read_tokens: f64,
    /// Input tokens written to a cache with a 5-minute TTL.
    #[napi(js_name = "cacheWrite5mTokens")]
    pub cache_write_5m_tokens: f64,
    /// Input tokens written to a cache with a 1-hour TTL.
    #[napi(js_name = "cacheWrite1hTokens")]
    pub cache_write_1h_tokens: f64,
    /// Output tokens other than reasoning.
    pub output_tokens: f64,
    /// Reasoning (thinking) tokens.
    pub reasoning_tokens: f64,
    /// Every input token (uncached, cache reads and writes).
    pub total_input: f64,
    /// Every output token (visible plus reasoning).
    pub total_output: f64,
    /// The provider format it was read from: `openai_chat`, `openai_responses`, `anthropic`,
    /// `gemini`, `deepseek`, `xai` or `plain`.
    #[napi(ts_type = "'openai_chat' | 'openai_responses' | 'anthropic' | 'gemini' | 'deepseek' | 'xai' | 'plain'")]
    pub format: String,
    /// True when an `openai_chat` object's `total_tokens` showed its reasoning inside the
    /// completion count: `cost` on an xAI model then keeps OpenAI's rule instead of xAI's.
    pub reasoning_inside_confirmed: bool,
}

impl From<&tokenmeter::Usage> for Usage {
    fn from(u: &tokenmeter::Usage) -> Self {
        Self {
            input_tokens: to_number_u64(u.input_tokens),
            cache_read_tokens: to_number_u64(u.cache_read_tokens),
            cache_write_5m_tokens: to_number_u64(u.cache_write_5m_tokens),
            cache_write_1h_tokens: to_number_u64(u.cache_write_1h_tokens),
            output_tokens: to_number_u64(u.output_tokens),
            reasoning_tokens: to_number_u64(u.reasoning_tokens),
            total_input: to_number_u64(u.total_input()),
            total_output: to_number_u64(u.total_output()),
            format: u.format.as_str().to_string(),
            reasoning_inside_confirmed: u.reasoning_inside_confirmed(),
        }
    }
}

/// Usage counts given by the caller: a `Usage` from `parseUsage`, or planned counts. Input and
/// output are required so that a provider object passed by mistake is rejected, not priced
/// as zero (read those with `parseUsage` first).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct UsageCounts {
    /// Input tokens neither read from nor written to a cache.
    pub input_tokens: f64,
    pub cache_read_tokens: Option<f64>,
    #[napi(js_name = "cacheWrite5mTokens")]
    pub cache_write_5m_tokens: Option<f64>,
    #[napi(js_name = "cacheWrite1hTokens")]
    pub cache_write_1h_tokens: Option<f64>,
    /// Output tokens other than reasoning.
    pub output_tokens: f64,
    pub reasoning_tokens: Option<f64>,
    /// The provider format the counts were read from (`parseUsage` sets it; default `plain`):
    /// an `openai_chat` usage priced on an xAI model is re-read by xAI's rule.
    #[napi(ts_type = "'openai_chat' | 'openai_responses' | 'anthropic' | 'gemini' | 'deepseek' | 'xai' | 'plain'")]
    pub format: Option<String>,
    /// As `Usage.reasoningInsideConfirmed` (default false).
    pub reasoning_inside_confirmed: Option<bool>,
}

impl TryFrom<&UsageCounts> for tokenmeter::Usage {
    type Error = JsErr;
    fn try_from(c: &UsageCounts) -> Result<Self> {
        let n = |v: Option<f64>, what: &str| to_u64(v.unwrap_or(0.0), what);
        Ok(tokenmeter::Usage::new(
            to_u64(c.input_tokens, "inputTokens")?,
            to_u64(c.output_tokens, "outputTokens")?,
        )
            .with_cache_read(n(c.cache_read_tokens, "cacheReadTokens")?)
            .with_cache_writes(
                n(c.cache_write_5m_tokens, "cacheWrite5mTokens")?,
                n(c.cache_write_1h_tokens, "cacheWrite1hTokens")?,
            )
            .with_reasoning(n(c.reasoning_tokens, "reasoningTokens")?)
            .with_format(match &c.format {
                Some(f) => tokenmeter::UsageFormat::from_str(f).or_throw()?,
                None => tokenmeter::UsageFormat::default(),
            })
            .with_reasoning_inside_confirmed(c.reasoning_inside_confirmed.unwrap_or(false)))
    }
}

/// A provider usage object (or a whole response or stream event containing one), as JSON text
/// or as the object the SDK returned, read into core usage.
pub(crate) fn read(usage: serde_json::Value, format: Option<String>) -> Result<tokenmeter::Usage> {
    let format = format.map(|f| tokenmeter::UsageFormat::from_str(&f)).transpose().or_throw()?;
    match (usage, format) {
        (serde_json::Value::String(json), None) => tokenmeter::Usage::from_json(&json),
        (serde_json::Value::String(json), Some(f)) => tokenmeter::Usage::from_json_as(&json, f),
        (value, None) => tokenmeter::Usage::from_value(&value),
        (value, Some(f)) => tokenmeter::Usage::from_json_as(&value.to_string(), f),
    }
    .or_throw()
}

/// Reads the usage of a response as the official SDKs return it: OpenAI Chat Completions or
/// Responses `usage`, Anthropic Messages `usage`, Gemini `usageMetadata`, DeepSeek `usage`, or
/// the whole response containing one. The provider is detected from the fields unless
/// `format` names it.
///
/// @throws {Error} `TOKENMETER_INVALID_USAGE` naming the missing or contradictory field.
#[napi(catch_unwind)]
pub fn parse_usage(
    #[napi(ts_arg_type = "Record<string, unknown> | string")] usage: serde_json::Value,
    #[napi(ts_arg_type = "'openai_chat' | 'openai_responses' | 'anthropic' | 'gemini' | 'deepseek' | 'xai' | 'plain'")]
    format: Option<String>,
) -> Result<Usage> {
    Ok((&read(usage, format)?).into())
}
