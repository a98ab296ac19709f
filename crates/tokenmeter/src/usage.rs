//! [`Usage`]: what a call consumed, normalized from each provider's usage object.
//!
//! Providers disagree about what sits inside what. The normalized shape has none of that: its
//! six counts are disjoint, so each token is billed exactly once.
//!
//! | provider | raw fields | rule each adapter encodes |
//! |---|---|---|
//! | OpenAI Chat | `prompt_tokens`, `prompt_tokens_details.cached_tokens`, `completion_tokens`, `completion_tokens_details.reasoning_tokens` | prompt **includes** cached; completion **includes** reasoning |
//! | OpenAI Responses | `input_tokens`, `input_tokens_details.cached_tokens`, `output_tokens`, `output_tokens_details.reasoning_tokens` | same containment as Chat |
//! | Anthropic Messages | `input_tokens`, `cache_read_input_tokens`, `cache_creation_input_tokens`, `cache_creation.ephemeral_5m_input_tokens` / `ephemeral_1h_input_tokens`, `output_tokens` | input **excludes** cache reads and writes; the two TTLs split the cache writes; output includes thinking |
//! | Gemini `usageMetadata` (or the Python SDK's snake_case `usage_metadata`: `prompt_token_count`, ...) | `promptTokenCount`, `cachedContentTokenCount`, `toolUsePromptTokenCount`, `candidatesTokenCount`, `thoughtsTokenCount` | prompt **includes** cached content; tool-use prompt is **outside** prompt; candidates **exclude** thoughts |
//! | DeepSeek | `prompt_tokens` = `prompt_cache_hit_tokens` + `prompt_cache_miss_tokens`, `completion_tokens` (+ `completion_tokens_details.reasoning_tokens`) | hit + miss must equal prompt; completion includes reasoning |
//! | xAI Chat (Grok) | the OpenAI Chat fields | prompt **includes** cached; completion **excludes** reasoning; `total_tokens` = prompt + completion + reasoning |
//!
//! xAI's objects have OpenAI's field names, so the xAI rule is chosen by evidence: a
//! `total_tokens` equal to prompt + completion + reasoning (and not prompt + completion), a
//! reasoning count above the completion count, or (when no `total_tokens` says otherwise) a
//! response envelope whose `model` is a Grok model. A bare OpenAI-shaped object with neither is
//! read by OpenAI's rule; when it is then priced on a model whose provider is `xai`
//! ([`crate::Catalog::cost`]), its reasoning tokens are taken as outside the completion count,
//! unless its `total_tokens` showed them inside.

mod anthropic;
mod deepseek;
mod gemini;
mod openai;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Which provider's usage object a [`Usage`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UsageFormat {
    /// OpenAI Chat Completions `usage`.
    OpenaiChat,
    /// OpenAI Responses API `usage`.
    OpenaiResponses,
    /// Anthropic Messages `usage`.
    Anthropic,
    /// Gemini `usageMetadata` (Gemini API and Vertex AI).
    Gemini,
    /// DeepSeek `usage` with cache hit and miss counts.
    Deepseek,
    /// xAI (Grok) Chat Completions `usage`: OpenAI's fields, reasoning outside completion.
    Xai,
    /// tokenmeter's own normalized shape (plain counts).
    #[default]
    Plain,
}

impl UsageFormat {
    /// The canonical name.
    pub fn as_str(&self) -> &'static str {
        match self {
            UsageFormat::OpenaiChat => "openai_chat",
            UsageFormat::OpenaiResponses => "openai_responses",
            UsageFormat::Anthropic => "anthropic",
            UsageFormat::Gemini => "gemini",
            UsageFormat::Deepseek => "deepseek",
            UsageFormat::Xai => "xai",
            UsageFormat::Plain => "plain",
        }
    }
}

impl fmt::Display for UsageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UsageFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "openai_chat" | "openai" | "chat" => Ok(UsageFormat::OpenaiChat),
            "openai_responses" | "responses" => Ok(UsageFormat::OpenaiResponses),
            "anthropic" => Ok(UsageFormat::Anthropic),
            "gemini" | "google" | "vertex" => Ok(UsageFormat::Gemini),
            "deepseek" => Ok(UsageFormat::Deepseek),
            "xai" | "grok" => Ok(UsageFormat::Xai),
            "plain" => Ok(UsageFormat::Plain),
            other => Err(Error::invalid(format!(
                "unknown usage format `{other}`; known: openai_chat, openai_responses, anthropic, gemini, deepseek, xai, plain"
            ))),
        }
    }
}

/// What one call consumed, in disjoint counts (no count includes another).
///
/// ```
/// use tokenmeter::{Usage, UsageFormat};
/// // OpenAI: prompt_tokens includes the cached ones, completion_tokens includes reasoning.
/// let u = Usage::from_json(r#"{"prompt_tokens": 1000, "completion_tokens": 300,
///   "prompt_tokens_details": {"cached_tokens": 800},
///   "completion_tokens_details": {"reasoning_tokens": 200}}"#)?;
/// assert_eq!(u.format, UsageFormat::OpenaiChat);
/// assert_eq!((u.input_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens), (200, 800, 100, 200));
/// # Ok::<(), tokenmeter::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Usage {
    /// Input tokens neither read from nor written to a cache (billed at the input rate).
    #[serde(default)]
    pub input_tokens: u64,
    /// Input tokens read from a prompt cache.
    #[serde(default)]
    pub cache_read_tokens: u64,
    /// Input tokens written to a cache with a 5-minute TTL.
    #[serde(default)]
    pub cache_write_5m_tokens: u64,
    /// Input tokens written to a cache with a 1-hour TTL.
    #[serde(default)]
    pub cache_write_1h_tokens: u64,
    /// Output tokens other than reasoning.
    #[serde(default)]
    pub output_tokens: u64,
    /// Reasoning (thinking) tokens: billed as output unless the model prices them apart.
    #[serde(default)]
    pub reasoning_tokens: u64,
    /// The provider format this was read from.
    #[serde(default)]
    pub format: UsageFormat,
    /// An OpenAI Chat object whose `total_tokens` showed its reasoning inside the completion
    /// count, so pricing it on an xAI model must not apply xAI's rule.
    #[serde(skip)]
    reasoning_inside_confirmed: bool,
}

/// Two usages are equal when their counts and format are.
impl PartialEq for Usage {
    fn eq(&self, other: &Self) -> bool {
        (
            self.input_tokens,
            self.cache_read_tokens,
            self.cache_write_5m_tokens,
            self.cache_write_1h_tokens,
            self.output_tokens,
            self.reasoning_tokens,
            self.format,
        ) == (
            other.input_tokens,
            other.cache_read_tokens,
            other.cache_write_5m_tokens,
            other.cache_write_1h_tokens,
            other.output_tokens,
            other.reasoning_tokens,
            other.format,
        )
    }
}

impl Eq for Usage {}

impl Usage {
    /// Plain counts: `input` uncached input tokens and `output` output tokens.
    pub fn new(input: u64, output: u64) -> Self {
        Self { input_tokens: input, output_tokens: output, ..Self::default() }
    }

    /// Sets the cache-read tokens.
    #[must_use]
    pub fn with_cache_read(mut self, tokens: u64) -> Self {
        self.cache_read_tokens = tokens;
        self
    }

    /// Sets the 5-minute and 1-hour cache-write tokens.
    #[must_use]
    pub fn with_cache_writes(mut self, five_minutes: u64, one_hour: u64) -> Self {
        self.cache_write_5m_tokens = five_minutes;
        self.cache_write_1h_tokens = one_hour;
        self
    }

    /// Sets the reasoning tokens.
    #[must_use]
    pub fn with_reasoning(mut self, tokens: u64) -> Self {
        self.reasoning_tokens = tokens;
        self
    }

    /// Sets the provider format the counts were read from (it decides how
    /// [`Usage::as_billed_by`] re-reads them).
    #[must_use]
    pub fn with_format(mut self, format: UsageFormat) -> Self {
        self.format = format;
        self
    }

    /// Whether this OpenAI Chat usage's `total_tokens` showed its reasoning inside the
    /// completion count, so that [`Usage::as_billed_by`] keeps OpenAI's rule even on an xAI
    /// model. Bindings that carry a usage through their own record keep this with it.
    pub fn reasoning_inside_confirmed(&self) -> bool {
        self.reasoning_inside_confirmed
    }

    /// Sets [`Usage::reasoning_inside_confirmed`] (for a usage rebuilt from its parts).
    #[must_use]
    pub fn with_reasoning_inside_confirmed(mut self, confirmed: bool) -> Self {
        self.reasoning_inside_confirmed = confirmed;
        self
    }

    /// Every input token: uncached, cache reads and cache writes. Long-context tiers are
    /// measured on this.
    pub fn total_input(&self) -> u64 {
        self.input_tokens
            .saturating_add(self.cache_read_tokens)
            .saturating_add(self.cache_write_5m_tokens)
            .saturating_add(self.cache_write_1h_tokens)
    }

    /// Every output token: visible output plus reasoning.
    pub fn total_output(&self) -> u64 {
        self.output_tokens.saturating_add(self.reasoning_tokens)
    }

    /// This usage as billed by `provider` (a catalog model's provider). An OpenAI Chat object
    /// read by OpenAI's rule (reasoning inside completion) and priced on an `xai` model is
    /// re-read by xAI's rule: its completion count was the visible output, so the reasoning
    /// tokens are added to it. Not when the object's `total_tokens` showed the reasoning inside.
    /// Any other usage is returned as it is. [`crate::Catalog::cost`] applies this itself; call
    /// it to show the counts a cost was computed from.
    ///
    /// ```
    /// use tokenmeter::{Usage, UsageFormat};
    /// let u = Usage::from_json(r#"{"prompt_tokens": 1000, "completion_tokens": 500,
    ///   "completion_tokens_details": {"reasoning_tokens": 300}}"#)?;
    /// assert_eq!((u.output_tokens, u.reasoning_tokens), (200, 300)); // OpenAI's rule
    /// let grok = u.as_billed_by("xai");
    /// assert_eq!((grok.format, grok.output_tokens, grok.reasoning_tokens), (UsageFormat::Xai, 500, 300));
    /// assert_eq!(u.as_billed_by("openai"), u);
    /// # Ok::<(), tokenmeter::Error>(())
    /// ```
    #[must_use]
    pub fn as_billed_by(&self, provider: &str) -> Usage {
        let mut u = *self;
        if provider.eq_ignore_ascii_case("xai")
            && u.format == UsageFormat::OpenaiChat
            && !u.reasoning_inside_confirmed
            && u.reasoning_tokens > 0
        {
            u.output_tokens = u.output_tokens.saturating_add(u.reasoning_tokens);
            u.format = UsageFormat::Xai;
        }
        u
    }

    /// Reads a provider usage object, or a whole response (or stream event) that contains
    /// one, detecting the provider from its fields.
    ///
    /// # Errors
    /// [`Error::InvalidUsage`] naming the field that is missing, negative, not a whole number
    /// or contradicts another (cached > prompt, hit + miss != prompt, a wrong total), or
    /// saying that no provider's fields were found.
    pub fn from_json(json: &str) -> Result<Usage> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| Error::InvalidUsage { reason: format!("not JSON: {e}") })?;
        Usage::from_value(&value)
    }

    /// [`Usage::from_json`] on a parsed value.
    ///
    /// # Errors
    /// As [`Usage::from_json`].
    pub fn from_value(value: &Value) -> Result<Usage> {
        let (format, obj) = detect(value)?;
        if format == UsageFormat::OpenaiChat && names_xai_model(value) {
            // A Grok response envelope: xAI's rule unless `total_tokens` says otherwise.
            return openai::parse_chat(obj, true);
        }
        parse_as(format, obj)
    }

    /// Reads `json` as the named provider's usage object (or a response containing it),
    /// without detection.
    ///
    /// # Errors
    /// As [`Usage::from_json`].
    pub fn from_json_as(json: &str, format: UsageFormat) -> Result<Usage> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| Error::InvalidUsage { reason: format!("not JSON: {e}") })?;
        let obj = match detect(&value) {
            Ok((_, obj)) => obj,
            Err(_) => value.as_object().ok_or_else(|| invalid("expected a JSON object"))?,
        };
        parse_as(format, obj)
    }
}

fn parse_as(format: UsageFormat, obj: &Map<String, Value>) -> Result<Usage> {
    match format {
        UsageFormat::OpenaiChat => openai::parse_chat(obj, false),
        UsageFormat::Xai => openai::parse_xai(obj),
        UsageFormat::OpenaiResponses => openai::parse_responses(obj),
        UsageFormat::Anthropic => anthropic::parse(obj),
        UsageFormat::Gemini => gemini::parse(obj),
        UsageFormat::Deepseek => deepseek::parse(obj),
        UsageFormat::Plain => parse_plain(obj),
    }
}

/// Whether the response envelope around the usage object (or a stream event's inner response)
/// names an xAI model (`grok-4-0709`, `xai/grok-4`, `x-ai/grok-4`).
fn names_xai_model(value: &Value) -> bool {
    let is_xai = |v: &Value| {
        v.get("model").and_then(Value::as_str).is_some_and(|m| {
            let m = m.to_ascii_lowercase();
            let bare = m.rsplit('/').next().unwrap_or(&m);
            bare.starts_with("grok") || m.starts_with("xai/") || m.starts_with("x-ai/")
        })
    };
    is_xai(value) || ["response", "message"].iter().any(|k| value.get(*k).is_some_and(is_xai))
}

/// Finds the usage object inside `value` and names its provider.
fn detect(value: &Value) -> Result<(UsageFormat, &Map<String, Value>)> {
    let obj = value.as_object().ok_or_else(|| invalid("expected a JSON object"))?;
    if let Some(meta) = obj.get("usageMetadata").or_else(|| obj.get("usage_metadata")) {
        let meta = meta.as_object().ok_or_else(|| invalid("`usageMetadata` is not an object"))?;
        return Ok((UsageFormat::Gemini, meta));
    }
    if let Some(usage) = obj.get("usage").filter(|u| !u.is_null()) {
        let inner = usage.as_object().ok_or_else(|| invalid("`usage` is not an object"))?;
        // The envelope can name the API when the usage fields alone are ambiguous.
        let kind = obj.get("object").and_then(Value::as_str);
        let typ = obj.get("type").and_then(Value::as_str);
        let format = match (kind, typ) {
            (Some("response"), _) => UsageFormat::OpenaiResponses,
            (_, Some("message")) => UsageFormat::Anthropic,
            _ => detect_fields(inner)?,
        };
        return Ok((format, inner));
    }
    // Stream events: Responses `response.completed`, Anthropic `message_start`.
    for key in ["response", "message"] {
        if let Some(inner) = obj.get(key).filter(|v| v.get("usage").is_some()) {
            return detect(inner);
        }
    }
    Ok((detect_fields(obj)?, obj))
}

fn detect_fields(obj: &Map<String, Value>) -> Result<UsageFormat> {
    let has = |k: &str| obj.contains_key(k);
    if has("promptTokenCount")
        || has("candidatesTokenCount")
        || has("totalTokenCount")
        || has("prompt_token_count")
        || has("candidates_token_count")
        || has("total_token_count")
    {
        Ok(UsageFormat::Gemini)
    } else if has("prompt_cache_hit_tokens") || has("prompt_cache_miss_tokens") {
        Ok(UsageFormat::Deepseek)
    } else if has("prompt_tokens") || has("completion_tokens") {
        Ok(UsageFormat::OpenaiChat)
    } else if has("cache_read_tokens")
        || has("cache_write_5m_tokens")
        || has("cache_write_1h_tokens")
        || has("reasoning_tokens")
    {
        Ok(UsageFormat::Plain)
    } else if has("input_tokens_details") || has("output_tokens_details") || has("total_tokens") {
        Ok(UsageFormat::OpenaiResponses)
    } else if has("input_tokens") || has("output_tokens") || has("cache_creation_input_tokens") {
        // Anthropic's `input_tokens` excludes cache tokens; with none present this is also
        // the plain meaning of the two fields.
        Ok(UsageFormat::Anthropic)
    } else {
        Err(invalid(
            "no usage fields found: expected an OpenAI `usage` (prompt_tokens / input_tokens), an Anthropic `usage`, a Gemini `usageMetadata`, or DeepSeek cache hit/miss counts",
        ))
    }
}

fn parse_plain(obj: &Map<String, Value>) -> Result<Usage> {
    let f = Fields::new(obj);
    Ok(Usage {
        input_tokens: f.opt("input_tokens")?.unwrap_or(0),
        cache_read_tokens: f.opt("cache_read_tokens")?.unwrap_or(0),
        cache_write_5m_tokens: f.opt("cache_write_5m_tokens")?.unwrap_or(0),
        cache_write_1h_tokens: f.opt("cache_write_1h_tokens")?.unwrap_or(0),
        output_tokens: f.opt("output_tokens")?.unwrap_or(0),
        reasoning_tokens: f.opt("reasoning_tokens")?.unwrap_or(0),
        format: UsageFormat::Plain,
        ..Usage::default()
    })
}

pub(crate) fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidUsage { reason: reason.into() }
}

/// Reads token counts out of a usage object, naming the field in every error.
pub(crate) struct Fields<'a> {
    obj: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(obj: &'a Map<String, Value>) -> Self {
        Self { obj }
    }

    /// A required count at a dotted path (`prompt_tokens_details.cached_tokens`).
    pub(crate) fn req(&self, path: &str) -> Result<u64> {
        self.opt(path)?.ok_or_else(|| invalid(format!("`{path}` is missing")))
    }

    /// An optional count: `None` when absent or null.
    pub(crate) fn opt(&self, path: &str) -> Result<Option<u64>> {
        let mut parts = path.split('.');
        let mut current: Option<&Value> = parts.next().and_then(|first| self.obj.get(first));
        for part in parts {
            current = match current {
                None | Some(Value::Null) => return Ok(None),
                Some(Value::Object(o)) => o.get(part),
                Some(_) => return Err(invalid(format!("`{path}`: a parent of this field is not an object"))),
            };
        }
        match current {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => {
                if let Some(v) = n.as_u64() {
                    Ok(Some(v))
                } else if n.as_i64().is_some_and(|v| v < 0) || n.as_f64().is_some_and(|v| v < 0.0) {
                    Err(invalid(format!("`{path}` is negative ({n})")))
                } else {
                    Err(invalid(format!("`{path}` must be a whole number of tokens, got {n}")))
                }
            }
            Some(other) => Err(invalid(format!("`{path}` must be a number of tokens, got {other}"))),
        }
    }
}

/// `part` must not exceed `whole`.
pub(crate) fn at_most(part: (&str, u64), whole: (&str, u64)) -> Result<()> {
    if part.1 > whole.1 {
        return Err(invalid(format!(
            "`{}` ({}) is more than `{}` ({}), which includes it",
            part.0, part.1, whole.0, whole.1
        )));
    }
    Ok(())
}

/// A reported total must equal the sum of its parts.
pub(crate) fn total_matches(field: &str, total: Option<u64>, sum: u64, parts: &str) -> Result<()> {
    match total {
        Some(t) if t != sum => Err(invalid(format!("`{field}` ({t}) is not {parts} ({sum})"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        let e = Usage::from_json(json).unwrap_err();
        assert_eq!(e.code(), "INVALID_USAGE", "{e}");
        e.to_string()
    }

    #[test]
    fn detects_every_provider() {
        let cases = [
            (r#"{"prompt_tokens": 3, "completion_tokens": 4}"#, UsageFormat::OpenaiChat),
            (r#"{"input_tokens": 3, "output_tokens": 4, "total_tokens": 7}"#, UsageFormat::OpenaiResponses),
            (r#"{"object": "response", "usage": {"input_tokens": 3, "output_tokens": 4}}"#, UsageFormat::OpenaiResponses),
            (r#"{"type": "response.completed", "response": {"object": "response", "usage": {"input_tokens": 3, "output_tokens": 4, "total_tokens": 7}}}"#, UsageFormat::OpenaiResponses),
            (r#"{"input_tokens": 3, "output_tokens": 4, "cache_read_input_tokens": 0}"#, UsageFormat::Anthropic),
            (r#"{"type": "message", "usage": {"input_tokens": 3, "output_tokens": 4}}"#, UsageFormat::Anthropic),
            (r#"{"type": "message_start", "message": {"type": "message", "usage": {"input_tokens": 3, "output_tokens": 1}}}"#, UsageFormat::Anthropic),
            (r#"{"usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 4, "totalTokenCount": 7}}"#, UsageFormat::Gemini),
            (r#"{"prompt_tokens": 3, "completion_tokens": 4, "prompt_cache_hit_tokens": 1, "prompt_cache_miss_tokens": 2}"#, UsageFormat::Deepseek),
            (r#"{"input_tokens": 3, "cache_read_tokens": 4}"#, UsageFormat::Plain),
        ];
        for (json, want) in cases {
            assert_eq!(Usage::from_json(json).unwrap().format, want, "{json}");
        }
    }

    #[test]
    fn rejects_bad_numbers_naming_the_field() {
        assert!(err(r#"{"prompt_tokens": -5, "completion_tokens": 1}"#).contains("`prompt_tokens` is negative"));
        assert!(err(r#"{"prompt_tokens": 5.5, "completion_tokens": 1}"#).contains("`prompt_tokens` must be a whole number"));
        assert!(err(r#"{"prompt_tokens": "5", "completion_tokens": 1}"#).contains("`prompt_tokens` must be a number"));
        assert!(err(r#"{"completion_tokens": 1}"#).contains("`prompt_tokens` is missing"));
        assert!(err(r#"{"hello": 1}"#).contains("no usage fields"));
        assert!(err("[1]").contains("expected a JSON object"));
        assert!(err("{").contains("not JSON"));
    }

    #[test]
    fn plain_round_trips_through_serde() {
        let u = Usage::new(10, 20).with_cache_read(5).with_cache_writes(1, 2).with_reasoning(7);
        let json = serde_json::to_string(&u).unwrap();
        assert_eq!(Usage::from_json(&json).unwrap(), u);
        assert_eq!(u.total_input(), 18);
        assert_eq!(u.total_output(), 27);
    }
}
