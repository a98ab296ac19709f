//! `Tokenizer`: counts, encodes and decodes; the core's `Tokenizer` as a uniffi object.

use std::sync::Arc;

use crate::chat::{ChatCount, Message, Tool, to_core};
use crate::error::{Result, guard, to_u64, to_usize};
use crate::model::ChatFormat;

/// Counts, encodes and decodes text for one tokenizer. Immutable and thread-safe: share one
/// instance across threads; clones share the loaded tables.
#[derive(Debug, uniffi::Object)]
pub struct Tokenizer {
    pub(crate) inner: tokenmeter::Tokenizer,
}

impl Tokenizer {
    pub(crate) fn wrap(inner: tokenmeter::Tokenizer) -> Arc<Self> {
        Arc::new(Self { inner })
    }
}

/// Empties the calling thread's cache of merged pieces, so the counts that follow are cold.
/// Counting remembers, per thread and encoding, each piece it had to merge (at most 32,768
/// pieces and 1.5 MB, emptied when full); answers never depend on it. For timing cold counts.
#[uniffi::export]
pub fn clear_thread_cache() {
    tokenmeter::Tokenizer::clear_thread_cache();
}

/// The result of `Tokenizer.countUpTo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CountUpTo {
    /// The exact count when `exceeded` is false; otherwise a lower bound already above the limit.
    pub tokens: u64,
    /// Whether the text has more tokens than the limit.
    pub exceeded: bool,
}

/// How far a count can be from the provider's own count.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct Accuracy {
    /// True when counts are the provider's own tokenizer's counts.
    pub exact: bool,
    /// The largest relative error measured for this tokenizer (0 when exact).
    pub relative_error: f64,
}

#[uniffi::export]
impl Tokenizer {
    /// A bundled tiktoken encoding by name: `o200k_base`, `o200k_harmony`, `cl100k_base`,
    /// `p50k_base`, `p50k_edit`, `r50k_base`. The tables load on first use.
    #[uniffi::constructor]
    pub fn from_encoding(name: String) -> Result<Arc<Self>> {
        guard(|| Ok(Self::wrap(tokenmeter::Tokenizer::from_encoding_name(&name)?)))
    }

    /// A calibrated estimate for a provider whose tokenizer is not public (`anthropic`,
    /// `gemini`, ...): counts are inexact, with the error bound in `accuracy()`.
    #[uniffi::constructor]
    pub fn estimate(profile: String) -> Result<Arc<Self>> {
        guard(|| Ok(Self::wrap(tokenmeter::Tokenizer::estimate(&profile)?)))
    }

    /// This tokenizer, treating special-token text such as `<|endoftext|>` as the special token
    /// (`true`) or as ordinary text (`false`, the default).
    pub fn with_allow_special(&self, allow: bool) -> Arc<Self> {
        Self::wrap(self.inner.clone().allow_special(allow))
    }

    /// Whether special-token text is parsed as special tokens.
    pub fn allows_special(&self) -> bool {
        self.inner.allows_special()
    }

    /// A short name: the encoding name, the `tokenizer.json` source, or `estimate:<profile>`.
    pub fn name(&self) -> String {
        self.inner.name()
    }

    /// The tiktoken encoding behind this tokenizer, if it is one.
    pub fn encoding(&self) -> Option<String> {
        self.inner.encoding().map(|e| e.as_str().to_string())
    }

    /// Whether counts are the provider's own (false for estimates).
    pub fn is_exact(&self) -> bool {
        self.inner.is_exact()
    }

    /// How close counts are to the provider's own count.
    pub fn accuracy(&self) -> Accuracy {
        let a = self.inner.accuracy();
        Accuracy { exact: a.exact, relative_error: a.relative_error }
    }

    /// The number of tokens in `text`.
    pub fn count(&self, text: String) -> Result<u64> {
        guard(|| Ok(to_u64(self.inner.count(&text)?)))
    }

    /// Counts `text` but stops once more than `limit` tokens are seen.
    pub fn count_up_to(&self, text: String, limit: u64) -> Result<CountUpTo> {
        guard(|| {
            let c = self.inner.count_up_to(&text, to_usize(limit))?;
            Ok(CountUpTo { tokens: to_u64(c.tokens), exceeded: c.exceeded })
        })
    }

    /// The token ids of `text`.
    pub fn encode(&self, text: String) -> Result<Vec<u32>> {
        guard(|| Ok(self.inner.encode(&text)?))
    }

    /// The text of `tokens`; bytes that are not valid UTF-8 become U+FFFD.
    pub fn decode(&self, tokens: Vec<u32>) -> Result<String> {
        guard(|| Ok(self.inner.decode(&tokens)?))
    }

    /// Counts many texts in parallel; the result is in input order.
    pub fn count_batch(&self, texts: Vec<String>) -> Result<Vec<u64>> {
        guard(|| Ok(self.inner.count_batch(&texts)?.into_iter().map(to_u64).collect()))
    }

    /// The prompt tokens of `messages` plus `tools` with `format` framing.
    pub fn count_chat(
        &self,
        format: ChatFormat,
        messages: Vec<Message>,
        tools: Vec<Tool>,
    ) -> Result<ChatCount> {
        guard(|| {
            let (messages, tools) = to_core(messages, tools)?;
            Ok(tokenmeter::count_chat(&self.inner, format.into(), &messages, &tools)?.into())
        })
    }

    /// The tokens that tool definitions add to a request.
    pub fn count_tools(&self, tools: Vec<Tool>) -> Result<u64> {
        guard(|| {
            let (_, tools) = to_core(Vec::new(), tools)?;
            Ok(to_u64(tokenmeter::count_tools(&self.inner, &tools)?))
        })
    }
}

/// Hugging Face `tokenizer.json` support (cargo feature `huggingface`, on by default).
#[cfg(feature = "huggingface")]
#[uniffi::export]
impl Tokenizer {
    /// A Hugging Face tokenizer from the bytes of a `tokenizer.json` (for example an app asset).
    #[uniffi::constructor]
    pub fn from_hf_bytes(bytes: Vec<u8>) -> Result<Arc<Self>> {
        guard(|| Ok(Self::wrap(tokenmeter::Tokenizer::from_hf_bytes(&bytes)?)))
    }

    /// A Hugging Face tokenizer from a `tokenizer.json` file.
    #[uniffi::constructor]
    pub fn from_hf_file(path: String) -> Result<Arc<Self>> {
        guard(|| Ok(Self::wrap(tokenmeter::Tokenizer::from_hf_file(&path)?)))
    }
}
