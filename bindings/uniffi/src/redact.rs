//! `Redactor` and `RedactionMap`: reversible pseudonymization of personal data.

use std::sync::Arc;

use crate::error::{Result, guard, to_u64};
use crate::tokenizer::Tokenizer;

/// One value that was replaced, and its placeholder.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Redaction {
    /// e.g. `<EMAIL_1>`.
    pub placeholder: String,
    /// `EMAIL`, `PHONE`, `CARD`, `IP`, `IBAN`, or a caller's label.
    pub kind: String,
    /// The original text.
    pub value: String,
}

/// Placeholders and the values they stand for. Pass it back to `redact` so that a value seen
/// in an earlier message keeps its placeholder; `restore` puts the values back.
#[derive(Debug, uniffi::Object)]
pub struct RedactionMap {
    inner: tokenmeter::RedactionMap,
}

#[uniffi::export]
impl RedactionMap {
    /// An empty map.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self { inner: tokenmeter::RedactionMap::new() })
    }

    /// A map from JSON: the list of entries, or an object holding it under `mapping`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        guard(|| Ok(Arc::new(Self { inner: tokenmeter::RedactionMap::from_json(&json)? })))
    }

    /// The entries, in order of first appearance.
    pub fn entries(&self) -> Vec<Redaction> {
        self.inner
            .entries()
            .iter()
            .map(|e| Redaction {
                placeholder: e.placeholder.clone(),
                kind: e.kind.clone(),
                value: e.value.clone(),
            })
            .collect()
    }

    /// `text` with every placeholder of this map replaced by its original value.
    pub fn restore(&self, text: String) -> String {
        self.inner.restore(&text)
    }
}

/// The result of `Redactor.redact`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Redacted {
    /// The text with placeholders.
    pub text: String,
    /// Every placeholder used so far (including those of a map passed in).
    pub mapping: Arc<RedactionMap>,
    /// How many spans were replaced in this text.
    pub replaced: u64,
    /// Tokens of the input and of the output, when counted (`Redactor.run`).
    pub tokens_before: Option<u64>,
    pub tokens_after: Option<u64>,
}

impl From<tokenmeter::Redacted> for Redacted {
    fn from(r: tokenmeter::Redacted) -> Self {
        Self {
            text: r.text,
            mapping: Arc::new(RedactionMap { inner: r.mapping }),
            replaced: to_u64(r.replaced),
            tokens_before: r.tokens_before.map(to_u64),
            tokens_after: r.tokens_after.map(to_u64),
        }
    }
}

/// Finds personal data (emails, phones, cards, IPs, IBANs, caller patterns) and replaces it
/// with stable placeholders. Immutable and thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Redactor {
    inner: tokenmeter::Redactor,
}

#[uniffi::export]
impl Redactor {
    /// A redactor with every built-in detector and no caller patterns.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self { inner: tokenmeter::Redactor::new() })
    }

    /// This redactor plus a caller pattern whose matches become `<LABEL_n>`.
    pub fn with_pattern(&self, label: String, pattern: String) -> Result<Arc<Self>> {
        guard(|| Ok(Arc::new(Self { inner: self.inner.clone().with_pattern(&label, &pattern)? })))
    }

    /// Replaces personal data in `text`, extending `mapping` (a new map when null).
    #[uniffi::method(default(mapping = None))]
    pub fn redact(&self, text: String, mapping: Option<Arc<RedactionMap>>) -> Result<Redacted> {
        guard(|| {
            let mapping = mapping.map(|m| m.inner.clone()).unwrap_or_default();
            Ok(self.inner.redact_with(&text, mapping).into())
        })
    }

    /// As `redact`, also counting the tokens before and after with `tokenizer`.
    #[uniffi::method(default(mapping = None))]
    pub fn run(
        &self,
        tokenizer: &Arc<Tokenizer>,
        text: String,
        mapping: Option<Arc<RedactionMap>>,
    ) -> Result<Redacted> {
        guard(|| {
            let mapping = mapping.map(|m| m.inner.clone()).unwrap_or_default();
            Ok(self.inner.run(&tokenizer.inner, &text, mapping)?.into())
        })
    }
}
