//! `Redactor`: replaces personal data with stable placeholders, reversibly.

use napi_derive::napi;

use crate::error::{OrThrow, Result, invalid};
use crate::number::to_number;
use crate::tokenizer::JsTokenizer;

/// One replaced value and its placeholder.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Redaction {
    /// e.g. `<EMAIL_1>`.
    pub placeholder: String,
    /// `EMAIL`, `PHONE`, `CARD`, `IP`, `IBAN`, or a caller's label.
    pub kind: String,
    /// The original text.
    pub value: String,
}

/// A caller pattern: matches become `<LABEL_n>`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RedactPattern {
    /// Letters, digits and `_`, starting with a letter (upper-cased).
    pub label: String,
    /// A regular expression (Rust `regex` syntax).
    pub pattern: String,
}

/// Options of `new Redactor()`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct RedactorOptions {
    pub patterns: Option<Vec<RedactPattern>>,
}

/// The result of `redact` and `run`.
#[napi(object)]
#[derive(Debug)]
pub struct Redacted {
    /// The text with placeholders.
    pub text: String,
    /// Every placeholder used so far (pass it back to keep placeholders stable across messages,
    /// and to `restore`).
    pub mapping: Vec<Redaction>,
    /// Spans replaced in this text.
    pub replaced: f64,
    /// Tokens of the input (`run` only).
    pub tokens_before: Option<f64>,
    /// Tokens of the output (`run` only).
    pub tokens_after: Option<f64>,
    /// Tokens saved (0 when not counted or when placeholders cost more).
    pub tokens_saved: f64,
}

impl From<tokenmeter::Redacted> for Redacted {
    fn from(r: tokenmeter::Redacted) -> Self {
        let tokens_saved = to_number(r.tokens_saved());
        Self {
            mapping: r.mapping.entries().iter().map(Into::into).collect(),
            text: r.text,
            replaced: to_number(r.replaced),
            tokens_before: r.tokens_before.map(to_number),
            tokens_after: r.tokens_after.map(to_number),
            tokens_saved,
        }
    }
}

impl From<&tokenmeter::Redaction> for Redaction {
    fn from(r: &tokenmeter::Redaction) -> Self {
        Self {
            placeholder: r.placeholder.clone(),
            kind: r.kind.clone(),
            value: r.value.clone(),
        }
    }
}

/// A JS mapping as the core's map (its serde form is the list of entries).
fn to_map(mapping: Option<Vec<Redaction>>) -> Result<tokenmeter::RedactionMap> {
    let entries: Vec<tokenmeter::Redaction> = mapping
        .unwrap_or_default()
        .into_iter()
        .map(|r| tokenmeter::Redaction {
            placeholder: r.placeholder,
            kind: r.kind,
            value: r.value,
        })
        .collect();
    serde_json::to_value(entries)
        .and_then(serde_json::from_value)
        .map_err(|e| invalid(format!("redaction map: {e}")))
}

/// Finds personal data (emails, phones, Luhn-valid cards, IPs, IBANs, caller patterns) and
/// replaces it with placeholders such as `<EMAIL_1>`.
#[napi(js_name = "Redactor")]
#[derive(Debug, Clone)]
pub struct JsRedactor {
    inner: tokenmeter::Redactor,
}

#[napi]
impl JsRedactor {
    /// Every built-in detector plus the caller's patterns.
    ///
    /// @throws {Error} `TOKENMETER_INVALID_INPUT` for a bad label or pattern.
    #[napi(constructor, catch_unwind)]
    pub fn new(options: Option<RedactorOptions>) -> Result<Self> {
        let mut inner = tokenmeter::Redactor::new();
        for p in options.unwrap_or_default().patterns.unwrap_or_default() {
            inner = inner.with_pattern(&p.label, &p.pattern).or_throw()?;
        }
        Ok(Self { inner })
    }

    /// Replaces personal data in `text`, extending `mapping` (from an earlier call) so a value
    /// keeps its placeholder across messages.
    #[napi(catch_unwind)]
    pub fn redact(&self, text: String, mapping: Option<Vec<Redaction>>) -> Result<Redacted> {
        Ok(self.inner.redact_with(&text, to_map(mapping)?).into())
    }

    /// As `redact`, also counting tokens before and after with `tokenizer`.
    #[napi(catch_unwind)]
    pub fn run(
        &self,
        #[napi(ts_arg_type = "Tokenizer")] tokenizer: &JsTokenizer,
        text: String,
        mapping: Option<Vec<Redaction>>,
    ) -> Result<Redacted> {
        Ok(self
            .inner
            .run(&tokenizer.inner, &text, to_map(mapping)?)
            .or_throw()?
            .into())
    }

    /// `text` (a model's reply, say) with every known placeholder replaced by its value.
    #[napi(catch_unwind)]
    pub fn restore(text: String, mapping: Vec<Redaction>) -> Result<String> {
        Ok(to_map(Some(mapping))?.restore(&text))
    }
}
